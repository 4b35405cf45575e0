import { caption, words } from './i18n.js';
import {
  DEFAULT_BUDGET,
  type DiagramBudget,
  type DiagramKind,
  type DiagramSpec,
  type Lang,
} from './types.js';

/** mermaid's own limits (rendering-notes.md): never reached by a generated diagram. */
export const HARD_LIMITS = { maxEdges: 500, maxTextSize: 50_000 } as const;

/** Text size a generator packs a diagram up to, leaving headroom below `maxTextSize`. */
export const TEXT_BUDGET = 40_000;

/**
 * What one chart holds and still prints legibly on an A4 page. Mermaid draws text at 16 px, and
 * a drawing that prints its labels at 7 pt may be about 1,170 x 1,300 px portrait or 1,730 x 970
 * px landscape; a box with a two- or three-line label takes about 280 x 120 px with the spacing
 * around it, and an edge label about as much again. The measured example (test/e2e) prints a
 * call graph of 17 boxes and 20 labelled calls at 7 pt, one of 25 and 37 at 4.6 pt. A generator
 * splits a chart above these even when it is within the (screen) budget.
 */
export const PAGE = {
  /** Boxes and groups in one flowchart. */
  nodes: 18,
  /** Edges in one flowchart. */
  edges: 20,
  /** Boxes side by side in one rank: a column of a left-to-right chart, a row of a top-down one. */
  rank: 10,
  /** Boxes and groups in a chart laid out as a grid, without edges to route (an application map). */
  gridNodes: 36,
  /** Entities drawn with their attributes in one E-R diagram. */
  erEntities: 4,
  /** Boxes in one E-R diagram: those entities and the stubs of related ones. */
  erBoxes: 7,
} as const;

/** What every generator receives besides the graph. */
export interface GenContext {
  lang: Lang;
  budget: DiagramBudget;
}

/**
 * The effective budget: defaults overridden by `partial`, each value an integer clamped so
 * that no setting can push a diagram over mermaid's hard limits.
 */
export function resolveBudget(partial: Partial<DiagramBudget> = {}): DiagramBudget {
  const pick = (key: keyof DiagramBudget, min: number, max: number): number => {
    const value = partial[key];
    const n =
      typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : DEFAULT_BUDGET[key];
    return Math.min(max, Math.max(min, n));
  };
  return {
    maxNodes: pick('maxNodes', 4, 400),
    maxEdges: pick('maxEdges', 4, HARD_LIMITS.maxEdges),
    maxErEntities: pick('maxErEntities', 1, 200),
    maxOverviewNodes: pick('maxOverviewNodes', 4, 400),
  };
}

/** Splits `items` into consecutive chunks of at most `size` (at least 1) items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  const n = Math.max(1, size);
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

/**
 * Cuts `groups`, in order and each kept whole, into as few parts as `fits` allows, and as even
 * as it allows: a greedy pass finds how many parts are needed, then the items are cut into that
 * many equal shares, which is used when every share fits (a greedy cut can leave a last part of
 * one item).
 */
export function packEvenly<T>(groups: readonly T[][], fits: (part: T[]) => boolean): T[][] {
  const greedy: T[][] = [];
  let current: T[] = [];
  for (const g of groups) {
    if (current.length > 0 && !fits([...current, ...g])) {
      greedy.push(current);
      current = [];
    }
    current.push(...g);
  }
  if (current.length > 0) greedy.push(current);
  if (greedy.length < 2) return greedy;
  const total = groups.reduce((n, g) => n + g.length, 0);
  const even: T[][] = [];
  let done = 0;
  current = [];
  for (const g of groups) {
    // A new part starts when this group's middle lies past the current part's share.
    const share = (total * (even.length + 1)) / greedy.length;
    if (current.length > 0 && even.length < greedy.length - 1 && done + g.length / 2 > share) {
      even.push(current);
      current = [];
    }
    current.push(...g);
    done += g.length;
  }
  even.push(current);
  return even.every(fits) ? even : greedy;
}

/** One part of a possibly split diagram, before ids, titles and links are assigned. */
export interface Part {
  source: string;
  elements: Iterable<string>;
  summarised?: boolean;
}

/** Sorted, de-duplicated element ids. */
export function elementList(elements: Iterable<string>): string[] {
  return [...new Set(elements)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Parts of one diagram up to which each part links to all the others. */
export const ALL_SIBLINGS = 9;

/**
 * Turns the parts of one diagram into specs. One part keeps `id` and the plain title; several
 * get ids `id--1`, `id--2`... (model-id slugs never contain `--`), a "part i of n" qualifier,
 * and links to their siblings (all of them, or the first, previous, next and last beyond
 * ALL_SIBLINGS parts) and to `overview` when there is one.
 */
export function toSpecs(
  ctx: GenContext,
  base: {
    id: string;
    kind: DiagramKind;
    subject?: string | undefined;
    subjectName?: string | undefined;
    summarised?: boolean;
  },
  parts: Part[],
  overview?: { id: string; title: string },
): DiagramSpec[] {
  const w = words(ctx.lang);
  const many = parts.length > 1;
  const ids = parts.map((_, i) => (many ? `${base.id}--${i + 1}` : base.id));
  const titles = parts.map((_, i) =>
    caption(ctx.lang, base.kind, base.subjectName, many ? w.part(i + 1, parts.length) : undefined),
  );
  // Up to ALL_SIBLINGS parts each link to every other; beyond, to the first, previous, next and
  // last part: a category split into 500 parts would otherwise list 500 links under each figure.
  const near = (i: number): number[] =>
    parts.length <= ALL_SIBLINGS
      ? parts.map((_, j) => j)
      : [...new Set([0, i - 1, i + 1, parts.length - 1])].filter((j) => j >= 0 && j < parts.length);
  return parts.map((part, i) => {
    const links = [
      ...(overview ? [overview] : []),
      ...(many
        ? near(i)
            .filter((j) => j !== i)
            .map((j) => ({ id: ids[j] ?? base.id, title: titles[j] ?? '' }))
        : []),
    ];
    const spec: DiagramSpec = {
      id: ids[i] ?? base.id,
      kind: base.kind,
      title: titles[i] ?? '',
      source: part.source,
      elements: elementList(part.elements),
    };
    if (links.length > 0) spec.links = links;
    if (base.subject !== undefined) spec.subject = base.subject;
    if (part.summarised || base.summarised) spec.summarised = true;
    return spec;
  });
}

/** Counts the edges of a mermaid source (lines with an arrow or link operator). */
export function countEdges(source: string): number {
  let n = 0;
  for (const line of source.split('\n')) {
    // Labels never hold raw `-`-`>` sequences' delimiters `"`, so test only outside quotes.
    const bare = line.replace(/"[^"]*"/g, '""');
    if (
      /(-->|-\.->|---|~~~|--\||\|\|--|\}o--|\|o--|\}\|--|o\|--|--o\{|--\|\||--\|\{|--o\|)/.test(
        bare,
      )
    )
      n++;
  }
  return n;
}

/** True when a source is within mermaid's hard limits (text size and edge count). */
export function withinHardLimits(source: string): boolean {
  return source.length <= HARD_LIMITS.maxTextSize && countEdges(source) <= HARD_LIMITS.maxEdges;
}
