import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';

/** Names tried, in order, when the model argument is a folder. */
export const MANIFEST_NAMES = ['archgen.yaml', 'archgen.yml'];

/** Default include globs when the manifest has none. */
export const DEFAULT_INCLUDE = ['**/*.yaml', '**/*.yml'];

/** Folders never searched by globs. */
const IGNORE = ['**/node_modules/**', '**/.git/**', 'out/**', '**/.archgen-cache/**'];

/**
 * Finds the manifest for a `[model]` argument: a folder holding archgen.yaml, or the manifest
 * file itself. Returns undefined when there is none.
 */
export async function findManifest(target: string): Promise<string | undefined> {
  const abs = path.resolve(target);
  const st = await stat(abs).catch(() => undefined);
  if (!st) return undefined;
  if (st.isFile()) return abs;
  for (const name of MANIFEST_NAMES) {
    const candidate = path.join(abs, name);
    const s = await stat(candidate).catch(() => undefined);
    if (s?.isFile()) return candidate;
  }
  return undefined;
}

/** Why an include pattern was refused. */
export interface IncludeProblem {
  /** Index of the pattern in `include`. */
  index: number;
  kind: 'escapes' | 'absolute' | 'no-match' | 'symlink-out';
  /** For `symlink-out`: the file that resolves outside the model folder. */
  file?: string;
}

/**
 * Expands include globs relative to the model root. Patterns may not be absolute or climb out
 * with `..`; matched files whose real path (after symlinks) lies outside the root are refused.
 * The manifest itself is never returned. Files come back sorted, once each.
 */
export async function expandIncludes(
  root: string,
  manifestPath: string,
  include: readonly string[],
): Promise<{ files: string[]; problems: IncludeProblem[] }> {
  const problems: IncludeProblem[] = [];
  const realRoot = await realpath(root);
  const found = new Set<string>();
  for (const [index, pattern] of include.entries()) {
    if (path.isAbsolute(pattern) || /^[a-zA-Z]:[\\/]/.test(pattern)) {
      problems.push({ index, kind: 'absolute' });
      continue;
    }
    if (pattern.split(/[\\/]/).includes('..')) {
      problems.push({ index, kind: 'escapes' });
      continue;
    }
    const matches = await glob(pattern, {
      cwd: root,
      absolute: true,
      onlyFiles: true,
      dot: false,
      ignore: IGNORE,
      followSymbolicLinks: false,
      expandDirectories: false,
    });
    let matched = 0;
    for (const file of matches) {
      if (path.resolve(file) === path.resolve(manifestPath)) continue;
      matched++;
      const real = await realpath(file).catch(() => file);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
        problems.push({ index, kind: 'symlink-out', file: path.resolve(file) });
        continue;
      }
      found.add(path.resolve(file));
    }
    if (matched === 0) problems.push({ index, kind: 'no-match' });
  }
  return { files: [...found].sort(), problems };
}
