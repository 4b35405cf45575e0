import type { FieldChange, ListChange } from './types.js';

/** What differs inside one element. */
export interface ValueDiff {
  fields: FieldChange[];
  lists: ListChange[];
}

/**
 * How items of a list of objects are identified, by the list's key: calls by target, attributes
 * by name, nested services, steps and states by id, uses by database, deployedOn by cluster.
 * Lists not named here try `id`, `name`, `target`, `to` in turn.
 */
const LIST_KEYS: Readonly<Record<string, string>> = {
  calls: 'target',
  routes: 'target',
  uses: 'database',
  deployedOn: 'cluster',
  attributes: 'name',
  services: 'id',
  steps: 'id',
  states: 'id',
  functions: 'id',
  workItems: 'id',
  relations: 'to',
  links: 'to',
  endpoints: 'port',
  changelog: 'version',
};
const FALLBACK_KEYS = ['id', 'name', 'target', 'to', 'term', 'code'];

/** JSON with object keys sorted, so equal values print equally. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The last property name in a path: `services[pay].operations` → `operations`. */
function listName(path: string): string {
  const last = path.split('.').pop() ?? '';
  return last.replace(/\[.*\]$/, '');
}

/** Records every difference between two values under `path` into `out`. */
export function diffValue(path: string, before: unknown, after: unknown, out: ValueDiff): void {
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) diffValue(join(path, key), before[key], after[key], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    diffList(path, before, after, out);
    return;
  }
  if (before === after) return;
  if (
    typeof before === 'object' &&
    typeof after === 'object' &&
    canonical(before) === canonical(after)
  ) {
    return;
  }
  out.fields.push({
    path,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  });
}

function diffList(path: string, before: unknown[], after: unknown[], out: ValueDiff): void {
  const key = listKey(listName(path), before, after);
  if (key === undefined) {
    // Scalars, or objects with no usable key: compare as sets of values.
    const show = (v: unknown): string => (typeof v === 'string' ? v : canonical(v));
    const b = new Set(before.map(show));
    const a = new Set(after.map(show));
    const added = [...a].filter((v) => !b.has(v));
    const removed = [...b].filter((v) => !a.has(v));
    if (added.length > 0 || removed.length > 0) out.lists.push({ path, added, removed });
    return;
  }
  const b = keyed(before, key);
  const a = keyed(after, key);
  const added = [...a.keys()].filter((k) => !b.has(k));
  const removed = [...b.keys()].filter((k) => !a.has(k));
  if (added.length > 0 || removed.length > 0) out.lists.push({ path, added, removed });
  for (const [k, item] of a) {
    const old = b.get(k);
    if (old !== undefined) diffValue(`${path}[${k}]`, old, item, out);
  }
}

/** A scalar item stands for an object holding just its key (`deployedOn: [web]`). */
function normalise(item: unknown, key: string): unknown {
  return typeof item === 'string' || typeof item === 'number' ? { [key]: item } : item;
}

function keyed(list: unknown[], key: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const raw of list) {
    const item = normalise(raw, key);
    if (isObject(item)) out.set(String(item[key]), item);
  }
  return out;
}

/** The key identifying the list's items, when every item has a distinct one on each side. */
function listKey(name: string, before: unknown[], after: unknown[]): string | undefined {
  const all = [...before, ...after];
  if (!all.some(isObject)) return undefined;
  const candidates = LIST_KEYS[name] ? [LIST_KEYS[name]] : FALLBACK_KEYS;
  return candidates.find((key) => [before, after].every((list) => uniqueKeys(list, key)));
}

function uniqueKeys(list: unknown[], key: string): boolean {
  const seen = new Set<string>();
  for (const raw of list) {
    const item = normalise(raw, key);
    if (!isObject(item)) return false;
    const k = item[key];
    if (typeof k !== 'string' && typeof k !== 'number') return false;
    if (seen.has(String(k))) return false;
    seen.add(String(k));
  }
  return true;
}
