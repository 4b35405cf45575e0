import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One side of a diff, ready to load: a folder on disk, and how to name it for people. */
export interface Side {
  /** Absolute path of the model folder. */
  dir: string;
  /** `main (3f2c1ab)`, `working tree`, or the folder as typed. */
  label: string;
}

/** Both sides, and the temp folders to remove when done. */
export interface ResolvedSides {
  base: Side;
  head: Side;
  cleanup: () => Promise<void>;
}

/** Why a revision or repository could not be read: the CLI turns it into exit 2. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Where to read from: the working folder, and the model folder relative to it (`--model`). */
export interface ResolveOptions {
  cwd: string;
  model: string;
}

async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** Whether a path exists (a model folder, or a manifest file). */
async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory() || s.isFile(),
    () => false,
  );
}

/**
 * Resolves `archgen diff <base> [head]`. An argument that exists on disk is a model folder;
 * anything else is a git revision of the current repository. With one revision, base is its
 * merge base with HEAD and head is the working tree; with two, each is read as given. Revisions
 * are extracted with `git archive` into temp folders: the user's checkout is never touched.
 */
export async function resolveSides(
  baseArg: string,
  headArg: string | undefined,
  options: ResolveOptions,
): Promise<ResolvedSides> {
  const temps: string[] = [];
  const cleanup = async (): Promise<void> => {
    await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
  };
  try {
    const workTree: Side = { dir: path.resolve(options.cwd, options.model), label: 'working tree' };
    const side = async (arg: string, mergeBase: boolean): Promise<Side> => {
      const dir = path.resolve(options.cwd, arg);
      if (await exists(dir)) return { dir, label: arg };
      return extractRevision(arg, mergeBase, options, temps);
    };
    const base = await side(baseArg, headArg === undefined);
    const head = headArg === undefined ? workTree : await side(headArg, false);
    return { base, head, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

async function extractRevision(
  rev: string,
  mergeBase: boolean,
  options: ResolveOptions,
  temps: string[],
): Promise<Side> {
  let top: string;
  try {
    top = await git(['rev-parse', '--show-toplevel'], options.cwd);
  } catch {
    throw new GitError(
      `\`${rev}\` is not a folder, and ${options.cwd} is not inside a git repository, so it cannot be a revision`,
      'pass two model folders (`archgen diff old/ new/`), or run inside the repository',
    );
  }
  if (rev.startsWith('-')) throw new GitError(`\`${rev}\` is not a valid revision`);
  let commit: string;
  try {
    commit = await git(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
      top,
    );
  } catch {
    throw new GitError(
      `unknown revision or folder \`${rev}\``,
      'give a branch, tag or commit of this repository (`git log --oneline` lists them), or an existing model folder',
    );
  }
  let label = `${rev} (${commit.slice(0, 7)})`;
  if (mergeBase) {
    try {
      commit = await git(['merge-base', commit, 'HEAD'], top);
    } catch {
      throw new GitError(
        `\`${rev}\` and HEAD have no common ancestor`,
        'pass both revisions: `archgen diff <base> <head>`',
      );
    }
    label = `merge base of ${rev} and HEAD (${commit.slice(0, 7)})`;
  }
  const inRepo = path
    .relative(top, path.resolve(options.cwd, options.model))
    .split(path.sep)
    .join('/');
  if (inRepo.startsWith('..')) {
    throw new GitError(`the model folder \`${options.model}\` is outside the repository ${top}`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'archgen-diff-'));
  temps.push(dir);
  const tar = path.join(dir, 'model.tar');
  try {
    await git(
      ['archive', '--format=tar', `--output=${tar}`, commit, '--', inRepo === '' ? '.' : inRepo],
      top,
    );
  } catch {
    throw new GitError(
      `the model folder \`${inRepo || '.'}\` does not exist at ${label}`,
      'point --model at the model folder inside the repository',
    );
  }
  const tree = path.join(dir, 'tree');
  await mkdir(tree);
  await run('tar', ['-x', '-f', tar, '-C', tree]);
  return { dir: path.join(tree, inRepo), label };
}

/**
 * Absolute paths of the files that differ from `rev` in the working tree of the repository
 * holding `cwd`: committed, staged and unstaged changes, and untracked files git does not ignore.
 */
export async function changedFilesSince(cwd: string, rev: string): Promise<Set<string>> {
  const git = async (args: string[]): Promise<string> => {
    try {
      return (await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (e) {
      const stderr = (e as { stderr?: string }).stderr ?? '';
      if (/not a git repository/i.test(stderr)) {
        throw new GitError('--changed-since needs a git repository, and this folder is not in one');
      }
      throw new GitError(
        `git could not compare with \`${rev}\`: ${stderr.split('\n')[0] ?? ''}`.trim(),
        'check the revision with `git rev-parse ' + rev + '`',
      );
    }
  };
  const top = (await git(['rev-parse', '--show-toplevel'])).trim();
  await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  const changed = (await git(['diff', '--name-only', '-z', rev, '--'])).split('\0');
  const untracked = (await git(['ls-files', '--others', '--exclude-standard', '-z'])).split('\0');
  return new Set([...changed, ...untracked].filter(Boolean).map((f) => path.resolve(top, f)));
}
