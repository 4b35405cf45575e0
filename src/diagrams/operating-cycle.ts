import type { ModelGraph } from '../model/graph.js';
import { toSpecs, type GenContext } from './budget.js';
import { renderSplit, type Flow } from './flow.js';
import { nameOf } from './text.js';
import type { DiagramSpec } from './types.js';

/**
 * Operating cycle: the stages of the operating model left to right, `next` edges closing the
 * loop. Stages keep the order the model gives them: it is the order of the cycle.
 */
export function operatingCycle(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const stages = graph.model.business.operatingModel?.stages ?? [];
  if (stages.length === 0) return [];
  const known = new Set(stages.map((s) => s.id));
  const flow: Flow = {
    dir: 'LR',
    classDefs: { stage: 'fill:#eef3fb,stroke:#4a6fa5' },
    nodes: stages.map((s) => ({
      key: `stage:${s.id}`,
      label: nameOf(s),
      shape: 'stadium',
      cls: 'stage',
      elements: [s.id],
    })),
    edges: stages.flatMap((s) =>
      [...new Set(s.next ?? [])]
        .filter((t) => known.has(t))
        .map((t) => ({ from: `stage:${s.id}`, to: `stage:${t}` })),
    ),
  };
  return toSpecs(ctx, { id: 'operating-cycle', kind: 'operating-cycle' }, renderSplit(flow, ctx));
}
