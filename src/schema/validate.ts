/**
 * Layer one of validation: the JSON Schemas in `schema/` checked with ajv, and ajv's raw errors
 * rewritten for people (field in backticks, what was got, "did you mean"), one issue per problem.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { distance } from 'fastest-levenshtein';

/** One schema problem in one file, before the loader turns it into a located `Diagnostic`. */
export interface SchemaIssue {
  /** JSON pointer of the offending node inside the file, e.g. `/applications/2/kind`. */
  pointer: string;
  /** Human message, e.g. "`kind` must be one of web, mobile, ...; got `webapp`". */
  message: string;
  /** ajv keyword that failed (enum, type, required, additionalProperties, pattern, ...). */
  keyword: string;
  /** When the problem is an unknown key: true, and `pointer` is the pointer of that key's value (report at the key). */
  atKey?: boolean;
  /** "Did you mean" candidates (nearest allowed keys for unknown keys, nearest enum values). */
  suggest?: string[];
}

type Node = Record<string, unknown>;
type Item = ErrorObject | SchemaIssue;

const BASE = 'https://archgen.dev/schema/';
const FILES = ['common', 'business', 'applications', 'services', 'data', 'physical', 'planning'];
// `../../schema/` is the package's schema folder from both src/schema/ and dist/schema/.
const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

/** Human descriptions of the patterns used in schema/, instead of the regex. */
const PATTERNS: Record<string, string> = {
  '^[0-9]{6}$': 'a 6-digit string like "100206"',
  '^[0-9]{2}$': 'a 2-digit code like "02"',
  '^[0-9]{4}$': 'a 4-digit string (product-line code + subsystem code) like "2001"',
  '^[0-9]+(\\.[0-9]+)?m?$': 'a CPU quantity like "500m" or "2"',
  '^[0-9]+(\\.[0-9]+)?([KMGTPE]i?|k)?$': 'a memory size like "512Mi" or "1Gi"',
};
const FORMATS: Record<string, string> = { date: 'a date like 2026-11-02' };
const TYPES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  null: 'null',
};

/** Element nouns that are not the singular of their key; `parent/key` entries win. */
const NOUNS: Record<string, string> = {
  steps: 'process step',
  uses: 'database use',
  deployedOn: 'deployment',
  links: 'datacenter link',
  functions: 'function module',
  'functions/functions': 'function',
  categories: 'data category',
  'concepts/attributes': 'concept attribute',
  'concepts/relations': 'concept relation',
  glossary: 'glossary entry',
  changelog: 'changelog entry',
  diagrams: 'diagrams settings',
};

// strictRequired is off because `required` inside `anyOf` (domain: host, or address + port)
// names properties declared beside the anyOf; the schema test checks required names instead.
const AJV_OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  strict: true,
  allowUnionTypes: true,
  strictRequired: false,
};
/** The two validators by name, and the schema each starts from. */
const ENTRY_POINTS = { manifest: 'manifest.schema.json', section: 'model.schema.json' } as const;

/**
 * The module `npm run build` writes beside the compiled validate.js: both validators generated
 * ahead of time (ajv "standalone" code), so a run does not pay for compiling the schemas (about
 * 150 ms, most of a warm `validate`) nor for loading ajv's compiler.
 */
export const PRECOMPILED_MODULE = 'validators.cjs';

const require = createRequire(import.meta.url);

/** The compiled validators: manifest files, and model (section) files. */
export interface Validators {
  manifest: ValidateFunction;
  section: ValidateFunction;
  /** Validators of list items by schema URL (precompiled ones; others are compiled on use). */
  items?: Map<string, ValidateFunction>;
}
interface Compiled {
  manifest: ValidateFunction;
  section: ValidateFunction;
  docs: Map<string, Node>;
  /** Validators of list items, by schema URL, found or compiled on first use. */
  items: Map<string, ValidateFunction | undefined>;
  getSchema(url: string): ValidateFunction | undefined;
}
interface Schemas {
  docs: Map<string, Node>;
  /** Hash of the schema texts, the ajv options and ajv's version: what the validators derive from. */
  fingerprint: string;
}
let compiled: Compiled | undefined;

