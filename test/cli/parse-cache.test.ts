import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  cp,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCacheFolder, ParseCache } from '../../src/load/parse-cache.js';
import { DEFAULT_LIMITS, knownText, parseYamlFile } from '../../src/load/parse.js';
import { runCli, type CliRun } from '../helpers/cli.js';

/**
 * The parse cache (`validate` / `render` load through it by default): whatever state it is in,
 * a run reports exactly what a run without it reports, positions included.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin/archgen.js');

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `archgen-${prefix}-`));
  temps.push(dir);
  return dir;
}

/**
 * A model with findings of every phase in several files: a schema enum and an unknown key, rule
 * findings in a file with a BOM, CRLF line ends and CJK text, one in a file using an anchor (parsed
 * by the slow parser) and one in a subfolder; plus two files that are never cached: a duplicate
 * key (reported, then loaded) and a syntax error.
 */
const BROKEN: Record<string, string> = {
  'archgen.yaml': 'archgen: 1\nenterprise: { name: Test }\ninclude: ["**/*.yaml"]\n',
  'business.yaml': `business:
  mainBusiness: Online sales of our products.
  parties:
    - { id: customer, name: &who Customer, kind: customer }
    - { id: platform, name: Our platform, kind: platform }
  orgUnits:
    - { id: ceo-office, name: CEO office, headcount: 5 }
    - { id: rd, name: R&D, parent: ceo-office, headcount: 20 }
  processes:
    - id: ordering
      name: Ordering
      owner: rd
      steps:
        - { id: browse, name: Browse products, actor: customer, next: [order], app: "100101" }
        - { id: order, name: *who, actor: customer, app: "100301" }
productLines:
  - { code: "10", id: shop, name: Shop }
`,
  'apps.yaml': `applications:
  - id: "100101"
    name: Shop web
    kind: webapp
    owner: rd
    calls:
      - { target: "100201", protocol: rest, operations: [POST /orders] }
    deployedOn: [web-cluster]
  - id: "100201"
    name: Order service
    kind: backend
    colour: red
    owner: rd
    uses: [{ database: order-db, access: readwrite }]
    deployedOn: [app-cluster]
`,
  // The database on the first line, after the BOM; line ends CRLF and one lone CR.
  'data.yaml': `\uFEFF${[
    'data: { databases: [{ id: order-db, name: 订单库, engine: postgresql, kind: oltp, ownedBy: "100201", entities: [order], cluster: db-cluster }],\r\n',
    '  categories: [{ id: order, name: Orders }],\r',
    '  entities: [{ id: order, name: 订单, category: order, ownedBy: "100999",\r\n',
    '    attributes: [{ name: id, type: bigint, pk: true }] }] }\r\n',
  ].join('')}`,
  'infra/physical.yaml': `physical:
  regions:
    - { id: main, name: Main region }
  datacenters:
    - { id: dc1, name: Datacenter 1, region: main, kind: cloud-region }
  networks:
    - { id: internal, name: Internal network, zone: internal }
  clusters:
    - { id: web-cluster, name: Web cluster, kind: web, datacenter: dc1, network: internal, productLines: ["10"] }
    - { id: app-cluster, name: App cluster, kind: soa, datacenter: dc9, network: internal, productLines: ["10"] }
    - { id: db-cluster, name: Database cluster, kind: database, datacenter: dc1, network: internal, productLines: ["10"] }
`,
  'subsystems.yaml': `subsystems:
  - { code: "01", productLine: "10", name: Storefront }
  - code: "02"
    productLine: "10"
    name: Orders
    name: Orders again
`,
  'broken.yaml': 'externalSystems:\n  - { id: bank, name: "Bank\n',
};
/** Files of BROKEN, and those the cache keeps (all but the duplicate key and the syntax error). */
const BROKEN_FILES = Object.keys(BROKEN).length;
const BROKEN_CACHEABLE = BROKEN_FILES - 2;

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
}

/** A copy of BROKEN in a new folder, as `<dir>/model`. */
async function brokenModel(): Promise<string> {
  const dir = await temp('cache-model');
  await writeFiles(path.join(dir, 'model'), BROKEN);
  return dir;
}

const DEBUG = /^archgen: parse cache (.+): (\d+) of (\d+) files from cache(, written)?\n/m;

