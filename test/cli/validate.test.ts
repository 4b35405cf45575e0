import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.js';
import { writeModel } from '../helpers/model.js';

/**
 * `archgen validate` driven as a user drives it: exit codes, the summary line, every output
 * format, --output files, --quiet / --strict / --max-warnings, and the manifest's `rules:`.
 * The small models are the `archgen init` starter with one or two edits.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STARTER = path.join(ROOT, 'templates/init');
const starterModel = await readFile(path.join(STARTER, 'model.yaml'), 'utf8');
const starterManifest = await readFile(path.join(STARTER, 'archgen.yaml'), 'utf8');

/** A call to an app that does not exist: one `ref-resolves` error. */
const BROKEN_CALL: [string, string] = ['target: "100201"', 'target: "100299"'];
/** App 100101 deployed nowhere: one `app-deployed` warning. */
const UNDEPLOYED: [string, string] = ['    deployedOn: [web-cluster]\n', ''];

function edit(text: string, ...edits: [string, string][]): string {
  let out = text;
  for (const [from, to] of edits) {
    expect(out, `fixture edit: ${from}`).toContain(from);
    out = out.replace(from, to);
  }
  return out;
}

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

/** The starter model with edits, in a new temp folder; `rules` replaces the manifest's `rules: {}`. */
async function starter(edits: [string, string][], rules = '{}'): Promise<string> {
  const dir = await writeModel({
    'archgen.yaml': edit(starterManifest, ['rules: {}', `rules: ${rules}`]),
    'model.yaml': edit(starterModel, ...edits),
  });
  temps.push(dir);
  return dir;
}

interface JsonReport {
  version: number;
  summary: { errors: number; warnings: number };
  diagnostics: {
    code: string;
    severity: string;
    message: string;
    file: string;
    line: number;
    column: number;
    suggest: string[];
  }[];
}

function jsonOf(run: CliRun): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

/** Neither a stack trace nor an internal error, on either stream. */
function expectNoCrash(run: CliRun): void {
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toMatch(/internal error|\n\s+at .+:\d+(:\d+)?\)?\n/);
  }
}

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return i + 1;
}

describe('archgen validate: exit codes', () => {
  it('the example model exits 0 and ends with the summary line', async () => {
    const run = await runCli(['validate', 'model'], ROOT);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^(✔ no problems|✖ \d+ problems? \(0 errors, \d+ warnings?\))$/);
    expect(run.stderr).toBe('');
  });

  it('a model with one error exits 1 and names the rule', async () => {
    const dir = await starter([BROKEN_CALL]);
    const run = await runCli(['validate', '.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('ref-resolves');
    expect(run.stdout).toContain('100299');
    expect(run.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\)/);
  });

  it('warnings only: 0; --strict 1; --max-warnings 0 is 1, 100 is 0', async () => {
    const dir = await starter([UNDEPLOYED]);
    const plain = await runCli(['validate', '.'], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('app-deployed');
    expect(plain.stdout).toMatch(/\(0 errors, 1 warning\)/);
    expect((await runCli(['validate', '.', '--strict'], dir)).code).toBe(1);
    expect((await runCli(['validate', '.', '--max-warnings', '0'], dir)).code).toBe(1);
    expect((await runCli(['validate', '.', '--max-warnings', '1'], dir)).code).toBe(0);
    expect((await runCli(['validate', '.', '--max-warnings', '100'], dir)).code).toBe(0);
  });

  it('--max-warnings abc is a usage error (2) with a clear message', async () => {
    const run = await runCli(['validate', 'model', '--max-warnings', 'abc'], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-warnings must be a whole number');
    expect(run.stderr).toContain('abc');
    expect(run.stdout).toBe('');
    expectNoCrash(run);
  });

  it('an unknown --format is a usage error (2) listing the formats', async () => {
    const run = await runCli(['validate', 'model', '--format', 'xml'], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown --format `xml`');
    for (const f of ['stylish', 'json', 'sarif', 'github', 'junit', 'codequality'])
      expect(run.stderr).toContain(f);
    expect(run.stdout).toBe('');
  });

  it('a missing model folder exits 2 with "no model found" on stderr, no stack', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'archgen-cli-empty-'));
    temps.push(empty);
    for (const args of [['validate', 'nowhere'], ['validate']]) {
      const run = await runCli(args, empty);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('no model found');
      expect(run.stderr).toContain('archgen init');
      expect(run.stdout).toBe('');
      expectNoCrash(run);
    }
    // Machine formats still get a report of the failure.
    const json = await runCli(['validate', 'nowhere', '-f', 'json'], empty);
    expect(json.code).toBe(2);
    expect(jsonOf(json).diagnostics.map((d) => d.code)).toEqual(['io']);
  });

  it('the manifest file path works like the model folder', async () => {
    const byFolder = await runCli(['validate', 'model', '-f', 'json'], ROOT);
    const byFile = await runCli(['validate', 'model/archgen.yaml', '-f', 'json'], ROOT);
    expect(byFile.code).toBe(byFolder.code);
    expect(jsonOf(byFile)).toEqual(jsonOf(byFolder));
    const dir = await starter([BROKEN_CALL]);
    expect((await runCli(['validate', 'archgen.yaml'], dir)).code).toBe(1);
  });
});

