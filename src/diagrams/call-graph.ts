import type { ModelGraph } from '../model/graph.js';
import type { Model, Protocol } from '../model/types.js';
import { packEvenly, toSpecs, type GenContext, type Part } from './budget.js';
import { caption, words } from './i18n.js';
import { appCodes, lineNames } from './app-map.js';
import { fitsPage, renderSplit, type Flow, type FlowEdge, type FlowNode } from './flow.js';
import { appLabel } from './process.js';
import { addTo, cmp, nameOf, slug, sortBy } from './text.js';
import type { DiagramSpec } from './types.js';

/** One resolved call from an app: target node key, model id, protocol, sync or async. */
export interface ResolvedCall {
  from: string;
  to: string;
  toKind: 'app' | 'center' | 'external';
  protocol: string;
  async: boolean;
}

/** Resolves `calls[].target` and route targets (model.md): app id, center(.service), external. */
export function targetResolver(
  model: Model,
): (target: string) => { id: string; kind: ResolvedCall['toKind'] } | undefined {
  const apps = new Set(model.applications.map((a) => a.id));
  const centers = new Set(model.serviceCenters.map((c) => c.id));
  const externals = new Set(model.externalSystems.map((e) => e.id));
  return (target) => {
    if (/^\d{6}$/.test(target)) return apps.has(target) ? { id: target, kind: 'app' } : undefined;
    const center = target.includes('.') ? target.slice(0, target.indexOf('.')) : target;
    if (centers.has(center)) return { id: center, kind: 'center' };
    return externals.has(target) ? { id: target, kind: 'external' } : undefined;
  };
}

/** Every call and route of every app, resolved, in app-id order. Unresolvable targets are skipped. */
export function resolvedCalls(model: Model): ResolvedCall[] {
  const resolve = targetResolver(model);
  const out: ResolvedCall[] = [];
  const add = (
    from: string,
    target: string,
    protocol: Protocol | undefined,
    sync: boolean | undefined,
  ): void => {
    const t = resolve(String(target));
    const p = protocol ?? 'http';
    if (t)
      out.push({
        from,
        to: t.id,
        toKind: t.kind,
        protocol: p,
        async: sync === false || (sync === undefined && p === 'mq'),
      });
  };
  for (const app of sortBy(model.applications, (a) => a.id)) {
    for (const c of app.calls ?? []) add(app.id, c.target, c.protocol, c.sync);
    for (const r of app.routes ?? []) add(app.id, r.target, r.protocol, undefined);
  }
  return out;
}

const CLASS_DEFS = {
  app: 'fill:#eef3fb,stroke:#4a6fa5',
  center: 'fill:#e6f4ea,stroke:#2e7d32',
  external: 'fill:#f4f4f4,stroke:#888,stroke-dasharray:4 3',
  line: 'fill:#eef3fb,stroke:#4a6fa5',
};
const LINK_STYLES = { sync: 'stroke:#4a6fa5', async: 'stroke:#d9822b' };
const KEY = { app: 'app', center: 'ctr', external: 'ext' } as const;
const STYLE = {
  sync: { style: 'solid', cls: 'sync' },
  async: { style: 'dotted', cls: 'async' },
} as const;
/** A node outside any group. */
const ungrouped = ({ group: _, ...n }: FlowNode): FlowNode => n;
/** The overview's one node for every external system. */
const EXTERNALS = 'ext:*';

/** Edges aggregated per (from, to, sync/async) labelled with their sorted protocols, in key order. */
function aggregate(
  calls: { from: string; to: string; async: boolean; protocol: string }[],
): FlowEdge[] {
  const byKey = new Map<string, { e: FlowEdge; protocols: Set<string> }>();
  for (const c of calls) {
    const k = `${c.from}\u0000${c.to}\u0000${c.async}`;
    const entry = byKey.get(k) ?? {
      e: { from: c.from, to: c.to, ...STYLE[c.async ? 'async' : 'sync'] },
      protocols: new Set<string>(),
    };
    entry.protocols.add(c.protocol);
    byKey.set(k, entry);
  }
  return [...byKey]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([, { e, protocols }]) => ({ ...e, label: [...protocols].sort(cmp).join(', ') }));
}

/**
 * Call graph: apps (grouped by product line) → service centers, apps and external systems;
 * synchronous calls solid, asynchronous (mq, `sync: false`) dotted, labelled with protocols.
 * When it does not fit a page: an overview between product lines, and per calling product line
 * one graph, or several that take its calling apps in id order, each as many as fit a page.
 */
