import type { ModelGraph } from '../model/graph.js';
import type { Model, Protocol } from '../model/types.js';
import { toSpecs, type GenContext } from './budget.js';
import { caption, words } from './i18n.js';
import { appCodes, lineNames } from './app-map.js';
import { renderSplit, type Flow, type FlowEdge, type FlowNode } from './flow.js';
import { appLabel } from './process.js';
import { addTo, cmp, joinLabel, nameOf, slug, sortBy } from './text.js';
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

/** Edges aggregated per (from, to, sync/async) with sorted protocol labels, in key order. */
function aggregate(
  calls: { from: string; to: string; async: boolean; protocol: string }[],
  count?: (n: number) => string,
): FlowEdge[] {
  const byKey = new Map<string, { e: FlowEdge; protocols: Set<string>; n: number }>();
  for (const c of calls) {
    const k = `${c.from}\u0000${c.to}\u0000${c.async}`;
    const entry = byKey.get(k) ?? {
      e: {
        from: c.from,
        to: c.to,
        style: c.async ? 'dotted' : 'solid',
        cls: c.async ? 'async' : 'sync',
      },
      protocols: new Set<string>(),
      n: 0,
    };
    entry.protocols.add(c.protocol);
    entry.n++;
    byKey.set(k, entry);
  }
  return [...byKey]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([, { e, protocols, n }]) => ({
      ...e,
      label: joinLabel([...protocols].sort(cmp).join(', '), count?.(n)),
    }));
}

/**
 * Call graph: apps (grouped by product line) → service centers, apps and external systems;
 * synchronous calls solid, asynchronous (mq, `sync: false`) dotted, labelled with protocols.
 * Above the budget: an overview between product lines and one graph per calling product line.
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
  const flowOf = (subset: ResolvedCall[]): Flow => {
    const nodes = new Map<string, FlowNode>();
    for (const c of subset)
      for (const n of [targetNode(c.from, 'app'), targetNode(c.to, c.toKind)]) nodes.set(n.key, n);
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
  if (
    whole.nodes.length + (whole.groups?.length ?? 0) <= ctx.budget.maxNodes &&
    whole.edges.length <= ctx.budget.maxEdges
  ) {
    return toSpecs(ctx, { id: 'call-graph', kind: 'call-graph' }, renderSplit(whole, ctx));
  }
  const w = words(ctx.lang);
  const lineNode = (app: string): FlowNode => {
    const code = appCodes(app).line;
    return { key: `pl:${code}`, label: names.line(code), cls: 'line', elements: [code] };
  };
  const overviewNodes = new Map<string, FlowNode>();
  const overviewCalls = calls.map((c) => {
    const from = lineNode(c.from);
    const to = c.toKind === 'app' ? lineNode(c.to) : targetNode(c.to, c.toKind);
    overviewNodes.set(from.key, from).set(to.key, to);
    return { from: from.key, to: to.key, async: c.async, protocol: c.protocol };
  });
  const overview: Flow = {
    dir: 'LR',
    classDefs: CLASS_DEFS,
    linkStyles: LINK_STYLES,
    nodes: [...overviewNodes.values()]
      .map(({ group: _, ...n }) => n)
      .sort((a, b) => cmp(a.key, b.key)),
    edges: aggregate(overviewCalls, w.calls),
  };
  const overviewSpecs = toSpecs(
    ctx,
    { id: 'call-graph', kind: 'call-graph', summarised: true },
    renderSplit(overview, ctx, ctx.budget.maxOverviewNodes),
  );
  if (overviewSpecs.length === 1)
    overviewSpecs[0]!.title = caption(ctx.lang, 'call-graph', undefined, w.overview);
  const head = { id: overviewSpecs[0]!.id, title: overviewSpecs[0]!.title };
  const byLine = new Map<string, ResolvedCall[]>();
  for (const c of calls) addTo(byLine, appCodes(c.from).line, c);
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
        renderSplit(flowOf(subset), ctx),
        head,
      ),
    );
  for (const spec of overviewSpecs)
    spec.links = [...(spec.links ?? []), ...perLine.map((s) => ({ id: s.id, title: s.title }))];
  return [...overviewSpecs, ...perLine];
}
