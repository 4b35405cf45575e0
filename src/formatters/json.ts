/**
 * Machine-readable output with a stable, versioned shape. Every diagnostic carries the same keys
 * in the same order; absent optional values are `null` (or `[]` for lists), so consumers never
 * need to test for a missing key.
 */
import { countBySeverity, sortDiagnostics } from '../diagnostics/collect.js';
import type { Diagnostic, RelatedLocation, Severity } from '../diagnostics/types.js';
import type { Formatter } from './types.js';

/** Version of the JSON report shape; bumped on any breaking change to it. */
export const JSON_REPORT_VERSION = 1;

/** One diagnostic as written by the json format. Lines and columns are 1-based (0 = unknown). */
export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number | null;
  endColumn: number | null;
  pointer: string | null;
  messageId: string | null;
  hint: string | null;
  suggest: string[];
  related: RelatedLocation[];
}

/** The whole json report. */
export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: string; version: string };
  summary: { errors: number; warnings: number };
  diagnostics: JsonDiagnostic[];
}

/** Formats diagnostics as a pretty-printed {@link JsonReport}, ending with a newline. */
export const json: Formatter = (diagnostics, ctx) => {
  const sorted = sortDiagnostics(diagnostics);
  const { errors, warnings } = countBySeverity(sorted);
  const report: JsonReport = {
    version: JSON_REPORT_VERSION,
    tool: { name: ctx.toolName, version: ctx.toolVersion },
    summary: { errors, warnings },
    diagnostics: sorted.map(toJson),
  };
  return JSON.stringify(report, null, 2) + '\n';
};

function toJson(d: Diagnostic): JsonDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine ?? null,
    endColumn: d.endColumn ?? null,
    pointer: d.pointer ?? null,
    messageId: d.messageId ?? null,
    hint: d.hint ?? null,
    suggest: [...(d.suggest ?? [])],
    related: (d.related ?? []).map((r) => ({
      file: r.file,
      line: r.line,
      column: r.column,
      message: r.message,
    })),
  };
}
