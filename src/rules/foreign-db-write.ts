import type { ModelGraph } from '../model/graph.js';
import type { Rule, RuleContext } from './types.js';

/**
 * Reports apps that use a database owned (`ownedBy`) by another app, or by a service center the
 * app does not implement. `mode` picks writes (`write`, `readwrite`) or reads (`read`, or no
 * `access` given). Shared by foreign-db-write and foreign-db-read.
 */
export function checkForeignUse(graph: ModelGraph, ctx: RuleContext, mode: 'write' | 'read'): void {
  for (const [dbId, uses] of graph.databaseUsers) {
    const db = graph.databases.get(dbId);
    const owner = db?.ownedBy;
    if (!db || typeof owner !== 'string') continue;
    const byApp = graph.apps.has(owner);
    if (!byApp && !graph.centers.has(owner)) continue; // ref-resolves reports it
    for (const { app, use, index } of uses) {
      const writes = use.access === 'write' || use.access === 'readwrite';
      if (writes !== (mode === 'write')) continue;
      if (byApp ? owner === app.id : (graph.centersOfApp.get(app.id) ?? []).includes(owner))
        continue;
      ctx.report({
        messageId: byApp ? 'ownedByApp' : 'ownedByCenter',
        data: { app: app.id, database: dbId, owner },
        node: app,
        path: ['uses', index, 'database'],
        related: [{ node: db, path: ['ownedBy'], message: `\`${dbId}\` is owned by \`${owner}\`` }],
      });
    }
  }
}

/**
 * Data ownership (method.md): each piece of data has one owning service, the single source of
 * truth; other apps go through it instead of writing its database.
 */
export const foreignDbWrite: Rule = {
  meta: {
    id: 'foreign-db-write',
    description:
      'An app writes a database owned (`ownedBy`) by another app or center that it does not implement.',
    defaultSeverity: 'error',
    messages: {
      ownedByApp: 'app `{{app}}` writes database `{{database}}`, owned by app `{{owner}}`',
      ownedByCenter:
        'app `{{app}}` writes database `{{database}}`, owned by service center `{{owner}}`, which it does not implement',
    },
  },
  check(graph, ctx) {
    checkForeignUse(graph, ctx, 'write');
  },
};

export default foreignDbWrite;
