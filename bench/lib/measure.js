// Small helpers shared by the benchmarks: timing loops, statistics, child processes, formatting.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const now = () => performance.now();

/** @param {number[]} xs */
export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** @param {number[]} xs */
export const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/**
 * Runs `fn` `warmup` times (results dropped), then `runs` times. `fn` returns a number of
 * milliseconds or an object with `ms` and anything else worth keeping.
 * @template {{ ms: number }} T
 * @param {() => Promise<T | number>} fn
 * @param {{ warmup?: number, runs: number, label?: string }} opts
 * @returns {Promise<{ samples: number[], results: T[] }>}
 */
export async function repeat(fn, { warmup = 0, runs, label }) {
  for (let i = 0; i < warmup; i++) {
    if (label) progress(`${label}: warm-up ${i + 1}/${warmup}`);
    await fn();
  }
  /** @type {T[]} */
  const results = [];
  for (let i = 0; i < runs; i++) {
    if (label) progress(`${label}: run ${i + 1}/${runs}`);
    const r = await fn();
    results.push(/** @type {T} */ (typeof r === 'number' ? { ms: r } : r));
  }
  return { samples: results.map((r) => r.ms), results };
}

/** A one-line progress message on stderr (overwritten on a TTY). */
export function progress(msg) {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K  ${msg}`);
  else process.stderr.write(`  ${msg}\n`);
}

export function clearProgress() {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

const TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(TIME);

/**
 * Spawns a command and measures its wall time (spawn to exit, as seen by the parent) and, when
 * GNU time is present, its peak RSS (KiB).
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, rss?: boolean, env?: NodeJS.ProcessEnv }} [opts]
 * @returns {Promise<{ ms: number, code: number | null, stdout: string, stderr: string, maxRssKB?: number }>}
 */
export async function spawnTimed(cmd, args, opts = {}) {
  const useTime = (opts.rss ?? true) && hasGnuTime;
  const dir = useTime ? await mkdtemp(path.join(tmpdir(), 'archgen-bench-')) : '';
  const rssFile = path.join(dir, 'rss');
  const [c, a] = useTime ? [TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const started = now();
  const { code, stdout, stderr } = await new Promise((resolve, reject) => {
    const child = spawn(c, a, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    /** @type {Buffer[]} */ const out = [];
    /** @type {Buffer[]} */ const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
  const ms = now() - started;
  /** @type {number | undefined} */
  let maxRssKB;
  if (useTime) {
    const text = await readFile(rssFile, 'utf8').catch(() => '');
    // GNU time writes "Command exited with non-zero status N" before the figure on failure.
    const last = text.trim().split('\n').pop() ?? '';
    if (/^\d+$/.test(last)) maxRssKB = Number(last);
    await rm(dir, { recursive: true, force: true });
  }
  return { ms, code, stdout, stderr, ...(maxRssKB === undefined ? {} : { maxRssKB }) };
}

/** @param {number} ms */
export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  if (ms < 100_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 1000).toFixed(0)} s`;
}

/**
 * @param {number} v
 * @param {string} unit
 */
export function fmtValue(v, unit) {
  if (unit === 'ms') return fmtMs(v);
  if (unit === 'MiB') return Number.isFinite(v) ? `${v.toFixed(0)} MiB` : '-';
  return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '-';
}

/**
 * Renders rows as a plain-text table with aligned columns. A row given as `{ span: [name, text] }`
 * prints its text from the second column on, without widening the columns.
 * @param {string[]} header
 * @param {(string[] | { span: [string, string] })[]} rows
 */
export function table(header, rows) {
  const cells = rows.filter((r) => Array.isArray(r));
  const widths = header.map((h, i) =>
    Math.max(
      h.length,
      ...cells.map((r) => (r[i] ?? '').length),
      ...(i === 0 ? rows.map((r) => (Array.isArray(r) ? '' : r.span[0]).length) : []),
    ),
  );
  const line = (cs) =>
    cs
      .map((c, i) => (c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) =>
      Array.isArray(r) ? line(r) : `${r.span[0].padEnd(widths[0])}  ${r.span[1]}`,
    ),
  ].join('\n');
}
