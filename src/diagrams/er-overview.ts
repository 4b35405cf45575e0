import type { ModelGraph } from '../model/graph.js';
import type { Cardinality } from '../model/types.js';
import { chunk, toSpecs, type GenContext, type Part } from './budget.js';
import { ER_NOTATION, categories, entityRelations, invert } from './er.js';
import { words } from './i18n.js';
import { IdMap, MAX_LABEL, cmp, label, svgText } from './text.js';
import type { DiagramSpec } from './types.js';

/**
 * High-level E-R: data categories as entities (names only), with the relations between their
 * entities aggregated per pair of categories: a count, and the cardinality when all agree.
 */
export function erOverview(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const model = graph.model;
  const cats = categories(model);
  if (cats.length === 0) return [];
  const w = words(ctx.lang);
  const categoryOf = new Map((model.data.entities ?? []).map((e) => [e.id, e.category]));
  const pairs = new Map<string, { a: string; b: string; cards: Set<Cardinality>; n: number }>();
  for (const r of entityRelations(model)) {
    const from = categoryOf.get(r.from);
    const to = categoryOf.get(r.to);
    if (from === undefined || to === undefined || from === to) continue;
    const [a, b, card] = from < to ? [from, to, r.cardinality] : [to, from, invert(r.cardinality)];
    const pair = pairs.get(`${a}\u0000${b}`) ?? { a, b, cards: new Set<Cardinality>(), n: 0 };
    pair.cards.add(card);
    pair.n++;
    pairs.set(`${a}\u0000${b}`, pair);
  }
  const sortedPairs = [...pairs].sort((x, y) => cmp(x[0], y[0])).map(([, p]) => p);
  const slices = chunk(cats, ctx.budget.maxOverviewNodes);
  const parts: Part[] = slices.map((slice) => {
    const ids = new IdMap();
    const inSlice = new Set(slice.map((c) => c.id));
    const lines = [
      'erDiagram',
      ...slice.map((c) => `  ${ids.id(`cat:${c.id}`)}[${label(c.name, MAX_LABEL, 'er-alias')}]`),
    ];
    const shown = sortedPairs.filter((p) => inSlice.has(p.a) && inSlice.has(p.b));
    for (const p of shown.slice(0, ctx.budget.maxEdges)) {
      const card: Cardinality = p.cards.size === 1 ? [...p.cards][0]! : 'many-to-many';
      lines.push(
        `  ${ids.id(`cat:${p.a}`)} ${ER_NOTATION[card]} ${ids.id(`cat:${p.b}`)} : "${svgText(w.relations(p.n), 'markdown')}"`,
      );
    }
    const summarised = slices.length > 1 || shown.length > ctx.budget.maxEdges;
    return {
      source: `${lines.join('\n')}\n`,
      elements: slice.flatMap((c) => [c.id, ...c.entities.map((e) => e.id)]),
      summarised,
    };
  });
  return toSpecs(ctx, { id: 'er-overview', kind: 'er-overview' }, parts);
}
