import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, RuleMeta } from '../../src/diagnostics/types.js';
import { FORMAT_NAMES, formatters, isFormatName } from '../../src/formatters/index.js';
import { displayWidth } from '../../src/formatters/text.js';
import type { FormatterContext } from '../../src/formatters/types.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const readJson = (name: string): unknown => JSON.parse(readFileSync(fixture(name), 'utf8'));

const diagnostics = readJson('diagnostics.json') as Diagnostic[];
const rules = readJson('rules.json') as RuleMeta[];
const sources = new Map(
  readdirSync(fixture('sources/model')).map((f) => [
    `model/${f}`,
    readFileSync(fixture(`sources/model/${f}`), 'utf8'),
  ]),
);

function context(overrides: Partial<FormatterContext> = {}): FormatterContext {
  return {
    rules,
    toolName: 'archgen',
    toolVersion: '0.1.0',
    color: false,
    sources,
    cwd: '/work/repo',
    informationUri: 'https://example.org/archgen',
    docsBaseUri: 'https://example.org/archgen/blob/main/',
    ...overrides,
  };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

describe('formatter registry', () => {
  it('registers exactly the documented names', () => {
    expect(Object.keys(formatters).sort()).toEqual([...FORMAT_NAMES].sort());
    expect(FORMAT_NAMES[0]).toBe('stylish');
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('toString')).toBe(false);
  });

  it.each(FORMAT_NAMES)('%s matches its snapshot and ends with a newline', async (name) => {
    const out = formatters[name](diagnostics, context());
    expect(out.endsWith('\n')).toBe(true);
    await expect(out).toMatchFileSnapshot(`./__snapshots__/${name}.txt`);
  });

  it.each(FORMAT_NAMES)('%s does not depend on the input order', (name) => {
    const reversed = [...diagnostics].reverse();
    expect(formatters[name](reversed, context())).toBe(formatters[name](diagnostics, context()));
  });
});

describe('stylish', () => {
  it('uses ANSI colour only when asked to', () => {
    const plain = formatters.stylish(diagnostics, context({ color: false }));
    const colored = formatters.stylish(diagnostics, context({ color: true }));
    expect(plain).not.toMatch(ANSI);
    expect(colored).toMatch(ANSI);
    expect(colored.replace(new RegExp(ANSI.source, 'g'), '')).toContain('✖ 7 problems');
  });

  it('never passes raw control characters from the model to the terminal', () => {
    // eslint-disable-next-line no-control-regex
    expect(formatters.stylish(diagnostics, context())).not.toMatch(/[\u0000-\u0008\u001b]/);
  });

  it('lists file-less diagnostics first, under (model)', () => {
    const out = formatters.stylish(diagnostics, context());
    expect(out.startsWith('(model)\n')).toBe(true);
  });

  it('reports a clean run', () => {
    expect(formatters.stylish([], context())).toBe('✔ no problems\n');
  });

  it('aligns columns by terminal width, counting CJK characters as two columns', () => {
    const base = { severity: 'warn', file: 'a.yaml', line: 1, column: 1 } as const;
    const out = formatters.stylish(
      [
        { ...base, code: 'cjk', message: '步骤未定义' },
        { ...base, line: 2, code: 'ascii', message: 'undefined step' },
      ],
      context(),
    );
    const rows = out.split('\n').filter((l) => /(cjk|ascii)$/.test(l));
    const codeColumn = (row: string): number => displayWidth(row.replace(/\S+$/, ''));
    expect(rows).toHaveLength(2);
    expect(codeColumn(rows[0] ?? '')).toBe(codeColumn(rows[1] ?? ''));
  });

  it('frames the line the diagnostic names when the file holds a line separator', () => {
    const text = 'a: "x\u2028y\u2029z"\nb: 1\nbad: 2\n';
    const out = formatters.stylish(
      [{ severity: 'error', file: 'm.yaml', line: 3, column: 1, code: 'schema', message: 'no' }],
      context({ sources: new Map([['m.yaml', text]]) }),
    );
    expect(out).toMatch(/> 3 \| bad: 2/);
  });

  it('prints no code frame without the file text', () => {
    const out = formatters.stylish(diagnostics, context({ sources: new Map() }));
    expect(out).not.toContain(' | ');
  });
});

describe('json', () => {
  it('has a stable, versioned shape', () => {
    const report = JSON.parse(formatters.json(diagnostics, context())) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['version', 'tool', 'summary', 'diagnostics']);
    expect(report.summary).toEqual({ errors: 4, warnings: 3 });
    const list = report.diagnostics as Record<string, unknown>[];
    expect(list).toHaveLength(diagnostics.length);
    const keys = Object.keys(list[0] ?? {});
    for (const d of list) expect(Object.keys(d)).toEqual(keys);
  });
});