/**
 * Loads the schemas on first use and takes the precompiled validators when they were generated
 * from exactly these schemas; otherwise (running from source, schemas edited since the build)
 * compiles them with ajv. Later calls reuse them.
 */
function compile(): Compiled {
  if (compiled) return compiled;
  const { docs, fingerprint } = readSchemas();
  const ready = precompiled(fingerprint);
  const built = ready ? undefined : compileWithAjv(docs, {});
  let ajv: Ajv2020 | undefined = built?.ajv;
  const { manifest, section } = (ready ?? built) as Validators;
  compiled = {
    manifest,
    section,
    docs,
    items: new Map(ready?.items ?? []),
    // A list-item schema the precompiled module lacks (it has them all unless the schemas
    // changed shape) is compiled by ajv, loaded only then.
    getSchema: (url) => (ajv ??= compileWithAjv(docs, {}).ajv).getSchema(url),
  };
  return compiled;
}

/** The validators compiled by ajv at run time, as a run without the precompiled module has them. */
export function compileValidators(): Validators {
  const { manifest, section } = compileWithAjv(readSchemas().docs, {});
  return { manifest, section };
}

/** The fingerprint of the schemas as they are now (what a precompiled module must carry). */
export function schemaFingerprint(): string {
  return readSchemas().fingerprint;
}

function readSchemas(): Schemas {
  const docs = new Map<string, Node>();
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ options: AJV_OPTIONS, ajv: ajvVersion() }));
  for (const name of [...FILES, 'model', 'manifest']) {
    const file = `${name}.schema.json`;
    const text = readFileSync(new URL(file, SCHEMA_DIR), 'utf8');
    hash.update(`\0${file}\0${text}`);
    docs.set(file, JSON.parse(text) as Node);
  }
  return { docs, fingerprint: hash.digest('hex') };
}

function ajvVersion(): string {
  return (require('ajv/package.json') as { version: string }).version;
}

function compileWithAjv(docs: Map<string, Node>, extra: Options): Validators & { ajv: Ajv2020 } {
  const Ajv = (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).default;
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new Ajv({ ...AJV_OPTIONS, ...extra });
  addFormats(ajv);
  for (const doc of docs.values()) ajv.addSchema(doc);
  const get = (file: string): ValidateFunction => {
    const fn = ajv.getSchema(BASE + file);
    if (!fn) throw new Error(`schema ${file} did not compile`);
    return fn;
  };
  return { manifest: get(ENTRY_POINTS.manifest), section: get(ENTRY_POINTS.section), ajv };
}

/** The precompiled validators, when the module is there and was generated from these schemas. */
function precompiled(fingerprint: string): Validators | undefined {
  let mod: unknown;
  try {
    mod = require(`./${PRECOMPILED_MODULE}`);
  } catch {
    return undefined;
  }
  return usablePrecompiled(mod, fingerprint);
}

/** A precompiled module's validators, unless it was made from other schemas (or is not one). */
export function usablePrecompiled(mod: unknown, fingerprint: string): Validators | undefined {
  if (!mod || typeof mod !== 'object') return undefined;
  const m = mod as Record<string, unknown>;
  const { manifest, section, fingerprint: madeFrom, itemUrls } = m;
  if (madeFrom !== fingerprint) return undefined;
  if (typeof manifest !== 'function' || typeof section !== 'function') return undefined;
  const items = new Map<string, ValidateFunction>();
  if (itemUrls && typeof itemUrls === 'object') {
    for (const [url, name] of Object.entries(itemUrls as Record<string, unknown>)) {
      const fn = typeof name === 'string' ? m[name] : undefined;
      if (typeof fn === 'function') items.set(url, fn as ValidateFunction);
    }
  }
  return { manifest: manifest as ValidateFunction, section: section as ValidateFunction, items };
}

