/**
 * GitLab Code Quality: the subset of the Code Climate issue format GitLab reads from
 * `artifacts:reports:codequality`, so findings show in the merge request widget (and, on higher
 * tiers, on the changed lines). GitLab compares the findings of the merge request with those of
 * the target branch by `fingerprint`, so it is built from what identifies a problem (rule, file,
 * JSON pointer, message) and never from line numbers: an unrelated edit above a finding does not
 * turn it into "one fixed, one new".
 */
import { createHash } from 'node:crypto';
import { sortDiagnostics } from '../diagnostics/collect.js';
import type { Diagnostic, Severity } from '../diagnostics/types.js';
import { noteLines } from './text.js';
import type { Formatter } from './types.js';

/** Severities GitLab accepts, least severe first. */
export const CODEQUALITY_SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'] as const;
export type CodeQualitySeverity = (typeof CODEQUALITY_SEVERITIES)[number];

/** One finding. Lines are 1-based. */
export interface CodeQualityIssue {
  /** Always `issue` (Code Climate engine spec). */
  type: 'issue';
  /** Rule id or phase code. */
  check_name: string;
  /** The message, on one line, with its hint and suggestions. */
  description: string;
  /** Code Climate's free-form detail; GitLab may show it. */
  content?: { body: string };
  severity: CodeQualitySeverity;
  /** Hex digest, unique within a report, stable across unrelated edits. */
  fingerprint: string;
  engine_name: string;
  location: { path: string; lines: { begin: number; end?: number } };
}

/**
 * Errors fail the pipeline, so they are `major`; warnings are `minor`. `critical` and `blocker`
 * are left for tools whose findings are security issues, as ESLint's GitLab formatters do.
 */
const SEVERITY: Readonly<Record<Severity, CodeQualitySeverity>> = {
  error: 'major',
  warn: 'minor',
};

/**
 * Formats diagnostics as a Code Quality JSON array (empty when clean), ending with a newline.
 * Paths are as in every format, relative to the working directory: run archgen from the
 * repository root, as GitLab jobs do. A diagnostic with no file is reported at the manifest
 * (or at `.` when no model was found), since GitLab needs a path for every finding.
 */
export const codequality: Formatter = (diagnostics, ctx) => {
  const seen = new Map<string, number>();
  const issues = sortDiagnostics(diagnostics).map((d): CodeQualityIssue => {
    const key = identity(d);
    // Equal findings (same rule, place and text) still need distinct fingerprints.
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const notes = noteLines(d);
    const lines = d.line > 0 ? { begin: d.line } : { begin: 1 };
    return {
      type: 'issue',
      check_name: d.code,
      description: oneLine([d.message, ...notes.filter((l) => !l.startsWith('↳'))].join(' — ')),
      ...(notes.length > 0 ? { content: { body: [d.message, ...notes].join('\n') } } : {}),
      severity: SEVERITY[d.severity],
      fingerprint: digest(n === 0 ? key : `${key}\u0000${n}`),
      engine_name: ctx.toolName,
      location: {
        path: d.file || ctx.manifestFile || '.',
        lines:
          d.endLine !== undefined && d.line > 0 && d.endLine > d.line
            ? { ...lines, end: d.endLine }
            : lines,
      },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
};

/** What makes a finding the same finding on another run: no line or column. */
function identity(d: Diagnostic): string {
  return [d.code, d.file, d.pointer ?? '', d.message].join('\u0000');
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** GitLab shows the description on one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}
