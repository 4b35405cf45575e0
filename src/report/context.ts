/**
 * What every chapter builder works with: the model, the element registry, labels in the document
 * language, cell and link factories, and the pool of diagrams to place. Builders return drafts
 * (sections with unnumbered blocks); `buildViewModel` numbers them and drops empty ones.
 */
import type { DiagramKind, DiagramSpec, Lang } from '../diagrams/types.js';
import { label, type LabelKey } from '../i18n/labels.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Manifest, Model } from '../model/types.js';
import { markdownToHtml, markdownToPlain, markdownToSafeMarkdown } from './markdown-text.js';
import type { ElementInfo, Registry } from './registry.js';
import type {
  Cell,
  ElementKind,
  FigureBlock,
  HeaderCell,
  Link,
  ParagraphBlock,
  Row,
  TableBlock,
} from './types.js';

/** A table before numbering. */
export type TableDraft = Omit<TableBlock, 'number' | 'anchor'>;
/** A figure before numbering. */
export type FigureDraft = Omit<FigureBlock, 'number' | 'anchor'>;
/** A block before numbering. */
export type BlockDraft = ParagraphBlock | TableDraft | FigureDraft;

/** A section as a chapter builder returns it. */
export interface SectionDraft {
  id: string;
  title: string;
  blocks: BlockDraft[];
  subsections?: SectionDraft[];
}

/** Options of a table draft. */
export interface TableOptions {
  /** Default: at least `WIDE_COLUMNS` columns. */
  wide?: boolean;
  matrix?: boolean;
  note?: string;
}

/** The builder context (one per document). */
export class ReportContext {
  private readonly taken = new Set<string>();
  /** Diagrams by kind, in the order given. */
  private readonly diagrams = new Map<DiagramKind, DiagramSpec[]>();

  constructor(
    readonly model: Model,
    readonly lang: Lang,
    readonly registry: Registry,
    diagrams: readonly DiagramSpec[],
    readonly manifest: Manifest,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    for (const d of diagrams) this.diagrams.set(d.kind, [...(this.diagrams.get(d.kind) ?? []), d]);
  }

  /** A label in the document language. */
  t(key: LabelKey, vars?: Record<string, string | number>): string {
    return label(this.lang, key, vars);
  }

  /** The registered element, if any. */
  element(kind: ElementKind, id: string): ElementInfo | undefined {
    return this.registry.byKind.get(kind)?.get(id);
  }

  /** A link to an element, or undefined when the model has no such element. */
  ref(kind: ElementKind, id: string): Link | undefined {
    const el = this.element(kind, id);
    if (!el) return undefined;
    const text = kind === 'app' && el.name !== id ? `${id} ${el.name}` : el.name;
    return { text, href: `#${el.anchor}`, title: `${this.t(`kind.${kind}`)} ${id}` };
  }

  /** A cell linking to an element (plain text with the id when it does not exist). */
  link(kind: ElementKind, id: string | undefined): Cell {
    if (id === undefined || id === '') return this.text('');
    const ref = this.ref(kind, id);
    return ref ? { kind: 'link', link: ref } : this.code(id);
  }

  /** A cell listing links; ids that resolve to nothing appear as plain links-free text entries. */
  links(refs: readonly (Link | string)[]): Cell {
    const links = refs.map((r) => (typeof r === 'string' ? { text: r, href: '' } : r));
    return { kind: 'links', links: dedupe(links) };
  }

  /** Links to elements of one kind. */
  linksTo(kind: ElementKind, ids: readonly string[] | undefined): Cell {
    return this.links((ids ?? []).map((id) => this.ref(kind, id) ?? id));
  }

  /** A plain-text cell. Markdown descriptions go through `plain()` first. */
  text(text: string | number | undefined | null): Cell {
    return { kind: 'text', text: text === undefined || text === null ? '' : String(text) };
  }

  /** A monospace cell for ids and codes. */
  code(text: string | undefined): Cell {
    return { kind: 'text', text: text ?? '', code: true };
  }

