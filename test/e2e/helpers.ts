/**
 * Small helpers for the end-to-end render tests: folder hashing and copying, poppler calls,
 * temporary process.env overrides, and reading the CLI's summary line.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Runs a command and returns its stdout (poppler-utils: pdftotext, pdffonts, pdftoppm). */
export function tool(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Every file under `dir` (dot files included), relative with `/`, mapped to its sha256. */
export function hashDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (abs: string, rel: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const a = path.join(abs, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out[r] = 'dir';
        walk(a, r);
      } else {
        out[r] = e.isFile() ? createHash('sha256').update(readFileSync(a)).digest('hex') : 'other';
      }
    }
  };
  walk(dir, '');
  return out;
}

/** Copies a folder (recursively, dot files included). */
export async function copyDir(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true });
}

/** Replaces exactly one occurrence of `from` in a file; throws when it is absent or repeated. */
export async function replaceOnce(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0)
    throw new Error(`expected exactly one \`${from}\` in ${file}`);
  await writeFile(file, text.slice(0, at) + to + text.slice(at + from.length));
}

/** Names in `dir` ending in `ext`, sorted. */
export async function filesWithExt(dir: string, ext: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith(ext)).sort();
}

/** Runs `fn` with some process.env variables set (undefined removes), restoring them after. */
export async function withEnv<T>(
  vars: Record<string, string | undefined>,
  fn: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>): void => {
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined) delete process.env[k];
      else process.env[k] = val;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

/** The diagram line of the CLI summary: `N diagrams (D drawn, C from cache)`. */
export interface DiagramCounts {
  total: number;
  drawn: number;
  cached: number;
}

/** Reads the diagram counts from the stderr summary of `archgen render`. */
export function diagramCounts(stderr: string): DiagramCounts {
  const m = /(\d+) diagrams \((\d+) drawn, (\d+) from cache\)/.exec(stderr);
  if (!m) throw new Error(`no diagram summary in stderr:\n${stderr}`);
  return { total: Number(m[1]), drawn: Number(m[2]), cached: Number(m[3]) };
}

/** A stack trace line (`    at fn (file:line:col)`), which a user must never see. */
export const STACK_LINE = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;
