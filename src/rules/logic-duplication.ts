import type { Application } from '../model/types.js';
import type { Rule } from './types.js';

/** In the baseline (what runs now): neither planned nor retired. */
const inBaseline = (a: Application): boolean =>
  a.lifecycle !== 'planned' && a.lifecycle !== 'retired';
/** In the target: neither retiring nor retired. */
const inTarget = (a: Application): boolean =>
  a.lifecycle !== 'retiring' && a.lifecycle !== 'retired';

/**
 * One logic, one place (method.md): business logic written again in several apps means one
 * change, several edits. Apps are counted within the baseline and within the target, so an app
 * being replaced (`retiring`) and its `planned` successor are not a duplication.
 */
export const logicDuplication: Rule = {
  meta: {
    id: 'logic-duplication',
    description: 'A piece of business logic is implemented by more than one app (lists them).',
    defaultSeverity: 'warn',
    messages: {
      duplicated:
        'business logic `{{logic}}` is implemented by {{count}} apps: {{apps}}; implement it once, in a service center',
    },
  },
  check(graph, ctx) {
    for (const [logicId, uses] of graph.logicImplementers) {
      const logic = graph.businessLogic.get(logicId);
      if (!logic) continue;
      const first = new Map<string, { app: Application; index: number }>();
      for (const u of uses) if (!first.has(u.app.id)) first.set(u.app.id, u);
      const all = [...first.values()];
      const baseline = all.filter((u) => inBaseline(u.app));
      const target = all.filter((u) => inTarget(u.app));
      const shown = new Set([
        ...(baseline.length > 1 ? baseline : []),
        ...(target.length > 1 ? target : []),
      ]);
      if (shown.size < 2) continue;
      const list = all.filter((u) => shown.has(u));
      ctx.report({
        messageId: 'duplicated',
        data: { logic: logicId, count: list.length, apps: list.map((u) => u.app.id).join(', ') },
        node: logic,
        path: ['id'],
        related: list.map((u) => ({
          node: u.app,
          path: ['logic', u.index],
          message: `implemented by app \`${u.app.id}\``,
        })),
      });
    }
  },
};

export default logicDuplication;