/**
 * The URL of every list-item schema (`…#/pointer/items`), for the validators a long list is
 * checked with item by item (see `SLICE`): generated ahead of time beside the two entry points.
 */
function itemSchemaUrls(docs: Map<string, Node>): string[] {
  const urls: string[] = [];
  const walk = (node: unknown, file: string, pointer: string): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, file, `${pointer}/${i}`));
      return;
    }
    const n = node as Node;
    if (n.items && typeof n.items === 'object' && !Array.isArray(n.items))
      urls.push(`${BASE}${file}#${pointer}/items`);
    for (const [key, value] of Object.entries(n)) walk(value, file, `${pointer}/${escapeSeg(key)}`);
  };
  for (const [file, doc] of docs) walk(doc, file, '');
  return urls;
}

/**
 * Source of {@link PRECOMPILED_MODULE}: a CommonJS module exporting the `manifest` and `section`
 * validators, generated by ajv from the schemas with the options used at run time, and the
 * fingerprint they were made from.
 */
export function precompiledSource(): string {
  const { docs, fingerprint } = readSchemas();
  const { ajv } = compileWithAjv(docs, { code: { source: true } });
  const standalone = (
    require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')
  ).default;
  const items = itemSchemaUrls(docs);
  const refs: Record<string, string> = {
    manifest: BASE + ENTRY_POINTS.manifest,
    section: BASE + ENTRY_POINTS.section,
  };
  items.forEach((url, i) => (refs[`item${i}`] = url));
  const itemUrls = Object.fromEntries(items.map((url, i) => [url, `item${i}`]));
  return `${standalone(ajv, refs)}
exports.fingerprint = ${JSON.stringify(fingerprint)};
exports.itemUrls = ${JSON.stringify(itemUrls)};
`;
}

/** Checks a parsed `archgen.yaml`; returns no issues when it conforms. */
export function validateManifest(data: unknown): SchemaIssue[] {
  const c = compile();
  return run(c, c.manifest, `${BASE}manifest.schema.json`, data, 'manifest');
}

/** Checks one parsed model (section) file; returns no issues when it conforms. */
export function validateSectionFile(data: unknown): SchemaIssue[] {
  return checkSectionFile(data).issues;
}

/** What checking one file found. */
export interface SchemaCheck {
  issues: SchemaIssue[];
  /** False when checking stopped after `maxIssues` problems: the rest of the file is unchecked. */
  complete: boolean;
}

/**
 * Checks one parsed model file, stopping after about `maxIssues` problems so that a file of a
 * million bad list items costs no more than one of a thousand.
 */
export function checkSectionFile(data: unknown, maxIssues = Infinity): SchemaCheck {
  const c = compile();
  return runLimited(c, c.section, `${BASE}model.schema.json`, data, 'model file', maxIssues);
}

function run(
  c: Compiled,
  validate: ValidateFunction,
  url: string,
  data: unknown,
  root: string,
): SchemaIssue[] {
  return runLimited(c, validate, url, data, root, Infinity).issues;
}

function runLimited(
  c: Compiled,
  validate: ValidateFunction,
  url: string,
  data: unknown,
  root: string,
  maxIssues: number,
): SchemaCheck {
  const errors: ErrorObject[] = [];
  check(c, validate, url, data, '', errors, maxIssues);
  if (errors.length === 0) return { issues: [], complete: true };
  const complete = errors.length <= maxIssues;
  const items = collapse(c, complete ? errors : errors.slice(0, maxIssues));
  const missing = new Map<string, string[]>();
  for (const it of items) {
    if (isIssue(it) || it.keyword !== 'required') continue;
    missing.set(it.instancePath, [
      ...(missing.get(it.instancePath) ?? []),
      String(it.params.missingProperty),
    ]);
  }
  const issues = tidy(
    items.map((it) => (isIssue(it) ? it : toIssue(it, root, missing.get(it.instancePath) ?? []))),
  );
  return { issues, complete };
}

