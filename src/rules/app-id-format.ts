import { APP_ID } from '../model/graph.js';
import type { Rule } from './types.js';

/**
 * An application id is its identity card (method.md, application planning): digits 1-2 name a
 * declared product line, digits 3-4 a subsystem declared in that line, digits 5-6 the app.
 */
export const appIdFormat: Rule = {
  meta: {
    id: 'app-id-format',
    description: 'App id is not declared line code + declared subsystem code + 2 digits.',
    defaultSeverity: 'error',
    messages: {
      notSixDigits: 'app id `{{id}}` is not six digits (product line + subsystem + app number)',
      lineUndeclared:
        'app id `{{id}}`: product line `{{line}}` (digits 1-2) is not declared in `productLines`',
      subsystemUndeclared:
        'app id `{{id}}`: subsystem `{{subsystem}}` (digits 3-4) is not declared in product line `{{line}}`',
    },
  },
  check(graph, ctx) {
    for (const app of graph.model.applications ?? []) {
      const id = app?.id;
      if (typeof id !== 'string') continue;
      if (!APP_ID.test(id)) {
        ctx.report({ messageId: 'notSixDigits', data: { id }, node: app, path: ['id'] });
        continue;
      }
      const line = id.slice(0, 2);
      const subsystem = id.slice(2, 4);
      if (!graph.productLines.has(line)) {
        if (!graph.isDropped('productLine', line)) {
          ctx.report({ messageId: 'lineUndeclared', data: { id, line }, node: app, path: ['id'] });
        }
      } else if (
        !graph.subsystems.has(line + subsystem) &&
        !graph.isDropped('subsystem', line + subsystem)
      ) {
        ctx.report({
          messageId: 'subsystemUndeclared',
          data: { id, line, subsystem },
          node: app,
          path: ['id'],
        });
      }
    }
  },
};

export default appIdFormat;