/** A run with the parse cache in `cacheDir`, and what the cache said it did. */
async function cached(
  args: string[],
  cwd: string,
  cacheDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun & { hits: number; files: number; written: boolean }> {
  const run = await runCli([...args, '--cache-location', cacheDir], cwd, {
    ARCHGEN_NO_CACHE: undefined,
    ARCHGEN_DEBUG: '1',
    ...env,
  });
  const m = DEBUG.exec(run.stderr);
  expect(m, run.stderr).not.toBeNull();
  return {
    ...run,
    stderr: run.stderr.replace(DEBUG, ''),
    hits: Number(m![2]),
    files: Number(m![3]),
    written: m![4] !== undefined,
  };
}

/** What the run printed and returned, for comparing runs. */
const output = (r: CliRun): CliRun => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

/** The one cache file in a folder. */
async function cacheFile(cacheDir: string): Promise<string> {
  const names = (await readdir(cacheDir)).filter((n) => n.endsWith('.parse-cache'));
  expect(names).toHaveLength(1);
  return path.join(cacheDir, names[0]!);
}

describe('parse cache: same answers', () => {
  for (const format of ['json', 'stylish']) {
    it(`the example model, --format ${format}: cold, warm and without the cache agree`, async () => {
      const cacheDir = await temp('cache');
      const args = ['validate', 'model', '--format', format];
      const plain = await runCli(args, ROOT);
      expect(plain.code).toBe(0);
      const cold = await cached(args, ROOT, cacheDir);
      const warm = await cached(args, ROOT, cacheDir);
      expect(output(cold)).toEqual(output(plain));
      expect(output(warm)).toEqual(output(plain));
      expect([cold.hits, cold.written]).toEqual([0, true]);
      expect(warm.files).toBeGreaterThan(5);
      expect([warm.hits, warm.written]).toEqual([warm.files, false]);
    });

    it(`a broken model, --format ${format}: every finding and position the same`, async () => {
      const dir = await brokenModel();
      const cacheDir = await temp('cache');
      const args = ['validate', 'model', '--format', format];
      const plain = await runCli(args, dir);
      expect(plain.code).toBe(1);
      if (format === 'json') {
        const files = new Set(
          (JSON.parse(plain.stdout) as { diagnostics: { file: string }[] }).diagnostics.map(
            (d) => d.file,
          ),
        );
        // Findings in six of the seven files, so positions come from cached and parsed files alike.
        expect(files.size).toBe(6);
      }
      const cold = await cached(args, dir, cacheDir);
      const warm = await cached(args, dir, cacheDir);
      expect(output(cold)).toEqual(output(plain));
      expect(output(warm)).toEqual(output(plain));
      expect([cold.hits, cold.files]).toEqual([0, BROKEN_FILES]);
      expect([warm.hits, warm.files, warm.written]).toEqual([
        BROKEN_CACHEABLE,
        BROKEN_FILES,
        false,
      ]);
    });
  }
});

describe('parse cache: invalidation by content', () => {
  it('an edited file is parsed again, and only that one', async () => {
    const dir = await brokenModel();
    const cacheDir = await temp('cache');
    const args = ['validate', 'model', '--format', 'json'];
    await cached(args, dir, cacheDir);
    const apps = path.join(dir, 'model/apps.yaml');
    await writeFile(apps, (await readFile(apps, 'utf8')).replace('kind: webapp', 'kind: web'));
    const edited = await cached(args, dir, cacheDir);
    expect(output(edited)).toEqual(output(await runCli(args, dir)));
    expect(edited.stdout).not.toContain('webapp');
    expect([edited.hits, edited.written]).toEqual([BROKEN_CACHEABLE - 1, true]);
    const again = await cached(args, dir, cacheDir);
    expect([again.hits, again.written]).toEqual([BROKEN_CACHEABLE, false]);
  });

  it('a new finding in an unchanged file is placed exactly', async () => {
    const dir = await brokenModel();
    const cacheDir = await temp('cache');
    const args = ['validate', 'model', '--format', 'json'];
    const cold = await cached(args, dir, cacheDir);
    // Renaming the database cluster in infra/physical.yaml leaves data.yaml (unchanged: taken
    // from the cache; BOM, CRLF, CJK) with a reference on line 1 no earlier run located.
    const infra = path.join(dir, 'model/infra/physical.yaml');
    const text = await readFile(infra, 'utf8');
    await writeFile(infra, text.replace('{ id: db-cluster,', '{ id: db-cluster-2,'));
    const warm = await cached(args, dir, cacheDir);
    const plain = await runCli(args, dir);
    expect(output(warm)).toEqual(output(plain));
    const findings = (s: string): { file: string; message: string; line: number }[] =>
      (JSON.parse(s) as { diagnostics: { file: string; message: string; line: number }[] })
        .diagnostics;
    const before = findings(cold.stdout).filter((d) => d.file === 'model/data.yaml');
    const now = findings(plain.stdout).filter((d) => d.file === 'model/data.yaml');
    expect(before.some((d) => d.message.includes('db-cluster'))).toBe(false);
    expect(now.find((d) => d.message.includes('`db-cluster`'))?.line).toBe(1);
    expect([warm.hits, warm.written]).toEqual([BROKEN_CACHEABLE - 1, true]);
    // The new place is kept: the next run parses nothing and writes nothing.
    const again = await cached(args, dir, cacheDir);
    expect(output(again)).toEqual(output(plain));
    expect([again.hits, again.written]).toEqual([BROKEN_CACHEABLE, false]);
  });

  it('renamed and moved files: same findings under their new names', async () => {
    const dir = await brokenModel();
    const cacheDir = await temp('cache');
    const args = ['validate', 'model', '--format', 'json'];
    await cached(args, dir, cacheDir);
    const model = path.join(dir, 'model');
    await mkdir(path.join(model, 'apps'));
    await rename(path.join(model, 'apps.yaml'), path.join(model, 'apps/applications.yaml'));
    await rename(path.join(model, 'data.yaml'), path.join(model, 'infra/data.yaml'));
    await rename(path.join(model, 'infra/physical.yaml'), path.join(model, 'physical.yaml'));
    const warm = await cached(args, dir, cacheDir);
    const plain = await runCli(args, dir);
    expect(output(warm)).toEqual(output(plain));
    expect(plain.stdout).toContain('model/apps/applications.yaml');
    expect(plain.stdout).toContain('model/infra/data.yaml');
    expect(plain.stdout).not.toContain('model/infra/physical.yaml');
    expect(warm.hits).toBe(BROKEN_CACHEABLE);
  });

  it('the same model in another folder has its own cache file', async () => {
    const dir = await brokenModel();
    const cacheDir = await temp('cache');
    const args = ['validate', 'model', '--format', 'json'];
    await cached(args, dir, cacheDir);
    await cp(path.join(dir, 'model'), path.join(dir, 'copy'), { recursive: true });
    const copy = await cached(['validate', 'copy', '--format', 'json'], dir, cacheDir);
    expect([copy.hits, copy.written]).toEqual([0, true]);
    expect((await readdir(cacheDir)).filter((n) => n.endsWith('.parse-cache'))).toHaveLength(2);
  });
});

describe('parse cache: damage and foreign files', () => {
  const damages: [string, (bytes: Buffer) => Buffer][] = [
    ['empty', () => Buffer.alloc(0)],
    ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2))],
    ['one byte of the last entry changed', (b) => flip(b, b.length - 40)],
    ['one figure of a located range changed', changeRange],
    ['not a cache file at all', () => Buffer.from('{"hello": "world"}\n')],
    ['written by another version', (b) => relabel(b, (h) => ({ ...h, key: 'another' }))],
    ['of another layout', (b) => relabel(b, (h) => ({ ...h, format: 99 }))],
    ['a header that is not JSON', (b) => Buffer.concat([b.subarray(0, 20), Buffer.from('{\n')])],
  ];

  for (const [what, damage] of damages) {
    it(`a cache file ${what} is ignored and replaced`, async () => {
      const dir = await brokenModel();
      const cacheDir = await temp('cache');
      const args = ['validate', 'model', '--format', 'json'];
      const plain = await runCli(args, dir);
      await cached(args, dir, cacheDir);
      const file = await cacheFile(cacheDir);
      await writeFile(file, damage(await readFile(file)));
      const run = await cached(args, dir, cacheDir);
      expect(output(run)).toEqual(output(plain));
      expect([run.hits, run.written]).toEqual([0, true]);
      const after = await cached(args, dir, cacheDir);
      expect(output(after)).toEqual(output(plain));
      expect(after.hits).toBe(BROKEN_CACHEABLE);
    });
  }

  it('a cache location that cannot be written is no error', async () => {
    const dir = await brokenModel();
    const blocker = path.join(await temp('cache'), 'a-file');
    await writeFile(blocker, 'not a folder');
    const args = ['validate', 'model', '--format', 'json'];
    const run = await cached(args, dir, blocker);
    expect(output(run)).toEqual(output(await runCli(args, dir)));
    expect(run.written).toBe(false);
  });
});

