import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Each folder in test/corpus/ is a broken (or tricky) model and what archgen must say about it:
 *   model/          the model (or make.mjs builds what cannot be committed: huge or binary files,
 *                   symlinks, exact bytes such as a BOM or CRLF that git settings could alter)
 *   make.mjs        optional: `export default async function make(caseDir)`, run on the copy
 *   expected.json   { description, exit, args?, only?, stderr?, stdout?, diagnostics: [...] }, where each
 *                   diagnostic is { code, at?: "file:line:col", message?: "substring",
 *                   related?: ["file:line:col", ...], suggest?: ["id", ...] }
 * The case is copied to a temp folder and validated through the CLI as a user would
 * (`validate model --format json` unless `args` says otherwise). Lines and columns are 1-based;
 * `related` and `suggest` entries must all be present on the matching diagnostic.
 * Each case is then validated twice more with the parse cache (filling it, then reading it), and
 * must give exactly the same output and exit code: the cache never changes an answer.
 */
interface ExpectedDiagnostic {
  code: string;
  at?: string;
  message?: string;
  related?: string[];
  suggest?: string[];
}

interface Expected {
  description?: string;
  exit: number;
  args?: string[];
  diagnostics: ExpectedDiagnostic[];
  /** When true, no diagnostics beyond the expected ones may appear. */
  only?: boolean;
  /** Text that stderr must contain (for failures reported before any diagnostic). */
  stderr?: string;
  /** Text that stdout must contain (for formats other than json). */
  stdout?: string;
}

interface Found {
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
  suggest?: string[];
  related?: { file: string; line: number; column: number }[];
}

const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));
const cases = existsSync(CORPUS)
  ? (await readdir(CORPUS, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
  : [];
const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

const at = (d: { file: string; line: number; column: number }): string =>
  `${d.file}:${d.line}:${d.column}`;

/** The diagnostics of a json report; other formats (sarif, stylish) give none to compare. */
function diagnosticsOf(stdout: string): Found[] {
  if (!stdout.trim().startsWith('{')) return [];
  const report = JSON.parse(stdout) as { diagnostics?: unknown };
  return Array.isArray(report.diagnostics) ? (report.diagnostics as Found[]) : [];
}

function matches(d: Found, want: ExpectedDiagnostic): boolean {
  if (d.code !== want.code) return false;
  if (want.at && at(d) !== want.at) return false;
  if (want.message && !d.message.includes(want.message)) return false;
  const related = (d.related ?? []).map(at);
  if (want.related && !want.related.every((r) => related.includes(r))) return false;
  if (want.suggest && !want.suggest.every((s) => (d.suggest ?? []).includes(s))) return false;
  return true;
}

describe('broken-model corpus', () => {
  it('has at least 100 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });
  it.each(cases)('%s', async (name) => {
    const src = path.join(CORPUS, name);
    const expected = JSON.parse(
      await readFile(path.join(src, 'expected.json'), 'utf8'),
    ) as Expected;
    const dir = await mkdtemp(path.join(tmpdir(), `archgen-corpus-${name}-`));
    temps.push(dir);
    await cp(src, dir, { recursive: true, verbatimSymlinks: true });
    if (existsSync(path.join(dir, 'make.mjs'))) {
      const make = (await import(path.join(dir, 'make.mjs'))) as {
        default: (d: string) => Promise<void>;
      };
      await make.default(dir);
    }
    const args = expected.args ?? ['validate', 'model', '--format', 'json'];
    const run = await runCli(args, dir);
    // Never a stack trace or an internal error, whatever the input.
    expect(run.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)/);
    if (expected.stderr) expect(run.stderr).toContain(expected.stderr);
    if (expected.stdout) expect(run.stdout).toContain(expected.stdout);
    const found = diagnosticsOf(run.stdout);
    const seen = found.map((d) => ({
      code: d.code,
      at: at(d),
      message: d.message,
      related: (d.related ?? []).map(at),
      suggest: d.suggest ?? [],
    }));
    for (const want of expected.diagnostics) {
      const match = found.find((d) => matches(d, want));
      expect(
        match,
        `expected ${JSON.stringify(want)} among ${JSON.stringify(seen, null, 1)}`,
      ).toBeDefined();
    }
    if (expected.only)
      expect(seen.length, JSON.stringify(seen, null, 1)).toBe(expected.diagnostics.length);
    for (const d of found) {
      // Every diagnostic about a file carries a 1-based position, and so do its related places.
      if (d.file) {
        expect(d.line, JSON.stringify(d)).toBeGreaterThan(0);
        expect(d.column, JSON.stringify(d)).toBeGreaterThan(0);
      }
      for (const r of d.related ?? []) {
        if (!r.file) continue;
        expect(r.line, JSON.stringify(d)).toBeGreaterThan(0);
        expect(r.column, JSON.stringify(d)).toBeGreaterThan(0);
      }
    }
    expect(run.code).toBe(expected.exit);

    if (args[0] !== 'validate') return;
    const cacheDir = await mkdtemp(path.join(tmpdir(), `archgen-corpus-cache-${name}-`));
    temps.push(cacheDir);
    const cached = [...args, '--cache-location', cacheDir];
    const withCache = { ARCHGEN_NO_CACHE: undefined };
    const filling = await runCli(cached, dir, withCache);
    const reading = await runCli(cached, dir, withCache);
    for (const again of [filling, reading]) expect(again).toEqual(run);
  });
});