/**
 * Lists longer than this are checked one item at a time past their first SLICE items. ajv appends
 * the errors of each list item with `concat`, so one call over a list of n bad items costs O(n²):
 * 100,000 bad items took a minute, 1,000,000 did not finish. Item by item it is linear.
 */
const SLICE = 200;

/** A cut-off part of a long list, with its position and the schema its items follow. */
interface Tail {
  pointer: string;
  url: string;
  items: readonly unknown[];
}

/**
 * Appends to `out` the errors of `data` against the schema at `url`, pointers prefixed with `at`;
 * stops looking at further list items once `out` holds more than `max` errors.
 */
function check(
  c: Compiled,
  validate: ValidateFunction,
  url: string,
  data: unknown,
  at: string,
  out: ErrorObject[],
  max: number,
): void {
  const tails: Tail[] = [];
  const head = cutLongLists(c, data, url, '', tails, 0);
  if (!validate(head)) {
    for (const e of validate.errors ?? [])
      out.push(at === '' ? e : { ...e, instancePath: at + e.instancePath });
  }
  for (const tail of tails) {
    const item = itemValidator(c, tail.url);
    if (!item) continue;
    for (let i = SLICE; i < tail.items.length && out.length <= max; i++)
      check(c, item, tail.url, tail.items[i], `${at}${tail.pointer}/${i}`, out, max);
  }
}

function itemValidator(c: Compiled, url: string): ValidateFunction | undefined {
  if (!c.items.has(url)) c.items.set(url, c.getSchema(url));
  return c.items.get(url);
}

/**
 * `data` with every list longer than SLICE cut to its first SLICE items (so `minItems` still
 * holds), walking only where the schema is plain (properties, items, $ref); the cut-off items are
 * added to `tails` with the URL of their items' schema.
 */
function cutLongLists(
  c: Compiled,
  data: unknown,
  url: string,
  pointer: string,
  tails: Tail[],
  depth: number,
): unknown {
  if (data === null || typeof data !== 'object' || depth > 32) return data;
  const at = schemaAt(c, url);
  if (!at) return data;
  if (Array.isArray(data)) {
    if (typeof at.node.items !== 'object' || at.node.items === null) return data;
    const itemsUrl = `${at.url}/items`;
    let copy: unknown[] | undefined;
    const n = Math.min(data.length, SLICE);
    for (let i = 0; i < n; i++) {
      const cut = cutLongLists(c, data[i], itemsUrl, `${pointer}/${i}`, tails, depth + 1);
      if (cut !== data[i]) (copy ??= data.slice(0, n))[i] = cut;
    }
    if (data.length > SLICE) tails.push({ pointer, url: itemsUrl, items: data });
    return copy ?? (data.length > SLICE ? data.slice(0, SLICE) : data);
  }
  const props = at.node.properties;
  if (typeof props !== 'object' || props === null) return data;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(data)) {
    if (!Object.hasOwn(props, key)) continue;
    const value = (data as Record<string, unknown>)[key];
    if (value === null || typeof value !== 'object') continue;
    const cut = cutLongLists(
      c,
      value,
      `${at.url}/properties/${escapeSeg(key)}`,
      `${pointer}/${escapeSeg(key)}`,
      tails,
      depth + 1,
    );
    if (cut !== value) (copy ??= { ...(data as Record<string, unknown>) })[key] = cut;
  }
  return copy ?? data;
}

/**
 * The schema node at an absolute URL (`<file>#<pointer>`), following `$ref`s, with its own URL.
 * Undefined where the schema is not plain (anyOf/oneOf/allOf, conditionals): no cutting there.
 */
