import type { Rule } from './types.js';

/**
 * `state-exit`: every non-final state has an outgoing transition, so no instance gets stuck.
 * A transition from `*` leaves every non-final state.
 */
export const stateExit: Rule = {
  meta: {
    id: 'state-exit',
    description: 'A non-final state has no outgoing transition.',
    defaultSeverity: 'warn',
    messages: {
      noExit:
        'state `{{state}}` of state machine `{{machine}}` has no outgoing transition: add one, or mark it `final: true` if instances end there',
    },
  },
  check(graph, ctx) {
    for (const machine of graph.model.data?.stateMachines ?? []) {
      const sources = new Set<string>();
      let fromAny = false;
      for (const t of machine.transitions ?? []) {
        if (t.from === '*') fromAny = true;
        else for (const from of Array.isArray(t.from) ? t.from : [t.from]) sources.add(from);
      }
      if (fromAny) continue;
      (machine.states ?? []).forEach((state, i) => {
        if (state.final === true || sources.has(state.id)) return;
        ctx.report({
          messageId: 'noExit',
          data: { state: state.id, machine: machine.id },
          node: machine,
          path: ['states', i, 'id'],
        });
      });
    }
  },
};

export default stateExit;