describe('parse cache: on and off', () => {
  it('--no-cache and ARCHGEN_NO_CACHE=1 read and write nothing', async () => {
    const dir = await brokenModel();
    const cacheDir = path.join(await temp('cache'), 'c');
    const args = ['validate', 'model', '--format', 'json', '--cache-location', cacheDir];
    const on = { ARCHGEN_NO_CACHE: undefined, ARCHGEN_DEBUG: '1' };
    const flag = await runCli([...args, '--no-cache'], dir, on);
    const env = await runCli(args, dir, { ...on, ARCHGEN_NO_CACHE: '1' });
    for (const run of [flag, env]) {
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain('parse cache');
    }
    expect(existsSync(cacheDir)).toBe(false);
    // ARCHGEN_NO_CACHE=0 leaves it on.
    await runCli(args, dir, { ...on, ARCHGEN_NO_CACHE: '0' });
    expect(existsSync(cacheDir)).toBe(true);
  });

  it("by default the cache goes to node_modules/.cache/archgen of the model's project", async () => {
    const dir = await brokenModel();
    await writeFile(path.join(dir, 'package.json'), '{}\n');
    await mkdir(path.join(dir, 'node_modules'));
    const run = await runCli(['validate', 'model', '--format', 'json'], dir, {
      ARCHGEN_NO_CACHE: undefined,
    });
    expect(run.code).toBe(1);
    const folder = path.join(dir, 'node_modules/.cache/archgen');
    expect((await readdir(folder)).some((n) => n.endsWith('.parse-cache'))).toBe(true);
  });

  it('a project without node_modules, or none: $XDG_CACHE_HOME/archgen, else ~/.cache', async () => {
    const env = { XDG_CACHE_HOME: '/xdg', HOME: '/home/u' };
    // A node_modules above the project (as in a home or temp folder) is not the project's.
    const outer = await temp('outer');
    await mkdir(path.join(outer, 'node_modules'));
    await mkdir(path.join(outer, 'project/model'), { recursive: true });
    await writeFile(path.join(outer, 'project/package.json'), '{}\n');
    const model = path.join(outer, 'project/model');
    expect(await defaultCacheFolder(model, env)).toBe('/xdg/archgen');
    expect(await defaultCacheFolder(model, { ...env, XDG_CACHE_HOME: 'relative' })).toBe(
      '/home/u/.cache/archgen',
    );
    expect(await defaultCacheFolder(model, { HOME: '/home/u' })).toBe('/home/u/.cache/archgen');
    await mkdir(path.join(outer, 'project/node_modules'));
    expect(await defaultCacheFolder(model, env)).toBe(
      path.join(outer, 'project/node_modules/.cache/archgen'),
    );
    // No project at all: the temp folder's own (in the rare case a package.json is above it).
    const loose = await temp('loose');
    const project = await projectAbove(loose);
    expect(await defaultCacheFolder(loose, env)).toBe(
      project && existsSync(path.join(project, 'node_modules'))
        ? path.join(project, 'node_modules/.cache/archgen')
        : '/xdg/archgen',
    );
  });

  it('a cached file reads as the same text as a parsed one (BOM, CRLF, lone CR, CJK)', () => {
    const texts = [
      'a: 1\n',
      '\uFEFFa: 1\n',
      '\uFEFF\uFEFFa: "x"\n',
      'a: 1\r\nb: 2\r\n',
      'a: 1\rb: 2\rc: [1,\r 2]\r',
      '\uFEFFa: 订单\r\nb: 2\rc: 3\n',
      '',
    ];
    for (const text of texts) {
      const bytes = Buffer.from(text, 'utf8');
      const parsed = parseYamlFile('f.yaml', '/f.yaml', bytes);
      expect(parsed.ok, JSON.stringify(text)).toBe(true);
      expect(knownText(bytes), JSON.stringify(text)).toBe(parsed.source.text);
    }
  });

  it('another parse limit does not read entries made under the old one', async () => {
    const dir = await brokenModel();
    const cacheDir = await temp('cache');
    const root = path.join(dir, 'model');
    const bytes = await readFile(path.join(root, 'apps.yaml'));
    const hash = ParseCache.hash(bytes);
    const first = await ParseCache.open(root, DEFAULT_LIMITS, { folder: cacheDir });
    first.put(hash, { applications: [] });
    expect((await first.save()).written).toBe(true);
    const same = await ParseCache.open(root, DEFAULT_LIMITS, { folder: cacheDir });
    expect(same.get(hash)?.data).toEqual({ applications: [] });
    const deeper = { ...DEFAULT_LIMITS, maxDepth: DEFAULT_LIMITS.maxDepth + 1 };
    const other = await ParseCache.open(root, deeper, { folder: cacheDir });
    expect(other.get(hash)).toBeUndefined();
  });
});

