/**
 * The default, human-readable format (ESLint's "stylish" plus a code frame): diagnostics grouped
 * by file under an underlined header, aligned `line:col  severity  message  code` rows, their
 * hint / suggestions / related locations, a code frame when the file text is known, and a summary.
 */
import type { SourceLocation } from '@babel/code-frame';
import { createRequire } from 'node:module';
import pc from 'picocolors';
import { countBySeverity, sortDiagnostics } from '../diagnostics/collect.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { NO_FILE_HEADER, displayWidth, messageLines, noteLines, padEnd, safeText } from './text.js';
import type { Formatter, FormatterContext } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

const FRAME_INDENT = '    ';

// The code-frame package loads on the first frame drawn (a clean run, or JSON output, needs none).
const require = createRequire(import.meta.url);
let codeFrames: typeof import('@babel/code-frame') | undefined;

/**
 * Formats diagnostics for a terminal. Colour comes only from `ctx.color` (never from global
 * state). The text always ends with a newline.
 */
export const stylish: Formatter = (diagnostics, ctx) => {
  const c = pc.createColors(ctx.color);
  const sorted = sortDiagnostics(diagnostics);
  const out: string[] = [];
  for (const [file, group] of groupByFile(sorted)) {
    out.push(c.underline(file === '' ? NO_FILE_HEADER : safeText(file)));
    out.push(...formatGroup(group, ctx, c), '');
  }
  out.push(summary(sorted, c));
  return out.join('\n') + '\n';
};

function groupByFile(list: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of list) {
    const group = groups.get(d.file);
    if (group) group.push(d);
    else groups.set(d.file, [d]);
  }
  return groups;
}

function formatGroup(group: readonly Diagnostic[], ctx: FormatterContext, c: Colors): string[] {
  const rows = group.map((d) => ({
    loc: d.line > 0 ? (d.column > 0 ? `${d.line}:${d.column}` : `${d.line}`) : '-',
    severity: d.severity === 'error' ? 'error' : 'warning',
    message: safeText(messageLines(d.message)[0] ?? ''),
  }));
  const locWidth = Math.max(...rows.map((r) => displayWidth(r.loc)));
  const sevWidth = Math.max(...rows.map((r) => r.severity.length));
  const msgWidth = Math.max(...rows.map((r) => displayWidth(r.message)));
  const detailIndent = ' '.repeat(2 + locWidth + 2 + sevWidth + 2);
  const source = sourceLines(ctx.sources.get(group[0]?.file ?? ''));

  const lines: string[] = [];
  group.forEach((d, i) => {
    const row = rows[i];
    if (!row) return;
    const sev = padEnd(row.severity, sevWidth);
    lines.push(
      `  ${c.dim(padEnd(row.loc, locWidth))}  ${d.severity === 'error' ? c.red(sev) : c.yellow(sev)}  ` +
        `${padEnd(row.message, msgWidth)}  ${c.dim(safeText(d.code))}`,
    );
    const details = [...messageLines(d.message).slice(1), ...noteLines(d)];
    for (const extra of details) lines.push(detailIndent + styleDetail(safeText(extra), c));
    const frame = source ? codeFrame(source, d, ctx.color) : undefined;
    if (frame) lines.push(...frame.split('\n').map((l) => FRAME_INDENT + l), '');
  });
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function styleDetail(line: string, c: Colors): string {
  if (line.startsWith('did you mean:')) return c.cyan(line);
  if (line.startsWith('↳ ')) return c.dim(line);
  return line;
}

interface Source {
  text: string;
  lineCount: number;
}

function sourceLines(text: string | undefined): Source | undefined {
  if (text === undefined) return undefined;
  // A final newline ends the last line; it does not start an empty one worth framing. YAML and
  // the diagnostics count lines by \n only, but the code frame also breaks at U+2028/U+2029:
  // model text holding one would frame the wrong line, so they are shown as U+FFFD.
  const safe = safeText(text)
    .replace(/\n$/, '')
    .replace(/[\u2028\u2029]/g, '\uFFFD');
  return { text: safe, lineCount: safe.split('\n').length };
}

/** A 3-line code frame around the diagnostic; a range is marked only when on one line. */
function codeFrame(source: Source, d: Diagnostic, color: boolean): string | undefined {
  if (d.line <= 0 || d.line > source.lineCount) return undefined;
  const loc: SourceLocation = {
    start: d.column > 0 ? { line: d.line, column: d.column } : { line: d.line },
  };
  const endLine = d.endLine ?? d.line;
  if (d.column > 0 && endLine === d.line && d.endColumn !== undefined && d.endColumn > d.column) {
    loc.end = { line: d.line, column: d.endColumn };
  }
  codeFrames ??= require('@babel/code-frame') as typeof import('@babel/code-frame');
  return codeFrames.codeFrameColumns(source.text, loc, {
    linesAbove: 1,
    linesBelow: 1,
    highlightCode: color,
    forceColor: color,
  });
}

function summary(list: readonly Diagnostic[], c: Colors): string {
  if (list.length === 0) return c.green('✔ no problems');
  const { errors, warnings } = countBySeverity(list);
  const text =
    `✖ ${plural(list.length, 'problem')} ` +
    `(${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return c.bold(errors > 0 ? c.red(text) : c.yellow(text));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
