import type { Command } from 'commander';
import { access, copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, type CliIO } from '../io.js';

const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/init/', import.meta.url));

/** Registers `archgen init [dir]`. */
export function registerInit(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('init')
    .argument('[dir]', 'folder to create the model in', '.')
    .description('write a small valid starter model and a CI workflow')
    .option('--force', 'overwrite files that already exist')
    .addHelpText(
      'after',
      `
Examples:
  $ archgen init architecture && archgen validate architecture
  $ archgen init . --force              # overwrite an earlier starter`,
    )
    .action(async (dir: string, opts: { force?: boolean }) => {
      setExit(await initCommand(io, dir, opts.force ?? false));
    });
}

/** Writes the starter files; refuses to overwrite any without `force`. Returns the exit code. */
export async function initCommand(io: CliIO, dir: string, force: boolean): Promise<number> {
  const target = path.resolve(io.cwd, dir);
  const files = await listFiles(TEMPLATE_DIR);
  const existing: string[] = [];
  for (const rel of files) {
    if (await exists(path.join(target, rel))) existing.push(rel);
  }
  if (existing.length > 0 && !force) {
    throw new CliError(
      `refusing to overwrite ${existing.join(', ')} in ${path.relative(io.cwd, target) || '.'}`,
      2,
      'pass --force to overwrite, or choose another folder',
    );
  }
  for (const rel of files) {
    const to = path.join(target, rel);
    await mkdir(path.dirname(to), { recursive: true });
    await copyFile(path.join(TEMPLATE_DIR, rel), to);
    io.stderr(`  wrote ${path.relative(io.cwd, to) || to}\n`);
  }
  const shown = path.relative(io.cwd, target) || '.';
  if (shown !== '.') {
    // GitHub reads workflows only from the repository root, and the workflow says `model: .`.
    io.stderr(
      `\nGitHub runs workflows only from .github/workflows at the root of the repository:\n` +
        `move ${path.join(shown, '.github/workflows/archgen.yml')} there, and set \`model: ${shown}\` in it.\n`,
    );
  }
  io.stderr(`\nNext: archgen validate ${shown}  then  archgen render ${shown} --out out\n`);
  return 0;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
