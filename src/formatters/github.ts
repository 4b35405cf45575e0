/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), one per diagnostic, which
 * GitHub shows as annotations on the run and on the pull request's changed lines.
 */
import { sortDiagnostics } from '../diagnostics/collect.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { noteLines } from './text.js';
import type { Formatter } from './types.js';

/** Escapes a command's message (data) part: `%`, `\r`, `\n`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value: as {@link escapeData}, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Formats each diagnostic as one `::error` / `::warning` command. Properties that are unknown
 * (no file, line 0, column 0) are left out; the message carries the hint, suggestions and related
 * locations on extra lines. Empty output when there is nothing to report.
 */
export const github: Formatter = (diagnostics) =>
  sortDiagnostics(diagnostics)
    .map((d) => command(d) + '\n')
    .join('');

function command(d: Diagnostic): string {
  const props: [string, string | number][] = [];
  if (d.file) props.push(['file', d.file]);
  if (d.line > 0) {
    props.push(['line', d.line]);
    if (d.column > 0) props.push(['col', d.column]);
    if (d.endLine !== undefined) props.push(['endLine', d.endLine]);
    if (d.endColumn !== undefined) props.push(['endColumn', d.endColumn]);
  }
  props.push(['title', d.code]);
  const name = d.severity === 'error' ? 'error' : 'warning';
  const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  const message = [d.message, ...noteLines(d)].join('\n');
  return `::${name} ${properties}::${escapeData(message)}`;
}
