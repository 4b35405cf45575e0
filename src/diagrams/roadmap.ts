import type { ModelGraph } from '../model/graph.js';
import { chunk, toSpecs, type GenContext, type Part } from './budget.js';
import { IdMap, clean, cmp, escapeText, nameOf } from './text.js';
import type { DiagramSpec } from './types.js';

/** An ISO date `YYYY-MM-DD`, or undefined for anything else. */
function isoDate(value: unknown): string | undefined {
  // The loader keeps dates as strings; a Date from a programmatic caller is accepted too.
  const text =
    value instanceof Date
      ? value.toISOString().slice(0, 10)
      : typeof value === 'string'
        ? value
        : '';
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
}

// Words the gantt grammar reads as statements at the start of a line (mermaid 11 gantt lexer).
const GANTT_KEYWORDS =
  /^(?:click|call|href|gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|title|accdescription|acctitle|accdescr|section|\d{4}-\d{2}-\d{2})/i;

/** Escaped gantt text; a leading keyword is defused by writing its first character as an entity. */
function ganttText(text: string): string {
  const safe = escapeText(text === '' ? '-' : text);
  return GANTT_KEYWORDS.test(safe) ? `#${safe.codePointAt(0)};${safe.slice(1)}` : safe;
}

interface Row {
  phase: string;
  section: string;
  key: string;
  name: string;
  start: string;
  /** An end date or a duration such as `30d`. */
  end: string;
  elements: string[];
}

/**
 * Roadmap: a gantt chart with one section per phase (ordered by start date, then id) and one
 * task per work item spanning its phase (the phase itself when it has no items). A phase
 * without a start date starts when the previous one ends; without an end it lasts 30 days.
 */
export function roadmap(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const phases = [...(graph.model.planning.phases ?? [])].sort(
    (a, b) => cmp(isoDate(a.start) ?? '9999', isoDate(b.start) ?? '9999') || cmp(a.id, b.id),
  );
  const rows: Row[] = [];
  let previousEnd: string | undefined;
  for (const p of phases) {
    const start = isoDate(p.start) ?? previousEnd;
    const end = isoDate(p.end);
    previousEnd = end ?? previousEnd;
    if (start === undefined) continue;
    const section = clean(nameOf(p), 60);
    const items = p.workItems ?? [];
    const base = { phase: p.id, section, start, end: end ?? '30d' };
    if (items.length === 0)
      rows.push({ ...base, key: `ph:${p.id}`, name: section, elements: [p.id] });
    for (const item of items) {
      rows.push({
        ...base,
        key: `wi:${p.id}/${item.id}`,
        name: clean(nameOf(item), 60),
        elements: [p.id, `${p.id}.${item.id}`, ...(item.delivers ?? [])],
      });
    }
  }
  if (rows.length === 0) return [];
  const parts: Part[] = chunk(rows, ctx.budget.maxNodes).map((slice) => {
    const ids = new IdMap();
    const lines = ['gantt', '  dateFormat YYYY-MM-DD'];
    let section: string | undefined;
    for (const r of slice) {
      if (r.phase !== section) lines.push(`  section ${ganttText(r.section)}`);
      section = r.phase;
      lines.push(`    ${ganttText(r.name)} :${ids.id(r.key)}, ${r.start}, ${r.end}`);
    }
    return { source: `${lines.join('\n')}\n`, elements: slice.flatMap((r) => r.elements) };
  });
  return toSpecs(ctx, { id: 'roadmap', kind: 'roadmap' }, parts);
}
