import { asList } from '../model/graph.js';
import type { Rule } from './types.js';

/**
 * A service center exists to be called (method.md, SOA planning): a current center with no
 * caller is dead weight or a sign that callers still go around it. Uses are calls and gateway
 * routes to the center, to one of its services, or to an app implementing it, and other
 * centers' `dependsOn`.
 */
export const centerUnused: Rule = {
  meta: {
    id: 'center-unused',
    description:
      'A current service center that nothing calls (a call to the center, to one of its services, or to an app that implements it counts).',
    defaultSeverity: 'warn',
    messages: {
      unused:
        'service center `{{center}}` is current but nothing calls it, its services or the apps implementing it',
    },
  },
  check(graph, ctx) {
    const used = new Set<string>();
    for (const edge of graph.calls) {
      const r = edge.resolved;
      if (r.kind === 'center' || r.kind === 'ambiguous') used.add(r.id);
      else if (r.kind === 'service' && r.center !== undefined) used.add(r.center);
      else if (r.kind === 'app') for (const c of graph.centersOfApp.get(r.id) ?? []) used.add(c);
      // A call to `center.typo` is a use of the center; ref-resolves reports the typo.
      else if (r.kind === 'unresolved' && edge.target.includes('.'))
        used.add(edge.target.split('.')[0] ?? '');
    }
    for (const center of graph.model.serviceCenters ?? []) {
      for (const dep of asList(center.dependsOn)) if (dep !== center.id) used.add(dep);
    }
    for (const center of graph.model.serviceCenters ?? []) {
      if (typeof center.id !== 'string' || used.has(center.id)) continue;
      if (center.lifecycle !== undefined && center.lifecycle !== 'current') continue;
      ctx.report({ messageId: 'unused', data: { center: center.id }, node: center, path: ['id'] });
    }
  },
};

export default centerUnused;
