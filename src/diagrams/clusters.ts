import type { ModelGraph } from '../model/graph.js';
import type { Cluster } from '../model/types.js';
import { packEvenly, toSpecs, type GenContext } from './budget.js';
import { caption, words } from './i18n.js';
import {
  columns,
  fits,
  fitsPage,
  gridCols,
  renderSplit,
  type Flow,
  type FlowGroup,
  type FlowNode,
} from './flow.js';
import { addTo, clean, joinLabel, nameOf, slug, sortBy } from './text.js';
import type { DiagramSpec } from './types.js';

/** "8/160 nodes": current over planned capacity, as far as the model gives them. */
export function capacityText(c: Cluster): string | undefined {
  const cap = c.capacity;
  if (!cap || (cap.current === undefined && cap.planned === undefined)) return undefined;
  const unit = cap.unit ?? 'nodes';
  const nums = [cap.current, cap.planned].map((n) => (n === undefined ? '?' : String(n)));
  return `${nums[0]}/${nums[1]} ${unit}`;
}

/**
 * Clusters: per datacenter, its networks as subgraphs holding clusters labelled with kind and
 * capacity (current/planned). Above a page: parts of whole datacenters; above the budget: one
 * diagram per datacenter.
 */
export function clusters(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const physical = graph.model.physical;
  const all = sortBy(
    physical.clusters,
    (c) => `${c.datacenter ?? '\uffff'}\u0000${c.network ?? '\uffff'}\u0000${c.id}`,
  );
  if (all.length === 0) return [];
  const w = words(ctx.lang);
  const dcName = new Map((physical.datacenters ?? []).map((d) => [d.id, nameOf(d)]));
  const netName = new Map(
    (physical.networks ?? []).map((n) => [n.id, joinLabel(nameOf(n), n.zone)]),
  );
  const flowOf = (list: Cluster[]): Flow => {
    const groups = new Map<string, FlowGroup>();
    const nodes: FlowNode[] = list.map((c) => {
      let group: string | undefined;
      if (c.datacenter !== undefined) {
        group = `dc:${c.datacenter}`;
        groups.set(group, {
          key: group,
          label: dcName.get(c.datacenter) ?? c.datacenter,
          elements: [c.datacenter],
        });
      }
      if (c.network !== undefined) {
        const key = `net:${c.datacenter ?? ''}/${c.network}`;
        groups.set(key, {
          key,
          label: netName.get(c.network) ?? c.network,
          ...(group ? { parent: group } : {}),
          elements: [c.network],
        });
        group = key;
      }
      const label = joinLabel(
        nameOf(c),
        c.kind,
        capacityText(c),
        c.namespace !== undefined ? clean(c.namespace, 30) : undefined,
      );
      return {
        key: `cl:${c.id}`,
        label,
        cls: 'cluster',
        ...(group ? { group } : {}),
        elements: [c.id],
      };
    });
    // Datacenters side by side make a strip many pages wide: lay them out as a grid.
    const top = [...groups.values()].filter((g) => g.parent === undefined).map((g) => g.key);
    const grid = columns(top, Math.ceil(top.length / gridCols(top.length, 3)));
    const rank = new Map(grid.order.map((key, i) => [key, i]));
    const dcOf = (g: FlowGroup): string => g.parent ?? g.key;
    return {
      dir: 'TB',
      classDefs: { cluster: 'fill:#eef3fb,stroke:#4a6fa5' },
      groups: [...groups.values()].sort((a, b) => rank.get(dcOf(a))! - rank.get(dcOf(b))!),
      nodes,
      edges: grid.edges,
    };
  };
  const whole = flowOf(all);
  if (fitsPage(whole, ctx))
    return toSpecs(ctx, { id: 'clusters', kind: 'clusters' }, renderSplit(whole, ctx));
  const byDc = new Map<string, Cluster[]>();
  for (const c of all) addTo(byDc, c.datacenter ?? '', c);
  if (fits(whole, ctx)) {
    // Within the budget but not a page: parts of whole datacenters.
    const parts = packEvenly([...byDc.values()], (list) => fitsPage(flowOf(list), ctx));
    return toSpecs(
      ctx,
      { id: 'clusters', kind: 'clusters' },
      parts.flatMap((list) => renderSplit(flowOf(list), ctx)),
    );
  }
  const overview =
    (physical.datacenters ?? []).length > 0
      ? { id: 'datacenters', title: caption(ctx.lang, 'datacenters') }
      : undefined;
  return [...byDc].flatMap(([dc, list]) => {
    const name = dc === '' ? w.unassigned : clean(dcName.get(dc) ?? dc, 80);
    return toSpecs(
      ctx,
      {
        id: `clusters-${dc === '' ? '-unassigned' : slug(dc)}`,
        kind: 'clusters',
        subject: dc || undefined,
        subjectName: name,
      },
      renderSplit(flowOf(list), ctx),
      overview,
    );
  });
}
