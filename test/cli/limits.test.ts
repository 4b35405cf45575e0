/**
 * Pathological models through the real CLI, each bounded in wall time and peak memory (measured
 * by the process itself, so a test fails on the bound, not on a crash). The models are written at
 * test time; sizes are the smallest that prove each bound. Findings themselves are checked in
 * test/corpus (limit-*) where the shape fits; these cases are too big to commit.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/archgen.js', import.meta.url));
const BASE = fileURLToPath(new URL('../corpus/limit-many-small-files/model/', import.meta.url));
const WALL_MS = 20_000;
const RSS_BYTES = 1024 ** 3;

let root: string;
const children = new Set<ReturnType<typeof spawn>>();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'archgen-limits-'));
  // Runs bin/archgen.js as is, then reports the process's own peak memory on stderr.
  await writeFile(
    path.join(root, 'measure.mjs'),
    `process.on('exit', () => process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS * 1024 + '\\n'));
await import(${JSON.stringify(pathToFileURL(BIN).href)});\n`,
  );
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  if (root) await rm(root, { recursive: true, force: true });
});

interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  rss: number;
}

/** `archgen validate <model> -f json` in a child process, with its wall time and peak RSS. */
function validate(model: string): Promise<Measured> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(root, 'measure.mjs'), 'validate', model, '-f', 'json'],
    { cwd: root },
  );
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 3 * WALL_MS);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      const rss = Number(/MAXRSS (\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ code, stdout, stderr, ms: performance.now() - started, rss });
    });
  });
}

/** A copy of the small valid corpus model with one more file. */
async function modelWith(name: string, file: string, text: string): Promise<string> {
  const dir = path.join(root, name);
  await cp(BASE, dir, { recursive: true });
  await writeFile(path.join(dir, file), text);
  return name;
}

interface Found {
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

function expectBounded(run: Measured): Found[] {
  expect(run.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)/);
  expect(run.ms, `wall ${Math.round(run.ms)} ms`).toBeLessThan(WALL_MS);
  expect(run.rss, `peak RSS ${Math.round(run.rss / 1048576)} MiB`).toBeLessThan(RSS_BYTES);
  return (JSON.parse(run.stdout) as { diagnostics: Found[] }).diagnostics;
}

describe('validate stays bounded on pathological models', () => {
  it('a file of 1,000,000 list items: the first 1,000 problems, then it stops', async () => {
    const model = await modelWith('items', 'list.yaml', 'businessLogic:\n' + '- 1\n'.repeat(1e6));
    const run = await validate(model);
    const found = expectBounded(run);
    expect(run.code).toBe(1);
    expect(found).toHaveLength(1001);
    expect(found).toContainEqual(
      expect.objectContaining({ file: 'items/list.yaml', line: 2, column: 3, code: 'schema' }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        file: 'items/list.yaml',
        line: 1001,
        message: '`businessLogic[999]` must be a map; got integer `1`',
      }),
    );
    expect(found[0]?.message).toMatch(/more than 1,000 schema problems in this file/);
  }, 60_000);

  it('a mapping of 100,000 unknown keys', async () => {
    let text = '';
    for (let i = 0; i < 100_000; i++) text += `k${i}: ${i}\n`;
    const run = await validate(await modelWith('keys', 'keys.yaml', text));
    const found = expectBounded(run);
    expect(run.code).toBe(1);
    expect(found).toContainEqual(
      expect.objectContaining({ file: 'keys/keys.yaml', line: 1, column: 1, code: 'schema' }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        line: 1000,
        column: 1,
        message: expect.stringMatching(/^unknown section `k999`/) as unknown,
      }),
    );
  }, 60_000);

  it('a 9 MiB string on one line is valid', async () => {
    const text = `businessLogic:\n  - id: big\n    name: "${'n'.repeat(9 * 1024 * 1024)}"\n`;
    const run = await validate(await modelWith('string', 'big.yaml', text));
    expect(expectBounded(run)).toEqual([]);
    expect(run.code).toBe(0);
  }, 60_000);
});
