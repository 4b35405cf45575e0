import type { Rule } from './types.js';

/**
 * `process-flow`: a process's steps form one flow. A start step is one that no other step's
 * `next` names; a process needs exactly one, and every step must be reachable from it.
 * Unreachable steps are looked for from every start, so a second start alone gives one finding.
 */
export const processFlow: Rule = {
  meta: {
    id: 'process-flow',
    description:
      "A process's steps do not form one flow from a single start step, or a step is unreachable.",
    defaultSeverity: 'warn',
    messages: {
      noStart:
        "process `{{process}}` has no start step: every step is named by another step's `next`, so the flow has no beginning; remove the `next` that leads back to the first step",
      manyStarts:
        'process `{{process}}` has {{count}} start steps ({{starts}}): a flow has one start, so link the others from a step with `next`',
      unreachable:
        "step `{{step}}` of process `{{process}}` cannot be reached from start step {{start}}: name it in an earlier step's `next`, or remove it",
    },
  },
  check(graph, ctx) {
    for (const process of graph.model.business?.processes ?? []) {
      const steps = process.steps ?? [];
      if (steps.length === 0) continue;
      const next = new Map<string, string[]>();
      const named = new Set<string>();
      for (const step of steps) {
        const targets = Array.isArray(step.next)
          ? step.next.filter((n) => typeof n === 'string')
          : [];
        const list = next.get(step.id);
        if (list) list.push(...targets);
        else next.set(step.id, targets);
        for (const t of targets) if (t !== step.id) named.add(t);
      }
      const starts = steps.filter((s) => !named.has(s.id)).map((s) => s.id);
      if (starts.length === 0) {
        ctx.report({
          messageId: 'noStart',
          data: { process: process.id },
          node: process,
          path: ['id'],
        });
        continue;
      }
      if (starts.length > 1) {
        ctx.report({
          messageId: 'manyStarts',
          data: {
            process: process.id,
            count: starts.length,
            starts: starts.map((s) => `\`${s}\``).join(', '),
          },
          node: process,
          path: ['id'],
        });
      }
      const seen = new Set<string>(starts);
      const queue = [...starts];
      for (let i = 0; i < queue.length; i++) {
        for (const to of next.get(queue[i] ?? '') ?? []) {
          if (seen.has(to)) continue;
          seen.add(to);
          queue.push(to);
        }
      }
      steps.forEach((step, i) => {
        if (seen.has(step.id)) return;
        ctx.report({
          messageId: 'unreachable',
          data: {
            step: step.id,
            process: process.id,
            start: starts.map((s) => `\`${s}\``).join(' or '),
          },
          node: process,
          path: ['steps', i],
        });
      });
    }
  },
};

export default processFlow;
