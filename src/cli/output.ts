import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import { FORMAT_NAMES, formatters, type FormatName } from '../formatters/index.js';
import type { LoadedModel } from '../load/index.js';
import { allRuleMetas } from '../rules/engine.js';
import { CliError, type CliIO } from './io.js';
import { VERSION } from './version.js';

/** Parses repeated `--format` values (comma lists allowed) into formatter names. */
export function parseFormats(values: readonly string[]): FormatName[] {
  const list = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const f of list) {
    if (!(FORMAT_NAMES as readonly string[]).includes(f)) {
      throw new CliError(`unknown --format \`${f}\`; choose from ${FORMAT_NAMES.join(', ')}`);
    }
  }
  return (list.length > 0 ? list : ['stylish']) as FormatName[];
}

/**
 * Writes diagnostics in each requested format: the n-th `--output` file takes the n-th format;
 * formats without a file go to stdout.
 */
export async function writeReports(
  io: CliIO,
  diagnostics: readonly Diagnostic[],
  formats: readonly FormatName[],
  outputs: readonly string[],
  loaded: LoadedModel | undefined,
): Promise<void> {
  const sources = new Map<string, string>();
  for (const f of [...(loaded?.files ?? []), ...(loaded ? [loaded.manifestFile] : [])])
    sources.set(f.path, f.text);
  const ctx = {
    rules: allRuleMetas(),
    toolName: 'archgen',
    toolVersion: VERSION,
    color: io.isTTY && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb',
    sources,
    cwd: io.cwd,
  };
  for (const [i, name] of formats.entries()) {
    const file = outputs[i];
    const text = formatters[name](diagnostics, file ? { ...ctx, color: false } : ctx);
    if (file) {
      const abs = path.resolve(io.cwd, file);
      try {
        await mkdir(path.dirname(abs), { recursive: true });
        await writeFile(abs, text);
      } catch (e) {
        throw new CliError(`cannot write ${file}: ${(e as Error).message}`);
      }
    } else io.stdout(text);
  }
}
