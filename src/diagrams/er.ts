import type { Cardinality, Entity, Model } from '../model/types.js';
import { addTo, asList, clean, cmp, sortBy } from './text.js';

/** A relation between two entities, from attribute refs, embedded types or `relations`. */
export interface EntityRelation {
  from: string;
  to: string;
  cardinality: Cardinality;
  label: string;
}

/** mermaid erDiagram notation for each cardinality, read left to right. */
export const ER_NOTATION: Record<Cardinality, string> = {
  'one-to-one': '||--||',
  'one-to-many': '||--o{',
  'many-to-one': '}o--||',
  'many-to-many': '}o--o{',
};

/** The same relation read from the other end. */
export function invert(c: Cardinality): Cardinality {
  return c === 'one-to-many' ? 'many-to-one' : c === 'many-to-one' ? 'one-to-many' : c;
}

/** The entity id of a `ref` (`user.id` → `user`; a ref without a dot names the entity). */
function refEntity(ref: string): string {
  const dot = ref.lastIndexOf('.');
  return dot > 0 ? ref.slice(0, dot) : ref;
}

/**
 * Every relation between known entities, sorted by (from, to, label). A ref is many-to-one
 * unless the entity declares a relation to the same target, which then replaces it; an
 * embedded type is one-to-many when the attribute is an array, else one-to-one; a declared
 * relation without cardinality is one-to-many.
 */
export function entityRelations(model: Model): EntityRelation[] {
  const known = new Set((model.data.entities ?? []).map((e) => e.id));
  const out = new Map<string, EntityRelation>();
  const add = (r: EntityRelation): void => {
    if (known.has(r.to)) out.set(`${r.from}\u0000${r.to}\u0000${r.label}\u0000${r.cardinality}`, r);
  };
  for (const e of model.data.entities ?? []) {
    const declared = new Set((e.relations ?? []).map((r) => r.to));
    for (const r of e.relations ?? [])
      add({
        from: e.id,
        to: r.to,
        cardinality: r.cardinality ?? 'one-to-many',
        label: clean(r.label ?? '', 40),
      });
    for (const a of e.attributes ?? []) {
      for (const ref of asList(a.ref).map(String)) {
        const to = refEntity(ref);
        if (!declared.has(to))
          add({ from: e.id, to, cardinality: 'many-to-one', label: clean(a.name, 40) });
      }
      if (a.embedded !== undefined)
        add({
          from: e.id,
          to: a.embedded,
          cardinality: a.array ? 'one-to-many' : 'one-to-one',
          label: clean(a.name, 40),
        });
    }
  }
  return [...out.values()].sort(
    (a, b) =>
      cmp(a.from, b.from) ||
      cmp(a.to, b.to) ||
      cmp(a.label, b.label) ||
      cmp(a.cardinality, b.cardinality),
  );
}

/** Data categories in id order: the declared ones plus any an entity names, with their entities. */
export function categories(model: Model): { id: string; name: string; entities: Entity[] }[] {
  const declared = new Map((model.data.categories ?? []).map((c) => [c.id, c]));
  const ids = new Set([...declared.keys(), ...(model.data.entities ?? []).map((e) => e.category)]);
  const byCategory = new Map<string, Entity[]>();
  for (const e of sortBy(model.data.entities, (x) => x.id)) addTo(byCategory, e.category, e);
  return [...ids].sort(cmp).map((id) => ({
    id,
    name: clean(declared.get(id)?.name ?? id, 200) || id,
    entities: byCategory.get(id) ?? [],
  }));
}

/** The display name of an entity in an erDiagram alias: "订单 t_order" (name and table or id). */
export function entityTitle(e: Entity | undefined, id: string): string {
  const code = e?.table ?? id;
  const name = clean(e?.name ?? '', 200);
  return name === '' || name.toLowerCase() === code.toLowerCase()
    ? clean(code, 200)
    : `${name} ${clean(code, 200)}`;
}
