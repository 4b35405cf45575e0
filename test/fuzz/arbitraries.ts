import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { SECTION_NAMES } from '../../src/model/types.js';
import { rules } from '../../src/rules/index.js';
import { runCli, type CliRun } from '../helpers/cli.js';

/**
 * Generators for the loader/validate fuzz tests: YAML text (random, dumped from random values,
 * and mutations of real model files) and model-shaped structured values. They aim at what
 * breaks parsers and position mapping: indicators, indentation, tabs, CR/LF, BOMs, control
 * characters, anchors and aliases, duplicate keys, odd keys (`__proto__`), deep nesting.
 */

/**
 * Fixed seed, so a CI failure reproduces locally with the same counts; `ARCHGEN_FUZZ_SEED`
 * explores other inputs in a long run (fast-check prints the seed and path of any failure).
 */
export const FUZZ_SEED = seedFromEnv() ?? 20_251_124;

function seedFromEnv(): number | undefined {
  const raw = Number(process.env['ARCHGEN_FUZZ_SEED']);
  return process.env['ARCHGEN_FUZZ_SEED'] && Number.isInteger(raw) ? raw : undefined;
}

/** Runs per property: `ARCHGEN_FUZZ_RUNS` overrides the CI default for a long run. */
export function fuzzRuns(ciDefault: number): number {
  const raw = Number(process.env['ARCHGEN_FUZZ_RUNS']);
  return Number.isInteger(raw) && raw > 0 ? raw : ciDefault;
}

/** Characters that mean something to YAML, plus enough ordinary text to form keys and values. */
const YAML_CHARS = [
  ...'-:{}[],#&*!|>\'"%@`?~=<\\/.'.split(''),
  ...[' ', ' ', ' ', ' ', '\n', '\n', '\n', '\t', '\r\n', '\r'],
  ...['\uFEFF', '\u0007', '\u001B', '\u0085', '\u2028', '中', '😀'],
  ...'abcdeikmnpstxyz019'.split(''),
  ...'id name applications null true 1e3 0x1F .inf --- ... << *a |- >+'.split(' '),
  ...[': ', '- ', '  ', '    ', '"10"', '&a ', '!!str ', '!!binary ', '!!set ', '!x '],
];

/** Text made of YAML indicators, whitespace and short words. */
export const yamlishText: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...YAML_CHARS),
  maxLength: 120,
});

/** Keys a model file uses, and a few that attack objects. */
const KEYS = [
  ...SECTION_NAMES,
  ...`id code name kind productLine calls target protocol sync deployedOn cluster uses database
    access entities attributes ref pk category ownedBy states transitions from to initial final
    parent orgUnits owner lifecycle services implementedBy steps next processes capacity current
    implemented designed planned domains host clusters datacenters datacenter categories databases
    stateMachines endpoints port routes paths logic tags description phases workItems delivers`.split(
    /\s+/,
  ),
  ...['__proto__', 'constructor', 'toString', '', ' ', '0', 'a/b', '~1'],
];

/** Ids that resolve against each other often enough to reach the semantic rules. */
const IDS =
  `100201 100202 200101 10 20 02 01 1002 order user order.id user.id web-cluster db-cluster
  order-center order-center.create-order sms rd ceo new done * sh-idc1 east b2b.example.com booking
  booking-logic`.split(/\s+/);

/** Enum values the schemas accept, so elements pass the schema and reach the rules. */
const ENUMS = 'web backend rest mq readwrite current planned nodes external rename'.split(' ');

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...IDS) },
  { weight: 2, arbitrary: fc.constantFrom(...ENUMS) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Model-shaped values: maps keyed by model field names, lists of them, and scalars. */
export const modelValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
  ),
})).value;

/** A whole section file: usually a map of sections, sometimes any JSON value at all. */
export const sectionData: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.dictionary(fc.constantFrom(...SECTION_NAMES), modelValue, {
      minKeys: 1,
      maxKeys: 4,
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: modelValue },
);

/** Include globs, good and bad. */
const GLOBS =
  '*.yaml **/*.yml data/*.yaml ../x/*.yaml /etc/*.yaml C:/x.yaml [ {a,b}.yaml ** .'.split(' ');

