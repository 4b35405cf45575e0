import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Manifest, Model } from '../model/types.js';
import { checkSectionFile, validateManifest, type SchemaIssue } from '../schema/validate.js';
import {
  DEFAULT_INCLUDE,
  MANIFEST_NAMES,
  expandIncludes,
  findManifest,
  type IncludeProblem,
} from './discover.js';
import { dropInvalid, emptyModel, keysOfAll, mergeFile, type Origin } from './merge.js';
import { ParseCache, type ParseCacheOptions } from './parse-cache.js';
import {
  DEFAULT_LIMITS,
  knownText,
  parseYamlFile,
  type ParsedFile,
  type ParseLimits,
} from './parse.js';
import { pointerSegments, SourceFile } from './source-file.js';

export type { Origin } from './merge.js';
export type { ParseCache, ParseCacheOptions, ParseCacheStats } from './parse-cache.js';
export { SourceFile, pointerSegments, toPointer } from './source-file.js';

/** A model read from disk, merged across files, with where each element came from. */
export interface LoadedModel {
  /** Absolute path of the model folder (the manifest's folder). */
  root: string;
  manifest: Manifest;
  manifestFile: SourceFile;
  /** Every section file that was read (parsed or not), sorted by path. */
  files: SourceFile[];
  model: Model;
  /** Where each list element (top-level and one level down) was defined. */
  origins: Map<object, Origin>;
  /** `kind:id` of elements left out for schema errors; references to them are not dangling. */
  dropped: Set<string>;
}

/** What loading produced. `loaded` is absent when nothing usable could be read (exit 2). */
export interface LoadResult {
  loaded?: LoadedModel;
  diagnostics: Diagnostic[];
  /**
   * The parse cache, when one was asked for and the model folder was found. Call `save()` once
   * the findings are placed (rules locate theirs after loading), to keep what this run learnt.
   */
  cache?: ParseCache;
}

export interface LoadOptions {
  /** Working directory that file paths in diagnostics are relative to. */
  cwd?: string;
  limits?: ParseLimits;
  /** Use the parse cache (files whose bytes were parsed before are not parsed again). Off when absent. */
  cache?: ParseCacheOptions;
}

/**
 * Loads a model: finds the manifest, expands its include globs inside the model folder, parses
 * every file (fast path, positions on demand), checks each against the JSON Schemas, leaves out
 * malformed elements, and merges the sections.
 */
