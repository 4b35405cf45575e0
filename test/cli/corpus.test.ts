import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Each folder in test/corpus/ is a broken (or tricky) model and what archgen must say about it:
 *   model/          the model (or make.mjs builds what cannot be committed: huge or binary files)
 *   expected.json   { exit, args?, diagnostics: [{ code, at: "file:line:col" }], only? }
 * The case is copied to a temp folder and validated through the CLI as a user would.
 */
interface Expected {
  description?: string;
  exit: number;
  args?: string[];
  diagnostics: { code: string; at?: string; message?: string }[];
  /** When true, no diagnostics beyond the expected ones may appear. */
  only?: boolean;
  /** Text that stderr must contain (for failures reported before any diagnostic). */
  stderr?: string;
}

const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));
const cases = existsSync(CORPUS)
  ? (await readdir(CORPUS, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
  : [];
const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

describe('broken-model corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  it.each(cases)('%s', async (name) => {
    const src = path.join(CORPUS, name);
    const expected = JSON.parse(await readFile(path.join(src, 'expected.json'), 'utf8')) as Expected;
    const dir = await mkdtemp(path.join(tmpdir(), `archgen-corpus-${name}-`));
    temps.push(dir);
    await cp(src, dir, { recursive: true, verbatimSymlinks: true });
    if (existsSync(path.join(dir, 'make.mjs'))) {
      const make = (await import(path.join(dir, 'make.mjs'))) as { default: (d: string) => Promise<void> };
      await make.default(dir);
    }
    const args = expected.args ?? ['validate', 'model', '--format', 'json'];
    const run = await runCli(args, dir);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)/);
    if (expected.stderr) expect(run.stderr).toContain(expected.stderr);
    const found = run.stdout.trim().startsWith('{')
      ? (JSON.parse(run.stdout) as { diagnostics: { code: string; file: string; line: number; column: number; message: string }[] }).diagnostics
      : [];
    const seen = found.map((d) => ({ code: d.code, at: `${d.file}:${d.line}:${d.column}`, message: d.message }));
    for (const want of expected.diagnostics) {
      const match = seen.find(
        (d) => d.code === want.code && (!want.at || d.at === want.at) && (!want.message || d.message.includes(want.message)),
      );
      expect(match, `expected ${JSON.stringify(want)} among ${JSON.stringify(seen, null, 1)}`).toBeDefined();
    }
    if (expected.only) expect(seen.length, JSON.stringify(seen, null, 1)).toBe(expected.diagnostics.length);
    for (const d of found) {
      // Every diagnostic about a file carries a 1-based position.
      if (d.file) expect(d.line, JSON.stringify(d)).toBeGreaterThan(0);
    }
    expect(run.code).toBe(expected.exit);
  });
});
