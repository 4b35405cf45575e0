import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  STARTER_MANIFEST,
  STARTER_MODEL,
  commitAll,
  edit,
  git,
  writeFiles,
} from '../diff/helpers.js';
import { runAction, type ActionFile, type ActionRun } from '../helpers/action-runner.js';

/**
 * The GitHub Action (action.yml) run step by step as the runner runs it, on real git
 * repositories: a bare `origin` with a `main` branch and pull-request branches, cloned the way
 * actions/checkout clones. The install step is skipped (archgen is the build in dist/), and the
 * third-party steps are recorded instead of run, so the tests see what each would have been given.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const action = parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8')) as ActionFile;

const BROKEN_CALL: [string, string] = ['target: "100201"', 'target: "100299"'];
const UNDEPLOYED: [string, string] = ['    deployedOn: [web-cluster]\n', ''];
const GLOSSARY = 'domainModel:\n  glossary:\n    - { term: SKU, definition: Stock keeping unit }\n';

let tmp: string;
let origin: string;
let clones = 0;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
    throw new Error('these tests run the built CLI: run `npm run build` first (npm test does)');
  }
  tmp = await mkdtemp(path.join(tmpdir(), 'archgen-action-'));
  origin = path.join(tmp, 'origin.git');
  const seed = path.join(tmp, 'seed');
  await git(tmp, 'init', '-q', '--bare', '-b', 'main', origin);
  await git(tmp, 'init', '-q', '-b', 'main', seed);
  await writeFiles(seed, {
    'arch/archgen.yaml': STARTER_MANIFEST,
    'arch/model.yaml': STARTER_MODEL,
  });
  await commitAll(seed, 'starter model');
  const branch = async (name: string, from: string, files: Record<string, string>) => {
    await git(seed, 'checkout', '-q', '-b', name, from);
    await writeFiles(seed, files);
    await commitAll(seed, name);
  };
  await branch('pr-error', 'main', { 'arch/model.yaml': edit(STARTER_MODEL, BROKEN_CALL) });
  await branch('pr-warning', 'main', { 'arch/model.yaml': edit(STARTER_MODEL, UNDEPLOYED) });
  // A base that already has an error, and a clean pull request on it touching another file.
  await branch('legacy', 'main', { 'arch/model.yaml': edit(STARTER_MODEL, BROKEN_CALL) });
  await branch('legacy-pr', 'legacy', { 'arch/glossary.yaml': GLOSSARY });
  await git(seed, 'push', '-q', origin, 'main', 'pr-error', 'pr-warning', 'legacy', 'legacy-pr');
}, 60_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface Scenario {
  branch: string;
  event: 'pull_request' | 'push';
  base?: string;
  inputs?: Record<string, string>;
  shallow?: boolean;
  /** Make these `uses:` steps fail (by action name). */
  failing?: string[];
}

interface Run extends ActionRun {
  /** What each `uses:` step was given, by action name (without @version). */
  uses: Map<string, Record<string, string>>;
  /** The comment body, when the sticky comment step ran. */
  comment: string | undefined;
  sarif: { runs: { results: { ruleId: string; locations: unknown[] }[] }[] } | undefined;
}

/** Clones `branch` as actions/checkout would, and runs the action on it. */
async function run(s: Scenario): Promise<Run> {
  const workspace = path.join(tmp, `ws-${++clones}`);
  const runnerTemp = path.join(tmp, `temp-${clones}`);
  const url = s.shallow ? `file://${origin}` : origin;
  await git(
    tmp,
    'clone',
    '-q',
    ...(s.shallow ? ['--depth', '1'] : []),
    '--branch',
    s.branch,
    url,
    workspace,
  );
  await mkdir(runnerTemp, { recursive: true });
  const uses = new Map<string, Record<string, string>>();
  let comment: string | undefined;
  let sarif: Run['sarif'];
  const result = await runAction(action, {
    inputs: { model: 'arch', ...s.inputs },
    github: {
      event_name: s.event,
      base_ref: s.base ?? '',
      server_url: 'https://github.com',
      repository: 'example/architecture',
      run_id: '42',
      token: 'not-a-token',
    },
    workspace,
    actionPath: ROOT,
    runnerTemp,
    env: { PATH: process.env['PATH'] ?? '', HOME: tmp, GIT_CONFIG_NOSYSTEM: '1' },
    skip: (step) => step.name === 'Install archgen',
    onUses: async (step, args) => {
      const name = (step.uses ?? '').split('@')[0] ?? '';
      uses.set(name, args);
      if (name === 'marocchino/sticky-pull-request-comment') {
        comment = await readFile(args['path'] ?? '', 'utf8');
      }
      if (name === 'github/codeql-action/upload-sarif') {
        sarif = JSON.parse(await readFile(args['sarif_file'] ?? '', 'utf8')) as Run['sarif'];
      }
      return !(s.failing ?? []).includes(name);
    },
  });
  return Object.assign(result, { uses, comment, sarif });
}

