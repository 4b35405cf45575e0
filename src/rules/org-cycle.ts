import type { OrgUnit } from '../model/types.js';
import type { Rule } from './types.js';

/**
 * `org-cycle`: org-unit `parent` links form a tree. Each unit has at most one parent, so the
 * links form a functional graph: one walk up from each unit, visiting every unit once overall,
 * finds every cycle. One finding per cycle, at the member listed first in the model.
 */
export const orgCycle: Rule = {
  meta: {
    id: 'org-cycle',
    description: 'Org-unit `parent` links form a cycle.',
    defaultSeverity: 'error',
    messages: {
      cycle:
        'org units form a parent cycle: {{cycle}} (each arrow points to the parent); the organisation chart must be a tree, so change one of these `parent` links',
    },
  },
  check(graph, ctx) {
    const units = graph.model.business?.orgUnits ?? [];
    const byId = graph.orgUnits;
    const order = new Map<OrgUnit, number>();
    units.forEach((unit, i) => order.set(unit, i));
    // 1 = on the walk in progress, 2 = finished
    const state = new Map<OrgUnit, 1 | 2>();
    for (const start of units) {
      const walk: OrgUnit[] = [];
      let unit: OrgUnit | undefined = start;
      while (unit && !state.has(unit)) {
        state.set(unit, 1);
        walk.push(unit);
        unit = typeof unit.parent === 'string' ? byId.get(unit.parent) : undefined;
      }
      if (unit && state.get(unit) === 1) report(walk.slice(walk.indexOf(unit)));
      for (const done of walk) state.set(done, 2);
    }

    function report(cycle: OrgUnit[]): void {
      let at = 0;
      cycle.forEach((u, i) => {
        if ((order.get(u) ?? 0) < (order.get(cycle[at] ?? u) ?? 0)) at = i;
      });
      const [first, ...rest] = [...cycle.slice(at), ...cycle.slice(0, at)];
      if (!first) return;
      ctx.report({
        messageId: 'cycle',
        data: { cycle: [first, ...rest, first].map((u) => `\`${u.id}\``).join(' -> ') },
        node: first,
        path: ['parent'],
        related: rest.map((u) => ({
          node: u,
          path: ['parent'],
          message: `\`${u.id}\` is part of the cycle`,
        })),
      });
    }
  },
};

export default orgCycle;
