import type { ModelGraph } from './graph.js';

/** Why no id could be given. */
export type NextAppIdError =
  | { ok: false; error: 'line-not-declared'; line: string }
  | { ok: false; error: 'subsystem-not-declared'; line: string; subsystem: string }
  | { ok: false; error: 'range-full'; line: string; subsystem: string; used: number };

/** The next free application id, or why there is none. */
export type NextAppIdResult = { ok: true; id: string; used: number } | NextAppIdError;

/** Highest application number in a subsystem (ids `LLSS01` to `LLSS99`). */
export const MAX_APP_NUMBER = 99;

/**
 * The next free six-digit application id in a product line's subsystem: line code (2 digits) +
 * subsystem code (2 digits) + the number above the highest one in use (01 to 99), or the lowest
 * gap once 99 is taken. Every app counts as using its id, retired ones included (ids are never
 * reused), and so do apps the loader dropped for schema errors.
 * @param line product-line code, e.g. `10`
 * @param subsystem subsystem code within the line, e.g. `02`
 */
export function nextFreeAppId(graph: ModelGraph, line: string, subsystem: string): NextAppIdResult {
  if (!graph.productLines.has(line)) return { ok: false, error: 'line-not-declared', line };
  if (!graph.subsystems.has(line + subsystem))
    return { ok: false, error: 'subsystem-not-declared', line, subsystem };
  const prefix = line + subsystem;
  const used = new Set<number>();
  const note = (id: string): void => {
    if (id.length === 6 && id.startsWith(prefix) && /^\d{6}$/.test(id))
      used.add(Number(id.slice(4)));
  };
  for (const app of graph.model.applications ?? [])
    if (app && typeof app.id === 'string') note(app.id);
  for (const key of graph.dropped)
    if (key.startsWith('applications:')) note(key.slice('applications:'.length));
  used.delete(0);
  let highest = 0;
  for (const n of used) highest = Math.max(highest, n);
  let next = highest < MAX_APP_NUMBER ? highest + 1 : 0;
  for (let n = 1; next === 0 && n <= MAX_APP_NUMBER; n++) if (!used.has(n)) next = n;
  if (next === 0) return { ok: false, error: 'range-full', line, subsystem, used: used.size };
  return { ok: true, id: prefix + String(next).padStart(2, '0'), used: used.size };
}
