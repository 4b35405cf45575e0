import type { Subsystem } from '../model/types.js';
import type { Rule } from './types.js';

/**
 * Subsystem codes are digits 3-4 of every app id in their product line (method.md), so two
 * subsystems of one line with the same code would make app ids ambiguous.
 */
export const subsystemCodeUnique: Rule = {
  meta: {
    id: 'subsystem-code-unique',
    description: 'Two subsystems of one product line share a code.',
    defaultSeverity: 'error',
    messages: {
      duplicate: 'subsystem code `{{code}}` is already used in product line `{{line}}`{{other}}',
    },
  },
  check(graph, ctx) {
    for (const g of graph.duplicates) {
      if (g.kind !== 'subsystem') continue;
      const [first, ...again] = g.places;
      if (!first) continue;
      const firstSub = first.node as Subsystem;
      for (const place of again) {
        const sub = place.node as Subsystem;
        ctx.report({
          messageId: 'duplicate',
          data: {
            code: sub.code,
            line: sub.productLine,
            other: firstSub.name ? ` by \`${firstSub.name}\`` : '',
          },
          node: place.node,
          path: place.path,
          related: [
            {
              node: first.node,
              path: first.path,
              message: `subsystem \`${sub.productLine}${sub.code}\` is first defined here`,
            },
          ],
        });
      }
    }
  },
};

export default subsystemCodeUnique;
