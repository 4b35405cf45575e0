import jsYaml from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/types.js';
import { SourceFile } from './source-file.js';

/** Limits that keep a hostile file from exhausting memory or time. */
export interface ParseLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Deepest nesting of maps and lists accepted. */
  maxDepth: number;
  /** Most alias expansions accepted in one file (YAML "billion laughs"). */
  maxAliases: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxDepth: 64,
  maxAliases: 100,
};

/** Result of parsing one file: the source (with data when it parsed) and its problems. */
export interface ParsedFile {
  source: SourceFile;
  diagnostics: Diagnostic[];
  /** True when `source.data` can be used. */
  ok: boolean;
}

const ANCHOR = /(^|[\s[{,:-])&[^\s[\]{},]+/m;

/**
 * Parses one YAML file. The fast path is js-yaml, which gives no positions; files that hold
 * anchors (alias expansion must be bounded) or that fail to parse go through the `yaml` package,
 * whose messages and positions are exact. Positions for later findings are recovered lazily by
 * {@link SourceFile.locate}.
 */
export function parseYamlFile(
  displayPath: string,
  absPath: string,
  bytes: Buffer,
  limits: ParseLimits = DEFAULT_LIMITS,
): ParsedFile {
  const io = (message: string, hint?: string): ParsedFile => ({
    source: new SourceFile(displayPath, absPath, '', undefined),
    ok: false,
    diagnostics: [{ code: 'io', severity: 'error', message, file: displayPath, line: 1, column: 1, ...(hint ? { hint } : {}) }],
  });
  if (bytes.length > limits.maxFileBytes) {
    return io(
      `file is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${(limits.maxFileBytes / 1048576).toFixed(0)} MiB limit`,
      'split it into several files (any file may hold any section)',
    );
  }
  if (bytes.includes(0)) return io('file is binary (it holds NUL bytes), not YAML text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return io('file is not valid UTF-8 text', 'save it as UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const source = new SourceFile(displayPath, absPath, text, undefined);

  if (!ANCHOR.test(text)) {
    try {
      source.data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: displayPath });
      return finish(source, limits);
    } catch (e) {
      if (e instanceof RangeError) return tooDeep(source, limits);
      // fall through: the `yaml` parser explains the error with an exact position
    }
  }
  return parseSlow(source, limits);
}

function parseSlow(source: SourceFile, limits: ParseLimits): ParsedFile {
  const counter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(source.text, {
      lineCounter: counter,
      schema: 'core',
      uniqueKeys: true,
      prettyErrors: false,
    });
  } catch (e) {
    if (e instanceof RangeError) return tooDeep(source, limits);
    throw e;
  }
  source.adoptDocument(doc, counter);
  const diagnostics: Diagnostic[] = doc.errors.map((err) => {
    const start = counter.linePos(err.pos[0]);
    const end = counter.linePos(err.pos[1]);
    return {
      code: 'yaml-syntax',
      severity: 'error' as const,
      message: cleanYamlMessage(err.message),
      file: source.path,
      line: start.line,
      column: start.col,
      endLine: end.line,
      endColumn: end.col,
      ...(err.code === 'DUPLICATE_KEY' ? { hint: 'each key may appear once per map; merge the two entries' } : {}),
      ...(err.code === 'TAB_AS_INDENT' || /tab/i.test(err.message) ? { hint: 'indent with spaces, not tabs' } : {}),
    };
  });
  if (diagnostics.length > 0) return { source, diagnostics, ok: false };
  try {
    source.data = doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (e) {
    if (e instanceof RangeError) return tooDeep(source, limits);
    const message = e instanceof Error ? e.message : String(e);
    const bomb = /alias/i.test(message);
    return {
      source,
      ok: false,
      diagnostics: [
        {
          code: bomb ? 'io' : 'yaml-syntax',
          severity: 'error',
          message: bomb
            ? `aliases expand to too many nodes (more than ${limits.maxAliases} expansions): refusing to expand a possible alias bomb`
            : cleanYamlMessage(message),
          file: source.path,
          line: 1,
          column: 1,
        },
      ],
    };
  }
  return finish(source, limits);
}

function finish(source: SourceFile, limits: ParseLimits): ParsedFile {
  const depth = maxDepth(source.data, limits.maxDepth + 1);
  if (depth > limits.maxDepth) return tooDeep(source, limits);
  return { source, diagnostics: [], ok: true };
}

function tooDeep(source: SourceFile, limits: ParseLimits): ParsedFile {
  source.data = undefined;
  return {
    source,
    ok: false,
    diagnostics: [
      {
        code: 'io',
        severity: 'error',
        message: `nesting is deeper than ${limits.maxDepth} levels`,
        file: source.path,
        line: 1,
        column: 1,
        hint: 'a model never needs such depth; the file is probably generated or corrupt',
      },
    ],
  };
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

function cleanYamlMessage(message: string): string {
  // The yaml package appends " at line L, column C" and a code frame; we print our own.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
