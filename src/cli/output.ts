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

/** A `--output` file and how many `--format` values came before it on the command line. */
export interface OutputTarget {
  file: string;
  afterFormats: number;
}

/**
 * Pairs each `--output` with the `--format` given just before it (with a comma list, its last
 * format; with no `--format` before it, the first format), so `-f github -f sarif -o x.sarif`
 * writes SARIF to the file and annotations to stdout. Returns, per format, its file or `''`
 * (stdout). Two files for one format are a usage error.
 */
export function pairOutputs(
  formatValues: readonly string[],
  outputs: readonly OutputTarget[],
): { formats: FormatName[]; files: string[] } {
  const formats: FormatName[] = [];
  const lastOfValue: number[] = [];
  for (const v of formatValues) {
    if (v.split(',').some((f) => f.trim())) formats.push(...parseFormats([v]));
    lastOfValue.push(formats.length - 1);
  }
  if (formats.length === 0) formats.push('stylish');
  const files = formats.map(() => '');
  for (const o of outputs) {
    const i = Math.max(0, o.afterFormats > 0 ? (lastOfValue[o.afterFormats - 1] ?? 0) : 0);
    if (files[i]) {
      throw new CliError(
        `--output \`${files[i]}\` and --output \`${o.file}\` are both for --format ${formats[i]}`,
        2,
        'put each --output right after the --format it is for: -f github -f sarif -o archgen.sarif',
      );
    }
    files[i] = o.file;
  }
  return { formats, files };
}

/**
 * Writes diagnostics in each requested format: `outputs[i]`, when set, is the file for
 * `formats[i]`; formats without a file go to stdout.
 */
export async function writeReports(
  io: CliIO,
  diagnostics: readonly Diagnostic[],
  formats: readonly FormatName[],
  outputs: readonly (string | undefined)[],
  loaded: LoadedModel | undefined,
): Promise<void> {
  // Texts of the files findings name (a file's text is read on first use: most need none).
  const named = new Set(
    diagnostics.flatMap((d) => [d.file, ...(d.related ?? []).map((r) => r.file)]),
  );
  const sources = new Map<string, string>();
  for (const f of [...(loaded?.files ?? []), ...(loaded ? [loaded.manifestFile] : [])])
    if (named.has(f.path)) sources.set(f.path, f.text);
  const ctx = {
    rules: allRuleMetas(),
    toolName: 'archgen',
    toolVersion: VERSION,
    color: io.isTTY && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb',
    sources,
    cwd: io.cwd,
    ...(loaded ? { manifestFile: loaded.manifestFile.path } : {}),
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
