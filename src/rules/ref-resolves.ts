import { distance } from 'fastest-levenshtein';
import {
  APP_ID,
  type ElementKind,
  type ModelGraph,
  type RefKind,
  type Reference,
} from '../model/graph.js';
import type { Rule } from './types.js';

/**
 * How a reference kind resolves. `has` gives undefined to skip the value (another finding covers
 * it); `dropped` and `candidates` are asked only for values that do not resolve.
 */
interface Resolver {
  expected: string | ((ref: Reference) => string);
  has(g: ModelGraph, v: string, ref: Reference): boolean | undefined;
  dropped(g: ModelGraph, v: string, ref: Reference): boolean;
  candidates(g: ModelGraph, v: string, ref: Reference): Iterable<string>;
}

const kinds = (expected: string, ...ks: ElementKind[]): Resolver => ({
  expected,
  has: (g, v) => ks.some((k) => g.byKind(k).has(v)),
  dropped: (g, v) => ks.some((k) => g.isDropped(k, v)),
  candidates: (g) => keysOf(g, ks),
});
const childOf = (map: 'steps' | 'states', expected: (r: Reference) => string): Resolver => ({
  expected,
  has: (g, v, r) => g[map].has(`${r.scope?.id ?? ''}.${v}`),
  dropped: () => false,
  candidates: (_g, _v, r) => {
    const children = (r.scope?.element as Record<string, unknown> | undefined)?.[map];
    return Array.isArray(children) ? children.map((c: { id?: unknown }) => String(c?.id)) : [];
  },
});
const head = (v: string): string => v.slice(0, Math.max(0, v.indexOf('.')));
const SERVICE: Omit<Resolver, 'expected'> = {
  has: (g, v) => g.services.has(v),
  dropped: (g, v) => g.isDropped('serviceCenter', head(v)),
  candidates: (g) => g.services.keys(),
};
const APP = kinds('an application', 'application');
const NAMED = kinds('a service center or external system', 'serviceCenter', 'externalSystem');
/** For a `calls[].target`: how it resolves by its form. */
const targetForm = (v: string): Omit<Resolver, 'expected'> =>
  APP_ID.test(v) ? APP : v.indexOf('.') > 0 ? SERVICE : NAMED;

const RESOLVERS: Record<RefKind, Resolver> = {
  app: APP,
  productLine: kinds('a product line code', 'productLine'),
  subsystem: kinds('a subsystem (product-line code + subsystem code)', 'subsystem'),
  logic: kinds('a business logic', 'businessLogic'),
  center: kinds('a service center', 'serviceCenter'),
  external: kinds('an external system', 'externalSystem'),
  party: kinds('a party', 'party'),
  role: kinds('a role', 'role'),
  orgUnit: kinds('an org unit', 'orgUnit'),
  actor: kinds('a party, role or org unit', 'party', 'role', 'orgUnit'),
  stage: kinds('a stage', 'stage'),
  process: kinds('a process', 'process'),
  layer: kinds('a layer', 'layer'),
  category: kinds('a data category', 'category'),
  entity: kinds('an entity', 'entity'),
  centerOrApp: kinds('a service center or application', 'serviceCenter', 'application'),
  database: kinds('a database', 'database'),
  region: kinds('a region', 'region'),
  datacenter: kinds('a datacenter', 'datacenter'),
  network: kinds('a network', 'network'),
  cluster: kinds('a cluster', 'cluster'),
  clusterOrApp: kinds('a cluster or application', 'cluster', 'application'),
  concept: kinds('a concept', 'concept'),
  step: childOf('steps', (r) => `a step of process \`${r.scope?.id ?? ''}\``),
  state: childOf('states', (r) => `a state of state machine \`${r.scope?.id ?? ''}\``),
  service: { expected: 'a service (`center.service`)', ...SERVICE },
  callTarget: {
    expected: 'a service center, service, application or external system',
    // A name shared by a center and an external system is reported by id-unique.
    has: (g, v, r) =>
      g.resolveTarget(v).kind === 'ambiguous' ? undefined : targetForm(v).has(g, v, r),
    dropped: (g, v, r) => targetForm(v).dropped(g, v, r),
    candidates: (g, v, r) => targetForm(v).candidates(g, v, r),
  },
  serviceOrApp: {
    expected: 'a service (`center.service`) or application',
    has: (g, v, r) => (APP_ID.test(v) ? APP : SERVICE).has(g, v, r),
    dropped: (g, v, r) => (APP_ID.test(v) ? APP : SERVICE).dropped(g, v, r),
    candidates: (g, v, r) => (APP_ID.test(v) ? APP : SERVICE).candidates(g, v, r),
  },
  attribute: {
    expected: 'an attribute (`entity.attribute`)',
    has: (g, v) => g.attributes.has(v),
    dropped: (g, v) => g.isDropped('entity', head(v) || v),
    candidates: (g, v) => {
      const e = head(v) || v;
      const entity = g.entities.get(e);
      if (entity) return (entity.attributes ?? []).map((x) => `${e}.${x.name}`);
      const attr = v.slice(e.length + 1);
      return suffixed(g.entities.keys(), `.${attr}`);
    },
  },
  entityAttribute: {
    expected: (r) => `an attribute of entity \`${r.scope?.id ?? ''}\``,
    // Without the entity, the machine's `entity` reference is the finding.
    has: (g, v, r) =>
      g.entities.has(r.scope?.id ?? '') ? g.attributes.has(`${r.scope?.id ?? ''}.${v}`) : undefined,
    dropped: () => false,
    candidates: (g, _v, r) =>
      (g.entities.get(r.scope?.id ?? '')?.attributes ?? []).map((x) => x.name),
  },
  any: {
    expected: 'a model element',
    has: (g, v) => g.elements.has(v) || g.services.has(v),
    dropped: (g, v) => g.isDroppedAny(v),
    candidates: (g) => g.elements.keys(),
  },
};

