import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_MODEL, FEATURE_MODEL } from './fixtures.js';
import { STARTER_MANIFEST, STARTER_MODEL, runDiff, writeFiles } from './helpers.js';

/**
 * `archgen diff <folder> <folder>`, and the PR comment (`--format md`) for a representative
 * change, snapshot-tested: a new error, a new call edge, changes in four areas.
 */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'archgen-diff-folders-'));
  await writeFiles(dir, {
    'base/archgen.yaml': STARTER_MANIFEST,
    'base/model.yaml': STARTER_MODEL,
    'head/archgen.yaml': STARTER_MANIFEST,
    'head/model.yaml': BROKEN_MODEL,
    'fixed/archgen.yaml': STARTER_MANIFEST,
    'fixed/model.yaml': FEATURE_MODEL,
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('archgen diff <folder> <folder>', () => {
  it('writes a PR comment that reads well (snapshot)', async () => {
    const r = await runDiff(['base', 'head', '--format', 'md'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatchSnapshot();
  });

  it('reports a problem fixed in head, and exits 0', async () => {
    const r = await runDiff(['head', 'fixed'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 changed; 1 fixed\n');
    expect(r.stdout).toMatch(/Fixed problems:\n {2}error {2}ref-resolves {2}model\.yaml:31:19/);
    expect(r.stdout).toContain(
      '  ~ app 100101 Shop web changed\n      now calls 100202\n      no longer calls 100299\n',
    );
  });

  it('compares a folder with itself as no change', async () => {
    const r = await runDiff(['base', 'base'], dir);
    expect(r).toEqual({
      code: 0,
      stdout: 'archgen diff base -> base\nno element changes; no new problems\n',
      stderr: '',
    });
  });

  it('writes --output to a file and nothing to stdout', async () => {
    const r = await runDiff(['base', 'fixed', '-f', 'json', '-o', 'out/diff.json'], dir);
    expect(r.stdout).toBe('');
    const json = JSON.parse(await readFile(path.join(dir, 'out/diff.json'), 'utf8')) as {
      version: number;
      summary: Record<string, number>;
    };
    expect(json.version).toBe(1);
    expect(json.summary).toEqual({
      added: 1,
      removed: 0,
      changed: 3,
      renamed: 1,
      reidentified: 1,
      newErrors: 0,
      newWarnings: 0,
      fixedErrors: 0,
      fixedWarnings: 0,
    });
  });

  it('exits 2 when a folder holds no model', async () => {
    await writeFiles(dir, { 'empty/readme.txt': 'nothing here' });
    const r = await runDiff(['base', 'empty'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('archgen: cannot read the head model (empty): no model found at .');
  });
});
