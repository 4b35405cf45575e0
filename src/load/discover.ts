import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { escapePath, glob } from 'tinyglobby';

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
  kind: 'escapes' | 'absolute' | 'no-match' | 'symlink-out' | 'too-many';
  /** For `symlink-out`: the file that resolves outside the model folder. */
  file?: string;
  /** For `too-many`: files this pattern matched, and all patterns up to it together. */
  matched?: number;
  total?: number;
}

/**
 * Expands include globs relative to the model root. Patterns may not be absolute or climb out
 * with `..`; matched files whose real path (after symlinks) lies outside the root are refused.
 * Globbing never follows symlinked folders (a link to `/` would crawl the whole disk), but
 * symlinked files are matched like any file, and broken ones too (reading them then fails with
 * a diagnostic rather than the file vanishing silently). The manifest itself is never returned.
 * Files come back sorted, once each. More than `maxFiles` files in all is a `too-many` problem
 * and no files.
 */
export async function expandIncludes(
  root: string,
  manifestPath: string,
  include: readonly string[],
  maxFiles = Infinity,
): Promise<{ files: string[]; problems: IncludeProblem[] }> {
  const problems: IncludeProblem[] = [];
  const realRoot = await realpath(root);
  const links = await findSymlinks(root);
  const linkedDirs = links
    .filter((l) => l.kind === 'dir')
    .flatMap((l) => [escapePath(l.rel), `${escapePath(l.rel)}/**`]);
  const found = new Set<string>();
  const refused = new Set<string>();
  const all = new Set<string>();
  for (const [index, pattern] of include.entries()) {
    if (path.isAbsolute(pattern) || /^[a-zA-Z]:[\\/]/.test(pattern)) {
      problems.push({ index, kind: 'absolute' });
      continue;
    }
    if (pattern.split(/[\\/]/).includes('..')) {
      problems.push({ index, kind: 'escapes' });
      continue;
    }
    const options = {
      cwd: root,
      absolute: true,
      onlyFiles: true,
      dot: false,
      expandDirectories: false,
    } as const;
    const matches = new Set(
      await glob(pattern, { ...options, ignore: IGNORE, followSymbolicLinks: false }),
    );
    if (links.some((l) => l.kind === 'file')) {
      // Symlinked files show up only when links are followed; linked folders stay pruned.
      for (const f of await glob(pattern, {
        ...options,
        ignore: [...IGNORE, ...linkedDirs],
        followSymbolicLinks: true,
      }))
        matches.add(f);
    }
    const matcher = globMatcher(pattern);
    for (const l of links)
      if (l.kind === 'broken' && matcher.test(l.rel)) matches.add(path.join(root, l.rel));
    for (const file of matches) all.add(file);
    all.delete(manifestPath);
    if (all.size > maxFiles) {
      // Stop before reading anything: checking every file costs time in proportion.
      const matched = matches.size - (matches.has(manifestPath) ? 1 : 0);
      return { files: [], problems: [{ index, kind: 'too-many', matched, total: all.size }] };
    }
    let matched = 0;
    for (const file of matches) {
      if (path.resolve(file) === path.resolve(manifestPath)) continue;
      matched++;
      const real = await realpath(file).catch(() => file);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
        // Once per file, under the first glob that matched it.
        if (!refused.has(file))
          problems.push({ index, kind: 'symlink-out', file: path.resolve(file) });
        refused.add(file);
        continue;
      }
      found.add(path.resolve(file));
    }
    if (matched === 0) problems.push({ index, kind: 'no-match' });
  }
  return { files: [...found].sort(), problems };
}

/** A symlink under the model root: where it is (relative, `/`-separated) and what it points to. */
interface Symlink {
  rel: string;
  kind: 'dir' | 'file' | 'broken';
}

/** Every symlink under `root`, walking real folders only and skipping what globs skip. */
async function findSymlinks(root: string): Promise<Symlink[]> {
  const out: Symlink[] = [];
  const queue = [''];
  while (queue.length > 0) {
    const rel = queue.pop()!;
    const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules' || (rel === '' && e.name === 'out'))
        continue;
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) queue.push(child);
      else if (e.isSymbolicLink()) {
        const st = await stat(path.join(root, child)).catch(() => undefined);
        out.push({ rel: child, kind: !st ? 'broken' : st.isDirectory() ? 'dir' : 'file' });
      }
    }
  }
  return out;
}

/**
 * A small glob matcher (`*`, `**`, `?`, `[...]`, `{a,b}`) for the one case tinyglobby cannot
 * answer: whether a pattern names a broken symlink.
 */
export function globMatcher(pattern: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      re += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        re +=
          '[' +
          pattern
            .slice(i + 1, end)
            .replace(/^!/, '^')
            .replace(/\\/g, '\\\\') +
          ']';
        i = end;
      }
    } else re += c.replace(/[.+^$(){}|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return /(?!)/;
  }
}
