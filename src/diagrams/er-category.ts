import type { ModelGraph } from '../model/graph.js';
import type { Attribute, Entity } from '../model/types.js';
import { PAGE, TEXT_BUDGET, packEvenly, toSpecs, type GenContext, type Part } from './budget.js';
import {
  ER_NOTATION,
  categories,
  entityRelations,
  entityTitle,
  type EntityRelation,
} from './er.js';
import { caption, words } from './i18n.js';
import {
  IdMap,
  MAX_LABEL,
  addTo,
  clean,
  cmp,
  erToken,
  joinLabel,
  label,
  slug,
  svgText,
} from './text.js';
import type { DiagramSpec } from './types.js';

/** Most attributes drawn per entity; the rest are summarised in one line. */
export const MAX_ATTRIBUTES = 50;

/** One attribute line: `type name PK, FK "comment"`, every token from the erDiagram alphabet. */
function attributeLine(a: Attribute): string {
  const type = `${erToken(a.type, 'string', '(),')}${a.array ? '[]' : ''}`;
  const name = erToken(a.name, 'attr');
  const keys = [a.pk ? 'PK' : '', a.ref !== undefined ? 'FK' : '', a.unique ? 'UK' : '']
    .filter(Boolean)
    .join(', ');
  // A name the alphabet could not keep is shown in full in the comment.
  const comment = clean(
    joinLabel(name !== clean(a.name, 200) ? clean(a.name, 200) : undefined, a.comment),
    60,
  );
  return `    ${type} ${name}${keys ? ` ${keys}` : ''}${comment ? ` "${svgText(comment, 'markdown')}"` : ''}`;
}

/** An entity's block after its mermaid id: alias and attributes, summarised above `MAX_ATTRIBUTES`. */
function entityBlock(
  e: Entity,
  more: (n: number) => string,
): { text: string; summarised: boolean } {
  const attrs = e.attributes ?? [];
  const head = `[${label(entityTitle(e, e.id), MAX_LABEL, 'er-alias')}]`;
  if (attrs.length === 0) return { text: head, summarised: false };
  const shown = attrs.slice(0, MAX_ATTRIBUTES).map(attributeLine);
  if (attrs.length > MAX_ATTRIBUTES)
    shown.push(`    more attributes "${svgText(more(attrs.length - MAX_ATTRIBUTES), 'markdown')}"`);
  return {
    text: [`${head} {`, ...shown, '  }'].join('\n'),
    summarised: attrs.length > MAX_ATTRIBUTES,
  };
}

/**
 * `entities` (sorted by id) reordered so that related ones follow each other: breadth first over
 * `neighbours` from each entity not reached yet, neighbours in id order.
 */
export function neighbourhoodOrder(
  entities: readonly Entity[],
  neighbours: (id: string) => string[],
): Entity[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const seen = new Set<string>();
  const out: Entity[] = [];
  for (const start of entities) {
    if (seen.has(start.id)) continue;
    seen.add(start.id);
    for (let i = out.push(start) - 1; i < out.length; i++) {
      for (const id of [...new Set(neighbours(out[i]!.id))].sort(cmp)) {
        const e = byId.get(id);
        if (e && !seen.has(id)) {
          seen.add(id);
          out.push(e);
        }
      }
    }
  }
  return out;
}

/**
 * E-R per data category: its entities with attributes (type, name, PK/FK/UK, comment) and
 * relations with cardinality; entities of other categories (or other parts) appear as stubs
 * without attributes. Above `maxErEntities`, or what prints legibly on a page ({@link PAGE}), the
 * category is split into linked parts of related entities.
 */