export async function loadModel(target: string, options: LoadOptions = {}): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const show = (abs: string): string => path.relative(cwd, abs).split(path.sep).join('/') || '.';
  const manifestPath = await findManifest(path.resolve(cwd, target));
  if (!manifestPath) {
    return {
      diagnostics: [
        {
          code: 'io',
          severity: 'error',
          message: `no model found at ${show(path.resolve(cwd, target))}: expected a folder holding archgen.yaml, or the manifest file itself`,
          file: '',
          line: 0,
          column: 0,
          hint: 'run `archgen init` to start a model, or pass the model folder: `archgen validate model/`',
        },
      ],
    };
  }
  const root = path.dirname(manifestPath);
  const diagnostics: Diagnostic[] = [];
  const cache = options.cache ? await ParseCache.open(root, limits, options.cache) : undefined;
  const read = (abs: string): Promise<ParsedFile | undefined> =>
    readAndParse(abs, show(abs), limits, diagnostics, cache);
  const manifestParsed = await read(manifestPath);
  // A manifest that does not parse cleanly cannot configure anything: stop (exit 2).
  if (!manifestParsed?.ok || diagnostics.some((d) => d.severity === 'error'))
    return { diagnostics, ...(cache ? { cache } : {}) };
  const manifestFile = manifestParsed.source;
  const manifestData = manifestFile.data;
  if (manifestData === undefined || manifestData === null) {
    return {
      diagnostics: [
        {
          ...notAManifest(manifestFile),
          code: 'config',
          message: 'the manifest is empty: it needs at least the format version, `archgen: 1`',
        },
      ],
    };
  }
  if (
    !MANIFEST_NAMES.includes(path.basename(manifestPath)) &&
    !(isMap(manifestData) && 'archgen' in manifestData)
  ) {
    return { diagnostics: [notAManifest(manifestFile)] };
  }
  const manifestIssues = validateManifest(manifestData);
  // The manifest is the configuration: its problems are `config` errors (exit 2), reported
  // together with the model's own findings unless the model cannot be read at all.
  for (const i of manifestIssues) diagnostics.push(schemaDiagnostic(manifestFile, i, 'config'));
  if (
    !isMap(manifestData) ||
    manifestIssues.some((i) => i.pointer === '' || /^\/(archgen|include)(\/|$)/.test(i.pointer))
  ) {
    return { diagnostics };
  }
  const manifest = withoutInvalidRules(manifestData, manifestIssues) as unknown as Manifest;
  const include = manifest.include ?? DEFAULT_INCLUDE;
  const { files, problems } = await expandIncludes(root, manifestPath, include, limits.maxFiles);
  const tooMany = problems.find((p) => p.kind === 'too-many');
  if (tooMany) {
    // Nothing was read: a model this size is a misconfigured glob, not something to check.
    return { diagnostics: [includeDiagnostic(manifestFile, tooMany, include, show, limits)] };
  }
  for (const p of problems) {
    // The default globs may match nothing of one extension; only the user's own globs are checked.
    if (p.kind === 'no-match' && manifest.include === undefined) continue;
    diagnostics.push(includeDiagnostic(manifestFile, p, include, show, limits));
  }

  const model = emptyModel();
  const origins = new Map<object, Origin>();
  const dropped = new Set<string>();
  const scalarOwners = new Map<string, SourceFile>();
  const sources: SourceFile[] = [];
  for (const file of files) {
    const parsed = await read(file);
    if (!parsed) continue;
    const source = parsed.source;
    sources.push(source);
    for (const key of parsed.recovered ?? []) dropped.add(key);
    if (!parsed.ok) continue;
    if (source.data === undefined || source.data === null) {
      diagnostics.push({
        code: 'io',
        severity: 'warn',
        message: 'file is empty',
        file: source.path,
        line: 1,
        column: 1,
        hint: 'add sections (applications:, data:, ...) or remove the file from the include globs',
      });
      continue;
    }
    const { issues, complete } = checkSectionFile(source.data, limits.maxIssuesPerFile);
    for (const i of issues) diagnostics.push(schemaDiagnostic(source, i));
    if (!complete) {
      diagnostics.push(tooManyIssues(source, limits.maxIssuesPerFile ?? issues.length));
      // Left out whole, its elements count as dropped: references to them are not dangling.
      if (isMap(source.data)) for (const key of keysOfAll(source.data)) dropped.add(key);
      continue;
    }
    if (!isMap(source.data)) continue;
    const invalid = dropInvalid(
      source.data,
      issues.map((i) => i.pointer),
    );
    for (const key of invalid) dropped.add(key);
    mergeFile(model, source, source.data, origins, scalarOwners, diagnostics);
  }
  return {
    loaded: { root, manifest, manifestFile, files: sources, model, origins, dropped },
    diagnostics,
    ...(cache ? { cache } : {}),
  };
}

/** The manifest without `rules` entries the schema refused, so the engine never sees them. */
function withoutInvalidRules(
  data: Record<string, unknown>,
  issues: readonly SchemaIssue[],
): Record<string, unknown> {
  const bad = issues.filter((i) => i.pointer === '/rules' || i.pointer.startsWith('/rules/'));
  if (bad.length === 0) return data;
  if (bad.some((i) => i.pointer === '/rules') || !isMap(data['rules'])) {
    const rest = { ...data };
    delete rest['rules'];
    return rest;
  }
  const rules = { ...data['rules'] };
  for (const i of bad) delete rules[pointerSegments(i.pointer)[1] ?? ''];
  return { ...data, rules };
}

function notAManifest(file: SourceFile): Diagnostic {
  return {
    code: 'io',
    severity: 'error',
    message: `\`${file.path}\` is not an archgen manifest (it has no \`archgen:\` format version)`,
    file: file.path,
    line: 1,
    column: 1,
    hint: 'pass the model folder (holding archgen.yaml), or the manifest file itself',
  };
}

