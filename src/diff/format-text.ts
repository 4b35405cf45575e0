import { changeCounts, details, headline, problemCounts } from './phrase.js';
import type { ProblemRef } from './problems.js';
import type { DiffReport } from './report.js';

const MARK = { added: '+', removed: '-', changed: '~', renamed: '~', reidentified: '~' } as const;

function problemLine(p: ProblemRef): string {
  const d = p.diagnostic;
  const where = d.file ? `${d.file}${d.line > 0 ? `:${d.line}:${d.column}` : ''}` : '';
  const sev = d.severity === 'error' ? 'error' : 'warn ';
  return `  ${sev}  ${d.code}  ${where}${where ? '  ' : ''}${d.message}`;
}

/** The terminal report: a summary line, new and fixed problems, then changes by area. */
export function formatText(report: DiffReport): string {
  const lines: string[] = [
    `archgen diff ${report.base.label} -> ${report.head.label}`,
    `${changeCounts(report.summary)}; ${problemCounts(report.summary)}`,
  ];
  if (report.problems.introduced.length > 0) {
    lines.push('', 'New problems:', ...report.problems.introduced.map(problemLine));
  }
  if (report.problems.fixed.length > 0) {
    lines.push('', 'Fixed problems:', ...report.problems.fixed.map(problemLine));
  }
  for (const area of report.diff.areas) {
    lines.push('', `${area.area}:`);
    for (const c of area.changes) {
      lines.push(`  ${MARK[c.change]} ${headline(c)}`);
      for (const d of details(c)) lines.push(`      ${d}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