/** A manifest: usually shaped like one (version, globs, rule settings), with odd values mixed in. */
export const manifestData: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        archgen: fc.oneof(
          { weight: 5, arbitrary: fc.constant(1) },
          { weight: 1, arbitrary: scalar },
        ),
        include: fc.oneof(
          fc.constant(['*.yaml', '**/*.yaml']),
          fc.array(fc.constantFrom(...GLOBS), { maxLength: 4 }),
          scalar,
        ),
        rules: fc.oneof(
          fc.dictionary(
            fc.constantFrom(...Object.keys(rules), 'no-such-rule', '__proto__'),
            fc.constantFrom('error', 'warn', 'off', 'warning', 1 as unknown as string),
            { maxKeys: 4 },
          ),
          modelValue,
        ),
        document: modelValue,
      },
      { requiredKeys: ['archgen'] },
    ),
  },
  { weight: 1, arbitrary: modelValue },
);

/** How a value is written as YAML: block style, flow style, or JSON (JSON is YAML too). */
export type DumpStyle = 'block' | 'flow' | 'json';

export const dumpStyle: fc.Arbitrary<DumpStyle> = fc.constantFrom<DumpStyle>(
  'block',
  'flow',
  'json',
);

/** A value as YAML text in the given style. */
export function dumpValue(value: unknown, style: DumpStyle): string {
  if (style === 'json') return JSON.stringify(value) ?? 'null';
  return jsYaml.dump(value, { noRefs: true, flowLevel: style === 'flow' ? 0 : -1, lineWidth: -1 });
}

/** YAML text from any of the sources above. */
export const anyYamlText: fc.Arbitrary<string> = fc.oneof(
  yamlishText,
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.tuple(sectionData, dumpStyle).map(([v, s]) => dumpValue(v, s)),
  fc
    .tuple(fc.jsonValue({ maxDepth: 3 }), yamlishText)
    .map(([v, noise]) => dumpValue(v, 'block') + noise),
);

/** One edit to a file's text; indexes are taken modulo the text's size when applied. */
export type Mutation =
  | { op: 'delete-line' | 'duplicate-line' | 'truncate'; at: number }
  | { op: 'swap-indent' | 'swap-lines'; at: number; other: number }
  | { op: 'insert' | 'insert-line'; at: number; text: string }
  | { op: 'replace-value'; at: number; value: string }
  | { op: 'indent'; at: number; by: number };

/** Values that break a `key: value` line. */
const VALUES = [
  ...'[ ] { } " \' | > &a *a !x ~ null 0777 1e9999 2025-13-45'.split(' '),
  '',
  '- x',
  'a: b',
  '[a, b',
  '{ a: 1',
  '"x\\q"',
];

/** Characters and snippets inserted anywhere: tabs, control characters, line breaks, markers. */
const INSERTS = [
  '\t',
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\uFEFF',
  '\u2028',
  '\r',
  '\n',
  '\r\n',
  '#',
  ': ',
  '- ',
  '---\n',
  '&x ',
  '*x',
];

/** Whole lines dropped in by hand or by a merge: markers, stray brackets, conflict markers. */
const LINES = [
  '---',
  '...',
  '\t',
  '}',
  ']',
  '  - ',
  '%YAML 1.2',
  '<<<<<<< HEAD',
  '=======',
  '>>>>>>> main',
];

const valueText = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.tuple(fc.constantFrom(...IDS), fc.boolean()).map(([s, quote]) => (quote ? `"${s}"` : s)),
  yamlishText,
);

/** Edits that move text around without changing any word of it: indentation and added lines. */
export const layoutMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('swap-indent'),
    at: fc.nat(),
    other: fc.nat(),
  }) as fc.Arbitrary<Mutation>,
  fc.record({
    op: fc.constant('indent'),
    at: fc.nat(),
    by: fc.integer({ min: -4, max: 4 }),
  }) as fc.Arbitrary<Mutation>,
  fc.record({
    op: fc.constant('insert-line'),
    at: fc.nat(),
    text: fc.constantFrom(...LINES),
  }) as fc.Arbitrary<Mutation>,
);

