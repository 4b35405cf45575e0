import { checkForeignUse } from './foreign-db-write.js';
import type { Rule } from './types.js';

/**
 * Data ownership (method.md): other copies of data are read-only and kept in step through
 * events; reading another owner's database directly couples the reader to its schema.
 */
export const foreignDbRead: Rule = {
  meta: {
    id: 'foreign-db-read',
    description:
      'An app reads a database owned (`ownedBy`) by another app or center that it does not implement.',
    defaultSeverity: 'warn',
    messages: {
      ownedByApp: 'app `{{app}}` reads database `{{database}}`, owned by app `{{owner}}`',
      ownedByCenter:
        'app `{{app}}` reads database `{{database}}`, owned by service center `{{owner}}`, which it does not implement',
    },
  },
  check(graph, ctx) {
    checkForeignUse(graph, ctx, 'read');
  },
};

export default foreignDbRead;
