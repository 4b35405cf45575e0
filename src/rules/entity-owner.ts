import type { Rule } from './types.js';

/**
 * `entity-owner`: every entity names its owning app or service center (`ownedBy`), and every
 * database holding it agrees. One source of truth per piece of data (method.md, data ownership).
 */
export const entityOwner: Rule = {
  meta: {
    id: 'entity-owner',
    description:
      'An entity has no `ownedBy`, or a database holding it (`databases[].entities`) is owned by someone else.',
    defaultSeverity: 'error',
    messages: {
      missing:
        'entity `{{entity}}` has no `ownedBy`: name the one app or service center that is its system of record',
      missingHeld:
        'entity `{{entity}}` has no `ownedBy`; its database `{{database}}` is owned by `{{dbOwner}}`: add `ownedBy: {{dbOwner}}` if that is its system of record',
      differs:
        'entity `{{entity}}` is owned by `{{owner}}`, but database `{{database}}` holding it is owned by `{{dbOwner}}`: move the entity or fix one of the owners',
    },
  },
  check(graph, ctx) {
    const data = graph.model.data ?? {};
    for (const entity of data.entities ?? []) {
      const dbs = graph.databasesOfEntity.get(entity.id) ?? [];
      const owned = dbs.filter((db) => typeof db.ownedBy === 'string' && db.ownedBy !== '');
      if (typeof entity.ownedBy !== 'string' || entity.ownedBy === '') {
        const db = owned[0];
        ctx.report(
          db
            ? {
                messageId: 'missingHeld',
                data: { entity: entity.id, database: db.id, dbOwner: String(db.ownedBy) },
                node: entity,
                path: ['id'],
                related: [
                  {
                    node: db,
                    path: ['ownedBy'],
                    message: `database \`${db.id}\` is owned by \`${String(db.ownedBy)}\` here`,
                  },
                ],
                suggest: [String(db.ownedBy)],
              }
            : { messageId: 'missing', data: { entity: entity.id }, node: entity, path: ['id'] },
        );
        continue;
      }
      for (const db of owned) {
        if (db.ownedBy === entity.ownedBy) continue;
        ctx.report({
          messageId: 'differs',
          data: {
            entity: entity.id,
            owner: entity.ownedBy,
            database: db.id,
            dbOwner: String(db.ownedBy),
          },
          node: entity,
          path: ['ownedBy'],
          related: [
            { node: db, path: ['ownedBy'], message: `database \`${db.id}\` is owned here` },
          ],
        });
      }
    }
  },
};

export default entityOwner;
