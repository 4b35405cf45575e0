import { asList } from '../model/graph.js';
import type { Application } from '../model/types.js';
import type { Rule } from './types.js';

/** Front-end kinds (model.md). */
const FRONT_END = new Set<string>(['web', 'mobile', 'gateway', 'api', 'admin']);

/** True when any of the app's kinds is a front-end kind. */
export function isFrontEnd(app: Application): boolean {
  return asList(app.kind).some((k) => FRONT_END.has(k));
}

/**
 * SOA planning (method.md): front ends reach other product lines' logic through service
 * centers, where each logic is implemented once, not by calling their backends directly.
 */
export const frontendViaCenters: Rule = {
  meta: {
    id: 'frontend-via-centers',
    description:
      'A front-end app (web, mobile, gateway, api, admin) calls a backend app of another product line directly instead of a service center.',
    defaultSeverity: 'warn',
    messages: {
      direct:
        'front-end app `{{app}}` calls backend app `{{target}}` of product line `{{line}}` directly: call a service center instead',
    },
  },
  check(graph, ctx) {
    for (const edge of graph.calls) {
      if (edge.resolved.kind !== 'app' || !isFrontEnd(edge.from)) continue;
      const target = graph.apps.get(edge.target);
      if (!target || isFrontEnd(target)) continue;
      const line = edge.target.slice(0, 2);
      if (String(edge.from.id).slice(0, 2) === line) continue;
      ctx.report({
        messageId: 'direct',
        data: { app: edge.from.id, target: edge.target, line },
        node: edge.from,
        path: [edge.kind === 'call' ? 'calls' : 'routes', edge.index, 'target'],
      });
    }
  },
};

export default frontendViaCenters;
