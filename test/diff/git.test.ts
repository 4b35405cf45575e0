import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_MODEL, FEATURE_MODEL, splitStarter } from './fixtures.js';
import {
  STARTER_MANIFEST,
  STARTER_MODEL,
  commitAll,
  git,
  newRepo,
  runDiff,
  writeFiles,
} from './helpers.js';

/**
 * `archgen diff` on a real git repository, run as a user runs it: branch `main` holds the
 * starter model in model/, `feature` changes apps, an entity, a cluster, an id and a name,
 * `split` moves the applications to their own file without changing any element.
 */
let repo: string;

beforeAll(async () => {
  repo = await newRepo();
  await writeFiles(repo, {
    'model/archgen.yaml': STARTER_MANIFEST,
    'model/model.yaml': STARTER_MODEL,
  });
  await commitAll(repo, 'starter model');
  await git(repo, 'checkout', '-q', '-b', 'split');
  await writeFiles(repo, splitStarter());
  await commitAll(repo, 'split the model into two files');
  await git(repo, 'checkout', '-q', 'main');
  await git(repo, 'checkout', '-q', '-b', 'feature');
  await writeFiles(repo, { 'model/model.yaml': FEATURE_MODEL });
  await commitAll(repo, 'settlement app and more');
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

/** The temp folders `archgen diff` extracts revisions into. */
async function extractFolders(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((n) => /^archgen-diff-[A-Za-z0-9]{6}$/.test(n));
}

async function diffJson(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const r = await runDiff([...args, '--format', 'json'], repo);
  expect(r.stderr).toBe('');
  return { code: r.code, json: JSON.parse(r.stdout) as Record<string, unknown> };
}

describe('archgen diff <rev> <rev>', () => {
  it('finds exactly the changes of the feature branch', async () => {
    const { code, json } = await diffJson(['main', 'feature', '--model', 'model']);
    expect(code).toBe(0);
    expect(json['areas']).toEqual([
      {
        area: 'business',
        changes: [
          {
            kind: 'party',
            id: 'our-platform',
            name: 'Our platform',
            change: 'reidentified',
            previousId: 'platform',
          },
        ],
      },
      {
        area: 'applications',
        changes: [
          {
            kind: 'application',
            id: '100101',
            name: 'Shop web',
            change: 'changed',
            lists: [{ path: 'calls', added: ['100202'], removed: [] }],
          },
          {
            kind: 'application',
            id: '100201',
            name: 'Order center',
            change: 'renamed',
            previousName: 'Order service',
            fields: [{ path: 'name', before: 'Order service', after: 'Order center' }],
          },
          { kind: 'application', id: '100202', name: 'Settlement', change: 'added' },
        ],
      },
      {
        area: 'data',
        changes: [
          {
            kind: 'entity',
            id: 'order',
            name: 'Order',
            change: 'changed',
            lists: [{ path: 'attributes', added: ['amount', 'currency'], removed: [] }],
          },
        ],
      },
      {
        area: 'physical',
        changes: [
          {
            kind: 'cluster',
            id: 'web-cluster',
            name: 'Web cluster',
            change: 'changed',
            fields: [{ path: 'capacity.implemented', before: 3, after: 4 }],
          },
        ],
      },
    ]);
    expect(json['callEdges']).toEqual([
      { from: '100101', to: '100202', fromName: 'Shop web', toName: 'Settlement', change: 'added' },
    ]);
    expect(json['problems']).toEqual({ new: [], fixed: [] });
  });

  it('reports no change when elements only moved between files', async () => {
    const r = await runDiff(['main', 'split', '--model', 'model'], repo);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^archgen diff main \([0-9a-f]{7}\) -> split \([0-9a-f]{7}\)\nno element changes; no new problems\n$/,
    );
  });

  it('reports the reverse changes from feature back to main', async () => {
    const { json } = await diffJson(['feature', 'main', '--model', 'model']);
    const summary = json['summary'] as Record<string, number>;
    expect(summary).toMatchObject({
      added: 0,
      removed: 1,
      changed: 3,
      renamed: 1,
      reidentified: 1,
    });
  });

  it('never touches the checkout, and removes its temp folders', async () => {
    const before = await git(repo, 'status', '--porcelain');
    const temps = await extractFolders();
    await runDiff(['main', 'split', '--model', 'model'], repo);
    await runDiff(['main', 'no-such-branch', '--model', 'model'], repo);
    expect(await extractFolders()).toEqual(temps);
    expect(await git(repo, 'status', '--porcelain')).toBe(before);
    expect((await git(repo, 'rev-parse', '--abbrev-ref', 'HEAD')).trim()).toBe('feature');
    expect(await readFile(path.join(repo, 'model/model.yaml'), 'utf8')).toBe(FEATURE_MODEL);
  });
});

describe('archgen diff <rev> (merge base vs working tree)', () => {
  it('exits 1 on a new error in the working tree, and names it', async () => {
    await writeFiles(repo, { 'model/model.yaml': BROKEN_MODEL });
    try {
      const r = await runDiff(['main', '--model', 'model'], repo);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('archgen diff merge base of main and HEAD (');
      expect(r.stdout).toContain(
        ') -> working tree\n1 added, 3 changed, 1 renamed, 1 id changed; 1 new error\n',
      );
      expect(r.stdout).toMatch(
        /New problems:\n {2}error {2}ref-resolves {2}model\.yaml:31:19 {2}`calls\[1\]\.target` `100299`/,
      );
      expect(r.stdout).toContain('      now calls 100299\n');
      const { json } = await diffJson(['main', '--model', 'model']);
      const problems = json['problems'] as { new: { code: string; element?: string }[] };
      expect(problems.new.map((p) => [p.code, p.element])).toEqual([
        ['ref-resolves', 'application:100101'],
      ]);
    } finally {
      await writeFiles(repo, { 'model/model.yaml': FEATURE_MODEL });
    }
  });

  it('runs from a subfolder of the repository', async () => {
    const r = await runDiff(['main', '--model', '.'], path.join(repo, 'model'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 added, 3 changed, 1 renamed, 1 id changed; no new problems');
  });
});

describe('archgen diff: failures exit 2 with a clear message', () => {
  it('rejects an unknown revision', async () => {
    const r = await runDiff(['no-such-branch', '--model', 'model'], repo);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('archgen: unknown revision or folder `no-such-branch`');
  });

  it('rejects a revision outside a git repository', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'archgen-no-repo-'));
    const r = await runDiff(['main'], dir);
    await rm(dir, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not inside a git repository');
  });

  it('says when the model folder does not exist at the revision', async () => {
    const r = await runDiff(['main', 'feature', '--model', 'elsewhere'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the model folder `elsewhere` does not exist at main (');
  });

  it('rejects an unknown format', async () => {
    const r = await runDiff(['main', '--format', 'xml', '--model', 'model'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown --format `xml`; choose from text, md, json');
  });
});
