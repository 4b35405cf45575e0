import type { Diagnostic } from '../diagnostics/types.js';
import type { LoadedModel } from '../load/index.js';
import { compareModels } from './compare.js';
import { compareProblems, locateProblems, type ProblemDiff } from './problems.js';
import type { ChangeKind, ModelDiff } from './types.js';

/** One validated side of a diff. */
export interface DiffSide {
  label: string;
  loaded: LoadedModel;
  diagnostics: readonly Diagnostic[];
}

/** Everything a diff formatter prints. */
export interface DiffReport {
  base: { label: string };
  head: { label: string };
  diff: ModelDiff;
  problems: ProblemDiff;
  summary: DiffSummary;
}

/** Counts for the summary line and the JSON `summary` object. */
export interface DiffSummary {
  added: number;
  removed: number;
  changed: number;
  renamed: number;
  reidentified: number;
  newErrors: number;
  newWarnings: number;
  fixedErrors: number;
  fixedWarnings: number;
}

/** Compares two validated models: element changes, then problems new in head and fixed. */
export function buildDiffReport(base: DiffSide, head: DiffSide): DiffReport {
  const diff = compareModels(base.loaded.model, head.loaded.model, {
    base: base.loaded.manifest,
    head: head.loaded.manifest,
  });
  const problems = compareProblems(
    locateProblems(base.loaded, base.diagnostics),
    locateProblems(head.loaded, head.diagnostics),
  );
  return {
    base: { label: base.label },
    head: { label: head.label },
    diff,
    problems,
    summary: summarize(diff, problems),
  };
}

function summarize(diff: ModelDiff, problems: ProblemDiff): DiffSummary {
  const count = (kind: ChangeKind): number =>
    diff.areas.reduce((n, a) => n + a.changes.filter((c) => c.change === kind).length, 0);
  const sev = (list: ProblemDiff['introduced'], s: string): number =>
    list.filter((p) => p.diagnostic.severity === s).length;
  return {
    added: count('added'),
    removed: count('removed'),
    changed: count('changed'),
    renamed: count('renamed'),
    reidentified: count('reidentified'),
    newErrors: sev(problems.introduced, 'error'),
    newWarnings: sev(problems.introduced, 'warn'),
    fixedErrors: sev(problems.fixed, 'error'),
    fixedWarnings: sev(problems.fixed, 'warn'),
  };
}

/** Whether the two models are the same element for element. */
export function isEmptyDiff(report: DiffReport): boolean {
  return report.diff.areas.length === 0;
}
