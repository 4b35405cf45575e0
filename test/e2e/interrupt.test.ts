/**
 * Renders that are interrupted, killed or time out, through the real CLI in child processes with
 * real Chromium. Each starts after a first successful render into the same out/ and asserts that
 * out/ stays byte-identical, that the temporary folder goes, and that no process of that render
 * is left.
 *
 * "Processes of a render" are found without trusting archgen: each run gets a unique
 * ARCHGEN_TEST_RUN in its environment (Chromium's main process and its crash handlers inherit
 * it) and the pid of the browser it started (puppeteer starts Chromium as the leader of a session
 * that its zygotes and renderers stay in, even after the parent dies). TMPDIR points into the test
 * folder, so Chromium's profile and socket folders can be checked too.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STACK_LINE, hashDir } from './helpers.js';

const BIN = fileURLToPath(new URL('../../bin/archgen.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../model/', import.meta.url));
const SMALL = fileURLToPath(new URL('../corpus/limit-many-small-files/model/', import.meta.url));
const linux = process.platform === 'linux';

let root: string;
let before: Record<string, string>;
const runs: Run[] = [];

interface Run {
  child: ChildProcessWithoutNullStreams;
  marker: string;
  tmp: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Pid of the Chromium this run started, once seen. */
  browser?: number | undefined;
}

interface Proc {
  pid: number;
  ppid: number;
  sid: number;
  state: string;
}

/** Every process on the machine, from /proc. */
function procs(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), state: f[0] ?? '', ppid: Number(f[1]), sid: Number(f[3]) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function hasMarker(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`ARCHGEN_TEST_RUN=${marker}`);
  } catch {
    return false;
  }
}

/** Live (not zombie) processes of a run: marked, or in the session of the browser it started. */
function processesOf(run: Run): number[] {
  return procs()
    .filter((p) => p.state !== 'Z' && p.pid !== process.pid)
    .filter((p) => (run.browser && p.sid === run.browser) || hasMarker(p.pid, run.marker))
    .map((p) => p.pid);
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (check()) return true;
  return check();
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `archgen <args>` in `root`, with its own marker and TMPDIR (a new one unless given). */
async function start(args: string[], tmpDir?: string): Promise<Run> {
  const marker = randomUUID();
  const tmp = tmpDir ?? path.join(root, `tmp-${marker.slice(0, 8)}`);
  await mkdir(tmp, { recursive: true });
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: root,
    env: { ...process.env, TMPDIR: tmp, ARCHGEN_TEST_RUN: marker },
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const run: Run = { child, marker, tmp, stderr: () => stderr, exited };
  runs.push(run);
  return run;
}

const tempFolders = (): string[] => readdirSync(root).filter((n) => n.startsWith('.out.tmp-'));

/** Waits until the run is drawing diagrams: its temp folder holds some and its browser runs. */
async function midway(run: Run): Promise<void> {
  const drawn = (): number =>
    tempFolders().reduce((n, t) => {
      const cache = path.join(root, t, 'diagrams', '.cache');
      return n + (existsSync(cache) ? readdirSync(cache).length : 0);
    }, 0);
  const ok = await until(() => {
    run.browser ??= procs().find((p) => p.ppid === run.child.pid)?.pid;
    return run.browser !== undefined && drawn() >= 2;
  }, 90_000);
  expect(ok, `the render never got going:\n${run.stderr()}`).toBe(true);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'archgen-interrupt-'));
  await cp(EXAMPLE, path.join(root, 'model'), { recursive: true });
  await cp(SMALL, path.join(root, 'small'), { recursive: true });
  // The previous output: Markdown, so that each render below draws every diagram afresh.
  const first = await start(['render', 'model', '--out', 'out', '-f', 'md']);
  expect((await first.exited).code, first.stderr()).toBe(0);
  before = hashDir(path.join(root, 'out'));
}, 60_000);

