/** Chapter 1, document control (version, authors, change log), and chapter 2, vision and principles. */
import type { Manifest } from '../../model/types.js';
import { blocks, type ReportContext, type SectionDraft } from '../context.js';
import type { ChangeEntry, DocumentMeta } from '../types.js';
import { joinText, list } from './refs.js';

/** The cover and header data of the document. `date` overrides the cover date (ISO `YYYY-MM-DD`). */
export function documentMeta(ctx: ReportContext, date?: string): DocumentMeta {
  const m: Manifest = ctx.manifest;
  const doc = m.document ?? {};
  const changelog: ChangeEntry[] = (doc.changelog ?? []).map((c) => ({
    version: String(c.version ?? ''),
    date: String(c.date ?? ''),
    author: c.author ?? '',
    summary: c.summary ?? '',
  }));
  const version = String(doc.version ?? changelog[0]?.version ?? '');
  const logged = changelog.find((c) => c.version === version && c.date !== '')?.date;
  const meta: DocumentMeta = {
    title: doc.title ?? ctx.t('ui.defaultTitle'),
    version,
    date: date ?? logged ?? new Date().toISOString().slice(0, 10),
    authors: doc.authors ?? [],
    changelog,
    enterprise: { name: m.enterprise?.name ?? '' },
  };
  const description = ctx.paragraph(m.enterprise?.description);
  if (description) meta.enterprise.description = description;
  return meta;
}

/** Chapter 1: document control. */
export function buildControl(ctx: ReportContext, meta: DocumentMeta): SectionDraft[] {
  const info: [string, string][] = [
    [ctx.t('col.enterprise'), meta.enterprise.name],
    [ctx.t('col.title'), meta.title],
    [ctx.t('col.version'), meta.version],
    [ctx.t('col.date'), meta.date],
    [ctx.t('col.authors'), meta.authors.join(', ')],
  ];
  const infoRows = info
    .filter(([, v]) => v !== '')
    .map(([k, v]) => ({ cells: [ctx.text(k), ctx.text(v)] }));
  const changeRows = meta.changelog.map((c) => ({
    cells: [ctx.code(c.version), ctx.text(c.date), ctx.text(c.author), ctx.text(c.summary)],
  }));
  return [
    {
      id: 'info',
      title: ctx.t('sec.docInfo'),
      blocks: blocks(
        ctx.table(ctx.t('tab.docInfo'), [ctx.t('col.field'), ctx.t('col.content')], infoRows),
      ),
    },
    {
      id: 'changelog',
      title: ctx.t('sec.changelog'),
      blocks: blocks(
        ctx.table(
          ctx.t('tab.changelog'),
          [ctx.t('col.version'), ctx.t('col.date'), ctx.t('col.author'), ctx.t('col.summary')],
          changeRows,
        ),
      ),
    },
  ];
}

/** Chapter 2: architecture vision (the enterprise) and principles. */
export function buildVision(ctx: ReportContext, meta: DocumentMeta): SectionDraft[] {
  const principles = ctx.model.planning?.principles ?? [];
  const rows = principles.map((p) =>
    ctx.row('principle', p.id, [
      ctx.code(p.id),
      ctx.text(p.name ?? p.id),
      ctx.plain(p.statement ?? p.description),
      ctx.plain(p.rationale),
      ctx.plain(joinText(list(p.implications), '; ')),
    ]),
  );
  return [
    { id: 'enterprise', title: ctx.t('sec.vision'), blocks: blocks(meta.enterprise.description) },
    {
      id: 'principles',
      title: ctx.t('sec.principles'),
      blocks: blocks(
        ctx.table(
          ctx.t('tab.principles'),
          [
            ctx.t('col.id'),
            ctx.t('col.name'),
            ctx.t('col.statement'),
            ctx.t('col.rationale'),
            ctx.t('col.implications'),
          ],
          rows,
        ),
      ),
    },
  ];
}
