import type { Diagnostic } from '../diagnostics/types.js';
import { SECTION_NAMES, type Model } from '../model/types.js';
import { pointerSegments, toPointer, type SourceFile } from './source-file.js';

/** Where an element was defined. */
export interface Origin {
  file: SourceFile;
  /** JSON pointer of the element inside its file. */
  pointer: string;
}

/** Sections whose value is a map of lists (and a few scalars) rather than a list. */
const MAP_SECTIONS = new Set(['business', 'data', 'physical', 'domainModel', 'planning']);

/** An empty model, every list present. */
export function emptyModel(): Model {
  return {
    business: {},
    productLines: [],
    subsystems: [],
    applications: [],
    businessLogic: [],
    serviceCenters: [],
    externalSystems: [],
    data: {},
    physical: {},
    domainModel: {},
    planning: {},
  };
}

/**
 * Removes the elements that schema issues point into, so semantic rules see only well-formed
 * elements and one typo does not cascade. An element is the first list item on the pointer's
 * path; an issue above any list removes that key. Returns the `kind:id` keys of removed elements
 * (references to them must not be reported as dangling).
 */
export function dropInvalid(
  data: Record<string, unknown>,
  pointers: readonly string[],
): Set<string> {
  const removed = new Set<string>();
  const targets = new Map<string, { parent: unknown; key: string | number; kind: string }>();
  for (const pointer of pointers) {
    const segs = pointerSegments(pointer);
    let node: unknown = data;
    let parent: unknown;
    let key: string | number | undefined;
    const path: string[] = [];
    for (const seg of segs) {
      parent = node;
      key = Array.isArray(node) ? Number(seg) : seg;
      node = (node as Record<string | number, unknown> | undefined)?.[key];
      if (Array.isArray(parent)) break;
      path.push(seg);
      if (path.length === 2 && !Array.isArray(node)) break;
    }
    if (parent === undefined || key === undefined) continue;
    targets.set(toPointer([...path, key]), { parent, key, kind: path.join('/') });
  }
  // Remove list items from the highest index down so earlier indexes stay valid.
  const sorted = [...targets.values()].sort((a, b) => Number(b.key) - Number(a.key));
  for (const { parent, key, kind } of sorted) {
    if (Array.isArray(parent) && typeof key === 'number') {
      addKeys(removed, kind, parent[key]);
      parent[key] = undefined;
    } else if (parent && typeof parent === 'object') {
      delete (parent as Record<string, unknown>)[String(key)];
    }
  }
  for (const [name, value] of Object.entries(data)) {
    if (Array.isArray(value)) data[name] = value.filter((v) => v !== undefined);
    else if (value && typeof value === 'object') {
      for (const [sub, list] of Object.entries(value as Record<string, unknown>)) {
        if (Array.isArray(list))
          (value as Record<string, unknown>)[sub] = list.filter((v) => v !== undefined);
      }
    }
  }
  return removed;
}

/** The `kind:id` keys of every element of a file left out whole (see {@link dropInvalid}). */
export function keysOfAll(data: Record<string, unknown>): Set<string> {
  const keys = new Set<string>();
  for (const [name, value] of Object.entries(data)) {
    if (Array.isArray(value)) for (const item of value) addKeys(keys, name, item);
    else if (MAP_SECTIONS.has(name) && value && typeof value === 'object') {
      for (const [sub, list] of Object.entries(value as Record<string, unknown>)) {
        if (Array.isArray(list)) for (const item of list) addKeys(keys, `${name}/${sub}`, item);
      }
    }
  }
  return keys;
}

/** Adds the keys a removed list item of `kind` leaves behind. */
function addKeys(removed: Set<string>, kind: string, element: unknown): void {
  const item = element as { id?: unknown; code?: unknown } | undefined;
  const id =
    item && typeof item === 'object'
      ? kind === 'productLines'
        ? item.code
        : (item.id ?? item.code)
      : undefined;
  if (typeof id === 'string' || typeof id === 'number') removed.add(`${kind}:${String(id)}`);
  // A subsystem with a malformed code cannot be matched by code: mark its whole line.
  const line = (item as { productLine?: unknown } | undefined)?.productLine;
  if (kind === 'subsystems' && typeof line === 'string') removed.add(`subsystemsOfLine:${line}`);
}

/**
 * Merges the sections of one file into the model: lists are concatenated, scalars of map
 * sections may be set by one file only. Records the origin of every list item one or two levels
 * down (`/applications/3`, `/data/entities/5`, `/business/operatingModel/stages/0`).
 */
export function mergeFile(
  model: Model,
  source: SourceFile,
  data: Record<string, unknown>,
  origins: Map<object, Origin>,
  scalarOwners: Map<string, SourceFile>,
  diagnostics: Diagnostic[],
): void {
  const target = model as unknown as Record<string, unknown>;
  for (const section of SECTION_NAMES) {
    const value = data[section];
    if (value === undefined || value === null) continue;
    if (!MAP_SECTIONS.has(section)) {
      if (!Array.isArray(value)) continue;
      appendList(target, section, value, source, `/${section}`, origins);
      continue;
    }
    const into = target[section] as Record<string, unknown>;
    for (const [key, sub] of Object.entries(value as Record<string, unknown>)) {
      const pointer = `/${section}/${key}`;
      if (Array.isArray(sub)) {
        appendList(into, key, sub, source, pointer, origins);
      } else if (sub && typeof sub === 'object') {
        // operatingModel: { stages: [...] }
        const inner = (into[key] ??= {}) as Record<string, unknown>;
        for (const [k2, v2] of Object.entries(sub as Record<string, unknown>)) {
          if (Array.isArray(v2)) appendList(inner, k2, v2, source, `${pointer}/${k2}`, origins);
          else setScalar(inner, k2, v2, source, `${pointer}/${k2}`, scalarOwners, diagnostics);
        }
      } else {
        setScalar(into, key, sub, source, pointer, scalarOwners, diagnostics);
      }
    }
  }
}

function appendList(
  into: Record<string, unknown>,
  key: string,
  list: unknown[],
  source: SourceFile,
  pointer: string,
  origins: Map<object, Origin>,
): void {
  const existing = (into[key] ??= []) as unknown[];
  list.forEach((item, i) => {
    if (item && typeof item === 'object')
      origins.set(item, { file: source, pointer: `${pointer}/${i}` });
    existing.push(item);
  });
}

function setScalar(
  into: Record<string, unknown>,
  key: string,
  value: unknown,
  source: SourceFile,
  pointer: string,
  owners: Map<string, SourceFile>,
  diagnostics: Diagnostic[],
): void {
  const first = owners.get(pointer);
  if (first) {
    const here = source.locate(pointer, true);
    const there = first.locate(pointer, true);
    diagnostics.push({
      code: 'schema',
      severity: 'error',
      message: `\`${pointer.slice(1).replace(/\//g, '.')}\` is set in two files`,
      file: source.path,
      line: here.line,
      column: here.column,
      pointer,
      related: [
        { file: first.path, line: there.line, column: there.column, message: 'first set here' },
      ],
      hint: 'keep one of them',
    });
    return;
  }
  owners.set(pointer, source);
  into[key] = value;
}
