import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { writeModel } from '../helpers/model.js';

/** `--help`, `--version`, unknown commands, `archgen rules` and `archgen id next`, as a user runs them. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODEL = path.join(ROOT, 'model');

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

describe('help and version', () => {
  it.each([
    [['--help']],
    [['validate', '--help']],
    [['render', '--help']],
    [['init', '--help']],
    [['rules', '--help']],
    [['id', 'next', '--help']],
  ])('archgen %j exits 0 and shows examples', async (args) => {
    const run = await runCli(args, ROOT);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: archgen/m);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toMatch(/Examples:\n\s+\$ archgen /);
    expect(run.stderr).toBe('');
  });

  it('archgen --help lists every command', async () => {
    const run = await runCli(['--help'], ROOT);
    for (const c of ['validate', 'render', 'init', 'rules', 'id']) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
    }
  });

  it.each([
    ['valdate', 'validate'],
    ['rendr', 'render'],
  ])('an unknown command (%s) exits 2 and suggests %s', async (typo, meant) => {
    const run = await runCli([typo, 'model'], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`unknown command '${typo}'`);
    expect(run.stderr).toContain(`Did you mean ${meant}?`);
    expect(run.stdout).toBe('');
  });

  it('an unknown command with no near miss still exits 2', async () => {
    const run = await runCli(['frobnicate'], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });

  it('--version and -v print the package.json version', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const run = await runCli([flag], ROOT);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${pkg.version}\n`);
    }
  });
});

describe('render time limits', () => {
  it('documents --timeout, --diagram-timeout and the exit codes in --help', async () => {
    const run = await runCli(['render', '--help'], ROOT);
    expect(run.stdout).toMatch(/--timeout <seconds>\s+time limit for the whole render/);
    expect(run.stdout).toMatch(/--diagram-timeout <seconds>\s+time limit for drawing one diagram/);
    expect(run.stdout).toMatch(/Exit codes:[\s\S]*130 \(Ctrl-C, SIGINT\), 143 \(SIGTERM\)/);
    expect(run.stdout).toContain('$ archgen render model --timeout 300 --diagram-timeout 60');
  });

  it.each([
    [['--timeout', 'soon'], '--timeout takes a number of seconds (0 for no limit); got `soon`'],
    [['--timeout', '-5'], '--timeout takes a number of seconds (0 for no limit); got `-5`'],
    [['--diagram-timeout', '0'], '--diagram-timeout takes a number of seconds above 0; got `0`'],
  ])('refuses %j before doing anything, with exit 2', async (flags, message) => {
    const run = await runCli(['render', MODEL, '--out', 'never-written', ...flags], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/internal error/);
    await expect(readdir(path.join(ROOT, 'never-written'))).rejects.toThrow();
  });
});

/** The fixed rule ids and defaults of product.md's table (users and CI key on them). */
const PRODUCT_RULES: [string, 'error' | 'warn'][] = [
  ['yaml-syntax', 'error'],
  ['schema', 'error'],
  ['io', 'error'],
  ['id-unique', 'error'],
  ['ref-resolves', 'error'],
  ['app-id-format', 'error'],
  ['subsystem-code-unique', 'error'],
  ['frontend-via-centers', 'warn'],
  ['foreign-db-write', 'error'],
  ['foreign-db-read', 'warn'],
  ['logic-duplication', 'warn'],
  ['entity-owner', 'error'],
  ['entity-pk', 'warn'],
  ['state-initial', 'error'],
  ['state-reachable', 'warn'],
  ['state-exit', 'warn'],
  ['state-final-exit', 'error'],
  ['sync-cycle', 'warn'],
  ['center-unused', 'warn'],
  ['capacity-order', 'error'],
  ['app-deployed', 'warn'],
  ['domain-unique', 'error'],
  ['domain-redirect', 'warn'],
  ['org-cycle', 'error'],
  ['process-flow', 'warn'],
  ['include-matches', 'warn'],
  ['planned-delivered', 'warn'],
];