export function callGraph(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const model = graph.model;
  const calls = resolvedCalls(model);
  if (calls.length === 0) return [];
  const names = lineNames(model, ctx);
  const apps = new Map(model.applications.map((a) => [a.id, a]));
  const centers = new Map(model.serviceCenters.map((c) => [c.id, c]));
  const externals = new Map(model.externalSystems.map((e) => [e.id, e]));
  const targetNode = (id: string, kind: ResolvedCall['toKind']): FlowNode => {
    if (kind === 'app') {
      const line = appCodes(id).line;
      return {
        key: `app:${id}`,
        label: appLabel(apps.get(id), id),
        cls: 'app',
        group: `pl:${line}`,
        elements: [id],
      };
    }
    const el = kind === 'center' ? centers.get(id) : externals.get(id);
    return {
      key: `${KEY[kind]}:${id}`,
      label: nameOf(el, id),
      cls: kind,
      shape: kind === 'center' ? 'stadium' : 'subroutine',
      elements: [id],
    };
  };
  /** The graph of `subset`; apps of product line `own` (the graph's subject) are not boxed. */
  const flowOf = (subset: ResolvedCall[], own?: string): Flow => {
    const nodes = new Map<string, FlowNode>();
    for (const c of subset)
      for (const n of [targetNode(c.from, 'app'), targetNode(c.to, c.toKind)])
        nodes.set(n.key, n.group === `pl:${own}` ? ungrouped(n) : n);
    const sorted = [...nodes.values()].sort(
      (a, b) => cmp(a.group ?? '~', b.group ?? '~') || cmp(a.key, b.key),
    );
    const lines = [...new Set(sorted.map((n) => n.group).filter((g) => g !== undefined))];
    return {
      dir: 'LR',
      classDefs: CLASS_DEFS,
      linkStyles: LINK_STYLES,
      groups: lines.map((g) => ({ key: g, label: names.line(g.slice(3)), elements: [g.slice(3)] })),
      nodes: sorted,
      edges: aggregate(
        subset.map((c) => ({
          from: `app:${c.from}`,
          to: `${KEY[c.toKind]}:${c.to}`,
          async: c.async,
          protocol: c.protocol,
        })),
      ),
    };
  };
  const whole = flowOf(calls);
  if (fitsPage(whole, ctx))
    return toSpecs(ctx, { id: 'call-graph', kind: 'call-graph' }, renderSplit(whole, ctx));
  const w = words(ctx.lang);
  const overviewSpecs = toSpecs(
    ctx,
    { id: 'call-graph', kind: 'call-graph', summarised: true },
    renderSplit(
      lineOverview(calls, (id) => targetNode(id, 'center'), names, w),
      ctx,
      ctx.budget.maxOverviewNodes,
    ),
  );
  if (overviewSpecs.length === 1)
    overviewSpecs[0]!.title = caption(ctx.lang, 'call-graph', undefined, w.overview);
  const head = { id: overviewSpecs[0]!.id, title: overviewSpecs[0]!.title };
  const byLine = new Map<string, ResolvedCall[]>();
  for (const c of calls) addTo(byLine, appCodes(c.from).line, c);
  /**
   * A line's calls cut by calling app, in id order, into parts that each fit a page. The line's
   * own apps are not boxed: the caption names the line, and a box around most of the chart
   * would push the service centers it calls below it.
   */
  const pageParts = (line: string, subset: ResolvedCall[]): Part[] => {
    const byCaller = new Map<string, ResolvedCall[]>();
    for (const c of subset) addTo(byCaller, c.from, c);
    const parts = packEvenly([...byCaller.values()], (part) => fitsPage(flowOf(part, line), ctx));
    // One app calling more than a page holds is still cut to the budget.
    return parts
      .flatMap((part) => renderSplit(flowOf(part, line), ctx))
      .map((p) => ({ ...p, elements: [line, ...p.elements] }));
  };
  const perLine = [...byLine]
    .sort((a, b) => cmp(a[0], b[0]))
    .flatMap(([line, subset]) =>
      toSpecs(
        ctx,
        {
          id: `call-graph-${slug(line)}`,
          kind: 'call-graph',
          subject: line,
          subjectName: names.line(line),
        },
        pageParts(line, subset),
        head,
      ),
    );
  for (const spec of overviewSpecs)
    spec.links = [...(spec.links ?? []), ...perLine.map((s) => ({ id: s.id, title: s.title }))];
  return [...overviewSpecs, ...perLine];
}

/**
 * Calls between product lines, and from lines to service centers and to external systems (one
 * node for all of them): one unlabelled edge per pair, dotted when every call of the pair is
 * asynchronous. Calls inside a line are left to the line's own graph. Edge labels would double
 * the chart's size; the protocols are in the graphs per line.
 */
function lineOverview(
  calls: ResolvedCall[],
  centerNode: (id: string) => FlowNode,
  names: ReturnType<typeof lineNames>,
  w: ReturnType<typeof words>,
): Flow {
  const nodes = new Map<string, FlowNode>();
  const lineNode = (app: string): string => {
    const code = appCodes(app).line;
    const key = `pl:${code}`;
    nodes.set(key, { key, label: names.line(code), cls: 'line', elements: [code] });
    return key;
  };
  const externals = new Set(calls.filter((c) => c.toKind === 'external').map((c) => c.to));
  const edges = new Map<string, FlowEdge>();
  for (const c of calls) {
    const from = lineNode(c.from);
    let to = EXTERNALS;
    if (c.toKind === 'app') to = lineNode(c.to);
    else if (c.toKind === 'center') {
      const n = ungrouped(centerNode(c.to));
      nodes.set((to = n.key), n);
    } else
      nodes.set(to, {
        key: to,
        label: w.externals(externals.size),
        cls: 'external',
        shape: 'subroutine',
        elements: [...externals].sort(cmp),
      });
    if (from === to) continue;
    const k = `${from}\u0000${to}`;
    const e = edges.get(k);
    if (!e) edges.set(k, { from, to, ...STYLE[c.async ? 'async' : 'sync'] });
    else if (!c.async) Object.assign(e, STYLE.sync);
  }
  return {
    dir: 'LR',
    classDefs: CLASS_DEFS,
    linkStyles: LINK_STYLES,
    nodes: [...nodes.values()].sort((a, b) => cmp(a.key, b.key)),
    edges: [...edges].sort((a, b) => cmp(a[0], b[0])).map(([, e]) => e),
  };
}