function schemaAt(c: Compiled, url: string): { node: Node; url: string } | undefined {
  for (let hops = 0; hops < 8; hops++) {
    const [file = '', fragment = ''] = url.split('#');
    let node: unknown = c.docs.get(file.slice(BASE.length));
    for (const seg of fragment.split('/').slice(1))
      node = (node as Node | undefined)?.[unescapeSeg(seg)];
    if (!node || typeof node !== 'object') return undefined;
    const n = node as Node;
    if (typeof n.$ref === 'string') {
      url = new URL(n.$ref, file).href;
      if (!url.includes('#')) url += '#';
      continue;
    }
    if ('anyOf' in n || 'oneOf' in n || 'allOf' in n || 'if' in n) return undefined;
    return { node: n, url: url.includes('#') ? url : `${url}#` };
  }
  return undefined;
}

function isIssue(it: Item): it is SchemaIssue {
  return 'pointer' in it;
}

function pointerOf(it: Item): string {
  return isIssue(it) ? it.pointer : it.instancePath;
}

function under(pointer: string, parent: string): boolean {
  return pointer === parent || pointer.startsWith(`${parent}/`);
}

/**
 * Replaces each anyOf/oneOf failure and the branch errors ajv reported before it with the errors of
 * the branch that fits the data's type, or with one summary. Branch errors are the run of errors at
 * or under the composite's pointer just before it (ajv reports a composite after its branches).
 */
function collapse(c: Compiled, errors: readonly ErrorObject[]): Item[] {
  const out: Item[] = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') {
      out.push(e);
      continue;
    }
    let start = out.length;
    while (start > 0 && under(pointerOf(out[start - 1] as Item), e.instancePath)) start--;
    out.push(...resolveComposite(c, e, out.splice(start)));
  }
  return out;
}

function resolveComposite(c: Compiled, e: ErrorObject, branchErrors: Item[]): Item[] {
  const at = e.instancePath;
  const branches = (Array.isArray(e.schema) ? e.schema : []).map((b) => deref(c, b as Node));
  const fitting = branches.filter((b) => accepts(b, jsonType(e.data)));
  const atRoot = (it: Item): it is ErrorObject => !isIssue(it) && it.instancePath === at;
  const chosen = fitting[0];
  if (!chosen) {
    const expected = joinOr(
      branches.map((b) => (typeof b.title === 'string' ? b.title : expect(b))),
    );
    return [
      {
        pointer: at,
        keyword: 'type',
        message: `${field(at)} must be ${expected}; got ${gotTyped(e.data)}`,
      },
    ];
  }
  if (fitting.length === 1) {
    // Other branches fail on type at the root only; keep the chosen branch's own root errors.
    return branchErrors.filter(
      (it) => !atRoot(it) || (it.keyword !== 'type' && it.keyword in chosen),
    );
  }
  if (
    branchErrors.length > 0 &&
    branchErrors.every((it) => atRoot(it) && it.keyword === 'required')
  ) {
    const sets = branches.map((b) =>
      Array.isArray(b.required) ? b.required.map(tick).join(' and ') : '',
    );
    const message = `${sets[0] ?? ''} (or ${sets.slice(1).join(', or ')}) is required in ${noun(at, '')}`;
    return [{ pointer: at, keyword: 'required', message }];
  }
  return branchErrors.length > 0 ? branchErrors : [e];
}

/** Resolves a `$ref` to the schema it names, keeping sibling annotations such as `title`. */
function deref(c: Compiled, node: Node): Node {
  if (typeof node.$ref !== 'string') return node;
  const url = new URL(node.$ref, BASE);
  let target: unknown = c.docs.get(url.pathname.split('/').pop() ?? '');
  for (const seg of url.hash.slice(1).split('/').slice(1))
    target = (target as Node | undefined)?.[unescapeSeg(seg)];
  if (!target || typeof target !== 'object') return node;
  const merged: Node = { ...(target as Node), ...node };
  delete merged.$ref;
  return merged;
}

