/**
 * The signal handling of long commands (render), in a child process that never unwinds by
 * itself, so that the forced exits are what ends it: a second signal at once, or the grace time.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Interrupted } from '../../src/cli/interrupt.js';

const dir = mkdtempSync(path.join(tmpdir(), 'archgen-signals-'));
const children = new Set<ReturnType<typeof spawn>>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const MODULE = new URL('../../dist/cli/interrupt.js', import.meta.url).href;

/** A process that handles signals like render and hangs; its `exit` listener leaves a file. */
function hanging(graceMs: number): {
  stderr: () => string;
  exited: Promise<{ code: number | null; at: number }>;
  kill: (s: NodeJS.Signals) => void;
  cleaned: string;
} {
  const cleaned = path.join(dir, `cleaned-${children.size}-${Date.now()}`);
  const script = path.join(dir, `hang-${children.size}.mjs`);
  writeFileSync(
    script,
    [
      `import { writeFileSync } from 'node:fs';`,
      `const { watchSignals } = await import(${JSON.stringify(MODULE)});`,
      `const io = { stderr: (t) => process.stderr.write(t), stdout: () => {}, isTTY: false, cwd: '.', env: {} };`,
      `const watch = watchSignals(io, ${graceMs});`,
      `process.on('exit', () => writeFileSync(${JSON.stringify(cleaned)}, 'x'));`,
      `watch.signal.addEventListener('abort', () => process.stderr.write('aborted\\n'));`,
      `process.stderr.write('ready\\n');`,
      `setInterval(() => {}, 1000); // never unwinds`,
    ].join('\n'),
  );
  const child = spawn(process.execPath, [script]);
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve({ code, at: performance.now() });
    }),
  );
  return { stderr: () => stderr, exited, kill: (s) => child.kill(s), cleaned };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
    if (check()) return true;
  return check();
}

describe('signals during a render', () => {
  it('a second Ctrl-C quits at once, and exit listeners still clean up', async () => {
    const p = hanging(60_000);
    expect(await until(() => p.stderr().includes('ready'), 10_000)).toBe(true);
    p.kill('SIGINT');
    expect(await until(() => p.stderr().includes('aborted'), 5_000)).toBe(true);
    expect(p.stderr()).toContain('SIGINT: stopping and cleaning up (press Ctrl-C again');
    const sent = performance.now();
    p.kill('SIGINT');
    const end = await p.exited;
    expect(end.code).toBe(130);
    expect(end.at - sent).toBeLessThan(2_000);
    expect(p.stderr()).toContain('SIGINT again: quitting now');
    expect(existsSync(p.cleaned)).toBe(true);
  }, 30_000);

  it('a run that does not stop within the grace time is ended, with 143 for SIGTERM', async () => {
    const p = hanging(500);
    expect(await until(() => p.stderr().includes('ready'), 10_000)).toBe(true);
    const sent = performance.now();
    p.kill('SIGTERM');
    const end = await p.exited;
    expect(end.code).toBe(143);
    expect(end.at - sent).toBeGreaterThanOrEqual(400);
    expect(end.at - sent).toBeLessThan(5_000);
    expect(p.stderr()).not.toContain('Ctrl-C');
    expect(existsSync(p.cleaned)).toBe(true);
  }, 30_000);

  it('exit codes are 128 + the signal number', () => {
    expect(new Interrupted('SIGINT').exitCode).toBe(130);
    expect(new Interrupted('SIGTERM').exitCode).toBe(143);
    expect(new Interrupted('SIGHUP').exitCode).toBe(129);
  });
});
