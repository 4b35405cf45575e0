import { expect } from 'vitest';
import { parseDocument } from 'yaml';
import { runCli } from './cli.js';
import { archgenCommands, flagOf } from './shell-words.js';

/**
 * The archgen CLI as its own `--help` describes it, and a checker for archgen command lines in
 * CI files against it: used by the tests of action.yml, the init workflow and the GitLab example.
 */

/** Parses YAML as strictly as GitHub does: a syntax error or a duplicate key fails the test. */
export function parseStrict<T>(text: string, file: string): T {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  expect(
    doc.errors.map((e) => e.message),
    file,
  ).toEqual([]);
  expect(
    doc.warnings.map((e) => e.message),
    file,
  ).toEqual([]);
  return doc.toJS() as T;
}

// ---------- the CLI as its help describes it ----------

export interface OptionSpec {
  takesValue: boolean;
}
/** Each command path (`validate`, `id next`; '' for archgen itself) with its flags. */
export type CliSpec = Map<string, Map<string, OptionSpec>>;

function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(`${title}:`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Reads every command's `--help`, recursively, into a CliSpec. */
export async function readCli(
  root: string,
  prefix: string[] = [],
  spec: CliSpec = new Map(),
): Promise<CliSpec> {
  const help = await runCli([...prefix, '--help'], root);
  expect(help.code, `archgen ${prefix.join(' ')} --help`).toBe(0);
  const options = new Map<string, OptionSpec>();
  for (const line of section(help.stdout, 'Options')) {
    const m = /^\s{2}(?:(-[A-Za-z]), )?(--[a-z][\w-]*)( [<[])?/.exec(line);
    if (!m?.[2]) continue;
    const opt = { takesValue: m[3] !== undefined };
    options.set(m[2], opt);
    if (m[1]) options.set(m[1], opt);
  }
  // '' is archgen itself (--version, --help).
  spec.set(prefix.join(' '), options);
  for (const line of section(help.stdout, 'Commands')) {
    const name = /^\s{2}([a-z][\w-]*)/.exec(line)?.[1];
    if (name && name !== 'help') await readCli(root, [...prefix, name], spec);
  }
  return spec;
}

/**
 * What is wrong with one archgen command line, as messages (empty when it is right): the
 * subcommand must exist, each flag must be one of its flags, and a flag that takes a value must
 * get one.
 */
export function checkCommand(args: readonly string[], cli: CliSpec): string[] {
  let command = '';
  let rest = [...args];
  while (rest[0] !== undefined && cli.has([command, rest[0]].filter(Boolean).join(' '))) {
    command = [command, rest[0]].filter(Boolean).join(' ');
    rest = rest.slice(1);
  }
  if (!command && !flagOf(args[0] ?? '')) return [`\`${args[0] ?? ''}\` is not an archgen command`];
  const options = cli.get(command) ?? new Map<string, OptionSpec>();
  const problems: string[] = [];
  const name = ['archgen', command].filter(Boolean).join(' ');
  rest.forEach((word, i) => {
    const f = flagOf(word);
    if (!f) return;
    const opt = options.get(f.flag);
    if (!opt) problems.push(`${name} has no ${f.flag}`);
    else if (
      opt.takesValue &&
      !f.inline &&
      (rest[i + 1] === undefined || flagOf(rest[i + 1] ?? ''))
    )
      problems.push(`${name} ${f.flag} needs a value`);
  });
  return problems;
}

/** Every problem of every archgen command in the scripts, each with its command line. */
export function problemsIn(scripts: readonly string[], cli: CliSpec): string[] {
  return scripts
    .flatMap(archgenCommands)
    .flatMap((c) => checkCommand(c.args, cli).map((p) => `${p}, in: ${c.args.join(' ')}`));
}
