import type { Diagnostic } from '../diagnostics/types.js';
import type { LoadedModel } from '../load/index.js';
import { pointerSegments, toPointer } from '../load/index.js';
import { ELEMENT_KINDS } from '../model/graph.js';
import { elementId } from './compare.js';

/** A problem of one side, with the element it is about (`application:100201`) when known. */
export interface ProblemRef {
  diagnostic: Diagnostic;
  element?: string;
}

/** Problems that appear in head only, and problems of base that head no longer has. */
export interface ProblemDiff {
  /** Errors first, then warnings; in the order validate sorts them otherwise. */
  introduced: ProblemRef[];
  fixed: ProblemRef[];
}

/** `file\u0000pointer` of every top-level element → `kind:id`. */
function elementIndex(loaded: LoadedModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of ELEMENT_KINDS) {
    for (const item of spec.list(loaded.model) ?? []) {
      const origin = loaded.origins.get(item);
      const id = elementId(spec, item);
      if (origin && id !== undefined)
        out.set(`${origin.file.path}\u0000${origin.pointer}`, `${spec.kind}:${id}`);
    }
  }
  return out;
}

/** Ties each diagnostic to the innermost top-level element its pointer is inside. */
export function locateProblems(
  loaded: LoadedModel | undefined,
  diagnostics: readonly Diagnostic[],
): ProblemRef[] {
  const index = loaded ? elementIndex(loaded) : new Map<string, string>();
  return diagnostics.map((diagnostic) => {
    const segs = diagnostic.pointer ? pointerSegments(diagnostic.pointer) : [];
    for (let n = segs.length; n > 0; n--) {
      const element = index.get(`${diagnostic.file}\u0000${toPointer(segs.slice(0, n))}`);
      if (element) return { diagnostic, element };
    }
    return { diagnostic };
  });
}

/**
 * The identity of a problem across versions: code, element and message. Lines and files are
 * left out on purpose: they move when elements move, and that is not a new problem. List
 * indexes in messages (`calls[1].target`) are left out for the same reason. A problem not tied
 * to an element keeps its file.
 */
function problemKey(p: ProblemRef): string {
  const where = p.element ?? `file:${p.diagnostic.file}`;
  const message = p.diagnostic.message.replace(/\[\d+\]/g, '[]');
  return `${p.diagnostic.code}\u0000${where}\u0000${p.diagnostic.severity}\u0000${message}`;
}

/** Matches the problems of both sides as multisets: two equal problems need two matches. */
export function compareProblems(
  base: readonly ProblemRef[],
  head: readonly ProblemRef[],
): ProblemDiff {
  const count = new Map<string, number>();
  for (const p of base) count.set(problemKey(p), (count.get(problemKey(p)) ?? 0) + 1);
  const introduced: ProblemRef[] = [];
  for (const p of head) {
    const k = problemKey(p);
    const left = count.get(k) ?? 0;
    if (left > 0) count.set(k, left - 1);
    else introduced.push(p);
  }
  const headCount = new Map<string, number>();
  for (const p of head) headCount.set(problemKey(p), (headCount.get(problemKey(p)) ?? 0) + 1);
  const fixed: ProblemRef[] = [];
  for (const p of base) {
    const k = problemKey(p);
    const left = headCount.get(k) ?? 0;
    if (left > 0) headCount.set(k, left - 1);
    else fixed.push(p);
  }
  const bySeverity = (a: ProblemRef, b: ProblemRef): number =>
    (a.diagnostic.severity === 'error' ? 0 : 1) - (b.diagnostic.severity === 'error' ? 0 : 1);
  return { introduced: introduced.sort(bySeverity), fixed: fixed.sort(bySeverity) };
}
