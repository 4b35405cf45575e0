import type { ModelGraph } from '../model/graph.js';
import type { AppKind } from '../model/types.js';
import { packEvenly, toSpecs, type GenContext, type Part } from './budget.js';
import { resolvedCalls } from './call-graph.js';
import { caption, words } from './i18n.js';
import { fitsPage, renderSplit, type Flow, type FlowEdge, type FlowNode } from './flow.js';
import { appLabel } from './process.js';
import { asList, clean, cmp, joinLabel, nameOf, slug, sortBy } from './text.js';
import type { DiagramSpec } from './types.js';

/** App kinds that face users or partners (model.md). */
export const FRONT_END_KINDS: ReadonlySet<AppKind> = new Set([
  'web',
  'mobile',
  'gateway',
  'api',
  'admin',
]);

const CLASS_DEFS = {
  front: 'fill:#eef3fb,stroke:#4a6fa5',
  center: 'fill:#e6f4ea,stroke:#2e7d32',
  impl: 'fill:#f4f4f4,stroke:#888',
};
const LINK_STYLES = { async: 'stroke:#d9822b', implements: 'stroke:#888,stroke-dasharray:3 3' };

/**
 * SOA view: front-end applications → the service centers they call (with protocols), centers →
 * their `dependsOn` centers, and centers → the applications implementing them. When it does not
 * fit a page: an overview of centers and one diagram per center, in parts by calling app when
 * the center has more callers than a page holds.
 */
