import { ELEMENT_KINDS, type KindSpec } from '../model/graph.js';
import type { Model } from '../model/types.js';
import { compareOverview, type ManifestPair } from './overview.js';
import { canonical, diffValue, type ValueDiff } from './values.js';
import type { Area, AreaDiff, CallEdgeChange, ElementChange, ModelDiff } from './types.js';
import { AREAS } from './types.js';

/** The area a kind's section belongs to (`data/entities` → data). */
export function areaOf(spec: KindSpec): Area {
  const top = spec.section.split('/')[0] ?? '';
  if (top === 'serviceCenters') return 'services';
  if (top === 'domainModel') return 'domain';
  if (top === 'business' || top === 'data' || top === 'physical' || top === 'planning') return top;
  return 'applications';
}

/** What comparing needs of a kind: its name, the key holding the id, and its list in a model. */
export type ComparedKind = Pick<KindSpec, 'idField' | 'list'> & { kind: string };

/**
 * Glossary entries, keyed by `term`. Nothing references them, so they are no id kind of the
 * graph, but reviewers read a new or redefined term like any other element.
 */
export const GLOSSARY_KIND: ComparedKind = {
  kind: 'term',
  idField: 'term',
  list: (m) => m.domainModel?.glossary,
};

/** Every compared list kind with its area, in report order (the glossary before concepts). */
const COMPARED: readonly [Area, ComparedKind][] = ELEMENT_KINDS.flatMap(
  (spec): [Area, ComparedKind][] =>
    spec.kind === 'concept'
      ? [
          ['domain', GLOSSARY_KIND],
          ['domain', spec],
        ]
      : [[areaOf(spec), spec]],
);

/** The identity of an element within its kind; subsystems are line code + subsystem code. */
export function elementId(spec: ComparedKind, item: object): string | undefined {
  const rec = item as Record<string, unknown>;
  const id = rec[spec.idField];
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const line = rec['productLine'];
  if (spec.kind === 'subsystem') {
    return `${typeof line === 'string' || typeof line === 'number' ? String(line) : ''}${String(id)}`;
  }
  return String(id);
}

/**
 * Compares two models element by element, by id: added, removed, changed (field by field, lists
 * as sets, nested entities by their own keys), renamed (id kept, name changed) and reidentified
 * (id changed, nothing else). The manifests (when given) and the business overview are compared
 * field by field as the `model` area. Pure; where an element is defined (which file) plays no part.
 */
export function compareModels(base: Model, head: Model, manifests?: ManifestPair): ModelDiff {
  const byArea = new Map<Area, ElementChange[]>();
  const overview = compareOverview(base, head, manifests);
  if (overview.length > 0) byArea.set('model', overview);
  for (const [area, spec] of COMPARED) {
    const changes = compareKind(spec, spec.list(base) ?? [], spec.list(head) ?? []);
    if (changes.length === 0) continue;
    byArea.set(area, [...(byArea.get(area) ?? []), ...changes]);
  }
  const areas: AreaDiff[] = AREAS.filter((a) => byArea.has(a)).map((area) => ({
    area,
    changes: byArea.get(area) ?? [],
  }));
  return { areas, callEdges: compareCallEdges(base, head) };
}

function index(spec: ComparedKind, list: readonly object[]): Map<string, object> {
  const out = new Map<string, object>();
  for (const item of list) {
    const id = elementId(spec, item);
    // A duplicate id is a validation problem; the first definition stands for the element.
    if (id !== undefined && !out.has(id)) out.set(id, item);
  }
  return out;
}

function nameOf(item: object | undefined): string | undefined {
  const name = (item as Record<string, unknown> | undefined)?.['name'];
  return typeof name === 'string' ? name : undefined;
}