/** Lazily, so the suggestion budget also bounds this work. */
function* suffixed(keys: Iterable<string>, suffix: string): Iterable<string> {
  for (const k of keys) yield k + suffix;
}

function* keysOf(g: ModelGraph, ks: readonly ElementKind[]): Iterable<string> {
  for (const k of ks) yield* g.byKind(k).keys();
}

/** `['steps', 1, 'next', 0]` → `steps[1].next[0]`. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Up to 3 candidates, nearest first: within an edit distance of a third of the last `.`-segment
 * (at least 1), a swap of two letters, or extending the value. `budget` bounds the work.
 */
function nearest(value: string, candidates: Iterable<string>, budget: { left: number }): string[] {
  const max = Math.max(1, Math.floor(value.slice(value.lastIndexOf('.') + 1).length / 3));
  const sorted = (s: string): string => [...s].sort().join('');
  const found: [number, string][] = [];
  for (const c of candidates) {
    if (budget.left-- <= 0) break;
    const prefix = value.length >= 3 && c.length > value.length && c.startsWith(value);
    if (c === value || (Math.abs(c.length - value.length) > max && !prefix)) continue;
    const d = distance(value, c);
    if (d <= max || prefix || (d === 2 && c.length === value.length && sorted(c) === sorted(value)))
      found.push([d, c]);
  }
  return [
    ...new Set(found.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).map((f) => f[1])),
  ].slice(0, 3);
}

/** Every reference field (model.md) names an element of the kind the field takes. */
export const refResolves: Rule = {
  meta: {
    id: 'ref-resolves',
    description: 'A reference names nothing of the kind its field takes; suggests near misses.',
    defaultSeverity: 'error',
    messages: { unresolved: '`{{field}}` `{{value}}` is not {{expected}}' },
  },
  check(graph, ctx) {
    const budget = { left: 1_000_000 }; // candidate comparisons per run, so huge models stay fast
    for (const ref of graph.references) {
      const r = RESOLVERS[ref.kind];
      const v = ref.value;
      if (r.has(graph, v, ref) !== false || r.dropped(graph, v, ref)) continue;
      const expected = typeof r.expected === 'string' ? r.expected : r.expected(ref);
      const suggest = nearest(v, r.candidates(graph, v, ref), budget);
      ctx.report({
        messageId: 'unresolved',
        data: { field: fieldName(ref.path), value: v, expected },
        node: ref.node,
        path: ref.path,
        suggest,
      });
    }
  },
};

export default refResolves;
