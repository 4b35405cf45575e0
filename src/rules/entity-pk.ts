import type { Rule } from './types.js';

/**
 * `entity-pk`: every entity has a primary-key attribute (`pk: true`). Entities used only as
 * `embedded` value types (named by an attribute's `embedded` and never the target of a `ref`)
 * have no identity of their own and are exempt.
 */
export const entityPk: Rule = {
  meta: {
    id: 'entity-pk',
    description:
      'An entity has no primary-key attribute (`pk: true`); entities used only as `embedded` value types are exempt.',
    defaultSeverity: 'warn',
    messages: {
      noPk: 'entity `{{entity}}` has no primary-key attribute: mark its key with `pk: true`',
      noAttributes:
        'entity `{{entity}}` has no attributes, so no primary key: add its key attribute with `pk: true`',
    },
  },
  check(graph, ctx) {
    const entities = graph.model.data?.entities ?? [];
    const embedded = new Set<string>();
    const referenced = new Set<string>();
    for (const entity of entities) {
      for (const attr of entity.attributes ?? []) {
        if (typeof attr.embedded === 'string') embedded.add(attr.embedded);
        const refs = attr.ref === undefined ? [] : Array.isArray(attr.ref) ? attr.ref : [attr.ref];
        // `entity.attribute`: the entity part is everything before the last dot
        for (const ref of refs)
          if (typeof ref === 'string') referenced.add(ref.replace(/\.[^.]*$/, ''));
      }
    }
    for (const entity of entities) {
      if (embedded.has(entity.id) && !referenced.has(entity.id)) continue;
      const attrs = entity.attributes ?? [];
      if (attrs.some((a) => a.pk === true)) continue;
      ctx.report({
        messageId: attrs.length === 0 ? 'noAttributes' : 'noPk',
        data: { entity: entity.id },
        node: entity,
        path: ['id'],
      });
    }
  },
};

export default entityPk;
