import type { ModelGraph } from '../model/graph.js';
import { toSpecs, type GenContext } from './budget.js';
import { renderSplit, type Flow, type FlowEdge } from './flow.js';
import { clean, cmp, joinLabel, nameOf, sortBy } from './text.js';
import type { DiagramSpec } from './types.js';

/**
 * Regions and datacenters: regions as subgraphs holding their datacenters, links between
 * datacenters as undirected edges labelled with link kind and bandwidth.
 */
export function datacenters(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const { regions = [], datacenters: dcs = [] } = graph.model.physical;
  if (dcs.length === 0) return [];
  const regionOf = new Map(regions.map((r) => [r.id, r]));
  const known = new Set(dcs.map((d) => d.id));
  const sorted = sortBy(dcs, (d) => `${d.region ?? '\uffff'}\u0000${d.id}`);
  const used = [
    ...new Set(sorted.map((d) => d.region).filter((r): r is string => r !== undefined)),
  ];
  const edges = new Map<string, FlowEdge>();
  for (const d of sorted) {
    for (const link of sortBy(
      d.links,
      (l) => `${l.to}\u0000${l.kind ?? ''}\u0000${l.bandwidth ?? ''}`,
    )) {
      if (!known.has(link.to) || link.to === d.id) continue;
      const text = joinLabel(clean(link.kind ?? '', 30), clean(link.bandwidth ?? '', 20));
      // A link declared from both ends is one line.
      const [a, b] = d.id < link.to ? [d.id, link.to] : [link.to, d.id];
      edges.set(`${a}\u0000${b}\u0000${text}`, {
        from: `dc:${a}`,
        to: `dc:${b}`,
        label: text,
        style: 'line',
      });
    }
  }
  const flow: Flow = {
    dir: 'LR',
    classDefs: { dc: 'fill:#eef3fb,stroke:#4a6fa5', cloud: 'fill:#e6f4ea,stroke:#2e7d32' },
    groups: used.map((r) => ({
      key: `rg:${r}`,
      label: regionOf.has(r) ? nameOf(regionOf.get(r)) : r,
      elements: [r],
    })),
    nodes: sorted.map((d) => ({
      key: `dc:${d.id}`,
      label: joinLabel(
        nameOf(d),
        d.kind,
        d.location !== undefined ? clean(d.location, 40) : undefined,
      ),
      shape: 'cylinder' as const,
      cls: d.kind?.startsWith('cloud') ? 'cloud' : 'dc',
      ...(d.region !== undefined ? { group: `rg:${d.region}` } : {}),
      elements: [d.id],
    })),
    edges: [...edges].sort((x, y) => cmp(x[0], y[0])).map(([, e]) => e),
  };
  return toSpecs(ctx, { id: 'datacenters', kind: 'datacenters' }, renderSplit(flow, ctx));
}
