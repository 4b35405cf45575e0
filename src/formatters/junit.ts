/**
 * JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines): one
 * testsuite per file, one failing testcase per diagnostic, and a single passing testcase when
 * there is nothing to report, so the report is never empty.
 */
import { sortDiagnostics } from '../diagnostics/collect.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { NO_FILE_HEADER, formatLocation, noteLines } from './text.js';
import type { Formatter } from './types.js';

// Characters XML 1.0 does not allow anywhere (even as references), and unpaired surrogates.
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text content for XML 1.0; characters XML cannot carry become U+FFFD. */
export function escapeXmlText(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted); tabs and line breaks survive as references. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Formats diagnostics as a JUnit XML report, ending with a newline. */
export const junit: Formatter = (diagnostics, ctx) => {
  const sorted = sortDiagnostics(diagnostics);
  const suites = sorted.length === 0 ? [passingSuite(ctx.toolName)] : suitesByFile(sorted);
  const failures = sorted.length;
  const tests = Math.max(1, failures);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXmlAttr(ctx.toolName)}" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};

function passingSuite(toolName: string): string {
  const name = escapeXmlAttr(toolName);
  return [
    `  <testsuite name="${name}" tests="1" failures="0" errors="0" skipped="0">`,
    `    <testcase classname="${name}" name="validate"/>`,
    '  </testsuite>',
  ].join('\n');
}

function suitesByFile(sorted: readonly Diagnostic[]): string[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sorted) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  return [...byFile].map(([file, list]) => {
    const name = escapeXmlAttr(file === '' ? NO_FILE_HEADER : file);
    return [
      `  <testsuite name="${name}" tests="${list.length}" failures="${list.length}" errors="0" skipped="0">`,
      ...list.map((d) => testcase(d, name)),
      '  </testsuite>',
    ].join('\n');
  });
}

function testcase(d: Diagnostic, suiteName: string): string {
  const where = d.line > 0 ? formatLocation('', d.line, d.column) : '';
  const caseName = escapeXmlAttr(where ? `${where} ${d.code}` : d.code);
  const severity = d.severity === 'error' ? 'error' : 'warning';
  const body = [
    `${severity} ${d.code} at ${formatLocation(d.file, d.line, d.column) || NO_FILE_HEADER}`,
    d.message,
    ...noteLines(d),
    ...(d.pointer ? [`pointer: ${d.pointer}`] : []),
  ].join('\n');
  const fileAttr = d.file ? ` file="${escapeXmlAttr(d.file)}"` : '';
  const lineAttr = d.line > 0 ? ` line="${d.line}"` : '';
  return [
    `    <testcase classname="${suiteName}" name="${caseName}"${fileAttr}${lineAttr}>`,
    `      <failure type="${escapeXmlAttr(d.code)}" message="${escapeXmlAttr(d.message)}">${escapeXmlText(body)}</failure>`,
    '    </testcase>',
  ].join('\n');
}