describe('archgen validate: output formats', () => {
  it('-f json is parseable and carries file, line and column', async () => {
    const dir = await starter([UNDEPLOYED]);
    const run = await runCli(['validate', '.', '-f', 'json'], dir);
    expect(run.code).toBe(0);
    const report = jsonOf(run);
    expect(report.summary).toEqual({ errors: 0, warnings: 1 });
    expect(report.diagnostics).toHaveLength(1);
    const d = report.diagnostics[0]!;
    expect(d).toMatchObject({ code: 'app-deployed', severity: 'warn', file: 'model.yaml' });
    const appLine = lineOf(starterModel, 'id: "100101"');
    expect(d.line).toBeGreaterThanOrEqual(appLine);
    expect(d.line).toBeLessThan(appLine + 5);
    expect(d.column).toBeGreaterThan(0);
    expect(run.stderr).toBe('');
  });

  it('-f github -f sarif -o x.sarif: SARIF in the file, annotations on stdout', async () => {
    const dir = await starter([BROKEN_CALL, UNDEPLOYED]);
    const variants = [
      ['-f', 'github', '-f', 'sarif', '-o', 'x.sarif'],
      ['-f', 'sarif', '-o', 'x.sarif', '-f', 'github'],
      ['--format', 'github,sarif', '--output', 'x.sarif'],
    ];
    for (const flags of variants) {
      await rm(path.join(dir, 'x.sarif'), { force: true });
      const run = await runCli(['validate', '.', ...flags], dir);
      expect(run.code, flags.join(' ')).toBe(1);
      const sarif = JSON.parse(await readFile(path.join(dir, 'x.sarif'), 'utf8')) as {
        version: string;
        runs: {
          tool: { driver: { name: string } };
          results: { ruleId: string; level: string }[];
        }[];
      };
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0]!.tool.driver.name).toBe('archgen');
      expect(sarif.runs[0]!.results.map((r) => r.ruleId).sort()).toEqual([
        'app-deployed',
        'ref-resolves',
      ]);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines.some((l) => l.startsWith('::error file=model.yaml,line='))).toBe(true);
      expect(lines.some((l) => l.startsWith('::warning file=model.yaml,line='))).toBe(true);
      expect(run.stdout).toContain('title=ref-resolves');
    }
  });

  it('two --output files for one --format are a usage error', async () => {
    const dir = await starter([]);
    const run = await runCli(
      ['validate', '.', '-f', 'sarif', '-o', 'a.sarif', '-o', 'b.sarif'],
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a.sarif');
    expect(run.stderr).toContain('b.sarif');
  });

  it('-f junit is XML with a failure per problem', async () => {
    const dir = await starter([BROKEN_CALL]);
    const run = await runCli(['validate', '.', '-f', 'junit'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout.startsWith('<?xml')).toBe(true);
    expect(run.stdout.trimEnd().endsWith('</testsuites>')).toBe(true);
    expect(run.stdout).toContain('<testsuite ');
    expect(run.stdout.match(/<failure\b/g)).toHaveLength(1);
    expect(run.stdout).toContain('ref-resolves');
  });

  it('-f junit and -f codequality write the two GitLab reports in one run', async () => {
    const dir = await starter([BROKEN_CALL, UNDEPLOYED], '{ sync-cycles: warn }');
    const run = await runCli(
      ['validate', '.', '-f', 'junit', '-o', 'junit.xml', '-f', 'codequality', '-o', 'cq.json'],
      dir,
    );
    expect(run.stdout).toBe('');
    expect(await readFile(path.join(dir, 'junit.xml'), 'utf8')).toContain('ref-resolves');
    const issues = JSON.parse(await readFile(path.join(dir, 'cq.json'), 'utf8')) as {
      check_name: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path])).toEqual([
      ['config', 'major', 'archgen.yaml'],
      ['app-deployed', 'minor', 'model.yaml'],
      ['ref-resolves', 'major', 'model.yaml'],
    ]);
    expect(run.code).toBe(2);
  });

  it('--quiet drops warnings but keeps errors and the exit code', async () => {
    const dir = await starter([BROKEN_CALL, UNDEPLOYED]);
    const loud = jsonOf(await runCli(['validate', '.', '-f', 'json'], dir));
    expect(loud.diagnostics.map((d) => d.code).sort()).toEqual(['app-deployed', 'ref-resolves']);
    const quietJson = await runCli(['validate', '.', '-f', 'json', '--quiet'], dir);
    expect(quietJson.code).toBe(1);
    expect(jsonOf(quietJson).diagnostics.map((d) => d.code)).toEqual(['ref-resolves']);
    const quiet = await runCli(['validate', '.', '-q'], dir);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toContain('ref-resolves');
    expect(quiet.stdout).not.toContain('app-deployed');
    const onlyWarnings = await starter([UNDEPLOYED]);
    const none = await runCli(['validate', '.', '-q'], onlyWarnings);
    expect(none.code).toBe(0);
    expect(none.stdout).not.toContain('app-deployed');
  });
});

