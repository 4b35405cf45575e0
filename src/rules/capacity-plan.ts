import type { Rule } from './types.js';

/** The method's multiples of today's load (method.md, physical planning). */
const TARGETS = [
  ['implemented', 1.5],
  ['designed', 5],
  ['planned', 20],
] as const;

/** A level is "far" from its target when it is under half or over twice the target multiple. */
const TOLERANCE = 2;

/**
 * `capacity-plan` (off by default): a cluster's implemented, designed and planned capacity stay
 * near 1.5x, 5x and 20x of its current capacity, the multiples the method plans with.
 */
export const capacityPlan: Rule = {
  meta: {
    id: 'capacity-plan',
    description:
      "Cluster capacity far from the method's plan: implemented 1.5x, designed 5x, planned 20x of current (off by default).",
    defaultSeverity: 'off',
    messages: {
      farFromPlan:
        'capacity of cluster `{{cluster}}`: {{level}} ({{value}}) is {{ratio}}x current ({{current}}); the method uses {{target}}x (about {{expected}}): check the figure or record why this cluster differs',
    },
  },
  check(graph, ctx) {
    for (const cluster of graph.model.physical?.clusters ?? []) {
      const capacity = cluster.capacity;
      const current = capacity?.current;
      if (!capacity || typeof current !== 'number' || current <= 0) continue;
      for (const [level, target] of TARGETS) {
        const value = capacity[level];
        if (typeof value !== 'number') continue;
        const ratio = value / current;
        if (ratio >= target / TOLERANCE && ratio <= target * TOLERANCE) continue;
        ctx.report({
          messageId: 'farFromPlan',
          data: {
            cluster: cluster.id,
            level,
            value,
            ratio: Math.round(ratio * 10) / 10,
            current,
            target,
            expected: Math.round(current * target * 10) / 10,
          },
          node: cluster,
          path: ['capacity', level],
        });
      }
    }
  },
};

export default capacityPlan;
