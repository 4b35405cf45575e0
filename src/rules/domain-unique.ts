import type { Domain } from '../model/types.js';
import type { Rule } from './types.js';

/**
 * `domain-unique`: each host name (case-insensitive, trailing dot ignored) and each
 * address:port appears once in the domain-name inventory. A port given with a host is part of
 * its key (`api.example.com` on 443 and on 8443 are two entry points).
 */
export const domainUnique: Rule = {
  meta: {
    id: 'domain-unique',
    description:
      'A host (case-insensitive) or an address:port appears twice in `physical.domains`.',
    defaultSeverity: 'error',
    messages: {
      duplicate:
        '{{what}} `{{key}}` appears twice in the domain inventory: keep one entry and merge the details of both',
    },
  },
  check(graph, ctx) {
    const seen = new Map<string, Domain>();
    for (const domain of graph.model.physical?.domains ?? []) {
      const found = keyOf(domain);
      if (!found) continue;
      const first = seen.get(found.key);
      if (!first) {
        seen.set(found.key, domain);
        continue;
      }
      ctx.report({
        messageId: 'duplicate',
        data: { what: found.field, key: found.shown },
        node: domain,
        path: [found.field],
        related: [
          { node: first, path: [found.field], message: `\`${found.shown}\` is first listed here` },
        ],
      });
    }
  },
};

/** The identity of a domain entry: its host, or else its address, with the port if given. */
function keyOf(d: Domain): { key: string; shown: string; field: 'host' | 'address' } | undefined {
  const port = typeof d.port === 'number' ? `:${d.port}` : '';
  if (typeof d.host === 'string' && d.host !== '') {
    const host = d.host.toLowerCase().replace(/\.$/, '');
    return { key: `host ${host}${port}`, shown: `${d.host}${port}`, field: 'host' };
  }
  if (typeof d.address === 'string' && d.address !== '') {
    return {
      key: `address ${d.address.toLowerCase()}${port}`,
      shown: `${d.address}${port}`,
      field: 'address',
    };
  }
  return undefined;
}

export default domainUnique;
