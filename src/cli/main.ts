import { Command, CommanderError } from 'commander';
import { CliError, processIO, type CliIO } from './io.js';
import { registerInit } from './commands/init.js';
import { registerRules } from './commands/rules.js';
import { registerDiff } from './commands/diff.js';
import { registerId } from './commands/id.js';
import { registerRender } from './commands/render.js';
import { registerValidate } from './commands/validate.js';
import { VERSION } from './version.js';

/**
 * Runs archgen with the given arguments (without `node` and the script) and returns the exit
 * code: 0 clean, 1 problems found, 2 usage, configuration or I/O failure. Never throws.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  const program = new Command('archgen')
    .version(VERSION, '-v, --version')
    .description(
      'Enterprise architecture as YAML: validate the model, render the architecture document.',
    )
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText(
      'after',
      `
Examples:
  $ archgen init my-architecture        # a small valid model and a CI workflow
  $ archgen validate model/             # check the model (exit 1 on errors)
  $ archgen render model/ --out out/    # the document as HTML and PDF
  $ archgen diff origin/main -m model -f md   # what this branch changed, as a PR comment
  $ archgen rules                       # every rule with its default severity`,
    );
  registerValidate(program, io, setExit);
  registerRender(program, io, setExit);
  registerDiff(program, io, setExit);
  registerInit(program, io, setExit);
  registerRules(program, io, setExit);
  registerId(program, io, setExit);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CliError) {
      io.stderr(`archgen: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
      return e.exitCode;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(
      `archgen: internal error: ${err.message}\n  please report it with the command you ran${io.env['ARCHGEN_DEBUG'] ? `\n${err.stack ?? ''}` : ' (set ARCHGEN_DEBUG=1 for details)'}\n`,
    );
    return 2;
  }
}
