import type { Rule } from './types.js';

/**
 * `app-deployed`: a current application (lifecycle `current` or absent) runs somewhere: it
 * names at least one cluster in `deployedOn`. Without it the cluster x product-line matrix and
 * the cluster inventory of the physical architecture are incomplete.
 */
export const appDeployed: Rule = {
  meta: {
    id: 'app-deployed',
    description: 'A current app is deployed on no cluster (`deployedOn` empty or absent).',
    defaultSeverity: 'warn',
    messages: {
      notDeployed:
        'current app `{{app}}`{{name}} is deployed on no cluster: add `deployedOn: [<cluster id>]`, or set `lifecycle: planned` if it does not run yet',
    },
  },
  check(graph, ctx) {
    for (const app of graph.model.applications ?? []) {
      if (app.lifecycle !== undefined && app.lifecycle !== 'current') continue;
      if (Array.isArray(app.deployedOn) && app.deployedOn.length > 0) continue;
      ctx.report({
        messageId: 'notDeployed',
        data: { app: app.id, name: app.name ? ` (${app.name})` : '' },
        node: app,
        path: Array.isArray(app.deployedOn) ? ['deployedOn'] : ['id'],
      });
    }
  },
};

export default appDeployed;
