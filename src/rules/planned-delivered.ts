import { ELEMENT_KINDS, elementId } from '../model/graph.js';
import type { Rule } from './types.js';

/**
 * Implementation (method.md): the roadmap ties every planned change to a phase's work item, so
 * a `planned` element that no work item `delivers` has no way into the target.
 */
export const plannedDelivered: Rule = {
  meta: {
    id: 'planned-delivered',
    description:
      'A `planned` element is delivered by no roadmap phase (no work item lists it in `delivers`).',
    defaultSeverity: 'warn',
    messages: {
      undelivered:
        "planned {{kind}} `{{id}}` is delivered by no roadmap work item: list it in a phase's `workItems[].delivers`",
    },
  },
  check(graph, ctx) {
    for (const spec of ELEMENT_KINDS) {
      for (const el of spec.list(graph.model) ?? []) {
        if (!el || (el as { lifecycle?: unknown }).lifecycle !== 'planned') continue;
        const id = elementId(spec.kind, el);
        if (id === undefined) continue;
        const alias = spec.kind === 'productLine' ? (el as { id?: unknown }).id : undefined;
        if (
          graph.deliveredBy.has(id) ||
          (typeof alias === 'string' && graph.deliveredBy.has(alias))
        )
          continue;
        ctx.report({
          messageId: 'undelivered',
          data: { kind: spec.label, id },
          node: el,
          path: ['lifecycle'],
        });
      }
    }
  },
};

export default plannedDelivered;
