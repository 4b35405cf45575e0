import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/archgen.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../model/', import.meta.url));
const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

/** Polls until `check` holds or the time is up. */
async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (
    const end = Date.now() + ms;
    Date.now() < end;
    await new Promise((r) => setTimeout(r, 200))
  ) {
    if (await check()) return true;
  }
  return false;
}

it('render --watch re-renders when a model file changes, and stops on SIGINT', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'archgen-watch-'));
  temps.push(dir);
  // The output folder's name is a prefix of the model folder's: changes to the model must count.
  // The parse cache stays in the temp folder (each re-render reads it: only the edit is parsed).
  await cp(EXAMPLE, path.join(dir, 'model-x'), { recursive: true });
  const cache = ['--cache-location', path.join(dir, 'cache')];
  const child = spawn(
    process.execPath,
    [BIN, 'render', 'model-x', '--out', 'model', '-f', 'md', '--watch', ...cache],
    {
      cwd: dir,
    },
  );
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    expect(await until(() => Promise.resolve(stderr.includes('watching')), 20_000), stderr).toBe(
      true,
    );
    const apps = path.join(dir, 'model-x', 'applications.yaml');
    await writeFile(
      apps,
      (await readFile(apps, 'utf8')).replace(
        'Domestic purchaser website',
        'Domestic purchaser portal',
      ),
    );
    const md = async (): Promise<string> => {
      const name = (await readdir(path.join(dir, 'model'))).find((f) => f.endsWith('.md')) ?? '';
      return readFile(path.join(dir, 'model', name), 'utf8').catch(() => '');
    };
    expect(
      await until(async () => (await md()).includes('Domestic purchaser portal'), 20_000),
      stderr,
    ).toBe(true);
    expect(stderr).toContain('changed:');
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(0);
}, 60_000);

it('render --watch reports a render that times out and keeps watching', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'archgen-watch-'));
  temps.push(dir);
  await cp(EXAMPLE, path.join(dir, 'model'), { recursive: true });
  await mkdir(path.join(dir, 'tmp'));
  const child = spawn(
    process.execPath,
    [BIN, 'render', 'model', '--out', 'out', '-f', 'html', '--watch', '--timeout', '1'],
    // Chromium's profile goes under this TMPDIR: it must be gone when watching ends.
    { cwd: dir, env: { ...process.env, TMPDIR: path.join(dir, 'tmp') } },
  );
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const timedOut = (): number => stderr.split('did not finish within 1 s').length - 1;
  try {
    expect(await until(() => Promise.resolve(stderr.includes('watching')), 30_000), stderr).toBe(
      true,
    );
    expect(timedOut(), stderr).toBe(1);
    const apps = path.join(dir, 'model', 'applications.yaml');
    await writeFile(apps, (await readFile(apps, 'utf8')) + '\n');
    expect(await until(() => Promise.resolve(timedOut() === 2), 30_000), stderr).toBe(true);
    expect(stderr).toContain('changed:');
    expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)/);
  } finally {
    child.kill('SIGINT');
  }
  // Should it not stop, it must not outlive the test.
  const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
  expect(await exited).toBe(0);
  clearTimeout(guard);
  const left = (await readdir(dir)).filter((n) => n === 'out' || n.startsWith('.out.tmp-'));
  expect(left).toEqual([]);
  expect(await readdir(path.join(dir, 'tmp'))).toEqual([]);
}, 90_000);
