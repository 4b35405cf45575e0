import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { parseStrict, problemsIn, readCli, type CliSpec } from '../helpers/cli-spec.js';
import { archgenCommands, unquote } from '../helpers/shell-words.js';

/**
 * docs/examples/gitlab-ci.yml, the GitLab example docs/ci.md shows: valid YAML, archgen commands
 * and flags that exist, the validate command run as written on the starter model writing the
 * two reports the job declares, and the merge-request note script run against a stand-in for
 * GitLab's notes API (first a new note, then the same note edited).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FILE = path.join(ROOT, 'docs/examples/gitlab-ci.yml');

interface Job {
  image?: string;
  script?: string[];
  variables?: Record<string, string>;
  rules?: { if: string }[];
  artifacts?: { when?: string; reports?: Record<string, string>; paths?: string[] };
}

let cli: CliSpec;
let jobs: Record<string, Job>;
let variables: Record<string, string>;
let dir: string;

beforeAll(async () => {
  cli = await readCli(ROOT);
  const doc = parseStrict<Record<string, Job> & { variables: Record<string, string> }>(
    await readFile(FILE, 'utf8'),
    'gitlab-ci.yml',
  );
  ({ variables, ...jobs } = doc);
  dir = await mkdtemp(path.join(tmpdir(), 'archgen-gitlab-'));
  expect((await runCli(['init'], dir)).code).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const scripts = (): string[] => Object.values(jobs).flatMap((j) => j.script ?? []);

/** `$NAME` and `${NAME}` replaced from `env`, as the job's shell would. */
function expand(word: string, env: Record<string, string>): string {
  return unquote(word).replace(/\$\{?(\w+)\}?/g, (_, name: string) => env[name] ?? '');
}

describe('the GitLab CI example', () => {
  it('runs every job on Node 20, and only archgen commands and flags that exist', () => {
    expect(Object.keys(jobs).sort()).toEqual(['archgen:diff', 'archgen:validate']);
    for (const job of Object.values(jobs)) expect(job.image).toBe('node:20');
    expect(problemsIn(scripts(), cli)).toEqual([]);
  });

  it('compares a merge request with its target branch, fetched with its history', () => {
    const diff = jobs['archgen:diff'];
    expect(diff?.variables).toMatchObject({ GIT_DEPTH: '0' });
    expect(diff?.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    const commands = archgenCommands((diff?.script ?? []).join('\n'));
    expect(commands.map((c) => c.args.slice(0, 2))).toEqual([
      ['diff', '"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"'],
    ]);
    expect(commands[0]?.args.join(' ')).toContain('--format md --output archgen-diff.md');
    expect(diff?.artifacts?.paths).toEqual(['archgen-diff.md']);
  });

  it('writes, on the starter model, the JUnit and Code Quality reports the job declares', async () => {
    const job = jobs['archgen:validate'];
    const [command] = archgenCommands((job?.script ?? []).join('\n'));
    const args = (command?.args ?? []).map((w) => expand(w, variables));
    const run = await runCli(args, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('✔ no problems\n');
    const reports = job?.artifacts?.reports ?? {};
    expect(job?.artifacts?.when).toBe('always');
    const junit = await readFile(path.join(dir, reports['junit'] ?? ''), 'utf8');
    expect(junit).toContain('<testsuites');
    expect(
      JSON.parse(await readFile(path.join(dir, reports['codequality'] ?? ''), 'utf8')),
    ).toEqual([]);
  });
});

/** A stand-in for GitLab's merge request notes API, with a page size of 2. */
function fakeGitLab(): {
  start(): Promise<string>;
  stop(): Promise<void>;
  notes: { id: number; body: string }[];
  requests: string[];
} {
  const notes = [
    { id: 1, body: 'Looks good' },
    { id: 2, body: 'One question' },
    { id: 3, body: 'Answered' },
  ];
  const requests: string[] = [];
  const base = '/api/v4/projects/9/merge_requests/5/notes';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '', 'http://x');
      requests.push(`${req.method} ${url.pathname}${url.search}`);
      if (req.headers['private-token'] !== 'secret') return void res.writeHead(401).end('{}');
      if (req.method === 'GET' && url.pathname === base) {
        const page = Number(url.searchParams.get('page') ?? 1);
        const next = page * 2 < notes.length ? String(page + 1) : '';
        res.writeHead(200, { 'x-next-page': next, 'content-type': 'application/json' });
        return void res.end(JSON.stringify(notes.slice((page - 1) * 2, page * 2)));
      }
      const text = (JSON.parse(body || '{}') as { body?: string }).body ?? '';
      if (req.method === 'POST' && url.pathname === base) {
        notes.push({ id: 4, body: text });
        return void res.writeHead(201).end('{}');
      }
      const note = notes.find((n) => url.pathname === `${base}/${n.id}`);
      if (req.method === 'PUT' && note) {
        note.body = text;
        return void res.writeHead(200).end('{}');
      }
      res.writeHead(404).end('{"message":"404 Not found"}');
    });
  });
  return {
    notes,
    requests,
    start: () =>
      new Promise((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`),
        ),
      ),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Runs the note step of archgen:diff in bash, in a folder holding archgen-diff.md. */
function runNoteStep(env: Record<string, string>): Promise<{ code: number; out: string }> {
  const step = (jobs['archgen:diff']?.script ?? []).find((s) => s.startsWith('node '));
  expect(step).toBeDefined();
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step ?? ''], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

describe('the merge request note of the GitLab example', () => {
  it('adds one note, edits it on the next push, and says why when the API refuses', async () => {
    const gitlab = fakeGitLab();
    const api = await gitlab.start();
    try {
      const env = {
        CI_API_V4_URL: api,
        CI_PROJECT_ID: '9',
        CI_MERGE_REQUEST_IID: '5',
        ARCHGEN_GITLAB_TOKEN: 'secret',
      };
      await writeFile(path.join(dir, 'archgen-diff.md'), '### ✅ archgen diff: 1 added\n');
      const first = await runNoteStep(env);
      expect(first).toEqual({ code: 0, out: 'Added the archgen note.\n' });
      await writeFile(path.join(dir, 'archgen-diff.md'), '### ❌ archgen diff: 1 new error\n');
      const second = await runNoteStep(env);
      expect(second).toEqual({ code: 0, out: 'Updated the archgen note.\n' });
      expect(gitlab.notes.filter((n) => n.body.startsWith('<!-- archgen diff -->'))).toEqual([
        { id: 4, body: '<!-- archgen diff -->\n### ❌ archgen diff: 1 new error\n' },
      ]);
      expect(gitlab.requests.filter((r) => !r.startsWith('GET'))).toEqual([
        'POST /api/v4/projects/9/merge_requests/5/notes',
        'PUT /api/v4/projects/9/merge_requests/5/notes/4',
      ]);
      const refused = await runNoteStep({ ...env, ARCHGEN_GITLAB_TOKEN: 'wrong' });
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/^GitLab answered 401 to GET http:\/\/127\.0\.0\.1:\d+\/api/);
      expect(refused.out).not.toMatch(/\n\s+at /);
    } finally {
      await gitlab.stop();
    }
  });

  it('skips the note, and says so, without a token', async () => {
    const run = await runNoteStep({});
    expect(run).toEqual({
      code: 0,
      out: 'ARCHGEN_GITLAB_TOKEN is not set: the report is in the job artifacts only.\n',
    });
  });
});
