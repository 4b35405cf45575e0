import type { Diagnostic } from '../diagnostics/types.js';
import { jsYaml, yaml } from './libs.js';
import { SourceFile } from './source-file.js';
import { elementKeysOf, recoverKeys } from './recover.js';
import { controlCharacter, deepOffset, firstAlias, yamlProblems } from './yaml-problems.js';

/** Limits that keep a hostile file from exhausting memory or time. */
export interface ParseLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Deepest nesting of maps and lists accepted. */
  maxDepth: number;
  /** Most alias expansions accepted in one file (YAML "billion laughs"). */
  maxAliases: number;
  /** Most files the include globs may match, all together. */
  maxFiles?: number;
  /** Schema problems reported per file; past them checking stops and the file is left out. */
  maxIssuesPerFile?: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxDepth: 64,
  // `yaml` counts uses of an anchor times the aliases inside it: 100 refused a model that
  // names one team anchor on 100 elements. Nine levels of nine (a billion laughs) still stop.
  maxAliases: 10_000,
  // The L benchmark model (10,000 apps, 100,000 entities) is a few hundred files; validating
  // 10,000 tiny files takes about 3 s here, 100,000 took 26 s.
  maxFiles: 10_000,
  // Nobody reads further; a file this wrong is usually not a model file at all.
  maxIssuesPerFile: 1_000,
};

/** Result of parsing one file: the source (with data when it parsed) and its problems. */
export interface ParsedFile {
  source: SourceFile;
  diagnostics: Diagnostic[];
  /** True when `source.data` can be used (it may still carry recoverable errors). */
  ok: boolean;
  /**
   * For a file that could not be used: `kind:id` keys of the elements it still shows, so that
   * references to them are not reported as dangling (one syntax error, one finding).
   */
  recovered?: Set<string>;
}

