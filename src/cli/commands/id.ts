import type { Command } from 'commander';
import { countBySeverity } from '../../diagnostics/collect.js';
import { nextFreeAppId } from '../../model/ids.js';
import { CliError, type CliIO } from '../io.js';
import { runValidate } from '../run.js';

/** Registers `archgen id next`. */
export function registerId(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const id = program.command('id').description('application id helpers');
  id.command('next')
    .description('print the next free six-digit application id in a subsystem')
    .argument('[model]', 'model folder or manifest file', '.')
    .requiredOption('-l, --line <code>', 'product-line code (2 digits), e.g. 10')
    .requiredOption('-s, --subsystem <code>', 'subsystem code within the line (2 digits), e.g. 02')
    .addHelpText(
      'after',
      `
Ids of retired apps are never reused. Prints the id alone on stdout, so scripts can use it.

Examples:
  $ archgen id next --line 10 --subsystem 02
  100207
  $ archgen id next model/ -l 20 -s 01`,
    )
    .action(async (model: string, opts: { line: string; subsystem: string }) => {
      for (const [flag, value] of [
        ['--line', opts.line],
        ['--subsystem', opts.subsystem],
      ] as const) {
        if (!/^\d{2}$/.test(value))
          throw new CliError(`${flag} must be two digits, e.g. 10; got \`${value}\``);
      }
      const result = await runValidate(model, { cwd: io.cwd });
      if (!result.graph) {
        throw new CliError(result.diagnostics[0]?.message ?? 'the model could not be loaded');
      }
      const next = nextFreeAppId(result.graph, opts.line, opts.subsystem);
      if (!next.ok) {
        const why = {
          'line-not-declared': `product line \`${opts.line}\` is not declared in productLines`,
          'subsystem-not-declared': `subsystem \`${opts.subsystem}\` is not declared in product line \`${opts.line}\``,
          'range-full': `subsystem ${opts.line}${opts.subsystem} has no free id left (01-99 all used)`,
        }[next.error];
        throw new CliError(
          why,
          1,
          next.error === 'range-full'
            ? 'split the subsystem or declare a new one'
            : 'declare it, or check the code',
        );
      }
      if (countBySeverity(result.diagnostics).errors > 0) {
        io.stderr(
          'archgen: note: the model has errors (run `archgen validate`); the id accounts for every app that loaded\n',
        );
      }
      io.stdout(`${next.id}\n`);
      setExit(0);
    });
}