afterEach(async () => {
  // Whatever a failed test left running: its CLI, then anything of its render.
  for (const run of runs.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await run.exited;
    for (const pid of processesOf(run)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

afterAll(async () => {
  if (root && !process.env['ARCHGEN_KEEP_E2E']) await rm(root, { recursive: true, force: true });
});

/** After the run ended: the previous output is intact, and nothing of the render is left. */
async function expectCleanedUp(run: Run): Promise<void> {
  expect(hashDir(path.join(root, 'out'))).toEqual(before);
  expect(tempFolders()).toEqual([]);
  // Chromium's crash handlers go a moment after the browser.
  expect(await until(() => processesOf(run).length === 0, 5_000), processesOf(run).join(' ')).toBe(
    true,
  );
  expect(readdirSync(run.tmp), 'Chromium profile or socket folders').toEqual([]);
}

describe.runIf(linux)('interrupted renders', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'on %s: exits at once with %i, closes the browser, removes the temp folder',
    async (signal, code) => {
      const run = await start(['render', 'model', '--out', 'out', '-f', 'html,pdf']);
      await midway(run);
      const sent = performance.now();
      run.child.kill(signal);
      const end = await run.exited;
      expect(end.at - sent, 'seconds to exit').toBeLessThan(5_000);
      expect(end).toMatchObject({ code, signal: null });
      expect(run.stderr()).toMatch(
        new RegExp(
          `interrupted by ${signal} while drawing diagram \`[^\`]+\` \\(\\d+ of \\d+\\); nothing was written, the previous output is unchanged`,
        ),
      );
      expect(run.stderr()).not.toMatch(STACK_LINE);
      await expectCleanedUp(run);
    },
    120_000,
  );

  it('on a second Ctrl-C during the cleanup: still 130, still cleaned up', async () => {
    // Whether the second signal lands before the cleanup is done is a race (the forced exit
    // itself is tested in test/cli/interrupt.test.ts); either way the outcome must be the same.
    const run = await start(['render', 'model', '--out', 'out', '-f', 'html']);
    await midway(run);
    run.child.kill('SIGINT');
    expect(await until(() => run.stderr().includes('stopping'), 5_000)).toBe(true);
    run.child.kill('SIGINT');
    const end = await run.exited;
    expect(end).toMatchObject({ code: 130, signal: null });
    await expectCleanedUp(run);
  }, 120_000);

  it('on SIGKILL: Chromium dies with it, and the next render removes the temp folder', async () => {
    const run = await start(['render', 'model', '--out', 'out', '-f', 'html']);
    await midway(run);
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    // Nothing could clean up; the browser goes by itself when its DevTools pipe closes.
    expect(
      await until(() => processesOf(run).length === 0, 5_000),
      processesOf(run).join(' '),
    ).toBe(true);
    expect(hashDir(path.join(root, 'out'))).toEqual(before);
    const [stale] = tempFolders();
    expect(stale).toBeDefined();
    expect(readFileSync(path.join(root, stale!, '.archgen-render'), 'utf8')).toContain(
      `"pid":${run.child.pid}`,
    );

    // The next render, with the same TMPDIR: the stale folder and Chromium profile go first.
    expect(readdirSync(run.tmp)).not.toEqual([]);
    const next = await start(['render', 'model', '--out', 'out', '-f', 'md'], run.tmp);
    expect((await next.exited).code, next.stderr()).toBe(0);
    expect(next.stderr()).toContain(`removed ${stale}, left by a render that was killed`);
    expect(tempFolders()).toEqual([]);
    expect(hashDir(path.join(root, 'out'))).toEqual(before); // same model, same Markdown
    expect(readdirSync(run.tmp)).toEqual([]);
  }, 120_000);
});

describe.runIf(linux)('time limits', () => {
  it('--timeout: exit 2 naming what was running, previous output intact, browser closed', async () => {
    const run = await start([
      'render',
      'model',
      '--out',
      'out',
      '-f',
      'html,pdf',
      '--timeout',
      '2',
    ]);
    const end = await run.exited;
    expect(end).toMatchObject({ code: 2, signal: null });
    expect(run.stderr()).toMatch(
      /the render did not finish within 2 s \(--timeout\): it was (drawing diagram `[^`]+` \(\d+ of \d+\)|generating the diagrams); nothing was written, the previous output is unchanged/,
    );
    expect(run.stderr()).toContain('hint: raise --timeout');
    expect(run.stderr()).not.toMatch(STACK_LINE);
    await expectCleanedUp(run);
  }, 60_000);

  it('--diagram-timeout: exit 1 naming each diagram, previous output intact', async () => {
    const first = await start(['render', 'small', '--out', 'out-small', '-f', 'md']);
    expect((await first.exited).code, first.stderr()).toBe(0);
    const kept = hashDir(path.join(root, 'out-small'));
    const run = await start([
      'render',
      'small',
      '--out',
      'out-small',
      '-f',
      'html',
      '--diagram-timeout',
      '0.001',
    ]);
    const end = await run.exited;
    expect(end).toMatchObject({ code: 1, signal: null });
    expect(run.stderr()).toMatch(
      /diagram `[^`]+` could not be drawn: diagram "[^"]+": mermaid did not finish within 0\.001 s/,
    );
    expect(run.stderr()).toContain('raise --diagram-timeout');
    expect(run.stderr()).not.toMatch(STACK_LINE);
    expect(hashDir(path.join(root, 'out-small'))).toEqual(kept);
    expect(readdirSync(root).filter((n) => n.startsWith('.out-small.tmp-'))).toEqual([]);
    expect(await until(() => processesOf(run).length === 0, 5_000)).toBe(true);
  }, 90_000);
});