describe('parse cache: runs in parallel', () => {
  it('four processes at once, cold then after edits, never leave a broken cache', async () => {
    const dir = await brokenModel();
    const cacheDir = await temp('cache');
    const args = ['validate', 'model', '--format', 'json'];
    const apps = path.join(dir, 'model/apps.yaml');
    for (const round of [0, 1, 2]) {
      if (round > 0) await writeFile(apps, `${await readFile(apps, 'utf8')}# round ${round}\n`);
      const plain = await runCli(args, dir);
      const runs = await Promise.all(
        [1, 2, 3, 4].map(() => spawnCli([...args, '--cache-location', cacheDir], dir)),
      );
      for (const run of runs) expect(run).toEqual(output(plain));
      // The built CLI's cache is not the one of these sources (the loader's code is in its key).
      const after = await spawnCli([...args, '--cache-location', cacheDir], dir, {
        ARCHGEN_DEBUG: '1',
      });
      expect({ ...after, stderr: after.stderr.replace(DEBUG, '') }).toEqual(output(plain));
      expect(DEBUG.exec(after.stderr)?.slice(2)).toEqual([
        String(BROKEN_CACHEABLE),
        String(BROKEN_FILES),
        undefined,
      ]);
    }
    // Only the cache file is left: no temporary files.
    expect(await readdir(cacheDir)).toEqual([path.basename(await cacheFile(cacheDir))]);
  });
});

