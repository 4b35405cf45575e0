import type { Rule } from './types.js';

/**
 * `domain-redirect`: an external domain planned for `rename` or `retire` names a `redirect`,
 * so customers' links and bookmarks keep working (method.md, domain planning: external names
 * are kept, or redirected when they change).
 */
export const domainRedirect: Rule = {
  meta: {
    id: 'domain-redirect',
    description: 'An external domain planned for `rename` or `retire` has no `redirect`.',
    defaultSeverity: 'warn',
    messages: {
      noRedirect:
        'external domain `{{host}}` is planned for `{{plan}}` but has no `redirect`: add `redirect: <new host or URL>` so existing links keep working',
    },
  },
  check(graph, ctx) {
    for (const domain of graph.model.physical?.domains ?? []) {
      if (domain.visibility !== 'external') continue;
      if (domain.plan !== 'rename' && domain.plan !== 'retire') continue;
      if (typeof domain.redirect === 'string' && domain.redirect.trim() !== '') continue;
      const host =
        domain.host ??
        `${domain.address ?? '?'}${domain.port !== undefined ? `:${domain.port}` : ''}`;
      ctx.report({
        messageId: 'noRedirect',
        data: { host, plan: domain.plan },
        node: domain,
        path: ['plan'],
      });
    }
  },
};

export default domainRedirect;