/** Edits that mimic what people (and merges) do to YAML files. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  layoutMutation,
  fc.record({
    op: fc.constantFrom('delete-line', 'duplicate-line', 'truncate'),
    at: fc.nat(),
  }) as fc.Arbitrary<Mutation>,
  fc.record({
    op: fc.constantFrom('swap-indent', 'swap-lines'),
    at: fc.nat(),
    other: fc.nat(),
  }) as fc.Arbitrary<Mutation>,
  fc.record({
    op: fc.constant('insert'),
    at: fc.nat(),
    text: fc.constantFrom(...INSERTS),
  }) as fc.Arbitrary<Mutation>,
  fc.record({
    op: fc.constant('replace-value'),
    at: fc.nat(),
    value: valueText,
  }) as fc.Arbitrary<Mutation>,
  fc.record({
    op: fc.constant('indent'),
    at: fc.nat(),
    by: fc.integer({ min: -4, max: 4 }),
  }) as fc.Arbitrary<Mutation>,
);

/** Applies one edit. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % Math.max(1, lines.length);
  const indentOf = (s: string): string => /^[ \t]*/.exec(s)![0];
  switch (m.op) {
    case 'delete-line':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    case 'truncate':
      return text.slice(0, m.at % Math.max(1, text.length));
    case 'swap-indent': {
      const j = m.other % lines.length;
      const a = lines[i] ?? '';
      const b = lines[j] ?? '';
      lines[i] = indentOf(b) + a.trimStart();
      lines[j] = indentOf(a) + b.trimStart();
      return lines.join('\n');
    }
    case 'swap-lines': {
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'insert-line':
      lines.splice(i, 0, m.text);
      return lines.join('\n');
    case 'replace-value': {
      const line = lines[i] ?? '';
      const colon = line.indexOf(': ');
      lines[i] = colon === -1 ? `${line} ${m.value}` : `${line.slice(0, colon + 2)}${m.value}`;
      return lines.join('\n');
    }
    case 'indent': {
      const line = lines[i] ?? '';
      lines[i] =
        m.by >= 0 ? ' '.repeat(m.by) + line : line.slice(Math.min(-m.by, indentOf(line).length));
      return lines.join('\n');
    }
  }
}

/** What one diagnostic of the json report holds (the fields the invariants read). */
interface ReportedDiagnostic {
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
  related?: { file: string; line: number; column: number }[];
}

/**
 * The invariants every validate run keeps, whatever the input: exit 0, 1 or 2; no internal
 * error or stack trace; stdout is the json report; every position is 1-based and inside its
 * file (`lineCounts` maps a shown path to its number of lines); no message leaks a JavaScript
 * `undefined` or `[object ...]`; and one broken file gives at most two syntax errors besides
 * duplicate keys and unknown tags (no cascade of parser errors). Returns the broken ones.
 */
export function invariantViolations(
  run: CliRun,
  lineCounts: ReadonlyMap<string, number>,
): string[] {
  const problems: string[] = [];
  if (![0, 1, 2].includes(run.code)) problems.push(`exit code ${run.code}`);
  if (/internal error|\n\s+at .+:\d+:\d+\)/.test(run.stderr))
    problems.push(`stderr: ${run.stderr.slice(0, 300)}`);
  let diagnostics: ReportedDiagnostic[] = [];
  try {
    diagnostics = (JSON.parse(run.stdout) as { diagnostics: ReportedDiagnostic[] }).diagnostics;
    if (!Array.isArray(diagnostics)) problems.push('report has no diagnostics list');
  } catch {
    problems.push(`stdout is not json: ${run.stdout.slice(0, 200)}`);
    return problems;
  }
  const fatalSyntax = new Map<string, number>();
  for (const d of diagnostics) {
    if (/\bundefined\b|\[object \w+\]/.test(d.message))
      problems.push(`${d.code} message leaks a JS value: ${d.message}`);
    if (d.code === 'yaml-syntax' && !/^(duplicate key|unknown tag)/.test(d.message))
      fatalSyntax.set(d.file, (fatalSyntax.get(d.file) ?? 0) + 1);
  }
  for (const [file, n] of fatalSyntax)
    if (n > 2) problems.push(`${n} syntax errors in ${file}: a cascade`);
  const places = diagnostics.flatMap((d) => [
    { ...d, what: d.code },
    ...(d.related ?? []).map((r) => ({ ...r, what: `${d.code} related` })),
  ]);
  for (const p of places) {
    if (!p.file) continue;
    if (!(p.line >= 1 && p.column >= 1))
      problems.push(`${p.what} at ${p.file}:${p.line}:${p.column} is not 1-based`);
    const lines = lineCounts.get(p.file);
    if (lines !== undefined && p.line > lines)
      problems.push(`${p.what} at ${p.file}:${p.line} is past the last line (${lines})`);
  }
  return problems;
}