export function erCategories(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const model = graph.model;
  const w = words(ctx.lang);
  const entityOf = new Map((model.data.entities ?? []).map((e) => [e.id, e]));
  const relations = entityRelations(model);
  // Relations by the entities at their ends, so a part looks only at its own (not all of them).
  const touching = new Map<string, number[]>();
  relations.forEach((r, i) => {
    addTo(touching, r.from, i);
    if (r.to !== r.from) addTo(touching, r.to, i);
  });
  const cats = categories(model);
  // The same id and title er-overview.ts gives its first (usually only) part.
  const overviewParts = Math.ceil(cats.length / ctx.budget.maxOverviewNodes);
  const overview =
    overviewParts > 1
      ? {
          id: 'er-overview--1',
          title: caption(ctx.lang, 'er-overview', undefined, w.part(1, overviewParts)),
        }
      : { id: 'er-overview', title: caption(ctx.lang, 'er-overview') };
  return cats.flatMap((cat) => {
    if (cat.entities.length === 0) return [];
    const inCategory = new Set(cat.entities.map((e) => e.id));
    const blocks = new Map(cat.entities.map((e) => [e.id, entityBlock(e, w.more)]));
    /** Relations a part holding `inPart` draws: its own, and those into it from its category. */
    const wantedBy = (inPart: ReadonlySet<string>, slice: readonly Entity[]): EntityRelation[] =>
      [...new Set(slice.flatMap((e) => touching.get(e.id) ?? []))]
        .sort((a, b) => a - b)
        .map((i) => relations[i]!)
        .filter((r) => inPart.has(r.from) || (inPart.has(r.to) && inCategory.has(r.from)));
    // A part fits the budget and a page: few entities with attributes, few boxes with the stubs,
    // and half the text budget (+ 80 a block: its id and its share of relation lines).
    const most = Math.min(ctx.budget.maxErEntities, PAGE.erEntities);
    const fitsPart = (slice: Entity[]): boolean => {
      const inPart = new Set(slice.map((e) => e.id));
      const stubs = new Set(
        wantedBy(inPart, slice).flatMap((r) => [r.from, r.to].filter((id) => !inPart.has(id))),
      );
      const chars = slice.reduce((n, e) => n + (blocks.get(e.id)?.text.length ?? 0) + 80, 0);
      return (
        slice.length <= most &&
        chars <= TEXT_BUDGET / 2 &&
        slice.length + stubs.size <= PAGE.erBoxes
      );
    };
    // Related entities side by side, so a part holds a neighbourhood and needs few stubs.
    const slices = packEvenly(
      neighbourhoodOrder(cat.entities, (id) =>
        (touching.get(id) ?? [])
          .map((i) => relations[i]!)
          .map((r) => (r.from === id ? r.to : r.from)),
      ).map((e) => [e]),
      fitsPart,
    );
    const parts: Part[] = slices.map((slice) => {
      const ids = new IdMap();
      const inPart = new Set(slice.map((e) => e.id));
      const lines = ['erDiagram'];
      let summarised = false;
      for (const e of slice) {
        const block = blocks.get(e.id)!;
        lines.push(`  ${ids.id(`ent:${e.id}`)}${block.text}`);
        summarised ||= block.summarised;
      }
      const wanted = wantedBy(inPart, slice);
      const stubs = new Set<string>();
      const drawn: EntityRelation[] = [];
      for (const r of wanted) {
        const outside = [r.from, r.to].filter((id) => !inPart.has(id) && !stubs.has(id));
        if (
          drawn.length >= ctx.budget.maxEdges ||
          stubs.size + outside.length > ctx.budget.maxOverviewNodes
        ) {
          summarised = true;
          continue;
        }
        outside.forEach((id) => stubs.add(id));
        drawn.push(r);
      }
      for (const id of [...stubs].sort())
        lines.push(
          `  ${ids.id(`ent:${id}`)}[${label(entityTitle(entityOf.get(id), id), MAX_LABEL, 'er-alias')}]`,
        );
      for (const r of drawn)
        lines.push(
          `  ${ids.id(`ent:${r.from}`)} ${ER_NOTATION[r.cardinality]} ${ids.id(`ent:${r.to}`)} : "${svgText(r.label, 'markdown')}"`,
        );
      return {
        source: `${lines.join('\n')}\n`,
        elements: [cat.id, ...inPart, ...stubs],
        summarised,
      };
    });
    return toSpecs(
      ctx,
      {
        id: `er-category-${slug(cat.id)}`,
        kind: 'er-category',
        subject: cat.id,
        subjectName: cat.name,
      },
      parts,
      overview,
    );
  });
}
