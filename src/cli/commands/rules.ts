import type { Command } from 'commander';
import { allRuleMetas } from '../../rules/engine.js';
import { CliError, type CliIO } from '../io.js';

/** Registers `archgen rules`: the rule catalogue. */
export function registerRules(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('rules')
    .description('list every rule and phase code with its default severity and description')
    .option('-f, --format <name>', 'text | json', 'text')
    .addHelpText(
      'after',
      `
Set a rule's severity in archgen.yaml:  rules: { logic-duplication: error, sync-cycle: off }

Examples:
  $ archgen rules
  $ archgen rules --format json | jq '.[] | select(.defaultSeverity == "error") | .id'`,
    )
    .action((opts: { format: string }) => {
      const metas = allRuleMetas();
      if (opts.format === 'json') io.stdout(JSON.stringify(metas, null, 2) + '\n');
      else if (opts.format === 'text') {
        const width = Math.max(...metas.map((m) => m.id.length));
        for (const m of metas) {
          io.stdout(
            `${m.id.padEnd(width)}  ${String(m.defaultSeverity).padEnd(5)}  ${m.description}\n`,
          );
        }
      } else throw new CliError(`unknown --format \`${opts.format}\`; choose text or json`);
      setExit(0);
    });
}