/** Names of the steps that ran, in order. */
const ran = (r: ActionRun): string[] => r.steps.filter((s) => s.ran).map((s) => s.name);

describe('the GitHub Action on a pull request', () => {
  it('annotates, uploads SARIF and comments first, then fails on an error', async () => {
    const r = await run({ branch: 'pr-error', event: 'pull_request', base: 'main' });
    expect(r.failed).toBe(true);
    expect(ran(r)).toEqual([
      'Set up Node.js for archgen',
      "Fetch the pull request's target branch",
      'Validate the model',
      'Upload findings to code scanning',
      'Compare with the target branch',
      'Comment on the pull request',
      'Decide the result',
    ]);
    // Only the last step fails, so everything before it has happened.
    expect(r.steps.filter((s) => s.outcome === 'failure').map((s) => s.name)).toEqual([
      'Decide the result',
    ]);
    const decide = r.step('Decide the result');
    expect(decide.exitCode).toBe(1);
    expect(decide.stdout).toContain('::error title=archgen::The model has 1 error(s)');
    expect(r.outputs).toMatchObject({ 'exit-code': '1', errors: '1', warnings: '0' });
    const validate = r.step('Validate the model');
    expect(validate.stdout).toMatch(
      /^::error file=arch\/model\.yaml,line=\d+,col=\d+.*title=ref-resolves::/m,
    );
    // The listing quotes the model, so it is printed with workflow commands off.
    const token = /^::stop-commands::(archgen-[0-9a-f-]{36})$/m.exec(validate.stdout)?.[1];
    expect(token).toBeDefined();
    expect(validate.stdout).toMatch(
      new RegExp(
        `::stop-commands::${token}\\narch/model\\.yaml\\n[^]*✖ 1 problem[^]*\\n::${token}::\\n$`,
      ),
    );
    expect(r.sarif?.runs[0]?.results.map((x) => x.ruleId)).toEqual(['ref-resolves']);
    expect(r.uses.get('github/codeql-action/upload-sarif')).toMatchObject({ category: 'archgen' });
    expect(r.uses.get('marocchino/sticky-pull-request-comment')).toMatchObject({
      header: 'archgen',
      GITHUB_TOKEN: 'not-a-token',
    });
    expect(r.comment).toMatch(/^### ❌ archgen diff: 1 changed; 1 new error\n/);
    expect(r.comment).toContain('`ref-resolves`');
    expect(r.summary).toBe(r.comment);
    expect(r.outputs['diff-file']).toMatch(/archgen-diff\.md$/);
  });

  it('passes with a warning, unless fail-on is warnings', async () => {
    const lenient = await run({ branch: 'pr-warning', event: 'pull_request', base: 'main' });
    expect(lenient.failed).toBe(false);
    expect(lenient.outputs).toMatchObject({ 'exit-code': '0', errors: '0', warnings: '1' });
    expect(lenient.comment).toContain('1 new warning');
    const strict = await run({
      branch: 'pr-warning',
      event: 'pull_request',
      base: 'main',
      inputs: { 'fail-on': 'warnings' },
    });
    expect(strict.failed).toBe(true);
    expect(strict.step('Decide the result').stdout).toContain(
      'The model has 1 warning(s), and fail-on is warnings',
    );
    expect(strict.comment).toBeDefined();
  });

  it('fetches what it needs from a shallow checkout', async () => {
    const r = await run({ branch: 'pr-error', event: 'pull_request', base: 'main', shallow: true });
    expect(r.step("Fetch the pull request's target branch").stdout).toContain(
      'The checkout is shallow',
    );
    expect(r.comment).toMatch(/^### ❌ archgen diff: 1 changed; 1 new error\n/);
  });

  it('with changed-only, fails only on problems in files the pull request changed', async () => {
    const r = await run({
      branch: 'legacy-pr',
      event: 'pull_request',
      base: 'legacy',
      inputs: { 'changed-only': 'true' },
    });
    expect(r.failed).toBe(false);
    expect(r.outputs).toMatchObject({ 'exit-code': '0', errors: '0' });
    expect(r.step('Validate the model').stdout).not.toContain('::error');
    // Code scanning still sees the error the base branch already had.
    expect(r.sarif?.runs[0]?.results.map((x) => x.ruleId)).toEqual(['ref-resolves']);
    expect(r.comment).toContain('glossary term `SKU`');
    const all = await run({ branch: 'legacy-pr', event: 'pull_request', base: 'legacy' });
    expect(all.failed).toBe(true);
  });

  it('replaces the comment with the reason when the diff cannot run', async () => {
    const r = await run({ branch: 'pr-warning', event: 'pull_request', base: 'no-such-branch' });
    expect(r.step("Fetch the pull request's target branch").outcome).toBe('failure');
    expect(r.comment).toMatch(
      /^### ⚠️ archgen diff could not compare this pull request with `no-such-branch`/,
    );
    expect(r.comment).toContain('> archgen: unknown revision or folder `origin/no-such-branch`');
    expect(r.failed).toBe(false);
  });
});

describe('the GitHub Action on a push', () => {
  it('validates, uploads SARIF, renders when asked, and neither diffs nor comments', async () => {
    const r = await run({
      branch: 'main',
      event: 'push',
      inputs: { render: 'true', formats: 'md', 'artifact-name': 'docs' },
    });
    expect(r.failed).toBe(false);
    expect(ran(r)).toEqual([
      'Set up Node.js for archgen',
      'Validate the model',
      'Upload findings to code scanning',
      'Render the document',
      'Upload the document',
      'Decide the result',
    ]);
    const upload = r.uses.get('actions/upload-artifact');
    expect(upload).toMatchObject({ name: 'docs', 'if-no-files-found': 'error' });
    expect((await readdir(upload?.['path'] ?? '')).some((f) => f.endsWith('.md'))).toBe(true);
    expect(r.outputs['out-dir']).toBe(upload?.['path']);
  });

  it('warns, and still passes on a clean model, when code scanning refuses the upload', async () => {
    const r = await run({
      branch: 'main',
      event: 'push',
      failing: ['github/codeql-action/upload-sarif'],
    });
    expect(r.step('Upload findings to code scanning').outcome).toBe('failure');
    expect(r.failed).toBe(false);
    expect(r.step('Decide the result').stdout).toContain(
      '::warning title=archgen::The upload to code scanning failed',
    );
  });

  it('does not render a model with errors, and says so', async () => {
    const r = await run({
      branch: 'pr-error',
      event: 'push',
      inputs: { render: 'true', formats: 'md' },
    });
    expect(r.step('Render the document').ran).toBe(false);
    expect(r.step('Decide the result').stdout).toContain(
      'was not rendered because the model has errors',
    );
    expect(r.failed).toBe(true);
  });

  it('rejects an unknown fail-on with a message, as a failure to check (exit 2)', async () => {
    const r = await run({ branch: 'main', event: 'push', inputs: { 'fail-on': 'sometimes' } });
    expect(r.step('Validate the model').stdout).toContain(
      "::error title=archgen::fail-on must be errors or warnings, not 'sometimes'",
    );
    expect(r.step('Decide the result').exitCode).toBe(2);
    expect(r.failed).toBe(true);
  });
});