describe('archgen validate: rules in the manifest', () => {
  it('an unknown rule id is a config error (exit 2) with a suggestion', async () => {
    const dir = await starter([], '{ app-deploy: warn }');
    const run = await runCli(['validate', '.', '-f', 'json'], dir);
    expect(run.code).toBe(2);
    const config = jsonOf(run).diagnostics.filter((d) => d.code === 'config');
    expect(config).toHaveLength(1);
    expect(config[0]!.file).toBe('archgen.yaml');
    expect(config[0]!.line).toBe(lineOf(starterManifest, 'rules:'));
    expect(config[0]!.suggest).toContain('app-deployed');
    const stylish = await runCli(['validate', '.'], dir);
    expect(stylish.code).toBe(2);
    expect(stylish.stdout).toContain('app-deploy');
    expect(stylish.stdout).toContain('app-deployed');
  });

  it('a rule set to off reports nothing', async () => {
    const dir = await starter([UNDEPLOYED], '{ app-deployed: off }');
    const run = await runCli(['validate', '.', '-f', 'json', '--strict'], dir);
    expect(run.code).toBe(0);
    expect(jsonOf(run).diagnostics).toEqual([]);
  });

  it('a warning rule set to error fails the run', async () => {
    const dir = await starter([UNDEPLOYED], '{ app-deployed: error }');
    const run = await runCli(['validate', '.', '-f', 'json'], dir);
    expect(run.code).toBe(1);
    expect(jsonOf(run).diagnostics).toMatchObject([{ code: 'app-deployed', severity: 'error' }]);
  });
});
