import type { Command } from 'commander';
import path from 'node:path';
import type { ParseCacheOptions, ParseCacheStats } from '../load/index.js';
import type { CliIO } from './io.js';

/** The parse-cache flags shared by the commands that load a model from disk. */
export interface CacheFlags {
  /** False with `--no-cache`. */
  cache?: boolean;
  cacheLocation?: string;
}

/** Adds `--no-cache` and `--cache-location <dir>`. */
export function addCacheFlags(command: Command): Command {
  return command
    .option('--no-cache', 'parse every file, and neither read nor write the parse cache')
    .option(
      '--cache-location <dir>',
      "folder for the parse cache (default: node_modules/.cache/archgen of the model's project, else ~/.cache/archgen)",
    );
}

/** Help text on the parse cache, for the commands that take the flags. */
export const CACHE_HELP = `
Parse cache: files whose bytes were parsed before are not parsed again. Entries are found by
content (SHA-256 of each file) only, never by file times. One cache file per model folder, in
node_modules/.cache/archgen of the project holding the model (the nearest folder up with a
package.json, if it has a node_modules), else $XDG_CACHE_HOME/archgen or ~/.cache/archgen.
--no-cache or ARCHGEN_NO_CACHE=1 turns it off.`;

/** The loader's cache options for these flags and environment; undefined when the cache is off. */
export function cacheOptions(io: CliIO, flags: CacheFlags): ParseCacheOptions | undefined {
  const off = io.env['ARCHGEN_NO_CACHE'];
  if (flags.cache === false || (off !== undefined && !['', '0', 'false'].includes(off)))
    return undefined;
  return {
    env: io.env,
    ...(flags.cacheLocation ? { folder: path.resolve(io.cwd, flags.cacheLocation) } : {}),
  };
}

/** With ARCHGEN_DEBUG set, one line on stderr saying what the parse cache did. */
export function reportCache(io: CliIO, stats: ParseCacheStats | undefined): void {
  if (!stats || !io.env['ARCHGEN_DEBUG']) return;
  const files = stats.hits + stats.misses;
  io.stderr(
    `archgen: parse cache ${stats.file}: ${stats.hits} of ${files} files from cache${stats.written ? ', written' : ''}\n`,
  );
}
