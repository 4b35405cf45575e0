import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { DiffFormat, DiffSide } from '../../diff/index.js';
import type { Side } from '../../diff/git.js';
import { CliError, type CliIO } from '../io.js';
import { runValidate } from '../run.js';

/** Options of `archgen diff`. */
export interface DiffOptions {
  format: string;
  model: string;
  output?: string;
}

/** Registers `archgen diff <base> [head]`. */
export function registerDiff(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('diff')
    .argument(
      '<base>',
      'model folder, or git revision (branch, tag, commit) of the model in this repository',
    )
    .argument(
      '[head]',
      'model folder or revision; default: the --model folder in the working tree (a revision base is then its merge base with HEAD)',
    )
    .description(
      'semantic difference of two models: elements added, removed, changed, renamed; problems new and fixed',
    )
    .option('-f, --format <name>', 'text | md | json', 'text')
    .option('-m, --model <path>', 'the model folder inside the repository, for revisions', '.')
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .addHelpText(
      'after',
      `
An argument that exists on disk is a model folder; anything else is a git revision, read with
\`git archive\` (your checkout is never touched).

Exit codes: 0 no new errors, 1 head has new errors, 2 usage, git or I/O failure.

Examples:
  $ archgen diff origin/main --model model           # merge base with origin/main vs working tree
  $ archgen diff main feature --model model          # two revisions, as given
  $ archgen diff old-model/ model/                   # two folders
  $ archgen diff origin/main -m model -f md -o diff.md   # a PR comment`,
    )
    .action(async (base: string, head: string | undefined, opts: DiffOptions) => {
      setExit(await diffCommand(io, base, head, opts));
    });
}

/** Runs diff and returns the exit code. */
export async function diffCommand(
  io: CliIO,
  base: string,
  head: string | undefined,
  opts: DiffOptions,
): Promise<number> {
  // The diff modules load only when a diff runs: every other command starts faster.
  const { DIFF_FORMATTERS, GitError, buildDiffReport, resolveSides } =
    await import('../../diff/index.js');
  const format = opts.format as DiffFormat;
  const formatter = DIFF_FORMATTERS[format];
  if (!Object.hasOwn(DIFF_FORMATTERS, format)) {
    throw new CliError(`unknown --format \`${opts.format}\`; choose from text, md, json`);
  }
  let sides;
  try {
    sides = await resolveSides(base, head, { cwd: io.cwd, model: opts.model });
  } catch (e) {
    if (e instanceof GitError) throw new CliError(e.message, 2, e.hint);
    throw e;
  }
  try {
    const [b, h] = await Promise.all([
      validateSide(sides.base, 'base'),
      validateSide(sides.head, 'head'),
    ]);
    const report = buildDiffReport(b, h);
    const text = formatter(report);
    if (opts.output) {
      const file = path.resolve(io.cwd, opts.output);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    } else {
      io.stdout(text);
    }
    return report.summary.newErrors > 0 ? 1 : 0;
  } finally {
    await sides.cleanup();
  }
}

/** Validates one side with paths relative to its model folder, so both sides name files alike. */
async function validateSide(side: Side, which: string): Promise<DiffSide> {
  const result = await runValidate(side.dir, { cwd: side.dir });
  if (!result.loaded) {
    const first = result.diagnostics.find((d) => d.severity === 'error');
    throw new CliError(
      `cannot read the ${which} model (${side.label}): ${first?.message ?? 'no model found'}`,
      2,
      'point --model at the folder holding archgen.yaml',
    );
  }
  return { label: side.label, loaded: result.loaded, diagnostics: result.diagnostics };
}
