import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command, CommanderError } from 'commander';
import { registerDiff } from '../../src/cli/commands/diff.js';
import { CliError } from '../../src/cli/io.js';
import type { CliRun } from '../helpers/cli.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The `archgen init` starter model and manifest, the base of every diff fixture. */
export const STARTER_MODEL = await readFile(path.join(ROOT, 'templates/init/model.yaml'), 'utf8');
export const STARTER_MANIFEST = await readFile(
  path.join(ROOT, 'templates/init/archgen.yaml'),
  'utf8',
);

/**
 * Runs `archgen diff ...` in-process with the same error handling as `main()`. It builds its own
 * program so these tests do not depend on the command being registered in main.ts.
 */
export async function runDiff(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const io = {
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stderr += t),
    isTTY: false,
    cwd,
    env: {},
  };
  const program = new Command('archgen')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerDiff(program, io, (c) => (code = c));
  try {
    await program.parseAsync(['diff', ...args], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
    else if (e instanceof CliError) {
      stderr += `archgen: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`;
      code = e.exitCode;
    } else throw e;
  }
  return { code, stdout, stderr };
}

/** Runs git in `cwd`, as a user would, with a fixed identity and dates so commits are stable. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: cwd,
  };
  const { stdout } = await run('git', args, { cwd, env });
  return stdout;
}

/** Writes files (path → text) under `dir`, creating folders; `null` deletes the file. */
export async function writeFiles(dir: string, files: Record<string, string | null>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (text === null) await rm(file, { force: true });
    else {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    }
  }
}

/** Commits everything in the work tree. */
export async function commitAll(dir: string, message: string): Promise<void> {
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', message);
}

/** A new temp folder holding an empty git repository on branch `main`. */
export async function newRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'archgen-diff-test-'));
  await git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

/** Applies text replacements, failing loudly when a fixture edit no longer matches. */
export function edit(text: string, ...edits: [string, string][]): string {
  let out = text;
  for (const [from, to] of edits) {
    if (!out.includes(from)) throw new Error(`fixture edit does not match: ${from}`);
    out = out.replace(from, to);
  }
  return out;
}
