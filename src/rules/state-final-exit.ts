import type { Rule } from './types.js';

/**
 * `state-final-exit`: a final state has no outgoing transition. Only an explicit `from` naming
 * the state counts; `*` means any non-final state and never leaves a final one.
 */
export const stateFinalExit: Rule = {
  meta: {
    id: 'state-final-exit',
    description: 'A final state has an outgoing transition.',
    defaultSeverity: 'error',
    messages: {
      finalExit:
        'final state `{{state}}` of state machine `{{machine}}` has an outgoing transition (to `{{to}}`): remove the transition, or drop `final: true`',
    },
  },
  check(graph, ctx) {
    for (const machine of graph.model.data?.stateMachines ?? []) {
      const finals = new Map<string, number>();
      (machine.states ?? []).forEach((s, i) => {
        if (s.final === true) finals.set(s.id, i);
      });
      if (finals.size === 0) continue;
      (machine.transitions ?? []).forEach((t, j) => {
        if (t.from === '*') return;
        const list = Array.isArray(t.from) ? t.from : [t.from];
        list.forEach((from, k) => {
          const index = finals.get(from);
          if (index === undefined) return;
          ctx.report({
            messageId: 'finalExit',
            data: { state: from, machine: machine.id, to: String(t.to) },
            node: machine,
            path: Array.isArray(t.from)
              ? ['transitions', j, 'from', k]
              : ['transitions', j, 'from'],
            related: [
              {
                node: machine,
                path: ['states', index],
                message: `\`${from}\` is declared final here`,
              },
            ],
          });
        });
      });
    }
  },
};

export default stateFinalExit;
