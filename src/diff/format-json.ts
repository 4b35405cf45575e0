import type { ProblemRef } from './problems.js';
import type { DiffReport } from './report.js';

/** Version of the JSON shape (docs/diff.md); raised on any breaking change. */
export const DIFF_JSON_VERSION = 1;

function problem(p: ProblemRef): Record<string, unknown> {
  const d = p.diagnostic;
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(p.element ? { element: p.element } : {}),
    file: d.file,
    line: d.line,
    column: d.column,
    ...(d.pointer ? { pointer: d.pointer } : {}),
  };
}

/** The documented machine-readable shape: summary, areas of element changes, call edges, problems. */
export function formatJson(report: DiffReport): string {
  const out = {
    version: DIFF_JSON_VERSION,
    base: report.base,
    head: report.head,
    summary: report.summary,
    areas: report.diff.areas,
    callEdges: report.diff.callEdges,
    problems: {
      new: report.problems.introduced.map(problem),
      fixed: report.problems.fixed.map(problem),
    },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