describe('sarif', () => {
  const schema = readJson('sarif-schema-2.1.0.json') as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it.each([
    ['the fixture', diagnostics],
    ['no diagnostics', []],
  ])('validates against the SARIF 2.1.0 schema with %s', (_, list) => {
    const log: unknown = JSON.parse(formatters.sarif(list, context()));
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('uses a schema that rejects a broken log', () => {
    const log = JSON.parse(formatters.sarif(diagnostics, context())) as SarifLog;
    const result = log.runs[0]?.results[0] as unknown as Record<string, unknown>;
    result.level = 'warn';
    expect(validate(log)).toBe(false);
  });

  it('meets GitHub code scanning ingestion rules', () => {
    const run = sarifRun(formatters.sarif(diagnostics, context()));
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    // Diagnostics without a file become notifications: GitHub rejects location-less results.
    expect(run.results).toHaveLength(diagnostics.filter((d) => d.file !== '').length);
    for (const r of run.results) {
      expect(ruleIds[r.ruleIndex]).toBe(r.ruleId);
      expect(r.locations).toHaveLength(1);
      const loc = r.locations[0]?.physicalLocation;
      expect(loc?.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc?.artifactLocation.uri).not.toMatch(/^\//);
    }
    const notes = run.invocations[0]?.toolConfigurationNotifications ?? [];
    expect(notes.map((n) => n.associatedRule.id)).toEqual(['config']);
    expect(run.originalUriBaseIds['%SRCROOT%']?.uri).toBe('file:///work/repo/');
  });

  it('omits the region when the line is unknown', () => {
    const run = sarifRun(formatters.sarif(diagnostics, context()));
    const io = run.results.find((r) => r.ruleId === 'io');
    expect(io?.locations[0]?.physicalLocation.region).toBeUndefined();
  });
});

describe('github', () => {
  it('writes one command per diagnostic that parses back to the original values', () => {
    const lines = formatters.github(diagnostics, context()).split('\n').slice(0, -1);
    expect(lines).toHaveLength(diagnostics.length);
    for (const line of lines) {
      const cmd = parseCommand(line);
      const d = diagnostics.find((x) => x.code === cmd.props.title);
      expect(d).toBeDefined();
      if (!d) continue;
      expect(cmd.name).toBe(d.severity === 'error' ? 'error' : 'warning');
      expect(cmd.props.file).toBe(d.file || undefined);
      expect(cmd.props.line).toBe(d.line > 0 ? String(d.line) : undefined);
      expect(cmd.props.col).toBe(d.column > 0 ? String(d.column) : undefined);
      expect(cmd.props.endColumn).toBe(d.endColumn?.toString());
      expect(cmd.message.startsWith(d.message)).toBe(true);
      if (d.hint) expect(cmd.message).toContain(`hint: ${d.hint}`);
    }
  });

  it('is empty for a clean run', () => {
    expect(formatters.github([], context())).toBe('');
  });
});

describe('junit', () => {
  it('is well-formed XML with one testcase per diagnostic', () => {
    const xml = formatters.junit(diagnostics, context());
    assertWellFormed(xml);
    expect(xml.match(/<testcase /g)).toHaveLength(diagnostics.length);
    expect(xml.match(/<failure /g)).toHaveLength(diagnostics.length);
    expect(xml).toContain('<testsuite name="model/data,legacy.yaml"');
  });

  it('has a single passing testcase for a clean run', () => {
    const xml = formatters.junit([], context());
    assertWellFormed(xml);
    expect(xml.match(/<testcase /g)).toHaveLength(1);
    expect(xml).not.toContain('<failure');
  });
});

describe('codequality', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(readJson('codequality-schema.json') as Record<string, unknown>);

  interface Issue {
    check_name: string;
    description: string;
    severity: string;
    fingerprint: string;
    location: { path: string; lines: { begin: number; end?: number } };
  }
  const issues = (list: readonly Diagnostic[], ctx = context()): Issue[] =>
    JSON.parse(formatters.codequality(list, ctx)) as Issue[];

  it.each([
    ['the fixture', diagnostics],
    ['no diagnostics', []],
  ])('has every field GitLab requires, with %s', (_, list) => {
    const report: unknown = JSON.parse(formatters.codequality(list, context()));
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('uses a schema that rejects a broken report', () => {
    const report = issues(diagnostics);
    (report[0] as unknown as Record<string, unknown>).severity = 'error';
    expect(validate(report)).toBe(false);
    expect(validate([{ ...issues(diagnostics)[0], location: { path: 'a.yaml' } }])).toBe(false);
  });

  it('maps errors to major and warnings to minor, one issue per diagnostic', () => {
    const report = issues(diagnostics);
    expect(report).toHaveLength(diagnostics.length);
    const bySeverity = (s: string): number => report.filter((i) => i.severity === s).length;
    expect(bySeverity('major')).toBe(diagnostics.filter((d) => d.severity === 'error').length);
    expect(bySeverity('minor')).toBe(diagnostics.filter((d) => d.severity === 'warn').length);
    const ref = report.find((i) => i.check_name === 'ref-resolves');
    expect(ref?.description).toContain('did you mean: svc-a, svc-b?');
    expect(ref?.description).not.toMatch(/\n/);
  });

  it('gives every issue its own fingerprint, even for equal findings', () => {
    const d = diagnostics[0] as Diagnostic;
    const report = issues([...diagnostics, { ...d, line: d.line + 40 }]);
    expect(new Set(report.map((i) => i.fingerprint)).size).toBe(report.length);
  });

  it('keeps fingerprints when lines move, and changes them when the finding changes', () => {
    const fingerprints = (list: readonly Diagnostic[]): string[] =>
      issues(list).map((i) => i.fingerprint);
    const shifted = diagnostics.map((d) =>
      d.line > 0 ? { ...d, line: d.line + 7, endLine: (d.endLine ?? d.line) + 7 } : d,
    );
    expect(fingerprints(shifted)).toEqual(fingerprints(diagnostics));
    const d = diagnostics[0] as Diagnostic;
    const [before] = fingerprints([d]);
    expect(fingerprints([{ ...d, message: `${d.message}!` }])).not.toContain(before);
    expect(fingerprints([{ ...d, file: 'model/other.yaml' }])).not.toContain(before);
    expect(fingerprints([{ ...d, pointer: '/applications/1/calls/0' }])).not.toContain(before);
    expect(fingerprints([{ ...d, code: 'schema' }])).not.toContain(before);
  });

  it('puts a finding with no file at the manifest, or at . when there is none', () => {
    const config = diagnostics.filter((d) => d.file === '');
    expect(config.length).toBeGreaterThan(0);
    const at = (ctx: FormatterContext): string[] => issues(config, ctx).map((i) => i.location.path);
    expect(at(context({ manifestFile: 'model/archgen.yaml' }))).toEqual(
      config.map(() => 'model/archgen.yaml'),
    );
    expect(at(context())).toEqual(config.map(() => '.'));
    expect(issues(config).every((i) => i.location.lines.begin === 1)).toBe(true);
  });

  it('is an empty array for a clean run', () => {
    expect(formatters.codequality([], context())).toBe('[]\n');
  });
});

// ajv-formats is CommonJS with a default export; unwrap whichever shape the loader produced.
function addFormats(ajv: Ajv): void {
  const mod = ajvFormats as unknown as { default: unknown };
  const fn = (
    typeof mod.default === 'function' ? mod.default : (mod.default as typeof mod).default
  ) as (a: Ajv) => void;
  fn(ajv);
}

interface SarifRun {
  tool: { driver: { rules: { id: string }[] } };
  invocations: { toolConfigurationNotifications?: { associatedRule: { id: string } }[] }[];
  originalUriBaseIds: Record<string, { uri: string }>;
  results: {
    ruleId: string;
    ruleIndex: number;
    locations: {
      physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: unknown };
    }[];
  }[];
}

interface SarifLog {
  runs: SarifRun[];
}

function sarifRun(text: string): SarifRun {
  const log = JSON.parse(text) as SarifLog;
  const run = log.runs[0];
  if (!run) throw new Error('no run');
  return run;
}

function unescapeCommand(text: string): string {
  return text.replace(/%(25|0D|0A|3A|2C)/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

function parseCommand(line: string): {
  name: string;
  props: Record<string, string>;
  message: string;
} {
  const m = /^::(error|warning) ([^:]*)::(.*)$/s.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const [, name = '', rawProps = '', rawMessage = ''] = m;
  const props: Record<string, string> = {};
  for (const pair of rawProps.split(',')) {
    const eq = pair.indexOf('=');
    props[pair.slice(0, eq)] = unescapeCommand(pair.slice(eq + 1));
  }
  expect(rawMessage).not.toMatch(/[\r\n]/);
  return { name, props, message: unescapeCommand(rawMessage) };
}

/** A minimal XML 1.0 well-formedness check: balanced tags, quoted attributes, legal text. */
function assertWellFormed(xml: string): void {
  // eslint-disable-next-line no-control-regex
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf('?>') + 2);
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = token.exec(body)) !== null) {
    end = token.lastIndex;
    const [, closing, name, attrs = '', selfClosing, text] = m;
    expect(attrs.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, '')).not.toMatch(/&/);
    if (text !== undefined) {
      expect(text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, '')).not.toMatch(/[&<]/);
    } else if (closing) {
      expect(stack.pop()).toBe(name);
    } else if (!selfClosing) {
      stack.push(name ?? '');
    }
  }
  expect(end).toBe(body.length);
  expect(stack).toEqual([]);
}