async function readAndParse(
  abs: string,
  shown: string,
  limits: ParseLimits,
  diagnostics: Diagnostic[],
  cache: ParseCache | undefined,
): Promise<ParsedFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    const why = READ_ERRORS[code] ?? `cannot read file (${code})`;
    diagnostics.push({
      code: 'io',
      severity: 'error',
      message: why,
      file: shown,
      line: 1,
      column: 1,
    });
    return undefined;
  }
  // Files over the size limit are refused before anything else, cache or not.
  const hash = cache && bytes.length <= limits.maxFileBytes ? ParseCache.hash(bytes) : undefined;
  const hit = hash === undefined ? undefined : cache?.get(hash);
  if (hit) {
    // Only clean parses are cached: the same bytes parse to the same data, with nothing to report.
    const source = new SourceFile(shown, abs, () => knownText(bytes), hit.data);
    source.keepRanges(hit.ranges);
    return { source, diagnostics: [], ok: true };
  }
  const parsed = parseYamlFile(shown, abs, bytes, limits);
  for (const d of parsed.diagnostics) diagnostics.push(d);
  if (cache && hash !== undefined && isClean(parsed))
    parsed.source.keepRanges(cache.put(hash, parsed.source.data));
  return parsed;
}

/** A parse with nothing to report and nothing recovered: the only kind the cache keeps. */
function isClean(parsed: ParsedFile): boolean {
  return parsed.ok && parsed.diagnostics.length === 0 && parsed.recovered === undefined;
}

/** Read failures people meet, in their words. */
const READ_ERRORS: Record<string, string> = {
  ENOENT: 'cannot read file: it does not exist (a broken symlink?)',
  ELOOP: 'cannot read file: it is a symlink loop',
  EACCES: 'cannot read file: permission denied',
  EISDIR: 'cannot read file: it is a folder',
};

function schemaDiagnostic(source: SourceFile, issue: SchemaIssue, code = 'schema'): Diagnostic {
  const r = source.locate(issue.pointer, issue.atKey ?? false);
  return {
    code,
    severity: 'error',
    message: issue.message,
    file: source.path,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    pointer: issue.pointer,
    ...(issue.suggest && issue.suggest.length > 0 ? { suggest: issue.suggest } : {}),
  };
}

function tooManyIssues(source: SourceFile, max: number): Diagnostic {
  return {
    code: 'schema',
    severity: 'error',
    message: `more than ${count(max)} schema problems in this file: checking stopped there, and the file was left out of the model`,
    file: source.path,
    line: 1,
    column: 1,
    hint: 'fix the problems listed first; if this YAML is not part of the model, narrow the include globs in archgen.yaml',
  };
}

const count = (n: number): string => n.toLocaleString('en-US');

function includeDiagnostic(
  manifest: SourceFile,
  p: IncludeProblem,
  include: readonly string[],
  show: (abs: string) => string,
  limits: ParseLimits,
): Diagnostic {
  const pointer = `/include/${p.index}`;
  const r =
    manifest.data && (manifest.data as Manifest).include
      ? manifest.locate(pointer)
      : { line: 1, column: 1 };
  const pattern = include[p.index] ?? '';
  const base = { file: manifest.path, line: r.line, column: r.column, pointer };
  switch (p.kind) {
    case 'no-match':
      return {
        ...base,
        code: 'include-matches',
        severity: 'warn',
        message: `include glob \`${pattern}\` matches no file`,
      };
    case 'absolute':
      return {
        ...base,
        code: 'io',
        severity: 'error',
        message: `include glob \`${pattern}\` is an absolute path`,
        hint: 'globs are relative to the manifest and stay inside the model folder',
      };
    case 'escapes':
      return {
        ...base,
        code: 'io',
        severity: 'error',
        message: `include glob \`${pattern}\` leaves the model folder (\`..\`)`,
        hint: 'globs are relative to the manifest and stay inside the model folder',
      };
    case 'too-many': {
      const max = count(limits.maxFiles ?? 0);
      const matched = count(p.matched ?? 0);
      const what =
        (p.matched ?? 0) === p.total
          ? `include glob \`${pattern}\` matches ${matched} files`
          : `include globs match ${count(p.total ?? 0)} files up to \`${pattern}\` (${matched} by it alone)`;
      return {
        ...base,
        code: 'config',
        severity: 'error',
        message: `${what}, over the limit of ${max} files per model; nothing was checked`,
        hint:
          manifest.data && (manifest.data as Manifest).include
            ? "narrow the glob to the model's own files, or move generated YAML out of the model folder"
            : "the default globs take every .yaml/.yml file below the manifest: list the model's files under `include:` in archgen.yaml",
      };
    }
    case 'symlink-out':
      return {
        ...base,
        code: 'io',
        severity: 'error',
        message: `\`${show(p.file ?? '')}\` (matched by \`${pattern}\`) is a symlink pointing outside the model folder`,
      };
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