function accepts(schema: Node, type: string): boolean {
  const t = schema.type;
  if (t === undefined) return true;
  const list = Array.isArray(t) ? t : [t];
  return list.includes(type) || (type === 'integer' && list.includes('number'));
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** What a schema node expects, in words: "one of a, b", 'a 6-digit string like "100206"', "a list". */
function expect(s: Node | undefined): string {
  if (!s) return 'something else';
  if (Array.isArray(s.type)) return joinOr(s.type.map((t) => TYPES[String(t)] ?? String(t)));
  if (Array.isArray(s.enum)) return `one of ${s.enum.map(String).join(', ')}`;
  if (typeof s.pattern === 'string')
    return PATTERNS[s.pattern] ?? `a string matching \`${s.pattern}\``;
  if (typeof s.format === 'string') return FORMATS[s.format] ?? `a ${s.format}`;
  return TYPES[String(s.type)] ?? String(s.type);
}

function toIssue(e: ErrorObject, root: string, missing: readonly string[]): SchemaIssue {
  const at = e.instancePath;
  const p = e.params as Record<string, unknown>;
  const say = (message: string): SchemaIssue => ({ pointer: at, keyword: e.keyword, message });
  const f = field(at, root);
  const got = (): string => tick(raw(e.data));
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema?.properties as Node | undefined) ?? {});
      const names = allowed.filter((k) => !k.startsWith('$'));
      const where = at === '' && root === 'model file' ? 'unknown section' : `unknown key`;
      const inWhat = where === 'unknown key' ? ` in ${noun(at, root)}` : '';
      const issue = say(`${where} ${tick(key)}${inWhat} (allowed: ${names.join(', ')})`);
      return withSuggest({ ...issue, pointer: `${at}/${escapeSeg(key)}`, atKey: true }, key, names);
    }
    case 'required':
      return say(
        `${joinAnd(missing.map(tick))} ${missing.length > 1 ? 'are' : 'is'} required in ${noun(at, root)}`,
      );
    case 'type': {
      const quote = isScalar(e.data) && /string/.test(String(p.type)) && !e.parentSchema?.enum;
      const hint = quote ? ' (put it in quotes)' : '';
      return say(`${f} must be ${expect(e.parentSchema)}; got ${gotTyped(e.data)}${hint}`);
    }
    case 'enum': {
      const allowed = (Array.isArray(p.allowedValues) ? p.allowedValues : []).map(String);
      const issue = say(`${f} must be one of ${allowed.join(', ')}; got ${got()}`);
      return typeof e.data === 'string' ? withSuggest(issue, e.data, allowed) : issue;
    }
    case 'const':
      return say(`${f} must be ${raw(p.allowedValue)}; got ${got()}`);
    case 'pattern':
    case 'format':
      return say(`${f} must be ${expect(e.parentSchema)}; got ${got()}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = BOUNDS[String(p.comparison)] ?? String(p.comparison);
      return say(`${f} must be ${bound} ${String(p.limit)}; got ${got()}`);
    }
    case 'minLength':
      return say(
        p.limit === 1
          ? `${f} must not be empty`
          : `${f} must have at least ${String(p.limit)} characters`,
      );
    case 'minItems':
      return say(`${f} must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`);
    default:
      return say(`${f} ${e.message ?? 'is invalid'}`);
  }
}

const BOUNDS: Record<string, string> = {
  '>=': 'at least',
  '<=': 'at most',
  '>': 'more than',
  '<': 'less than',
};
/** Checks on a value that mean nothing once its type is wrong. */
const VALUE_CHECKS = new Set(['enum', 'const', 'pattern', 'format', 'minLength', 'minimum']);

/** One problem once: a type error hides value checks at the same node; pointer+keyword is unique. */
function tidy(issues: readonly SchemaIssue[]): SchemaIssue[] {
  const typed = new Set(issues.filter((i) => i.keyword === 'type').map((i) => i.pointer));
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.pointer}\u0000${issue.keyword}`;
    if (seen.has(key) || (VALUE_CHECKS.has(issue.keyword) && typed.has(issue.pointer)))
      return false;
    seen.add(key);
    return true;
  });
}

