import type { Command } from 'commander';
import { countBySeverity } from '../../diagnostics/collect.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import path from 'node:path';
import { changedFilesSince, GitError } from '../../diff/git.js';
import { addCacheFlags, CACHE_HELP, cacheOptions, reportCache, type CacheFlags } from '../cache.js';
import { CliError, type CliIO } from '../io.js';
import { pairOutputs, writeReports, type OutputTarget } from '../output.js';
import { runValidate } from '../run.js';

/** Options of `archgen validate`. */
export interface ValidateOptions extends CacheFlags {
  format: string[];
  /** Each `--output` with the number of `--format` values given before it. */
  output: OutputTarget[];
  strict?: boolean;
  maxWarnings?: string;
  quiet?: boolean;
  changedSince?: string;
}

/** Registers `archgen validate [model]`. */
export function registerValidate(
  program: Command,
  io: CliIO,
  setExit: (code: number) => void,
): void {
  // Commander parses options in command-line order, so each --output can note its --format.
  let formatsSeen = 0;
  const command = program
    .command('validate')
    .argument('[model]', 'model folder (holding archgen.yaml) or manifest file', '.')
    .description('load and check the model; report every problem with file, line and column')
    .option(
      '-f, --format <name>',
      'stylish | json | sarif | github | junit | codequality (repeatable, or comma list)',
      (value: string, previous: string[]) => {
        formatsSeen = previous.length + 1;
        return [...previous, value];
      },
      [],
    )
    .option(
      '-o, --output <file>',
      'write the --format given just before it to this file instead of stdout (repeatable)',
      (file: string, previous: OutputTarget[]) => [
        ...previous,
        { file, afterFormats: formatsSeen },
      ],
      [],
    )
    .option('--strict', 'exit 1 on warnings too')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('-q, --quiet', 'report errors only')
    .option(
      '--changed-since <rev>',
      'report only problems in files changed since a git revision (references still resolve across the whole model)',
    );
  addCacheFlags(command)
    .addHelpText(
      'after',
      `
Exit codes: 0 clean, 1 errors (or warnings with --strict / over --max-warnings), 2 usage or I/O failure.
${CACHE_HELP}

Examples:
  $ archgen validate                         # the model in the current folder
  $ archgen validate model/ --strict
  $ archgen validate model -f github -f sarif -o archgen.sarif   # annotations + code scanning
  $ archgen validate model --format json > report.json
  $ archgen validate model -f junit -o archgen-junit.xml -f codequality -o gl-code-quality.json   # GitLab
  $ archgen validate model --changed-since origin/main   # large repos: only what this branch touched`,
    )
    .action(async (model: string, opts: ValidateOptions) => {
      setExit(await validateCommand(io, model, opts));
    });
}

/** Runs validate and returns the exit code. */
export async function validateCommand(
  io: CliIO,
  model: string,
  opts: ValidateOptions,
): Promise<number> {
  const { formats, files } = pairOutputs(opts.format, opts.output);
  const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new CliError(`--max-warnings must be a whole number >= 0; got \`${opts.maxWarnings}\``);
  }
  const cache = cacheOptions(io, opts);
  const result = await runValidate(model, { cwd: io.cwd, ...(cache ? { cache } : {}) });
  reportCache(io, result.cache);
  // --changed-since narrows what counts (output and exit code); --quiet only what is shown.
  const scope =
    opts.changedSince === undefined
      ? result.diagnostics
      : await onlyChanged(io, result.diagnostics, opts.changedSince);
  const shown = opts.quiet ? scope.filter((d) => d.severity === 'error') : scope;
  if (result.loaded) {
    await writeReports(io, shown, formats, files, result.loaded);
  } else {
    // Nothing was checked (no model, unreadable manifest): that is a failure (exit 2), so the
    // human-readable report goes to stderr; machine formats still get their report where asked.
    const toStderr: CliIO = { ...io, stdout: io.stderr };
    for (const [i, name] of formats.entries()) {
      const file = files[i];
      await writeReports(
        name === 'stylish' && !file ? toStderr : io,
        shown,
        [name],
        [file],
        undefined,
      );
    }
  }
  return exitCodeFor(scope, Boolean(result.loaded), opts.strict ?? false, maxWarnings);
}

/** 2 when the model could not be loaded or configured, 1 on errors or too many warnings, else 0. */
export function exitCodeFor(
  diagnostics: readonly Diagnostic[],
  loaded: boolean,
  strict: boolean,
  maxWarnings: number | undefined,
): number {
  if (!loaded || diagnostics.some((d) => d.code === 'config' && d.severity === 'error')) return 2;
  const { errors, warnings } = countBySeverity(diagnostics);
  if (errors > 0) return 1;
  if (strict && warnings > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) return 1;
  return 0;
}

/** Commander helper for repeatable options. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Keeps the problems in files changed since `rev` (or whose related places are), and those that
 * belong to no file. The whole model was still loaded, so references resolve everywhere.
 */
async function onlyChanged(
  io: CliIO,
  list: readonly Diagnostic[],
  rev: string,
): Promise<Diagnostic[]> {
  let changed: Set<string>;
  try {
    changed = await changedFilesSince(io.cwd, rev);
  } catch (e) {
    if (e instanceof GitError) throw new CliError(e.message, 2, e.hint);
    throw e;
  }
  const touched = (file: string): boolean => file === '' || changed.has(path.resolve(io.cwd, file));
  return list.filter((d) => touched(d.file) || (d.related ?? []).some((r) => touched(r.file)));
}
