/**
 * The output formats `archgen validate --format` accepts, by name. Each is a pure
 * `(diagnostics, ctx) => string`; only the CLI writes the text to stdout or a file.
 */
import { codequality } from './codequality.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { FormatName, Formatter } from './types.js';

export type { FormatName, Formatter, FormatterContext } from './types.js';

/** Every formatter, keyed by its `--format` name (sorted). */
export const formatters: Record<FormatName, Formatter> = {
  codequality,
  github,
  json,
  junit,
  sarif,
  stylish,
};

/** The accepted `--format` names, `stylish` (the default) first. */
export const FORMAT_NAMES: readonly FormatName[] = [
  'stylish',
  'json',
  'sarif',
  'github',
  'junit',
  'codequality',
];

/** Whether `name` is a known format (for parsing `--format`). */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}