/** Lines in a text as a YAML parser counts them (LF, CRLF and lone CR all break lines). */
export function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** The small valid model the text and value fuzzers write their files next to. */
export const BASE_FILES: Readonly<Record<string, string>> = {
  'archgen.yaml': 'archgen: 1\nenterprise: { name: Fuzz Co }\ninclude: ["*.yaml", "**/*.yaml"]\n',
  'applications.yaml': [
    'productLines: [{ code: "10", id: ft, name: Flights }]',
    'subsystems: [{ code: "02", productLine: "10", name: Orders }]',
    'applications:',
    '  - { id: "100201", name: Order web, kind: web, deployedOn: [web-cluster], calls: [{ target: order-center, protocol: rest }] }',
    'serviceCenters: [{ id: order-center, implementedBy: ["100202"], services: [{ id: create-order, protocol: rest }] }]',
    '',
  ].join('\n'),
  'physical.yaml':
    'physical:\n  datacenters: [{ id: sh-idc1, kind: idc }]\n  clusters: [{ id: web-cluster, kind: web, datacenter: sh-idc1 }]\n',
};

/**
 * A model folder in a temp directory that fuzz runs write into and validate through the CLI
 * (`archgen validate model --format json`, run from the folder above it).
 */
export class FuzzModel {
  private constructor(
    readonly root: string,
    private readonly originals: Map<string, string>,
  ) {}

  /** A temp model holding `files` (paths relative to the model folder). */
  static async create(files: Readonly<Record<string, string>>): Promise<FuzzModel> {
    const root = await mkdtemp(path.join(tmpdir(), 'archgen-fuzz-'));
    const model = new FuzzModel(root, new Map(Object.entries(files)));
    await model.reset();
    return model;
  }

  /** A temp copy of a model folder on disk (its .yaml/.yml files). */
  static async copyOf(folder: string): Promise<FuzzModel> {
    const files: Record<string, string> = {};
    for (const rel of await readdir(folder, { recursive: true })) {
      if (!/\.ya?ml$/.test(rel)) continue;
      const text = await readFile(path.join(folder, rel), 'utf8').catch(() => undefined);
      if (text !== undefined) files[rel.split(path.sep).join('/')] = text;
    }
    return FuzzModel.create(files);
  }

  /** Paths of the original files, sorted. */
  get files(): string[] {
    return [...this.originals.keys()].sort();
  }

  original(file: string): string {
    return this.originals.get(file) ?? '';
  }

  /** Puts the model folder back to its original files. */
  async reset(): Promise<void> {
    await rm(path.join(this.root, 'model'), { recursive: true, force: true });
    for (const [file, text] of this.originals) await this.write(file, text);
  }

  async write(file: string, text: string): Promise<void> {
    const abs = path.join(this.root, 'model', file);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, text);
  }

  /**
   * Writes `changed` over the originals, validates, restores the originals, and returns the
   * run with what its positions are checked against (lines per shown path).
   */
  async validate(
    changed: Readonly<Record<string, string>>,
  ): Promise<{ run: CliRun; lines: Map<string, number> }> {
    for (const [file, text] of Object.entries(changed)) await this.write(file, text);
    const lines = new Map<string, number>();
    for (const file of new Set([...this.originals.keys(), ...Object.keys(changed)])) {
      lines.set(`model/${file}`, lineCount(changed[file] ?? this.originals.get(file) ?? ''));
    }
    try {
      return { run: await runCli(['validate', 'model', '--format', 'json'], this.root), lines };
    } finally {
      for (const file of Object.keys(changed)) {
        const original = this.originals.get(file);
        if (original === undefined) await rm(path.join(this.root, 'model', file), { force: true });
        else await this.write(file, original);
      }
    }
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