/** Runs the built CLI in its own process. */
function spawnCli(args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...extra };
    delete env['ARCHGEN_NO_CACHE'];
    if (!extra['ARCHGEN_DEBUG']) delete env['ARCHGEN_DEBUG'];
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The nearest folder above `dir` holding a package.json, if any. */
async function projectAbove(dir: string): Promise<string | undefined> {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const s = await stat(path.join(d, 'package.json')).catch(() => undefined);
    if (s?.isFile()) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The bytes with one byte changed. */
function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x20;
  return copy;
}

/** The cache file with the last figure of the entry list (its third line, JSON) changed. */
function changeRange(bytes: Buffer): Buffer {
  const second = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1);
  const third = bytes.indexOf(0x0a, second + 1);
  const copy = Buffer.from(bytes);
  for (let i = third - 1; i > second; i--) {
    const c = copy[i]!;
    if (c >= 0x30 && c <= 0x39) {
      copy[i] = c === 0x31 ? 0x32 : 0x31;
      return copy;
    }
  }
  throw new Error('no figure in the entry list');
}

/** The cache file with its header (the JSON line after the first line) rewritten. */
function relabel(
  bytes: Buffer,
  change: (header: Record<string, unknown>) => Record<string, unknown>,
): Buffer {
  const first = bytes.indexOf(0x0a);
  const second = bytes.indexOf(0x0a, first + 1);
  const header = JSON.parse(bytes.subarray(first + 1, second).toString()) as Record<
    string,
    unknown
  >;
  return Buffer.concat([
    bytes.subarray(0, first + 1),
    Buffer.from(JSON.stringify(change(header))),
    bytes.subarray(second),
  ]);
}
