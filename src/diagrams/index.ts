import type { ModelGraph } from '../model/graph.js';
import { appMap } from './app-map.js';
import { resolveBudget, withinHardLimits, type GenContext } from './budget.js';
import { callGraph } from './call-graph.js';
import { clusters } from './clusters.js';
import { datacenters } from './datacenters.js';
import { erCategories } from './er-category.js';
import { erOverview } from './er-overview.js';
import { layers } from './layers.js';
import { operatingCycle } from './operating-cycle.js';
import { orgChart } from './org-chart.js';
import { processes } from './process.js';
import { roadmap } from './roadmap.js';
import { soa } from './soa.js';
import { stateMachines } from './state-machine.js';
import { label } from './text.js';
import type { DiagramBudget, DiagramKind, DiagramSpec, Lang } from './types.js';

export { DEFAULT_BUDGET } from './types.js';
export type { DiagramBudget, DiagramKind, DiagramSpec, Lang } from './types.js';
export { resolveBudget } from './budget.js';

/** A generator: pure, deterministic, `[]` when the model has nothing to draw. */
export type Generator = (graph: ModelGraph, ctx: GenContext) => DiagramSpec[];

/** One generator per diagram kind: a `Record` so a new kind without a generator fails to compile. */
export const GENERATORS: Record<DiagramKind, Generator> = {
  'org-chart': orgChart,
  'operating-cycle': operatingCycle,
  process: processes,
  'app-map': appMap,
  'call-graph': callGraph,
  soa,
  'er-overview': erOverview,
  'er-category': erCategories,
  'state-machine': stateMachines,
  datacenters,
  clusters,
  layers,
  roadmap,
};

/**
 * Kinds in the order the document shows them (product.md): business (3), application (4, the
 * layered architecture closing it), SOA (5), data (6), technology (7), roadmap (9).
 */
export const DOCUMENT_ORDER: readonly DiagramKind[] = [
  'org-chart',
  'operating-cycle',
  'process',
  'app-map',
  'call-graph',
  'layers',
  'soa',
  'er-overview',
  'er-category',
  'state-machine',
  'datacenters',
  'clusters',
  'roadmap',
];

/** Stands in for a diagram that would break mermaid's limits: never expected, but never a red box. */
function placeholder(spec: DiagramSpec): DiagramSpec {
  const source = `flowchart TB\n  n_too_large[${label(`${spec.title}: too large to draw`, 120)}]\n`;
  return { ...spec, source, summarised: true };
}

/**
 * Generates every diagram of the document from the graph, in document order. Pure and
 * deterministic: the same model gives byte-identical specs whatever the order of its lists.
 * Ids are unique; links to a split diagram point at its first part; no source exceeds
 * mermaid's `maxTextSize` or `maxEdges`.
 */
export function generateDiagrams(
  graph: ModelGraph,
  options: { lang: Lang; budget?: Partial<DiagramBudget> },
): DiagramSpec[] {
  const ctx: GenContext = { lang: options.lang, budget: resolveBudget(options.budget) };
  const specs = DOCUMENT_ORDER.flatMap((kind) => GENERATORS[kind](graph, ctx)).map((s) =>
    withinHardLimits(s.source) ? s : placeholder(s),
  );
  const seen = new Set<string>();
  for (const spec of specs) {
    let id = spec.id;
    for (let n = 2; seen.has(id); n++) id = `${spec.id}-x${n}`;
    seen.add(id);
    spec.id = id;
  }
  for (const spec of specs) {
    if (!spec.links) continue;
    spec.links = spec.links.map((l) =>
      seen.has(l.id) || !seen.has(`${l.id}--1`) ? l : { ...l, id: `${l.id}--1` },
    );
  }
  return specs;
}
