/**
 * Text helpers shared by the human-readable formatters: terminal-safe text and display width.
 * Pure string functions; no I/O.
 */
import type { Diagnostic } from '../diagnostics/types.js';

/** Header / suite name for diagnostics that have no file (flags, configuration, the whole run). */
export const NO_FILE_HEADER = '(model)';

// C0 controls except tab and newline, DEL, and C1 controls (incl. CSI 0x9B). Model text is
// untrusted: an id holding ESC sequences must not restyle or rewrite the user's terminal.
// eslint-disable-next-line no-control-regex
const UNSAFE_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Replaces control characters (other than `\t` and `\n`) with U+FFFD; `\r\n` becomes `\n`. */
export function safeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_CONTROL, '\uFFFD');
}

/** `file:line:column`, dropping the parts that are unknown (empty file, line or column 0). */
export function formatLocation(file: string, line: number, column: number): string {
  if (line <= 0) return file;
  const pos = column > 0 ? `${line}:${column}` : `${line}`;
  return file ? `${file}:${pos}` : pos;
}

/**
 * The notes every human-readable format prints under a diagnostic's message: the hint,
 * "did you mean" and related locations, one line each.
 */
export function noteLines(d: Diagnostic): string[] {
  const lines: string[] = [];
  if (d.hint) lines.push(`hint: ${d.hint}`);
  if (d.suggest && d.suggest.length > 0) lines.push(`did you mean: ${d.suggest.join(', ')}?`);
  for (const r of d.related ?? []) {
    lines.push(`↳ also at ${formatLocation(r.file, r.line, r.column)}: ${r.message}`);
  }
  return lines;
}

/** Splits a message into its lines (`\n`, `\r\n` or `\r`). */
export function messageLines(message: string): string[] {
  return message.split(/\r\n?|\n/);
}

/**
 * Terminal columns a string takes: East Asian wide and fullwidth characters count 2, combining
 * marks and zero-width characters 0, everything else 1. ANSI colour codes must be absent.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isZeroWidth(cp)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

/** Pads `text` with spaces on the right to `width` terminal columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff
  );
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