const ANCHOR = /(^|[\s[{,:-])&[^\s[\]{},]+/m;

/**
 * Parses one YAML file. The fast path is js-yaml, which gives no positions; files that hold
 * anchors (alias expansion must be bounded), raw control characters, or that fail to parse go
 * through the `yaml` package, whose messages and positions are exact. Positions for later
 * findings are recovered lazily by {@link SourceFile.locate}.
 */
export function parseYamlFile(
  displayPath: string,
  absPath: string,
  bytes: Buffer,
  limits: ParseLimits = DEFAULT_LIMITS,
): ParsedFile {
  // A refused file still shows its ids (read from its outline) so references to it do not dangle.
  const refuse = (message: string, hint: string, readable?: string, at = 0): ParsedFile => ({
    source: new SourceFile(displayPath, absPath, '', undefined),
    ok: false,
    diagnostics: [
      {
        code: 'io',
        severity: 'error',
        message,
        file: displayPath,
        ...(readable === undefined ? { line: 1, column: 1 } : lineColumn(readable, at)),
        hint,
      },
    ],
    ...(readable === undefined ? {} : { recovered: recoverKeys(readable) }),
  });
  if (bytes.length > limits.maxFileBytes) {
    return refuse(
      `file is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${(limits.maxFileBytes / 1048576).toFixed(0)} MiB limit`,
      'split it into several files (any file may hold any section)',
    );
  }
  const lossy = new TextDecoder('utf-8').decode(bytes);
  if (bytes.includes(0)) {
    return refuse(
      'file is binary (it holds NUL bytes), not YAML text',
      'is it UTF-16? save it as UTF-8',
      lossy,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalid(lossy, bytes);
    const hex = (bytes[bad.byte] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return refuse(
      `file is not valid UTF-8 text: byte 0x${hex} here is not part of any UTF-8 character`,
      'save it as UTF-8 (it may be Latin-1 or GBK)',
      lossy,
      bad.index,
    );
  }
  text = normalize(text);
  const source = new SourceFile(displayPath, absPath, text, undefined);
  const control = controlCharacter(text);

  if (!control && !ANCHOR.test(text)) {
    try {
      const { load, CORE_SCHEMA } = jsYaml();
      source.data = load(text, { schema: CORE_SCHEMA, filename: displayPath });
      return finish(source, limits, []);
    } catch (e) {
      if (e instanceof RangeError) return tooDeep(source, limits);
      // fall through: the `yaml` parser explains the error with an exact position
    }
  }
  const parsed = parseSlow(source, limits);
  if (control) parsed.diagnostics.unshift(controlDiagnostic(source, control));
  return parsed;
}

/**
 * The text of a file already known to be valid UTF-8 (one whose parse was cached), exactly as
 * {@link parseYamlFile} reads it.
 */
export function knownText(bytes: Uint8Array): string {
  return normalize(new TextDecoder('utf-8').decode(bytes));
}

/** Without a byte order mark, and lone CRs as LF. */
function normalize(decoded: string): string {
  let text = decoded;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A lone CR is a line break in YAML, but not to every parser; as LF it keeps every offset.
  return text.replace(/\r(?!\n)/g, '\n');
}

function controlDiagnostic(
  source: SourceFile,
  c: { offset: number; code: number; count: number },
): Diagnostic {
  const hex = c.code.toString(16).toUpperCase().padStart(4, '0');
  const more = c.count > 1 ? ` (and ${c.count - 1} more)` : '';
  return {
    code: 'yaml-syntax',
    severity: 'error',
    message: `control character U+${hex} is not allowed in YAML text${more}`,
    file: source.path,
    ...lineColumn(source.text, c.offset),
    hint: `remove it, or write it as an escape ("\\x${hex.slice(2)}") inside a double-quoted string`,
  };
}

function parseSlow(source: SourceFile, limits: ParseLimits): ParsedFile {
  const { LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  let doc;
  try {
    // resolveKnownTags: false keeps YAML 1.1 tags (!!binary, !!set, !!timestamp) from producing
    // values JSON has no word for: they are reported as unknown tags instead.
    doc = parseDocument(source.text, {
      lineCounter: counter,
      schema: 'core',
      uniqueKeys: true,
      prettyErrors: false,
      resolveKnownTags: false,
    });
  } catch (e) {
    if (e instanceof RangeError) return tooDeep(source, limits);
    throw e;
  }
  // The composer catches its own stack overflows and reports them as errors.
  if (doc.errors.some((e) => /call stack/i.test(e.message))) return tooDeep(source, limits);
  source.adoptDocument(doc, counter);
  const problems = yamlProblems(source.path, source.text, doc, counter);
  if (problems.fatal) return broken(source, problems.diagnostics);
  try {
    source.data = doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (e) {
    if (e instanceof RangeError) return tooDeep(source, limits);
    const message = e instanceof Error ? e.message : String(e);
    const bomb = /excessive alias/i.test(message);
    const alias = firstAlias(doc, !bomb);
    const diagnostic: Diagnostic = {
      code: bomb ? 'io' : 'yaml-syntax',
      severity: 'error',
      message: bomb
        ? `aliases expand to too many nodes (more than ${limits.maxAliases} expansions): refusing to expand a possible alias bomb`
        : alias
          ? `alias \`*${alias.name}\` names no anchor set before it (\`&${alias.name}\`)`
          : message.split('\n')[0]!,
      file: source.path,
      ...source.position(alias?.offset ?? 0),
    };
    return broken(source, [...problems.diagnostics, diagnostic]);
  }
  const done = finish(source, limits, problems.diagnostics);
  // Duplicate keys keep the last value: the ids the file also shows must not dangle.
  return problems.diagnostics.length > 0 && done.ok
    ? { ...done, recovered: elementKeysOf([doc]) }
    : done;
}

/** A file whose data cannot be used; the ids it still shows are recovered from its text. */
function broken(source: SourceFile, diagnostics: Diagnostic[]): ParsedFile {
  source.data = undefined;
  return { source, diagnostics, ok: false, recovered: recoverKeys(source.text) };
}

function finish(source: SourceFile, limits: ParseLimits, diagnostics: Diagnostic[]): ParsedFile {
  const depth = maxDepth(source.data, limits.maxDepth + 1);
  if (depth > limits.maxDepth) return tooDeep(source, limits);
  return { source, diagnostics, ok: true };
}

function tooDeep(source: SourceFile, limits: ParseLimits): ParsedFile {
  source.data = undefined;
  let offset = 0;
  try {
    offset = deepOffset(source.text, limits.maxDepth);
  } catch {
    offset = 0;
  }
  return {
    source,
    ok: false,
    recovered: recoverKeys(source.text),
    diagnostics: [
      {
        code: 'io',
        severity: 'error',
        message: `nesting is deeper than ${limits.maxDepth} levels`,
        file: source.path,
        ...lineColumn(source.text, offset),
        hint: 'a model never needs such depth; the file is probably generated or corrupt',
      },
    ],
  };
}

/** Where the first invalid byte is: its index in `lossy` (decoded with replacements) and in `bytes`. */
function firstInvalid(lossy: string, bytes: Buffer): { index: number; byte: number } {
  let byte = 0;
  let index = 0;
  for (const ch of lossy) {
    const real = bytes[byte] === 0xef && bytes[byte + 1] === 0xbf && bytes[byte + 2] === 0xbd;
    if (ch === '\uFFFD' && !real) return { index, byte };
    byte += Buffer.byteLength(ch);
    index += ch.length;
  }
  return { index: 0, byte: 0 };
}

/** 1-based line and column of an offset, counted directly (no parse: the file may be hostile). */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Depth of nested maps/lists, counted iteratively and cut off at `stopAt`. */
function maxDepth(value: unknown, stopAt: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > deepest) deepest = d + 1;
    if (deepest >= stopAt) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return deepest;
}
