/**
 * A render writes nothing outside --out: not in the model, not beside out/ (its temporary folder
 * there is gone afterwards), not in the working folder, and Chromium's profile in TMPDIR is removed.
 * Through the real CLI in a child process, with real Chromium, html + pdf + md.
 * (--out equal to the model folder or a parent of it is refused in render.test.ts.)
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_LINE, hashDir } from './helpers.js';

const BIN = fileURLToPath(new URL('../../bin/archgen.js', import.meta.url));
const SMALL = fileURLToPath(new URL('../corpus/limit-many-small-files/model/', import.meta.url));

let root: string;
const children = new Set<ReturnType<typeof spawn>>();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'archgen-confine-'));
  await cp(SMALL, path.join(root, 'model'), { recursive: true });
  await mkdir(path.join(root, 'work'));
  await mkdir(path.join(root, 'tmp'));
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  if (root) await rm(root, { recursive: true, force: true });
});

/** `archgen <args>` with `cwd` under the test folder and TMPDIR in it. */
function archgen(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, TMPDIR: path.join(root, 'tmp'), ...env },
  });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.resume();
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stderr });
    }),
  );
}

/** Everything under the test folder except out/, hashed. */
const outside = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(hashDir(root)).filter(([f]) => f !== 'out' && !f.startsWith('out/')),
  );

describe('a render stays inside --out', () => {
  it('writes out/ and nothing else: model, working folder, siblings and TMPDIR unchanged', async () => {
    const before = outside();
    const run = await archgen(
      ['render', '../model', '--out', '../out', '-f', 'html,pdf,md'],
      path.join(root, 'work'),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(readdirSync(path.join(root, 'out')).sort()).toEqual(
      expect.arrayContaining(['.archgen-output', 'diagrams']),
    );
    expect(outside()).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['model', 'out', 'tmp', 'work']);
    expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);

    // Again over the previous output (the swap path): still nothing outside out/.
    const again = await archgen(['render', 'model', '--out', 'out', '-f', 'html,md'], root);
    expect(again.code, again.stderr).toBe(0);
    expect(outside()).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['model', 'out', 'tmp', 'work']);
    expect(existsSync(path.join(root, 'out', '.archgen-render'))).toBe(false);
  }, 120_000);

  it('after a render killed mid-swap, puts the previous output back and removes only its own leftovers', async () => {
    const dir = path.join(root, 'swap');
    await mkdir(dir);
    // A process that is certainly gone, to own the leftovers.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.on('exit', r));
    const owner = (pid: number, out: string): string =>
      JSON.stringify({ pid, host: hostname(), out: path.join(dir, out) });
    const folder = async (name: string, files: Record<string, string>): Promise<void> => {
      await mkdir(path.join(dir, name));
      for (const [f, text] of Object.entries(files)) await writeFile(path.join(dir, name, f), text);
    };
    // Killed between moving out/ aside and moving the new output in: out/ is missing.
    await folder('.out.tmp-0001-old', {
      '.archgen-output': 'previous\n',
      'doc.md': 'the previous document\n',
      '.archgen-render': owner(dead.pid!, 'out'),
    });
    await folder('.out.tmp-0001', { 'doc.md': 'half', '.archgen-render': owner(dead.pid!, 'out') });
    // Not to be touched: no marker, a live owner, another output folder's.
    await folder('.out.tmp-mine', { 'notes.txt': 'mine' });
    await folder('.out.tmp-live', { '.archgen-render': owner(process.pid, 'out') });
    await folder('.out.tmp-0002', { '.archgen-render': owner(dead.pid!, 'elsewhere') });
    const kept = ['.out.tmp-live', '.out.tmp-mine', '.out.tmp-0002'].map((n) =>
      hashDir(path.join(dir, n)),
    );

    // This render fails (no browser for the PDF) after its sweep: out/ must be the previous one.
    const run = await archgen(['render', '../model', '--out', 'out', '-f', 'pdf'], dir, {
      PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium',
    });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('PUPPETEER_EXECUTABLE_PATH');
    expect(hashDir(path.join(dir, 'out'))).toEqual({
      '.archgen-output': expect.any(String) as unknown,
      'doc.md': expect.any(String) as unknown,
    });
    expect(readdirSync(dir).sort()).toEqual([
      '.out.tmp-0002',
      '.out.tmp-live',
      '.out.tmp-mine',
      'out',
    ]);
    expect(
      ['.out.tmp-live', '.out.tmp-mine', '.out.tmp-0002'].map((n) => hashDir(path.join(dir, n))),
    ).toEqual(kept);
  }, 60_000);

  it('refuses --out equal to the working folder, and writes nothing', async () => {
    const before = hashDir(root);
    const run = await archgen(
      ['render', '../model', '--out', '.', '-f', 'md'],
      path.join(root, 'work'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out \. would replace the model or the working folder/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(hashDir(root)).toEqual(before);
  }, 60_000);
});
