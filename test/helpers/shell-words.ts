/**
 * Just enough of a shell reader to find the archgen commands in CI scripts: splits a script into
 * words and operators the way bash does for quoting (`'...'`, `"..."`, `${...}`, `$(...)`,
 * backslash-newline), drops comments and redirections, and returns every simple command that
 * runs archgen (`archgen`, `npx [--yes] archgen[@version]`, `node <path>/bin/archgen.js`) with its
 * arguments as written.
 */

type Token = { kind: 'word'; text: string } | { kind: 'op'; text: string };

const OPERATORS = ['&&', '||', ';;', ';', '|', '&', '(', ')', '\n'];
const REDIRECT = /^(?:\d*>>?|\d*<|&>|\d*>&\d*)/;
/** Words after which a new command starts. */
const KEYWORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', 'time']);

/** Reads one `${...}` / `$(...)` group starting at `i` (at the `$`); returns its end index. */
function group(text: string, i: number): number {
  const open = text[i + 1];
  const close = open === '{' ? '}' : ')';
  let depth = 0;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === "'" && open === '(') j = text.indexOf("'", j + 1);
    else if (c === '"') j = quoted(text, j);
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return j;
  }
  return text.length - 1;
}

/** The index of the `"` closing the double-quoted string that starts at `i`. */
function quoted(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '$' && (text[j + 1] === '{' || text[j + 1] === '(')) j = group(text, j);
    else if (c === '"') return j;
  }
  return text.length - 1;
}

/** Splits a script into words and operators. Comments and redirections are left out. */
export function tokenize(script: string): Token[] {
  const text = script.replace(/\\\r?\n/g, ' ');
  const out: Token[] = [];
  let i = 0;
  let skipNext = false;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      i = text.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      out.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s;&|()]/.test(text[j] ?? '')) {
      const ch = text[j];
      if (ch === '\\') j += 2;
      else if (ch === "'") j = text.indexOf("'", j + 1) + 1 || text.length;
      else if (ch === '"') j = quoted(text, j) + 1;
      else if (ch === '$' && (text[j + 1] === '{' || text[j + 1] === '(')) j = group(text, j) + 1;
      else j++;
    }
    const word = text.slice(i, j);
    i = j;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (/^\d*>&\d+$/.test(word)) continue;
    const redirect = REDIRECT.exec(word);
    if (redirect) {
      // `> file` or `>file`: the target is not an argument.
      if (redirect[0] === word) skipNext = true;
      continue;
    }
    out.push({ kind: 'word', text: word });
  }
  return out;
}

/** Removes shell quotes from a word (`"--out"` → `--out`); expansions stay as written. */
export function unquote(word: string): string {
  return word.replace(
    /'([^']*)'|"((?:[^"\\]|\\.)*)"/g,
    (_, s?: string, d?: string) => s ?? d ?? '',
  );
}

/** An archgen command found in a script. */
export interface ArchgenCommand {
  /** How archgen was started: `archgen`, `npx archgen`, `node .../bin/archgen.js`. */
  via: string;
  /** The words after it, quotes kept. */
  args: string[];
}

/** Every simple command of the script that runs archgen. */
export function archgenCommands(script: string): ArchgenCommand[] {
  const tokens = tokenize(script);
  const found: ArchgenCommand[] = [];
  let start = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.kind === 'op') {
      start = true;
      continue;
    }
    if (!start) continue;
    if (KEYWORDS.has(t.text)) continue;
    start = false;
    const words: string[] = [];
    for (let j = i; j < tokens.length && tokens[j]?.kind === 'word'; j++)
      words.push(tokens[j]?.text ?? '');
    const bare = words.map(unquote);
    // `archgen`, or with npx a version: `archgen@0`, `archgen@^0.2`.
    const isArchgen = (w = ''): boolean => /^archgen(@[\w.^~<>=*-]+)?$/.test(w);
    let skip = 0;
    if (bare[0] === 'archgen') skip = 1;
    else if (bare[0] === 'npx' && isArchgen(bare[1])) skip = 2;
    else if (bare[0] === 'npx' && /^(-y|--yes)$/.test(bare[1] ?? '') && isArchgen(bare[2]))
      skip = 3;
    else if (bare[0] === 'node' && /(^|\/)bin\/archgen\.js$/.test(bare[1] ?? '')) skip = 2;
    if (skip > 0) found.push({ via: bare.slice(0, skip).join(' '), args: words.slice(skip) });
  }
  return found;
}

/**
 * The flag a word passes, if any: `--out`, `-f`, `--lang` from `--lang=$X`, and the flag inside
 * `${VAR:+--flag=...}` or `${VAR:+"--flag=$VAR"}` (passed only when VAR is set).
 */
export function flagOf(word: string): { flag: string; inline: boolean } | undefined {
  const inner = /^\$\{\w+:\+(.*)\}$/s.exec(word)?.[1] ?? word;
  const m = /^(-{1,2}[A-Za-z][\w-]*)(=?)/.exec(unquote(inner));
  return m?.[1] ? { flag: m[1], inline: m[2] === '=' } : undefined;
}
