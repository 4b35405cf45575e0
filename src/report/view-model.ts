/**
 * Builds the `ReportViewModel` from the model graph: runs one builder per chapter, leaves out
 * empty sections and chapters, numbers chapters, sections, figures and tables, checks every
 * in-document link against the anchors that exist, and collects the TOC and search index. Pure.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { DiagramSpec, Lang } from '../diagrams/types.js';
import { label, labelsWithPrefix } from '../i18n/labels.js';
import type { ModelGraph } from '../model/graph.js';
import type { Manifest } from '../model/types.js';
import { buildAppendix } from './chapters/appendix.js';
import { buildApplication } from './chapters/application.js';
import { buildBusiness } from './chapters/business.js';
import { buildControl, buildVision, documentMeta } from './chapters/control.js';
import { buildData } from './chapters/data.js';
import { buildDomain } from './chapters/domain.js';
import { buildGap } from './chapters/gap.js';
import { buildSoa } from './chapters/soa.js';
import { buildTechnology } from './chapters/technology.js';
import { figureAnchorId, ReportContext, type BlockDraft, type SectionDraft } from './context.js';
import { buildRegistry } from './registry.js';
import { finishLinks } from './finish.js';
import type { Block, Chapter, ChapterId, ReportViewModel, Section } from './types.js';

/** Inputs of `buildViewModel`. */
export interface ViewModelOptions {
  lang: Lang;
  manifest: Manifest;
  /** The validation findings printed in the appendix. */
  diagnostics: readonly Diagnostic[];
  /** Every diagram to place; each goes to the chapter of its `kind`. */
  diagrams: readonly DiagramSpec[];
  /** Cover date (ISO `YYYY-MM-DD`); defaults to the change-log date of the current version, else today. */
  date?: string;
}

/** Builds the complete, numbered view model of the architecture document. */
export function buildViewModel(graph: ModelGraph, options: ViewModelOptions): ReportViewModel {
  const registry = buildRegistry(graph.model);
  const ctx = new ReportContext(
    graph.model,
    options.lang,
    registry,
    options.diagrams,
    options.manifest,
    options.diagnostics,
  );
  const meta = documentMeta(ctx, options.date);
  const builders: [ChapterId, () => SectionDraft[]][] = [
    ['control', () => buildControl(ctx, meta)],
    ['vision', () => buildVision(ctx, meta)],
    ['business', () => buildBusiness(ctx)],
    ['application', () => buildApplication(ctx)],
    ['soa', () => buildSoa(ctx)],
    ['data', () => buildData(ctx)],
    ['technology', () => buildTechnology(ctx)],
    ['domain', () => buildDomain(ctx)],
    ['gap', () => buildGap(ctx)],
    ['appendix', () => buildAppendix(ctx)],
  ];
  const chapters: Chapter[] = [];
  for (const [id, build] of builders) {
    const drafts = build()
      .map(prune)
      .filter((s): s is SectionDraft => s !== undefined);
    if (drafts.length === 0) continue;
    const number = id === 'appendix' ? 'A' : String(chapters.length + 1);
    chapters.push(numberChapter(id, number, label(options.lang, `ch.${id}`), drafts));
  }
  const vm: ReportViewModel = {
    lang: options.lang,
    meta,
    ui: labelsWithPrefix(options.lang, 'ui.'),
    chapters,
    toc: chapters.map((c) => ({
      number: c.number,
      title: c.title,
      anchor: c.anchor,
      level: 1,
      children: c.sections.map((s) => ({
        number: s.number,
        title: s.title,
        anchor: s.anchor,
        level: 2,
        children: [],
      })),
    })),
    figures: [],
    tables: [],
    searchIndex: [],
  };
  finishLinks(vm, (kind) => label(options.lang, `kind.${kind}`));
  return vm;
}

/** Drops empty subsections; the section itself when nothing is left. */
function prune(s: SectionDraft): SectionDraft | undefined {
  const subsections = (s.subsections ?? [])
    .map(prune)
    .filter((x): x is SectionDraft => x !== undefined);
  if (s.blocks.length === 0 && subsections.length === 0) return undefined;
  return { ...s, subsections };
}

const safeId = (s: string): string => s.replace(/[^\p{L}\p{N}._-]+/gu, '-');

function numberChapter(
  id: ChapterId,
  number: string,
  title: string,
  drafts: SectionDraft[],
): Chapter {
  const counters = { table: 0, figure: 0 };
  const numberBlock = (b: BlockDraft): Block => {
    if (b.type === 'table') {
      const n = `${number}-${++counters.table}`;
      return { ...b, number: n, anchor: `tab-${n}` };
    }
    if (b.type === 'figure') {
      return {
        ...b,
        number: `${number}-${++counters.figure}`,
        anchor: `fig-${figureAnchorId(b.diagramId)}`,
      };
    }
    return b;
  };
  const numberSection = (d: SectionDraft, num: string, parent: string): Section => {
    const anchor = `${parent}-${safeId(d.id)}`;
    return {
      id: d.id,
      number: num,
      title: d.title,
      anchor,
      blocks: d.blocks.map(numberBlock),
      subsections: (d.subsections ?? []).map((s, i) => numberSection(s, `${num}.${i + 1}`, anchor)),
    };
  };
  return {
    id,
    number,
    title,
    anchor: `ch-${id}`,
    sections: drafts.map((d, i) => numberSection(d, `${number}.${i + 1}`, `sec-${id}`)),
  };
}
