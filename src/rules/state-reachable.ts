import type { Rule } from './types.js';

/**
 * `state-reachable`: every state can be reached from the initial state. A transition's `from`
 * is a state, a list of states, or `*` (any non-final state). Machines whose `initial` is not a
 * state are left to `state-initial`.
 */
export const stateReachable: Rule = {
  meta: {
    id: 'state-reachable',
    description: 'A state cannot be reached from the initial state.',
    defaultSeverity: 'warn',
    messages: {
      unreachable:
        'state `{{state}}` of state machine `{{machine}}` cannot be reached from initial state `{{initial}}`: add a transition to it, or remove it',
    },
  },
  check(graph, ctx) {
    for (const machine of graph.model.data?.stateMachines ?? []) {
      const states = machine.states ?? [];
      const byId = new Map(states.map((s) => [s.id, s] as const));
      if (!byId.has(machine.initial)) continue;
      const edges = new Map<string, string[]>();
      const fromAny: string[] = [];
      for (const t of machine.transitions ?? []) {
        if (typeof t.to !== 'string') continue;
        if (t.from === '*') {
          fromAny.push(t.to);
          continue;
        }
        for (const from of Array.isArray(t.from) ? t.from : [t.from]) {
          const list = edges.get(from);
          if (list) list.push(t.to);
          else edges.set(from, [t.to]);
        }
      }
      const seen = new Set<string>([machine.initial]);
      const queue = [machine.initial];
      let anyDone = false;
      for (let i = 0; i < queue.length; i++) {
        const id = queue[i]!;
        const next = [...(edges.get(id) ?? [])];
        // `*` leaves every non-final state: its targets open up once one non-final state is reached
        if (!anyDone && byId.get(id)?.final !== true) {
          anyDone = true;
          next.push(...fromAny);
        }
        for (const to of next) {
          if (seen.has(to) || !byId.has(to)) continue;
          seen.add(to);
          queue.push(to);
        }
      }
      states.forEach((state, i) => {
        if (seen.has(state.id)) return;
        ctx.report({
          messageId: 'unreachable',
          data: { state: state.id, machine: machine.id, initial: machine.initial },
          node: machine,
          path: ['states', i, 'id'],
        });
      });
    }
  },
};

export default stateReachable;
