import type { Document } from 'yaml';
import { ELEMENT_KINDS } from '../model/graph.js';
import { yaml } from './libs.js';

/**
 * What a file that could not be loaded still says: the `kind:id` keys of the elements it
 * defines, so that references to them are not reported as dangling (one syntax error gives one
 * finding, not one per reference into the broken file).
 */

/** `id`, `code` and `host` values written anywhere in a text, quoted or not. */
const ID_VALUE =
  /(?:^|[\s{,])(?:id|code|host)[ \t]*:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s,}\]#]+))/gm;

/** Above this many ids the keys are read from the outline only (memory stays bounded). */
const FLAT_LIMIT = 5000;

/**
 * The keys a broken file may define. The parser's view of a broken file is unreliable (one
 * stray `---` or dedented line puts everything after it under the wrong parent), so every id
 * the text shows is taken as an element of every kind: references to it are not reported until
 * the file parses again. Huge files fall back to the indentation outline.
 */
export function recoverKeys(text: string): Set<string> {
  const ids = new Set<string>();
  for (const m of text.matchAll(ID_VALUE)) {
    const id = m[1] ?? m[2] ?? m[3];
    if (id) ids.add(id);
    if (ids.size > FLAT_LIMIT) return outlineKeys(text);
  }
  const keys = new Set<string>();
  for (const id of ids) for (const kind of ELEMENT_KINDS) keys.add(`${kind.section}:${id}`);
  return keys;
}

/**
 * `kind:id` keys (as `dropInvalid` spells them: `applications:100201`, `data/entities:order`) of
 * the elements a document defines, read from its syntax tree so that it works on broken files.
 */
export function elementKeysOf(docs: readonly Document.Parsed[]): Set<string> {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  const keys = new Set<string>();
  const idOf = (item: unknown): string | undefined => {
    if (!isMap(item)) return undefined;
    for (const name of ['id', 'code']) {
      const pair = item.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === name);
      const value: unknown = pair && isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    }
    return undefined;
  };
  const walk = (node: unknown, path: string[]): void => {
    if (isSeq(node)) {
      for (const item of node.items) {
        const id = idOf(item);
        if (id !== undefined) keys.add(`${path.join('/')}:${id}`);
      }
    } else if (isMap(node) && path.length < 3) {
      for (const pair of node.items)
        if (isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
    }
  };
  for (const doc of docs) {
    if (isMap(doc.contents))
      for (const pair of doc.contents.items)
        if (isScalar(pair.key)) walk(pair.value, [String(pair.key.value)]);
  }
  return keys;
}

const KEY_LINE = /^([ \t]*)([A-Za-z_$][\w$-]*)[ \t]*:(?:[ \t]|$)(.*)$/;
const ITEM_LINE = /^([ \t]*)-(?:[ \t]+(.*))?$/;
const ID_IN_FLOW = /(?:^|[{,\s])(id|code)[ \t]*:[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s,}\]#]+))/g;

/**
 * `kind:id` keys guessed from the outline of the text (indentation, `- ` items, `id:` lines)
 * for a file the parser could not make sense of. It over-approximates on purpose: these keys
 * only keep references to a broken file's elements from being reported as dangling.
 */
export function outlineKeys(text: string): Set<string> {
  const keys = new Set<string>();
  const stack: { indent: number; key: string }[] = [];
  let item: { path: string; indent: number } | undefined;
  // Both `id` and `code` of an element count (a product line has both).
  const add = (path: string, text: string): void => {
    if (!path) return;
    for (const m of text.matchAll(ID_IN_FLOW)) {
      const id = m[2] ?? m[3] ?? m[4];
      if (id) keys.add(`${path}:${id}`);
    }
  };
  const pathOf = (): string => (stack.length <= 3 ? stack.map((e) => e.key).join('/') : '');
  for (const raw of text.split('\n')) {
    // Tabs are errors in indentation; read one as one level (two spaces) to keep the outline.
    const line = raw
      .replace(/\r$/, '')
      .replace(/[ \t]#.*$/, '')
      .replace(/^[ \t]+/, (ws) => ws.replace(/\t/g, '  '));
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const it = ITEM_LINE.exec(line);
    if (it) {
      const indent = it[1]!.length;
      while (stack.length > 0 && stack[stack.length - 1]!.indent > indent) stack.pop();
      const content = it[2] ?? '';
      item = { path: pathOf(), indent: indent + 2 };
      add(item.path, content);
      const inner = KEY_LINE.exec(' '.repeat(indent + 2) + content);
      if (inner) stack.push({ indent: indent + 2, key: inner[2]! });
      continue;
    }
    const kl = KEY_LINE.exec(line);
    if (!kl) continue;
    const indent = kl[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    if (item && indent === item.indent && (kl[2] === 'id' || kl[2] === 'code'))
      add(item.path, line.trim());
    if (item && indent < item.indent) item = undefined;
    stack.push({ indent, key: kl[2]! });
  }
  return keys;
}