export function soa(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const model = graph.model;
  const centers = sortBy(model.serviceCenters, (c) => c.id);
  if (centers.length === 0) return [];
  const w = words(ctx.lang);
  const apps = new Map(model.applications.map((a) => [a.id, a]));
  const isFront = (id: string): boolean =>
    asList(apps.get(id)?.kind).some((k) => FRONT_END_KINDS.has(k));
  const known = new Set(centers.map((c) => c.id));
  // (front-end app, center, async) → protocols
  const uses = new Map<string, Set<string>>();
  for (const c of resolvedCalls(model)) {
    if (c.toKind !== 'center' || !isFront(c.from)) continue;
    const k = `${c.from}\u0000${c.to}\u0000${c.async ? 'async' : 'sync'}`;
    uses.set(k, (uses.get(k) ?? new Set<string>()).add(c.protocol));
  }
  const callEdges = [...uses]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([k, protocols]) => {
      const [app = '', center = '', mode] = k.split('\u0000');
      return { app, center, async: mode === 'async', label: [...protocols].sort(cmp).join(', ') };
    });
  const implementers = new Map(
    centers.map((c) => [
      c.id,
      [
        ...new Set(
          [
            ...(c.implementedBy ?? []),
            ...(c.services ?? []).flatMap((s) => asList(s.implementedBy)),
          ].map(String),
        ),
      ]
        .filter((a) => apps.has(a))
        .sort(cmp),
    ]),
  );
  const centerNode = (id: string, extra?: string): FlowNode => {
    const c = centers.find((x) => x.id === id);
    return {
      key: `ctr:${id}`,
      label: joinLabel(nameOf(c, id), extra),
      shape: 'stadium',
      cls: 'center',
      group: 'g:centers',
      elements: [id],
    };
  };
  /** The chart of centers `shown`, with the front-end apps calling them (or only `fronts`). */
  const flowFor = (shown: string[], fronts?: ReadonlySet<string>): Flow => {
    const set = new Set(shown);
    const calls = callEdges.filter((e) => set.has(e.center) && (fronts?.has(e.app) ?? true));
    const front = [...new Set(calls.map((e) => e.app))].sort(cmp);
    const impl = [...new Set(shown.flatMap((c) => implementers.get(c) ?? []))]
      .filter((a) => !front.includes(a))
      .sort(cmp);
    const appNode = (id: string, group: string, cls: string): FlowNode => ({
      key: `app:${id}`,
      label: appLabel(apps.get(id), id),
      cls,
      group,
      elements: [id],
    });
    const edges: FlowEdge[] = [
      ...calls.map((e) => ({
        from: `app:${e.app}`,
        to: `ctr:${e.center}`,
        label: e.label,
        ...(e.async ? { style: 'dotted' as const, cls: 'async' } : {}),
      })),
      ...shown.flatMap((c) =>
        sortBy(centers.find((x) => x.id === c)?.dependsOn, (d) => d)
          .filter((d) => set.has(d))
          .map((d) => ({ from: `ctr:${c}`, to: `ctr:${d}` })),
      ),
      ...shown.flatMap((c) =>
        (implementers.get(c) ?? []).map((a) => ({
          from: `ctr:${c}`,
          to: `app:${a}`,
          label: w.implementedBy,
          style: 'line' as const,
          cls: 'implements',
        })),
      ),
    ];
    return {
      dir: 'LR',
      classDefs: CLASS_DEFS,
      linkStyles: LINK_STYLES,
      groups: [
        ...(front.length > 0 ? [{ key: 'g:front', label: w.frontEnd }] : []),
        { key: 'g:centers', label: w.centers },
        ...(impl.length > 0 ? [{ key: 'g:impl', label: w.implementers }] : []),
      ],
      nodes: [
        ...front.map((a) => appNode(a, 'g:front', 'front')),
        ...shown.map((c) => centerNode(c)),
        ...impl.map((a) => appNode(a, 'g:impl', 'impl')),
      ],
      edges,
    };
  };
  const whole = flowFor(centers.map((c) => c.id));
  if (fitsPage(whole, ctx))
    return toSpecs(ctx, { id: 'soa', kind: 'soa' }, renderSplit(whole, ctx));
  const overview: Flow = {
    dir: 'LR',
    classDefs: CLASS_DEFS,
    nodes: centers
      .map((c) =>
        centerNode(
          c.id,
          joinLabel(
            w.frontCount(
              new Set(callEdges.filter((e) => e.center === c.id).map((e) => e.app)).size,
            ),
            w.implCount(implementers.get(c.id)?.length ?? 0),
          ),
        ),
      )
      .map(({ group: _, ...n }) => n),
    edges: centers.flatMap((c) =>
      sortBy(c.dependsOn, (d) => d)
        .filter((d) => known.has(d))
        .map((d) => ({ from: `ctr:${c.id}`, to: `ctr:${d}` })),
    ),
  };
  const overviewSpecs = toSpecs(
    ctx,
    { id: 'soa', kind: 'soa', summarised: true },
    renderSplit(overview, ctx, ctx.budget.maxOverviewNodes),
  );
  if (overviewSpecs.length === 1)
    overviewSpecs[0]!.title = caption(ctx.lang, 'soa', undefined, w.overview);
  const head = { id: overviewSpecs[0]!.id, title: overviewSpecs[0]!.title };
  // A center called by more front-end apps than a page holds: its callers in parts, by app id.
  const pageParts = (center: string): Part[] => {
    const callers = [...new Set(callEdges.filter((e) => e.center === center).map((e) => e.app))];
    const parts =
      callers.length === 0
        ? [undefined]
        : packEvenly(
            callers.sort(cmp).map((a) => [a]),
            (part) => fitsPage(flowFor([center], new Set(part)), ctx),
          ).map((part) => new Set(part));
    return parts.flatMap((fronts) => renderSplit(flowFor([center], fronts), ctx));
  };
  const perCenter = centers.flatMap((c) =>
    toSpecs(
      ctx,
      { id: `soa-${slug(c.id)}`, kind: 'soa', subject: c.id, subjectName: clean(nameOf(c), 80) },
      pageParts(c.id),
      head,
    ),
  );
  for (const spec of overviewSpecs)
    spec.links = [...(spec.links ?? []), ...perCenter.map((s) => ({ id: s.id, title: s.title }))];
  return [...overviewSpecs, ...perCenter];
}
