import type { Document, LineCounter, Node, YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/types.js';
import { yaml } from './libs.js';

/**
 * Turns the `yaml` package's errors into diagnostics people can act on, and finds what a broken
 * file still says (the ids it defines), so that one syntax error does not cascade into
 * "not found" findings elsewhere.
 */

/** Errors after which the file's data is still sound (reported, but the file is loaded). */
const RECOVERABLE = new Set(['DUPLICATE_KEY', 'TAG_RESOLVE_FAILED']);

/** Raw YAML text may hold tab, LF, CR and printable characters only (YAML 1.2, c-printable). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/** What {@link yamlProblems} found: diagnostics, and whether the data can be used. */
export interface YamlProblems {
  diagnostics: Diagnostic[];
  /** True when an error leaves the data unusable (only the first such error is reported). */
  fatal: boolean;
}

/**
 * Diagnostics for a parsed document. Recoverable problems (duplicate keys, unknown tags) are all
 * reported; of the others only the first is, since the parser's later errors are mostly
 * consequences of it (one missing `]` gives a dozen "unexpected token" errors).
 */
export function yamlProblems(
  file: string,
  text: string,
  doc: Document.Parsed,
  counter: LineCounter,
): YamlProblems {
  const at = (offset: number): { line: number; column: number } => {
    const p = counter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const diagnostics: Diagnostic[] = [];
  const firstKeys = duplicateKeyOrigins(doc);
  const tags = doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED');
  const errors = [...doc.errors, ...tags].sort((a, b) => a.pos[0] - b.pos[0]);
  const fatal = errors.filter((e) => !RECOVERABLE.has(e.code));
  for (const err of errors.filter((e) => RECOVERABLE.has(e.code))) {
    const start = at(err.pos[0]);
    const end = at(err.pos[1]);
    const base = {
      code: 'yaml-syntax',
      severity: 'error' as const,
      file,
      ...start,
      endLine: end.line,
      endColumn: end.column,
    };
    if (err.code === 'DUPLICATE_KEY') {
      const first = firstKeys.get(err.pos[0]);
      diagnostics.push({
        ...base,
        message: first
          ? `duplicate key \`${first.key}\`: each key may appear once per map`
          : 'duplicate key: each key may appear once per map',
        hint: 'merge the two entries into one',
        ...(first
          ? {
              related: [
                { file, ...at(first.offset), message: `\`${first.key}\` is first set here` },
              ],
            }
          : {}),
      });
    } else {
      const tag = (/tag: (\S+)/.exec(err.message)?.[1] ?? '').replace(/^tag:yaml\.org,2002:/, '!!');
      diagnostics.push({
        ...base,
        message: `unknown tag \`${tag}\`: archgen reads plain YAML (core schema) without custom tags`,
        hint: 'remove the tag, or quote the value if the `!` is part of it',
      });
    }
  }
  const first = fatal[0];
  if (first) {
    const { offset, message, hint } = explain(first, text, doc);
    const start = at(offset);
    const end = at(first.pos[1]);
    diagnostics.push({
      code: 'yaml-syntax',
      severity: 'error',
      message,
      file,
      ...start,
      endLine: end.line,
      endColumn: end.column,
      ...hintFor(first, fatal.length - 1, hint),
    });
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { diagnostics, fatal: fatal.length > 0 };
}

/** A line left by an unresolved git merge. */
const CONFLICT = /^(<{7}|={7}|>{7})(?: |$)/m;

/** A people-facing message for a fatal error, and where it really starts. */
function explain(
  err: YAMLError,
  text: string,
  doc: Document.Parsed,
): { offset: number; message: string; hint?: string } {
  const conflict = CONFLICT.exec(text);
  if (conflict) {
    return {
      offset: conflict.index,
      message: `unresolved merge conflict: the file still holds git's \`${conflict[1]}\` markers`,
      hint: 'resolve the conflict: keep one side, and remove the <<<<<<<, ======= and >>>>>>> lines',
    };
  }
  const raw = err.message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
  if (err.code === 'MULTIPLE_DOCS') {
    return {
      offset: err.pos[0],
      message:
        'the file holds more than one YAML document (a second `---`): archgen reads one document per file',
    };
  }
  const { isMap, isScalar, isSeq } = yaml();
  // An unclosed node: one whose text does not end with its closing character.
  const open = (n: Node, close: string): boolean => {
    const [from, to] = n.range ?? [0, 0];
    return to - from < 2 || text[to - 1] !== close;
  };
  if (err.code === 'MISSING_CHAR' && /quote/.test(raw)) {
    const q = raw.includes('"') ? '"' : "'";
    const type = q === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    const at = enclosing(doc, err.pos[0], (n) => isScalar(n) && n.type === type && open(n, q));
    if (at !== undefined)
      return {
        offset: at,
        message: `quoted string opened here is never closed (missing \`${q}\`)`,
        hint: `add the closing \`${q}\``,
      };
  }
  const flow =
    /^Flow (sequence|map) in block collection must be sufficiently indented and end with a ([\]}])/.exec(
      raw,
    );
  if (flow) {
    const [, kind, close] = flow as unknown as [string, string, string];
    const want = (n: Node): boolean =>
      (isSeq(n) || isMap(n)) &&
      n.flow === true &&
      (kind === 'sequence') === isSeq(n) &&
      open(n, close);
    const at = enclosing(doc, err.pos[0], want);
    const opener = close === ']' ? '[' : '{';
    if (at !== undefined) {
      const message = `flow ${kind} \`${opener}\` opened here is not closed by \`${close}\` (or a line inside it is not indented enough)`;
      return { offset: at, message, hint: `add the missing \`${close}\`` };
    }
  }
  const token = /^Unexpected (\S+) token in YAML stream: "(.*)"$/.exec(raw);
  if (token) {
    const closes = token[1] === 'flow-seq-end' || token[1] === 'flow-map-end';
    return {
      offset: err.pos[0],
      message: closes
        ? `\`${token[2]}\` closes nothing: there is no open bracket before it`
        : `unexpected \`${token[2]}\` here`,
    };
  }
  return { offset: err.pos[0], message: raw };
}

/** What usually causes each kind of syntax error. */
const HINTS: Record<string, string> = {
  BAD_INDENT: 'keys of one map (and items of one list) must start at the same column',
  BLOCK_AS_IMPLICIT_KEY:
    'is this line indented deeper than the key before it, or is a value holding `: ` unquoted?',
  MULTILINE_IMPLICIT_KEY:
    'a key and its `:` must be on one line: is a `:` missing, or a line indented too deep?',
  BLOCK_IN_FLOW: 'inside `[...]` or `{...}`, separate entries with commas',
  BAD_SCALAR_START: 'quote the value',
  BAD_DQ_ESCAPE: 'in double quotes write a backslash as `\\\\`, or use single quotes',
};

function hintFor(err: YAMLError, more: number, own: string | undefined): { hint?: string } {
  const parts: string[] = [];
  if (own) parts.push(own);
  else if (err.code === 'TAB_AS_INDENT' || /tab/i.test(err.message))
    parts.push('indent with spaces, not tabs');
  else if (HINTS[err.code]) parts.push(HINTS[err.code]!);
  if (more > 0)
    parts.push(
      `fix this first: the parser reported ${more} more error${more === 1 ? '' : 's'} after it, most likely consequences of this one`,
    );
  return parts.length > 0 ? { hint: parts.join('; ') } : {};
}

/** Start offset of the innermost node matching `want` whose range holds `offset`. */
function enclosing(
  doc: Document.Parsed,
  offset: number,
  want: (n: Node) => boolean,
): number | undefined {
  let best: number | undefined;
  try {
    yaml().visit(doc, (_key, node) => {
      const n = node as Node;
      if (!n || typeof n !== 'object' || !('range' in n) || !n.range) return;
      const [from, , to] = n.range;
      if (
        from < offset &&
        offset <= Math.max(to, n.range[1]) &&
        want(n) &&
        (best === undefined || from > best)
      )
        best = from;
    });
  } catch {
    // a pathological document: keep the parser's own position
  }
  return best;
}

/** For each duplicate key's offset, the first key of the same name in the same map. */
function duplicateKeyOrigins(doc: Document.Parsed): Map<number, { key: string; offset: number }> {
  const out = new Map<number, { key: string; offset: number }>();
  if (!doc.errors.some((e) => e.code === 'DUPLICATE_KEY')) return out;
  const { isScalar, visit } = yaml();
  try {
    visit(doc, {
      Map(_key, map) {
        const seen = new Map<string, number>();
        for (const pair of map.items) {
          if (!isScalar(pair.key) || !pair.key.range) continue;
          const name = String(pair.key.value);
          const first = seen.get(name);
          if (first === undefined) seen.set(name, pair.key.range[0]);
          else out.set(pair.key.range[0], { key: name, offset: first });
        }
      },
    });
  } catch {
    // positions without the "first set here" note
  }
  return out;
}

/** Offset of the first raw control character YAML forbids, with how many there are. */
export function controlCharacter(
  text: string,
): { offset: number; code: number; count: number } | undefined {
  const m = CONTROL.exec(text);
  if (!m) return undefined;
  const count = text.match(new RegExp(CONTROL.source, 'g'))?.length ?? 1;
  return { offset: m.index, code: m[0].charCodeAt(0), count };
}

/**
 * Offset of the first collection nested deeper than `maxDepth`, found on the concrete syntax
 * tree (the parser's CST is built without recursion, so this works where composing overflows).
 */
export function deepOffset(text: string, maxDepth: number): number {
  type Tok = {
    type: string;
    offset: number;
    value?: unknown;
    items?: { key?: unknown; value?: unknown }[];
  };
  const stack: [Tok, number][] = [];
  for (const token of new (yaml().Parser)().parse(text)) stack.push([token, 0]);
  stack.reverse();
  while (stack.length > 0) {
    const [tok, depth] = stack.pop()!;
    const collection =
      tok.type === 'block-map' || tok.type === 'block-seq' || tok.type === 'flow-collection';
    const d = collection ? depth + 1 : depth;
    if (d > maxDepth) return tok.offset;
    const children: unknown[] = tok.type === 'document' ? [tok.value] : [];
    for (const item of tok.items ?? []) children.push(item.key, item.value);
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i] as Tok | undefined;
      if (c && typeof c === 'object' && typeof c.type === 'string') stack.push([c, d]);
    }
  }
  return 0;
}

/** Offset of the first alias in the document (where an alias bomb is set off). */
export function firstAlias(
  doc: Document.Parsed,
  unresolvedOnly = false,
): { offset: number; name: string } | undefined {
  let found: { offset: number; name: string } | undefined;
  const { visit } = yaml();
  try {
    visit(doc, {
      Alias(_key, node) {
        if (unresolvedOnly && node.resolve(doc) !== undefined) return undefined;
        found = { offset: node.range?.[0] ?? 0, name: node.source };
        return visit.BREAK;
      },
    });
  } catch {
    // no position beyond the start of the file
  }
  return found;
}
