import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  checkCommand,
  parseStrict,
  problemsIn,
  readCli,
  type CliSpec,
} from '../helpers/cli-spec.js';
import { archgenCommands } from '../helpers/shell-words.js';

/**
 * The CI files archgen ships, read as GitHub and GitLab read them: action.yml, the workflow
 * `archgen init` writes, and the GitLab example in docs/. Each is valid YAML; every action it
 * uses is archgen's own or a pinned, well-known one; and every archgen command in its scripts
 * names a real subcommand and only flags that subcommand has, checked against the CLI's own
 * `--help`, so renaming a flag breaks this test instead of a user's pipeline.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
  repository: { url: string };
};
/** `archgen/archgen`, from package.json's repository: the one place the name is written. */
const REPO = /github\.com\/([^/]+\/[^/.]+)/.exec(pkg.repository.url)?.[1] ?? '';

/** Third-party actions the files may use, each pinned to one major version. */
const PINNED: Readonly<Record<string, string>> = {
  'actions/checkout': 'v5',
  'actions/setup-node': 'v5',
  'actions/upload-artifact': 'v6',
  'github/codeql-action/upload-sarif': 'v4',
  'marocchino/sticky-pull-request-comment': 'v3',
};

interface Step {
  name?: string;
  id?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

// ---------- the files ----------

let cli: CliSpec;
let action: Action;
let actionText: string;
let workflow: Workflow;
let workflowText: string;
let initDir: string;

beforeAll(async () => {
  cli = await readCli(ROOT);
  actionText = await readFile(path.join(ROOT, 'action.yml'), 'utf8');
  action = parseStrict<Action>(actionText, 'action.yml');
  // The workflow as `archgen init` writes it into a new repository.
  initDir = await mkdtemp(path.join(tmpdir(), 'archgen-workflow-'));
  expect((await runCli(['init'], initDir)).code).toBe(0);
  workflowText = await readFile(path.join(initDir, '.github/workflows/archgen.yml'), 'utf8');
  workflow = parseStrict<Workflow>(workflowText, 'archgen.yml');
});

afterAll(async () => {
  await rm(initDir, { recursive: true, force: true });
});

const workflowSteps = (): Step[] => Object.values(workflow.jobs).flatMap((j) => j.steps);

describe('the command checker', () => {
  it('reads every command and its flags from --help', () => {
    expect([...cli.keys()]).toEqual(
      expect.arrayContaining(['validate', 'render', 'diff', 'id next']),
    );
    expect(cli.get('validate')?.get('--changed-since')).toEqual({ takesValue: true });
    expect(cli.get('validate')?.get('-f')).toEqual({ takesValue: true });
    expect(cli.get('validate')?.get('--strict')).toEqual({ takesValue: false });
  });

  it('finds archgen commands however they are started, and only those', () => {
    const script = [
      'npx --yes archgen validate . -f github  # a comment: archgen render --nope',
      'echo "archgen validate --nope" > /dev/null',
      'node "$GITHUB_ACTION_PATH/bin/archgen.js" diff "origin/$BASE" \\',
      '  --model "$MODEL" 2> err.txt && archgen rules --format json',
      'if [ -n "$X" ]; then archgen render "$M" ${LANG_X:+"--lang=$LANG_X"}; fi',
    ].join('\n');
    expect(archgenCommands(script)).toEqual([
      { via: 'npx --yes archgen', args: ['validate', '.', '-f', 'github'] },
      {
        via: 'node $GITHUB_ACTION_PATH/bin/archgen.js',
        args: ['diff', '"origin/$BASE"', '--model', '"$MODEL"'],
      },
      { via: 'archgen', args: ['rules', '--format', 'json'] },
      { via: 'archgen', args: ['render', '"$M"', '${LANG_X:+"--lang=$LANG_X"}'] },
    ]);
  });

  it('reports a renamed or unknown flag, a missing value and an unknown command', () => {
    const check = (line: string): string[] =>
      archgenCommands(line).flatMap((c) => checkCommand(c.args, cli));
    expect(check('archgen validate model --changed-since origin/main -f sarif -o x')).toEqual([]);
    expect(check('archgen validate model --fail-on errors')).toEqual([
      'archgen validate has no --fail-on',
    ]);
    expect(check('archgen render m ${L:+"--language=$L"}')).toEqual([
      'archgen render has no --language',
    ]);
    expect(check('archgen diff main --model')).toEqual(['archgen diff --model needs a value']);
    expect(check('archgen validat model')).toEqual(['`validat` is not an archgen command']);
    expect(check('archgen id next --line 10 --subsystem 02')).toEqual([]);
    expect(check('archgen --version')).toEqual([]);
    expect(check('archgen --verbose')).toEqual(['archgen has no --verbose']);
  });
});

describe('action.yml', () => {
  it('is a composite action whose archgen commands all exist', () => {
    expect(action.runs.using).toBe('composite');
    const commands = action.runs.steps.flatMap((s) => archgenCommands(s.run ?? ''));
    expect(commands.map((c) => c.args[0])).toEqual(
      expect.arrayContaining(['validate', 'diff', 'render']),
    );
    expect(
      problemsIn(
        action.runs.steps.map((st) => st.run ?? ''),
        cli,
      ),
    ).toEqual([]);
  });

  it('runs archgen only from its own folder', () => {
    const vias = new Set(
      action.runs.steps.flatMap((s) => archgenCommands(s.run ?? '')).map((c) => c.via),
    );
    expect([...vias]).toEqual(['node $GITHUB_ACTION_PATH/bin/archgen.js']);
  });

  it('uses only pinned, well-known actions', () => {
    for (const s of action.runs.steps.filter((x) => x.uses)) expectAllowed(s.uses ?? '');
  });

  it('declares every input it reads, and describes every input and output', () => {
    const used = [...actionText.matchAll(/\$\{\{[^}]*?\binputs\.([\w-]+)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(action.inputs, `inputs.${name}`).toHaveProperty([name ?? '']);
    for (const [name, spec] of [
      ...Object.entries(action.inputs),
      ...Object.entries(action.outputs),
    ])
      expect(spec.description, name).toMatch(/\S/);
  });

  it('reads only step outputs that exist and that its steps write', () => {
    const steps = new Map(action.runs.steps.filter((s) => s.id).map((s) => [s.id ?? '', s]));
    const refs = [
      ...actionText.matchAll(/steps\.([\w-]+)\.(?:outputs\.([\w-]+)|outcome|conclusion)/g),
    ];
    expect(refs.length).toBeGreaterThan(0);
    for (const [ref, id = '', output] of refs) {
      const step = steps.get(id);
      expect(step, ref).toBeDefined();
      if (output && step?.run !== undefined) expect(step.run, ref).toContain(`${output}=`);
    }
  });
});

describe('the workflow `archgen init` writes', () => {
  it('runs on pull requests and on pushes to main, with the permissions the action needs', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on['push']).toEqual({ branches: ['main'] });
    expect(workflow.permissions).toMatchObject({
      contents: 'read',
      'pull-requests': 'write',
      'security-events': 'write',
    });
  });

  it('checks out the whole history, then runs the archgen action', () => {
    const steps = workflowSteps();
    expect(steps[0]?.uses).toMatch(/^actions\/checkout@/);
    expect(steps[0]?.with).toMatchObject({ 'fetch-depth': 0 });
    expect(steps.some((s) => s.uses === `${REPO}@v0`)).toBe(true);
    for (const s of steps.filter((x) => x.uses)) expectAllowed(s.uses ?? '');
    expect(
      problemsIn(
        steps.map((st) => st.run ?? ''),
        cli,
      ),
    ).toEqual([]);
  });

  it('passes the action only inputs it has, including the ones shown in comments', () => {
    const step = workflowSteps().find((s) => s.uses?.startsWith(`${REPO}@`));
    for (const key of Object.keys(step?.with ?? {})) expect(action.inputs).toHaveProperty([key]);
    const block = workflowText.slice(workflowText.indexOf(`uses: ${REPO}@`));
    const commented = [...block.matchAll(/^\s+#\s*([a-z][\w-]*):\s/gm)].map((m) => m[1] ?? '');
    expect(commented.length).toBeGreaterThan(0);
    for (const key of commented) expect(action.inputs, `# ${key}:`).toHaveProperty([key]);
  });

  it('names the repository package.json names', () => {
    expect(REPO).toBe('archgen/archgen');
    expect(workflowText).toContain(`uses: ${REPO}@v0`);
  });
});

/** A `uses:` is archgen's own action or one of the pinned ones at its pinned major. */
function expectAllowed(uses: string): void {
  if (uses === './' || uses.startsWith(`${REPO}@`)) return;
  const [name = '', version] = uses.split('@');
  expect(Object.keys(PINNED), `${uses} is not an allowed action`).toContain(name);
  expect(version, `${name} is pinned to ${PINNED[name]}`).toBe(PINNED[name]);
}

describe('the docs', () => {
  const docs = ['README.md', 'docs/ci.md', 'docs/diff.md'];

  /** Code blocks of a Markdown file: language and text. */
  async function blocks(file: string): Promise<{ lang: string; text: string }[]> {
    const text = await readFile(path.join(ROOT, file), 'utf8');
    return [...text.matchAll(/^(`{3,})(\w*)\n([\s\S]*?)^\1$/gm)].map((m) => ({
      lang: m[2] ?? '',
      text: m[3] ?? '',
    }));
  }

  /** Every `run:` / `script:` string and every archgen action step in a YAML value. */
  function walk(value: unknown, scripts: string[], steps: Step[]): void {
    if (Array.isArray(value)) for (const v of value) walk(v, scripts, steps);
    else if (value && typeof value === 'object') {
      const rec = value as Record<string, unknown>;
      if (typeof rec['uses'] === 'string' && rec['uses'].startsWith(`${REPO}@`)) steps.push(rec);
      for (const [k, v] of Object.entries(rec)) {
        if (k === 'run' && typeof v === 'string') scripts.push(v);
        else if (k === 'script' && Array.isArray(v)) scripts.push(...v.map(String));
        else walk(v, scripts, steps);
      }
    }
  }

  it.each(docs)(
    '%s shows only archgen commands, flags and action inputs that exist',
    async (file) => {
      const scripts: string[] = [];
      const steps: Step[] = [];
      for (const b of await blocks(file)) {
        if (b.lang === 'sh') scripts.push(b.text);
        if (b.lang === 'yaml') walk(parseStrict<unknown>(b.text, file), scripts, steps);
      }
      expect(problemsIn(scripts, cli)).toEqual([]);
      for (const s of steps) {
        for (const key of Object.keys(s.with ?? {}))
          expect(action.inputs, `${file}: with.${key}`).toHaveProperty([key]);
      }
    },
  );
});
