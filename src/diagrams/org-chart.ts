import type { ModelGraph } from '../model/graph.js';
import type { OrgUnit } from '../model/types.js';
import { PAGE, chunk, toSpecs, type GenContext } from './budget.js';
import { caption, words } from './i18n.js';
import { renderFlow, type Flow, type FlowNode } from './flow.js';
import { addTo, clean, joinLabel, nameOf, slug, sortBy } from './text.js';
import type { DiagramSpec } from './types.js';

/**
 * Units a level may hold side by side in a top-down chart and still print legibly; a wider
 * chart runs left to right, its levels as columns.
 */
const TB_LEVEL = 6;

const CLASS_DEFS = {
  unit: 'fill:#eef3fb,stroke:#4a6fa5',
  collapsed: 'fill:#fdf3e3,stroke:#d9822b,stroke-dasharray:4 3',
};

/** The org tree: children per unit (sorted by id) and the roots, cycles broken deterministically. */
function tree(units: OrgUnit[]): { roots: string[]; children: Map<string, string[]> } {
  const known = new Set(units.map((u) => u.id));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const u of units) {
    if (u.parent === undefined || u.parent === u.id || !known.has(u.parent)) roots.push(u.id);
    else addTo(children, u.parent, u.id);
  }
  // Units on a parent cycle are reachable from no root: the smallest id of each becomes one.
  const seen = new Set<string>();
  const visit = (id: string): void => {
    for (const stack = [id]; stack.length > 0;) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(children.get(next) ?? []));
    }
  };
  roots.forEach(visit);
  for (const u of units) {
    if (seen.has(u.id)) continue;
    // Detach it from its parent so the cycle's edge back to it is not drawn or followed.
    const siblings = children.get(u.parent ?? '');
    if (siblings)
      children.set(
        u.parent ?? '',
        siblings.filter((c) => c !== u.id),
      );
    roots.push(u.id);
    visit(u.id);
  }
  return { roots, children };
}

/**
 * Organisation chart: a tree of org units with headcount, top-down, or left to right when a
 * level is too wide for a page. Above the budget or a page the chart shows the levels that fit;
 * each unit whose subtree was cut gets its own chart, linked both ways.
 */
export function orgChart(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const units = sortBy(graph.model.business.orgUnits, (u) => u.id);
  if (units.length === 0) return [];
  const w = words(ctx.lang);
  const byId = new Map(units.map((u) => [u.id, u]));
  const { roots, children } = tree(units);
  const kids = (id: string): string[] => children.get(id) ?? [];
  const size = new Map<string, number>();
  const descendants = (id: string): number => {
    let n = size.get(id);
    if (n === undefined) {
      n = kids(id).reduce((acc, c) => acc + 1 + descendants(c), 0);
      size.set(id, n);
    }
    return n;
  };
  // A chart holds what the budget and a page allow; a level wider than a page's rank is cut.
  const cap = Math.max(2, Math.min(ctx.budget.maxNodes, ctx.budget.maxEdges + 1, PAGE.gridNodes));
  const widest = Math.min(cap, PAGE.rank);

  /** The levels below `top` that fit, and the units of the last level whose children did not. */
  const layout = (top: string[]): { included: string[]; cut: Set<string> } => {
    const included = [...top];
    let frontier = top;
    for (;;) {
      const next = frontier.flatMap(kids);
      if (next.length === 0 || included.length + next.length > cap || next.length > widest) break;
      included.push(...next);
      frontier = next;
    }
    // The loop stops at a leaf level or before a level that does not fit: the latter is cut.
    return { included, cut: new Set(frontier.filter((u) => kids(u).length > 0)) };
  };
  const flowOf = (top: string[], included: string[], cut: Set<string>): Flow => {
    const set = new Set(included);
    const tops = new Set(top);
    const node = (u: string): FlowNode => {
      const unit = byId.get(u);
      const hc = typeof unit?.headcount === 'number' ? w.headcount(unit.headcount) : undefined;
      const more = cut.has(u) ? w.units(descendants(u)) : undefined;
      return {
        key: `unit:${u}`,
        label: joinLabel(nameOf(unit, u), hc, more),
        cls: cut.has(u) ? 'collapsed' : 'unit',
        elements: [u],
      };
    };
    const parentOf = (u: string): string => byId.get(u)?.parent ?? '';
    return {
      dir: widestLevel(top, set) > TB_LEVEL ? 'LR' : 'TB',
      classDefs: CLASS_DEFS,
      nodes: included.map(node),
      edges: included
        .filter((u) => !tops.has(u) && set.has(parentOf(u)))
        .map((u) => ({ from: `unit:${parentOf(u)}`, to: `unit:${u}` })),
    };
  };
  /** Units in the widest level of the chart of `top` that holds `included`. */
  const widestLevel = (top: string[], included: ReadonlySet<string>): number => {
    let most = 0;
    for (
      let level = top;
      level.length > 0;
      level = level.flatMap(kids).filter((u) => included.has(u))
    )
      most = Math.max(most, level.length);
    return most;
  };
  const unitName = (u: string): string => clean(nameOf(byId.get(u), u), 80);
  const chartOf = (u: string): { id: string; title: string } => ({
    id: `org-chart-${slug(u)}`,
    title: caption(ctx.lang, 'org-chart', unitName(u)),
  });
  const out: DiagramSpec[] = [];
  const draw = (
    top: string[],
    id: string,
    subject?: string,
    parent?: { id: string; title: string },
  ): void => {
    const laid = chunk(top, widest).map((slice) => ({ slice, ...layout(slice) }));
    const parts = laid.map(({ slice, included, cut }) => ({
      ...renderFlow(flowOf(slice, included, cut)),
      summarised: cut.size > 0,
    }));
    const specs = toSpecs(
      ctx,
      {
        id,
        kind: 'org-chart',
        subject,
        subjectName: subject !== undefined ? unitName(subject) : undefined,
      },
      parts,
      parent,
    );
    specs.forEach((spec, i) => {
      const children = [...(laid[i]?.cut ?? [])].map(chartOf);
      if (children.length > 0) spec.links = [...(spec.links ?? []), ...children];
    });
    out.push(...specs);
    laid.forEach(({ cut }, i) =>
      cut.forEach((u) =>
        draw(kids(u), chartOf(u).id, u, { id: specs[i]!.id, title: specs[i]!.title }),
      ),
    );
  };
  draw(roots, 'org-chart');
  return out;
}
