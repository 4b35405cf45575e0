import { formatJson } from './format-json.js';
import { formatMarkdown } from './format-md.js';
import { formatText } from './format-text.js';
import type { DiffReport } from './report.js';

export { buildDiffReport, type DiffReport, type DiffSide } from './report.js';
export { compareModels } from './compare.js';
export { resolveSides, GitError, type ResolvedSides } from './git.js';
export type * from './types.js';

/** Output formats of `archgen diff`. */
export type DiffFormat = 'text' | 'md' | 'json';

/** Every diff formatter by name: pure `(report) => string`. */
export const DIFF_FORMATTERS: Readonly<Record<DiffFormat, (report: DiffReport) => string>> = {
  text: formatText,
  md: formatMarkdown,
  json: formatJson,
};