function compareKind(
  spec: ComparedKind,
  baseList: readonly object[],
  headList: readonly object[],
): ElementChange[] {
  const before = index(spec, baseList);
  const after = index(spec, headList);
  const changes: ElementChange[] = [];
  const added: [string, object][] = [];
  const removed: [string, object][] = [];
  for (const [id, item] of after) {
    const old = before.get(id);
    if (!old) {
      added.push([id, item]);
      continue;
    }
    const diff: ValueDiff = { fields: [], lists: [] };
    diffValue('', old, item, diff);
    if (diff.fields.length === 0 && diff.lists.length === 0) continue;
    const renamed = diff.fields.some((f) => f.path === 'name');
    changes.push({
      kind: spec.kind,
      id,
      ...withName(nameOf(item)),
      change: renamed ? 'renamed' : 'changed',
      ...(renamed && nameOf(old) !== undefined ? { previousName: nameOf(old) as string } : {}),
      ...(diff.fields.length > 0 ? { fields: diff.fields } : {}),
      ...(diff.lists.length > 0 ? { lists: diff.lists } : {}),
    });
  }
  for (const [id, item] of before) if (!after.has(id)) removed.push([id, item]);
  changes.push(...pairReidentified(spec, added, removed));
  for (const [id, item] of added) changes.push(simple(spec, id, item, 'added'));
  for (const [id, item] of removed) changes.push(simple(spec, id, item, 'removed'));
  return changes.sort((a, b) => a.id.localeCompare(b.id, 'en'));
}

function withName(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}

function simple(
  spec: ComparedKind,
  id: string,
  item: object,
  change: 'added' | 'removed',
): ElementChange {
  return { kind: spec.kind, id, ...withName(nameOf(item)), change };
}

/** Removed and added elements equal but for their id: one element whose id changed. Mutates both lists. */
function pairReidentified(
  spec: ComparedKind,
  added: [string, object][],
  removed: [string, object][],
): ElementChange[] {
  if (added.length === 0 || removed.length === 0) return [];
  const withoutId = (item: object): string => {
    const rest: Record<string, unknown> = { ...(item as Record<string, unknown>) };
    delete rest[spec.idField];
    return canonical(rest);
  };
  const pool = new Map<string, number[]>();
  removed.forEach(([, item], i) => {
    const key = withoutId(item);
    pool.set(key, [...(pool.get(key) ?? []), i]);
  });
  const out: ElementChange[] = [];
  const usedRemoved = new Set<number>();
  const keptAdded: [string, object][] = [];
  for (const [id, item] of added) {
    const i = pool.get(withoutId(item))?.shift();
    const old = i === undefined ? undefined : removed[i];
    if (i === undefined || !old) {
      keptAdded.push([id, item]);
      continue;
    }
    usedRemoved.add(i);
    out.push({
      kind: spec.kind,
      id,
      ...withName(nameOf(item)),
      change: 'reidentified',
      previousId: old[0],
    });
  }
  const keptRemoved = removed.filter((_, i) => !usedRemoved.has(i));
  added.splice(0, added.length, ...keptAdded);
  removed.splice(0, removed.length, ...keptRemoved);
  return out;
}

/** Call edges (application → target) that exist on one side only, sorted. */
export function compareCallEdges(base: Model, head: Model): CallEdgeChange[] {
  const edges = (m: Model): Set<string> => {
    const set = new Set<string>();
    for (const app of m.applications ?? []) {
      for (const call of app.calls ?? []) {
        if (call && typeof call.target === 'string')
          set.add(`${String(app.id)}\u0000${call.target}`);
      }
    }
    return set;
  };
  const b = edges(base);
  const h = edges(head);
  const out: CallEdgeChange[] = [];
  const names = new Map<string, string>();
  for (const m of [base, head]) {
    for (const e of [...(m.applications ?? []), ...(m.externalSystems ?? [])]) {
      if (e && typeof e.name === 'string') names.set(String(e.id), e.name);
    }
  }
  const push = (key: string, change: CallEdgeChange['change']): void => {
    const [from = '', to = ''] = key.split('\u0000');
    const fromName = names.get(from);
    const toName = names.get(to);
    out.push({
      from,
      to,
      ...(fromName === undefined ? {} : { fromName }),
      ...(toName === undefined ? {} : { toName }),
      change,
    });
  };
  for (const key of h) if (!b.has(key)) push(key, 'added');
  for (const key of b) if (!h.has(key)) push(key, 'removed');
  return out.sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}
