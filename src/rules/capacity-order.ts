import type { Capacity } from '../model/types.js';
import type { Rule } from './types.js';

/** Capacity levels in the order they must not decrease. */
const LEVELS = ['current', 'implemented', 'designed', 'planned'] as const;

/**
 * `capacity-order`: a cluster's capacity satisfies current <= implemented <= designed <= planned
 * among the levels present. Comparing each present level with the previous present one finds
 * every break in the chain once.
 */
export const capacityOrder: Rule = {
  meta: {
    id: 'capacity-order',
    description: 'Cluster capacity is not current <= implemented <= designed <= planned.',
    defaultSeverity: 'error',
    messages: {
      outOfOrder:
        'capacity of cluster `{{cluster}}`: {{level}} ({{value}}) is below {{previous}} ({{previousValue}}); expected current <= implemented <= designed <= planned',
    },
  },
  check(graph, ctx) {
    for (const cluster of graph.model.physical?.clusters ?? []) {
      const capacity: Capacity | undefined = cluster.capacity;
      if (!capacity || typeof capacity !== 'object') continue;
      let prev: { level: string; value: number } | undefined;
      for (const level of LEVELS) {
        const value = capacity[level];
        if (typeof value !== 'number') continue;
        if (prev && value < prev.value) {
          ctx.report({
            messageId: 'outOfOrder',
            data: {
              cluster: cluster.id,
              level,
              value,
              previous: prev.level,
              previousValue: prev.value,
            },
            node: cluster,
            path: ['capacity', level],
            related: [
              {
                node: cluster,
                path: ['capacity', prev.level],
                message: `${prev.level} is ${prev.value}`,
              },
            ],
          });
        }
        prev = { level, value };
      }
    }
  },
};

export default capacityOrder;
