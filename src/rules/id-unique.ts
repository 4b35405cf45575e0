import { KIND_LABELS, type IdKind } from '../model/graph.js';
import type { Rule } from './types.js';

/** Kinds whose uniqueness another rule checks: subsystem codes, domain hosts. */
const CHECKED_ELSEWHERE = new Set<IdKind>(['subsystem', 'domain']);

/** How the id is named in messages, where it is not simply "id". */
const ID_NAMES: Partial<Record<IdKind, string>> = { productLine: 'code', attribute: 'name' };

/** Kind names in messages, where they differ from KIND_LABELS. */
const KIND_NAMES: Partial<Record<IdKind, string>> = { productLineId: 'product line' };

/**
 * Two elements of one kind share an id (nested ones: within their parent), or a service center
 * and an external system share one, which a `calls[].target` cannot tell apart.
 */
export const idUnique: Rule = {
  meta: {
    id: 'id-unique',
    description: 'Two elements of one kind share an id (both places named).',
    defaultSeverity: 'error',
    messages: {
      duplicate: '{{kind}} {{idName}} `{{id}}` is already used by another {{kind}}',
      duplicateNested: '{{kind}} {{idName}} `{{id}}` appears twice in {{parentKind}} `{{parent}}`',
      centerAndExternal:
        '`{{id}}` is both a service center and an external system id: a call target cannot tell them apart',
    },
  },
  check(graph, ctx) {
    for (const g of graph.duplicates) {
      if (CHECKED_ELSEWHERE.has(g.kind)) continue;
      const [first, ...again] = g.places;
      if (!first) continue;
      const kind = KIND_NAMES[g.kind] ?? KIND_LABELS[g.kind];
      const idName = ID_NAMES[g.kind] ?? 'id';
      for (const place of again) {
        ctx.report({
          ...(g.parent
            ? {
                messageId: 'duplicateNested',
                data: {
                  kind,
                  idName,
                  id: g.id,
                  parentKind: KIND_LABELS[g.parent.kind],
                  parent: g.parent.id,
                },
              }
            : { messageId: 'duplicate', data: { kind, idName, id: g.id } }),
          node: place.node,
          path: place.path,
          related: [
            {
              node: first.node,
              path: first.path,
              message: `${kind} \`${g.id}\` is first defined here`,
            },
          ],
        });
      }
    }
    for (const [id, external] of graph.externalSystems) {
      const center = graph.centers.get(id);
      if (!center) continue;
      ctx.report({
        messageId: 'centerAndExternal',
        data: { id },
        node: external,
        path: ['id'],
        related: [
          { node: center, path: ['id'], message: `service center \`${id}\` is defined here` },
        ],
      });
    }
  },
};

export default idUnique;
