import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** A git repository holding the init starter, with one commit on main. */
const STARTER = fileURLToPath(new URL('../../templates/init/', import.meta.url));
let repo = '';
const git = (...args: string[]): string =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'archgen-changed-'));
  await cp(STARTER, path.join(repo, 'model'), { recursive: true });
  // Split the starter so that a problem can live in a file the branch does not touch.
  const model = await readFile(path.join(repo, 'model', 'model.yaml'), 'utf8');
  const [before, after] = model.split('\napplications:\n');
  await writeFile(path.join(repo, 'model', 'model.yaml'), before ?? '');
  await writeFile(path.join(repo, 'model', 'apps.yaml'), `applications:\n${after ?? ''}`);
  await writeFile(
    path.join(repo, 'model', 'archgen.yaml'),
    (await readFile(path.join(repo, 'model', 'archgen.yaml'), 'utf8')).replace(
      'include: ["*.yaml"]',
      'include: ["*.yaml", "**/*.yaml"]',
    ),
  );
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'starter');
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('validate --changed-since', () => {
  it('reports only problems in files changed since the revision, but resolves references everywhere', async () => {
    // An old problem in a file the change does not touch: an app deployed nowhere.
    const apps = path.join(repo, 'model', 'apps.yaml');
    await writeFile(
      apps,
      (await readFile(apps, 'utf8')).replace('    deployedOn: [web-cluster]\n', ''),
    );
    git('commit', '-qam', 'old problem');
    // The change: a new file that calls an existing app (resolves) and a missing one (does not).
    await writeFile(
      path.join(repo, 'model', 'new.yaml'),
      'applications:\n  - { id: "100102", name: New, kind: web, deployedOn: [web-cluster], calls: [{ target: "100201" }, { target: "100299" }] }\n',
    );
    const all = await runCli(['validate', 'model', '-f', 'json'], repo);
    const codes = (r: { stdout: string }): string[] =>
      (JSON.parse(r.stdout) as { diagnostics: { code: string; file: string }[] }).diagnostics
        .map((d) => `${d.code} ${d.file}`)
        .sort();
    expect(codes(all)).toEqual(['app-deployed model/apps.yaml', 'ref-resolves model/new.yaml']);
    const changed = await runCli(
      ['validate', 'model', '-f', 'json', '--changed-since', 'main'],
      repo,
    );
    expect(codes(changed)).toEqual(['ref-resolves model/new.yaml']);
    expect(changed.code).toBe(1);
  });

  it('exits 0 when the only problems are in untouched files', async () => {
    await rm(path.join(repo, 'model', 'new.yaml'));
    const run = await runCli(['validate', 'model', '--changed-since', 'main', '--strict'], repo);
    expect(run.code, run.stdout).toBe(0);
  });

  it('exits 2 with a clear message for a revision git does not know', async () => {
    const run = await runCli(['validate', 'model', '--changed-since', 'no-such-branch'], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-such-branch/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
