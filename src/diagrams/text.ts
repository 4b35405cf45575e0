/**
 * Text safety for mermaid sources. Model text is untrusted: every label goes through `label()`
 * or `svgText()` (or `escapeText()` for gantt), and every mermaid identifier is a generated token
 * from `IdMap` or `erToken()`, never a raw model id.
 */

/** Longest label, in code points, before truncation with an ellipsis. */
export const MAX_LABEL = 60;

// Control characters, line and paragraph separators, bidi overrides and zero-width characters:
// they break mermaid's line-based grammars or make a label read differently from its source.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Characters mermaid could read as syntax, replaced by mermaid's `#code;` entities. */
const ENTITIES: Record<string, string> = {
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '#': '#35;',
  '%': '#37;',
  ':': '#58;',
  ';': '#59;',
  '\\': '#92;',
  '`': '#96;',
  '{': '#123;',
  '|': '#124;',
  '}': '#125;',
};
const SPECIAL = /["&<>#%:;\\`{|}]/g;

/**
 * WORD JOINER: invisible and without width. Put between two characters it breaks a pattern
 * mermaid looks for (`%%`, `#name;`, `](`, `://`) without changing what the label shows.
 */
const WJ = '\u2060';

/**
 * The only characters mermaid shows verbatim in SVG `<text>` labels (`htmlLabels: false`) when
 * written as entities: it decodes `&amp;`, `&lt;` and `&gt;` there and no other entity, so
 * `#quot;` or `#58;` would be drawn as `&quot;` or `&#58;`. A double quote cannot appear inside
 * a quoted label at all: it is drawn as the full-width quote, which NFKC maps back to `"`.
 */
const SVG_ENTITIES: Record<string, string> = {
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '"': '\uff02',
};

/**
 * Characters that state and ER labels would read as Markdown (mermaid runs them through marked,
 * which drops code spans, links and backslash escapes, and turns `*x*` into styling), drawn as
 * their full-width forms (NFKC maps each back).
 */
const MARKDOWN_FORMS: Record<string, string> = { '`': '\uff40', '*': '\uff0a', '~': '\uff5e' };

/**
 * Where a text goes in the mermaid source:
 * - `flowchart`: a quoted flowchart label (node, subgraph, edge);
 * - `markdown`: a quoted state or ER label (state name, attribute comment, relation label),
 *   which mermaid also reads as Markdown;
 * - `er-alias`: an ER entity alias `["…"]`, whose token admits no `%` and no `\`;
 * - `transition`: the unquoted text after `-->` … ` : ` in a state diagram, which ends at `;`.
 */
export type TextSlot = 'flowchart' | 'markdown' | 'er-alias' | 'transition';

/**
 * `text` made safe for `slot` in a diagram drawn with SVG text labels (flowchart, state, ER):
 * it cannot end its label or add a statement, and it is drawn as written (up to the full-width
 * forms above and invisible word joiners).
 */
export function svgText(text: string, slot: TextSlot = 'flowchart'): string {
  let t = text
    .replace(/#(?=\w+;)/g, `#${WJ}`) // mermaid reads `#name;` anywhere as an entity code
    .replace(/%(?=%)/g, `%${WJ}`) // `%%` starts a comment or an `%%{init}%%` directive anywhere
    .replace(/(?<=s)(?=tyle)|(?<=c)(?=lassDef)/g, WJ); // `style…:…#…;` loses its last `;`
  if (slot === 'flowchart') {
    t = t
      .replace(/^`/, `${WJ}\``) // `"\`` opens a Markdown string
      .replace(/\\(?=n)/g, `\\${WJ}`); // `\n` is a line break in a flowchart label
  } else {
    t = t
      .replace(/\\(?=[!-/:-@[-`{-~])/g, `\\${WJ}`) // a backslash escape would be dropped
      .replace(/[`*~]/g, (ch) => MARKDOWN_FORMS[ch] ?? ch)
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\uff3f') // `_` that could emphasise
      .replace(/\](?=\()/g, `]${WJ}`) // an inline link or image would be dropped
      .replace(/:(?=\/\/)/g, `:${WJ}`) // so would an autolink
      .replace(/\b(www)\./gi, `$1${WJ}.`)
      .replace(/@/g, `@${WJ}`);
    if (slot === 'er-alias') t = t.replace(/%/g, '\uff05').replace(/\\/g, '\uff3c');
    if (slot === 'transition') {
      t = t
        .replace(/;/g, '\u037e') // GREEK QUESTION MARK: canonically equal to `;`
        .replace(/:/g, `:${WJ}`); // a `:` must be followed by something other than `:` or the end
    }
  }
  return t.replace(/[&<>"]/g, (ch) => SVG_ENTITIES[ch] ?? ch);
}

/** What model text fields hold after schema validation. */
export type Scalar = string | number | boolean | null | undefined;

/**
 * Plain one-line text: `value` as a string without control characters or line breaks,
 * whitespace collapsed, cut to `max` code points (never inside a surrogate pair) with `…`.
 */
export function clean(value: Scalar, max = MAX_LABEL): string {
  const text = String(value ?? '')
    .replace(INVISIBLE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Code points never outnumber UTF-16 units: only a long text needs counting.
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, Math.max(1, max - 1))
        .join('')
        .trimEnd()}…`;
}

/**
 * `text` with every character mermaid could read as syntax replaced by a `#code;` entity: for
 * gantt charts, which decode every entity. Diagrams drawn with SVG text labels use `svgText`.
 */
export function escapeText(text: string): string {
  return text.replace(SPECIAL, (ch) => ENTITIES[ch] ?? '');
}

/** A quoted mermaid label: cleaned, truncated to `max` code points, escaped. Never empty. */
export function label(
  value: Scalar,
  max = MAX_LABEL,
  slot: Exclude<TextSlot, 'transition'> = 'flowchart',
): string {
  const text = clean(value, max);
  return `"${svgText(text === '' ? '-' : text, slot)}"`;
}

/** Joins the non-empty parts of a label with a middle dot. */
export function joinLabel(...parts: (string | number | undefined | null | false)[]): string {
  return parts
    .filter((p) => p !== undefined && p !== null && p !== false && String(p).trim() !== '')
    .map(String)
    .join(' · ');
}

/** `name (id)` style display: the name if given, else the id. */
export function nameOf(
  el: { name?: string | undefined; id?: string | undefined } | undefined,
  fallback = '',
): string {
  const name = el?.name !== undefined ? clean(el.name, 1000) : '';
  return name !== '' ? name : clean(el?.id ?? fallback, 1000);
}

/** Code-unit order: independent of locale and ICU data, so output is byte-identical everywhere. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts a copy of `items` by the string key `key(item)` in code-unit order. */
export function sortBy<T>(items: readonly T[] | undefined, key: (item: T) => string): T[] {
  return [...(items ?? [])].sort((a, b) => cmp(key(a), key(b)));
}

/** `value` as a list: undefined → [], a single value → [value]. */
export function asList<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Appends `value` to the list at `key` in `map`, creating the list on first use. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** FNV-1a 32-bit hash of `text` as 8 hex digits: a stable, order-independent disambiguator. */
export function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A file-safe diagram-id fragment for a model id: the id itself when it is lower-case
 * `[a-z0-9]` words joined by single `-`/`_` (at most 48 chars), else a sanitized form plus a
 * hash of the raw id. Never contains `--`, so `--2`-style part suffixes cannot collide.
 */
export function slug(raw: string): string {
  if (/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/.test(raw) && raw.length <= 48) return raw;
  const base = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 32)
    .replace(/-$/, '');
  return base === '' ? `x-${hash(raw)}` : `${base}-${hash(raw)}`;
}

/**
 * Allocates mermaid node ids: `prefix_` + the key's `[A-Za-z0-9]` runs joined by `_`, with a
 * counter suffix on collision. Deterministic when keys are requested in a deterministic order.
 */
export class IdMap {
  private readonly byKey = new Map<string, string>();
  private readonly used = new Set<string>();

  /** The id for `key` (e.g. `app:100206` → `app_100206`), allocated on first use. */
  id(key: string): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const [prefix = 'n', ...rest] = key.split(':');
    const body = rest
      .join(':')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 40);
    const base = `${prefix.replace(/[^a-z]/g, '') || 'n'}_${body || 'x'}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }
}

const ER_ALPHABETS = new Map<string, RegExp>();

/**
 * An erDiagram token (entity, attribute name or type): `[A-Za-z0-9_]` only, starting with a
 * letter or `_`, never one of the key words `PK`/`FK`/`UK` that the grammar reads as keys.
 * `keep` adds characters to allow (e.g. `()[],` for types such as `decimal(10,2)`).
 */
export function erToken(raw: Scalar, fallback: string, keep = ''): string {
  let allowed = ER_ALPHABETS.get(keep);
  if (allowed === undefined) {
    allowed = new RegExp(`[^A-Za-z0-9_${keep.replace(/[\]\\^-]/g, '\\$&')}]+`, 'g');
    ER_ALPHABETS.set(keep, allowed);
  }
  let token = String(raw ?? '')
    .replace(allowed, '_')
    .replace(/_+/g, '_')
    .slice(0, 40);
  if (token === '' || token === '_') token = fallback;
  if (!/^[A-Za-z_]/.test(token)) token = `_${token}`;
  if (/^(pk|fk|uk)(?![A-Za-z0-9_])/i.test(token)) token = `_${token}`;
  return token;
}
