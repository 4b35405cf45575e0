/**
 * Chapter 9, gap analysis and roadmap: baseline vs target per architecture domain (baseline = all
 * but `planned`, target = all but `retiring`/`retired`; the gap is what is added and removed per
 * kind), the roadmap phases with their work items, and the decisions.
 */
import { blocks, type ReportContext, type SectionDraft } from '../context.js';
import type { ElementKind, Link } from '../types.js';
import { anyRef, joinText } from './refs.js';

/** The kinds compared, per TOGAF domain. */
export const GAP_DOMAINS: readonly {
  domain: 'business' | 'application' | 'data' | 'technology';
  kinds: ElementKind[];
}[] = [
  { domain: 'business', kinds: ['party', 'org', 'process', 'role', 'module'] },
  { domain: 'application', kinds: ['line', 'subsystem', 'logic', 'app', 'ext', 'center'] },
  { domain: 'data', kinds: ['category', 'entity', 'db', 'sm'] },
  { domain: 'technology', kinds: ['region', 'dc', 'network', 'cluster', 'domain'] },
];

/** Counts and differences of one kind between baseline and target. */
export interface GapRow {
  domain: string;
  kind: ElementKind;
  baseline: number;
  target: number;
  added: Link[];
  removed: Link[];
}

/** The gap per kind (kinds without elements are left out). */
export function gapRows(ctx: ReportContext): GapRow[] {
  const out: GapRow[] = [];
  for (const { domain, kinds } of GAP_DOMAINS) {
    for (const kind of kinds) {
      const all = [...(ctx.registry.byKind.get(kind)?.values() ?? [])];
      if (all.length === 0) continue;
      const inBaseline = all.filter((e) => e.lifecycle !== 'planned');
      const inTarget = all.filter((e) => e.lifecycle !== 'retiring' && e.lifecycle !== 'retired');
      const link = (id: string): Link => ctx.ref(kind, id) ?? { text: id, href: '' };
      out.push({
        domain,
        kind,
        baseline: inBaseline.length,
        target: inTarget.length,
        // In target but not in baseline = planned; in baseline but not in target = retiring/retired.
        added: all.filter((e) => e.lifecycle === 'planned').map((e) => link(e.id)),
        removed: all
          .filter((e) => e.lifecycle === 'retiring' || e.lifecycle === 'retired')
          .map((e) => link(e.id)),
      });
    }
  }
  return out;
}

/** Builds chapter 9. */
export function buildGap(ctx: ReportContext): SectionDraft[] {
  const gap = gapRows(ctx).map((g) => ({
    cells: [
      ctx.text(ctx.t(`dom.${g.domain}` as 'dom.business')),
      ctx.text(ctx.t(`kind.${g.kind}`)),
      ctx.num(g.baseline),
      ctx.num(g.target),
      ctx.links(g.added),
      ctx.links(g.removed),
    ],
    ...(g.added.length + g.removed.length > 0 ? { highlight: true } : {}),
  }));
  const gapHeaders = [
    ctx.t('col.domain'),
    ctx.t('col.element'),
    { text: ctx.t('col.baseline'), num: true },
    { text: ctx.t('col.targetCount'), num: true },
    ctx.t('col.added'),
    ctx.t('col.removed'),
  ];
  return [
    {
      id: 'gap',
      title: ctx.t('sec.gap'),
      blocks: blocks(ctx.table(ctx.t('tab.gap'), gapHeaders, gap)),
    },
    {
      id: 'roadmap',
      title: ctx.t('sec.roadmap'),
      blocks: [...ctx.figures('roadmap'), ...roadmapTables(ctx)],
    },
    { id: 'decisions', title: ctx.t('sec.decisions'), blocks: blocks(decisionsTable(ctx)) },
  ];
}

function roadmapTables(ctx: ReportContext) {
  const phases = ctx.model.planning?.phases ?? [];
  const phaseRows = phases.map((p) =>
    ctx.row('phase', p.id, [
      ctx.text(p.name ?? p.id),
      ctx.text(p.start),
      ctx.text(p.end),
      ctx.text(joinText(p.goals ?? [], '; ')),
      ctx.num(p.workItems?.length ?? 0),
    ]),
  );
  const itemRows = phases.flatMap((p) =>
    (p.workItems ?? []).map((w) =>
      ctx.row('workitem', `${p.id}.${w.id}`, [
        ctx.link('phase', p.id),
        ctx.text(w.name ?? w.id),
        ctx.links((w.delivers ?? []).map((id) => anyRef(ctx, id))),
        ctx.text(w.project),
      ]),
    ),
  );
  const phaseHeaders = [
    ctx.t('col.phase'),
    ctx.t('col.start'),
    ctx.t('col.end'),
    ctx.t('col.goals'),
    { text: ctx.t('col.workItem'), num: true },
  ];
  return blocks(
    ctx.table(ctx.t('tab.phases'), phaseHeaders, phaseRows),
    ctx.table(
      ctx.t('tab.workItems'),
      [ctx.t('col.phase'), ctx.t('col.workItem'), ctx.t('col.delivers'), ctx.t('col.project')],
      itemRows,
    ),
  );
}

function decisionsTable(ctx: ReportContext) {
  const rows = (ctx.model.planning?.decisions ?? []).map((d) =>
    ctx.row('decision', d.id, [
      ctx.code(d.id),
      ctx.text(d.title ?? d.name ?? d.id),
      ctx.text(d.status),
      ctx.text(d.date === undefined ? undefined : String(d.date)),
      ctx.plain(d.context),
      ctx.plain(d.decision),
      ctx.plain(d.consequences),
    ]),
  );
  const headers = [
    'col.id',
    'col.title',
    'col.status',
    'col.date',
    'col.description',
    'col.decision',
    'col.implications',
  ] as const;
  return ctx.table(
    ctx.t('tab.decisions'),
    headers.map((h) => ctx.t(h)),
    rows,
  );
}