  /** A right-aligned number cell ('' for undefined). */
  num(n: number | undefined, highlight = false): Cell {
    const cell: Cell = { kind: 'text', text: n === undefined ? '' : String(n), num: true };
    return highlight ? { ...cell, highlight } : cell;
  }

  /** Markdown description → one-line plain text for a table cell. */
  plain(markdown: string | undefined): Cell {
    return this.text(markdown ? markdownToPlain(markdown) : '');
  }

  /** The lifecycle of an element in the document language. */
  lifecycle(value: string | undefined): Cell {
    const lc = value ?? 'current';
    return this.text(
      ['current', 'planned', 'retiring', 'retired'].includes(lc)
        ? this.t(`lc.${lc}` as LabelKey)
        : lc,
    );
  }

  /** A Markdown paragraph block, or undefined for empty text. */
  paragraph(markdown: string | undefined): ParagraphBlock | undefined {
    if (!markdown || markdown.trim() === '') return undefined;
    return {
      type: 'paragraph',
      html: markdownToHtml(markdown),
      markdown: markdownToSafeMarkdown(markdown),
    };
  }

  /** A table draft, or undefined when it has no rows (empty tables are left out). */
  table(
    caption: string,
    headers: (string | HeaderCell)[],
    rows: Row[],
    options: TableOptions = {},
  ): TableDraft | undefined {
    if (rows.length === 0) return undefined;
    let hs = headers.map((h) => (typeof h === 'string' ? { text: h } : h));
    let body = rows;
    if (!options.matrix) {
      // A column no row fills (say, descriptions nobody wrote) is left out like an empty section.
      const keep = hs.map((_, i) => i === 0 || rows.some((r) => !isEmptyCell(r.cells[i])));
      hs = hs.filter((_, i) => keep[i]);
      body = rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => keep[i]) }));
    }
    const wide = options.wide ?? hs.length >= WIDE_COLUMNS;
    return { type: 'table', caption, headers: hs, rows: body, ...options, wide };
  }

  /** A row that is the canonical place of an element (it carries the element's anchor). */
  row(kind: ElementKind, id: string, cells: Cell[], highlight = false): Row {
    const el = this.element(kind, id);
    const row: Row = { cells };
    if (el) row.element = { kind, id, name: el.name, anchor: el.anchor };
    if (highlight) row.highlight = true;
    return row;
  }

  /** Every figure not placed by a chapter yet (diagram kinds no chapter knows); marks them placed. */
  unplacedFigures(): FigureDraft[] {
    return [...this.diagrams.keys()].flatMap((kind) => this.figures(kind));
  }

  /** Figures of a diagram kind (and subject, when given) not placed yet; marks them placed. */
  figures(kind: DiagramKind, subject?: string): FigureDraft[] {
    const out: FigureDraft[] = [];
    for (const d of this.diagrams.get(kind) ?? []) {
      if (this.taken.has(d.id)) continue;
      if (subject !== undefined && d.subject !== subject) continue;
      this.taken.add(d.id);
      out.push({
        type: 'figure',
        diagramId: d.id,
        diagramKind: d.kind,
        title: d.title,
        parts: (d.links ?? []).map((l) => ({
          text: l.title,
          href: `#fig-${figureAnchorId(l.id)}`,
        })),
        summarised: d.summarised === true,
      });
    }
    return out;
  }
}

/** The part of a figure anchor after `fig-`, made safe for an HTML id. */
export function figureAnchorId(diagramId: string): string {
  return diagramId.replace(/[^\p{L}\p{N}._-]+/gu, '-');
}

/** Tables with at least this many columns are drawn in the smaller "wide" face. */
export const WIDE_COLUMNS = 8;

function isEmptyCell(cell: Cell | undefined): boolean {
  if (!cell) return true;
  if (cell.kind === 'text') return cell.text.trim() === '';
  return cell.kind === 'links' && cell.links.length === 0;
}

function dedupe(links: Link[]): Link[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.href}\u0000${l.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Drops undefined entries (tables and paragraphs that turned out empty). */
export function blocks(...items: (BlockDraft | undefined)[]): BlockDraft[] {
  return items.filter((b): b is BlockDraft => b !== undefined);
}