describe('archgen rules', () => {
  it('lists every rule of the product table with its default severity', async () => {
    const run = await runCli(['rules'], ROOT);
    expect(run.code).toBe(0);
    for (const [id, severity] of PRODUCT_RULES) {
      expect(run.stdout, id).toMatch(new RegExp(`^${id} +${severity} +\\S`, 'm'));
    }
  });

  it('--format json is an array of {id, description, defaultSeverity}', async () => {
    const run = await runCli(['rules', '--format', 'json'], ROOT);
    expect(run.code).toBe(0);
    const metas = JSON.parse(run.stdout) as unknown;
    expect(Array.isArray(metas)).toBe(true);
    const list = metas as { id: unknown; description: unknown; defaultSeverity: unknown }[];
    for (const m of list) {
      expect(typeof m.id).toBe('string');
      expect(typeof m.description).toBe('string');
      expect((m.description as string).length).toBeGreaterThan(10);
      expect(['error', 'warn', 'off']).toContain(m.defaultSeverity);
    }
    const byId = new Map(list.map((m) => [m.id, m.defaultSeverity]));
    expect(byId.size).toBe(list.length);
    for (const [id, severity] of PRODUCT_RULES) expect(byId.get(id), id).toBe(severity);
  });

  it('an unknown --format is a usage error', async () => {
    const run = await runCli(['rules', '--format', 'yaml'], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown --format `yaml`');
  });
});

/** Ids of every application in the example model (all YAML files under model/). */
async function exampleAppIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of await readdir(MODEL, { recursive: true })) {
    const name = String(entry);
    if (!/\.ya?ml$/.test(name)) continue;
    const doc = parse(await readFile(path.join(MODEL, name), 'utf8')) as {
      applications?: { id: string }[];
    } | null;
    for (const app of doc?.applications ?? []) ids.push(String(app.id));
  }
  return ids;
}

describe('archgen id next', () => {
  it('gives a free id above the highest in use in the example model', async () => {
    const run = await runCli(['id', 'next', '--line', '10', '--subsystem', '02'], MODEL);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^1002\d\d\n$/);
    const id = run.stdout.trim();
    const ids = await exampleAppIds();
    expect(ids.length).toBeGreaterThan(20);
    expect(ids).not.toContain(id);
    const inSubsystem = ids.filter((i) => i.startsWith('1002')).map(Number);
    expect(inSubsystem.length).toBeGreaterThan(0);
    expect(Number(id)).toBeGreaterThan(Math.max(...inSubsystem));
    // The same with the model folder as an argument and the short flags.
    const short = await runCli(['id', 'next', 'model', '-l', '10', '-s', '02'], ROOT);
    expect(short).toEqual(run);
  });

  it('an undeclared product line exits 1 naming it', async () => {
    const run = await runCli(['id', 'next', '--line', '77', '--subsystem', '01'], MODEL);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('product line `77` is not declared');
    expect(run.stdout).toBe('');
  });

  it('an undeclared subsystem exits 1 naming it', async () => {
    const run = await runCli(['id', 'next', '--line', '10', '--subsystem', '97'], MODEL);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('subsystem `97` is not declared in product line `10`');
  });

  it.each([
    [['--line', '1', '--subsystem', '02'], '--line must be two digits'],
    [['--line', '10', '--subsystem', 'ab'], '--subsystem must be two digits'],
    [['--subsystem', '02'], '--line'],
  ])('bad flags %j are a usage error (2)', async (flags, message) => {
    const run = await runCli(['id', 'next', ...flags], MODEL);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  /** A model whose subsystem 1001 uses the given app numbers (1-99). */
  async function subsystemModel(numbers: number[]): Promise<string> {
    const apps = numbers
      .map((n) => `  - { id: "1001${String(n).padStart(2, '0')}", name: App ${n}, kind: backend }`)
      .join('\n');
    const dir = await writeModel({
      'model.yaml': [
        'productLines:',
        '  - { code: "10", id: shop, name: Shop }',
        'subsystems:',
        '  - { code: "01", productLine: "10", name: Everything }',
        'applications:',
        apps,
        '',
      ].join('\n'),
    });
    temps.push(dir);
    return dir;
  }

  it('says the range is full when ids 01-99 are all used', async () => {
    const dir = await subsystemModel(Array.from({ length: 99 }, (_, i) => i + 1));
    const run = await runCli(['id', 'next', '--line', '10', '--subsystem', '01'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('subsystem 1001 has no free id left');
    expect(run.stdout).toBe('');
  });

  it('once 99 is taken, gives the lowest free number', async () => {
    const dir = await subsystemModel(
      Array.from({ length: 99 }, (_, i) => i + 1).filter((n) => n !== 42),
    );
    const run = await runCli(['id', 'next', '--line', '10', '--subsystem', '01'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('100142\n');
  });
});