function withSuggest(issue: SchemaIssue, word: string, candidates: readonly string[]): SchemaIssue {
  const suggest = nearest(word, candidates);
  return suggest.length > 0 ? { ...issue, suggest } : issue;
}

/** Up to three candidates close to `word` (edit distance, or one a prefix of the other). */
function nearest(word: string, candidates: readonly string[]): string[] {
  const w = word.toLowerCase();
  const max = Math.max(1, Math.floor(w.length / 3));
  return candidates
    .map((c) => ({ c, l: c.toLowerCase(), d: distance(w, c.toLowerCase()) }))
    .filter(
      ({ l, d }) =>
        d <= max || (Math.min(l.length, w.length) >= 2 && (l.startsWith(w) || w.startsWith(l))),
    )
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ c }) => c);
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeSeg);
}

/** The field a pointer names, in backticks: `kind`, `deployedOn[1]`; the root is "the manifest". */
function field(pointer: string, root = 'file'): string {
  const segs = segments(pointer);
  const last = segs.at(-1);
  if (last === undefined) return `the ${root}`;
  if (!/^\d+$/.test(last)) return tick(last);
  const name =
    segs
      .slice(0, -1)
      .filter((s) => !/^\d+$/.test(s))
      .at(-1) ?? '';
  return tick(`${name}[${last}]`);
}

/**
 * The kind of element at a pointer, from its last key: /applications/2 -> application,
 * /business/processes/0/steps/1 -> process step, /physical -> physical section.
 */
function noun(pointer: string, root: string): string {
  const segs = segments(pointer);
  const names = segs.filter((seg) => !/^\d+$/.test(seg));
  const last = names.at(-1);
  if (last === undefined) return root;
  const known = NOUNS[`${names.at(-2) ?? ''}/${last}`] ?? NOUNS[last];
  if (known) return known;
  const words = last.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  if (segs.length === 1 && root === 'model file') return `${words} section`;
  return words
    .replace(/ies$/, 'y')
    .replace(/sses$/, 'ss')
    .replace(/([^s])s$/, '$1');
}

function gotTyped(v: unknown): string {
  const t = jsonType(v);
  if (t === 'array' || t === 'object') return TYPES[t] ?? t;
  if (t === 'null') return 'null';
  return `${t} ${tick(t === 'string' ? JSON.stringify(clip(String(v))) : String(v))}`;
}

function raw(v: unknown): string {
  return typeof v === 'string' ? clip(v) : clip(shortJson(v, 60) ?? String(v));
}

/**
 * JSON of a value, stopping once it is longer than `max` characters: an error on a mapping with
 * 100,000 keys must not serialise all of it (once per error, that is quadratic).
 */
function shortJson(v: unknown, max: number): string | undefined {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const array = Array.isArray(v);
  let out = array ? '[' : '{';
  const add = (key: string | undefined, value: unknown): boolean => {
    if (out.length > 1) out += ',';
    if (key !== undefined) out += `${JSON.stringify(key)}:`;
    out += shortJson(value, max - out.length) ?? 'null';
    return out.length <= max;
  };
  if (array) {
    for (const item of v as unknown[]) if (!add(undefined, item)) return out;
  } else {
    for (const key in v as Record<string, unknown>)
      if (!add(key, (v as Record<string, unknown>)[key])) return out;
  }
  return out + (array ? ']' : '}');
}

function isScalar(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean';
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function tick(s: string): string {
  return `\`${s}\``;
}

/** "a or b"; "a, b, or c"; a comma before "or" too when a part has commas of its own. */
function joinOr(parts: readonly string[]): string {
  const comma = parts.length > 2 || parts.some((p) => p.includes(','));
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')}${comma ? ',' : ''} or ${parts.at(-1) ?? ''}`;
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

function escapeSeg(seg: string): string {
  return seg.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSeg(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}
