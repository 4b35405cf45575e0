import { closest, distance } from 'fastest-levenshtein';
import type { Rule } from './types.js';

/** At most this many states are listed when no state is near the misspelt one. */
const LIST_MAX = 8;

/** `state-initial`: a state machine's `initial` names one of its own states. */
export const stateInitial: Rule = {
  meta: {
    id: 'state-initial',
    description: "A state machine's `initial` is not one of its states.",
    defaultSeverity: 'error',
    messages: {
      unknown:
        'initial state `{{initial}}` of state machine `{{machine}}` is not one of its states; did you mean `{{nearest}}`?',
      unknownFar:
        'initial state `{{initial}}` of state machine `{{machine}}` is not one of its states ({{states}}): name the state new instances start in',
      noStates:
        'initial state `{{initial}}` of state machine `{{machine}}` is not one of its states: the machine has no states',
    },
  },
  check(graph, ctx) {
    for (const machine of graph.model.data?.stateMachines ?? []) {
      if (typeof machine.initial !== 'string') continue;
      const ids = (machine.states ?? []).map((s) => s.id).filter((id) => typeof id === 'string');
      if (ids.includes(machine.initial)) continue;
      const data = { initial: machine.initial, machine: machine.id };
      const base = { node: machine, path: ['initial'] };
      if (ids.length === 0) {
        ctx.report({ ...base, messageId: 'noStates', data });
        continue;
      }
      const nearest = closest(machine.initial, ids);
      // a suggestion is only useful when it is plausibly the same word misspelt
      if (
        distance(machine.initial, nearest) <= Math.max(2, Math.floor(machine.initial.length / 3))
      ) {
        ctx.report({
          ...base,
          messageId: 'unknown',
          data: { ...data, nearest },
          suggest: [nearest],
        });
        continue;
      }
      const shown = ids.slice(0, LIST_MAX).map((id) => `\`${id}\``);
      if (ids.length > LIST_MAX) shown.push('...');
      ctx.report({ ...base, messageId: 'unknownFar', data: { ...data, states: shown.join(', ') } });
    }
  },
};

export default stateInitial;
