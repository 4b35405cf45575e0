import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';

/**
 * `archgen init` as a user runs it: the starter it writes validates with no problems at all,
 * it never overwrites without --force, and the CI workflow it writes runs only archgen commands
 * and flags that exist, and works on the starter.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STARTER = path.join(ROOT, 'templates/init');
const FILES = ['archgen.yaml', 'model.yaml', '.github/workflows/archgen.yml'];

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

/** A new empty working folder. */
async function workdir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'archgen-init-'));
  temps.push(dir);
  return dir;
}

/** sha256 of each starter file under dir (`absent` when missing). */
async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of FILES) {
    const file = path.join(dir, f);
    out[f] = existsSync(file)
      ? createHash('sha256')
          .update(await readFile(file))
          .digest('hex')
      : 'absent';
  }
  return out;
}

describe('archgen init', () => {
  it('writes the manifest, a model and the CI workflow into an empty folder', async () => {
    const cwd = await workdir();
    const run = await runCli(['init', 'arch'], cwd);
    expect(run.code).toBe(0);
    for (const f of FILES) {
      expect(existsSync(path.join(cwd, 'arch', f)), f).toBe(true);
      expect(run.stderr).toContain(path.join('arch', f));
    }
    expect(run.stderr).toContain('archgen validate arch');
  });

  it('the starter validates with no problems at all', async () => {
    const cwd = await workdir();
    expect((await runCli(['init', 'arch'], cwd)).code).toBe(0);
    const stylish = await runCli(['validate', 'arch', '--strict'], cwd);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout.trim()).toBe('✔ no problems');
    const json = await runCli(['validate', 'arch', '-f', 'json'], cwd);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      summary: { errors: 0, warnings: 0 },
      diagnostics: [],
    });
  });

  it('init with no folder writes into the current one', async () => {
    const cwd = await workdir();
    expect((await runCli(['init'], cwd)).code).toBe(0);
    expect(Object.values(await hashes(cwd))).not.toContain('absent');
    expect((await runCli(['validate'], cwd)).code).toBe(0);
  });

  it('refuses to run again: exit 2, names the existing files, changes nothing', async () => {
    const cwd = await workdir();
    expect((await runCli(['init', 'arch'], cwd)).code).toBe(0);
    const dir = path.join(cwd, 'arch');
    await writeFile(path.join(dir, 'model.yaml'), '# my own model, already edited\n');
    const before = await hashes(dir);
    const again = await runCli(['init', 'arch'], cwd);
    expect(again.code).toBe(2);
    for (const f of FILES) expect(again.stderr).toContain(f);
    expect(again.stderr).toContain('--force');
    expect(again.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await hashes(dir)).toEqual(before);
  });

  it('refuses when only one file exists, and writes none of the others', async () => {
    const cwd = await workdir();
    await writeFile(path.join(cwd, 'archgen.yaml'), 'archgen: 1\nenterprise: { name: Mine }\n');
    const before = await hashes(cwd);
    const run = await runCli(['init'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('archgen.yaml');
    expect(run.stderr).not.toContain('model.yaml');
    expect(await hashes(cwd)).toEqual(before);
    expect(existsSync(path.join(cwd, '.github'))).toBe(false);
  });

  it('--force overwrites the existing files with the starter', async () => {
    const cwd = await workdir();
    expect((await runCli(['init', 'arch'], cwd)).code).toBe(0);
    const dir = path.join(cwd, 'arch');
    const fresh = await hashes(dir);
    await writeFile(path.join(dir, 'model.yaml'), 'applications: [}\n');
    expect((await runCli(['validate', 'arch'], cwd)).code).not.toBe(0);
    const forced = await runCli(['init', 'arch', '--force'], cwd);
    expect(forced.code).toBe(0);
    expect(await hashes(dir)).toEqual(fresh);
    expect(await hashes(dir)).toEqual(await hashes(STARTER));
    expect((await runCli(['validate', 'arch'], cwd)).code).toBe(0);
  });
});

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/** The workflow's steps, from the file `init` wrote. */
async function workflowSteps(dir: string): Promise<Step[]> {
  const text = await readFile(path.join(dir, '.github/workflows/archgen.yml'), 'utf8');
  const wf = parse(text) as { on: unknown; jobs: Record<string, { steps: Step[] }> };
  expect(wf.on).toBeDefined();
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  expect(steps.length).toBeGreaterThan(0);
  return steps;
}

/**
 * Splits `archgen <command...> [args] [flags]` into the command path (as far as `--help` of
 * each longer path still names it in its usage line), positional arguments and flags.
 */
async function splitCommand(
  words: string[],
  cwd: string,
): Promise<{ command: string[]; flags: string[] }> {
  const command: string[] = [];
  for (const w of words) {
    if (w.startsWith('-')) break;
    const help = await runCli([...command, w, '--help'], cwd);
    if (help.code !== 0 || !help.stdout.includes(`Usage: archgen ${[...command, w].join(' ')} `))
      break;
    command.push(w);
  }
  const flags = words.filter((w) => w.startsWith('-')).map((w) => w.split('=')[0]!);
  return { command, flags };
}

describe('the CI workflow init writes', () => {
  it('parses as YAML, and every run step is `npx archgen <command>` with existing flags', async () => {
    const cwd = await workdir();
    expect((await runCli(['init'], cwd)).code).toBe(0);
    const runs = (await workflowSteps(cwd)).filter((s) => s.run !== undefined);
    expect(runs.length).toBeGreaterThan(0);
    for (const step of runs) {
      for (const line of step
        .run!.split(/\n|&&/)
        .map((l) => l.trim())
        .filter(Boolean)) {
        const m = /^npx (?:(?:--yes|-y) )?archgen (.+)$/.exec(line);
        expect(m, `run: ${line}`).not.toBeNull();
        const words = m![1]!.split(/\s+/);
        const { command, flags } = await splitCommand(words, cwd);
        expect(command.length, `a known command in: ${line}`).toBeGreaterThan(0);
        const help = await runCli([...command, '--help'], cwd);
        expect(help.code).toBe(0);
        for (const flag of flags) {
          expect(help.stdout, `${flag} of archgen ${command.join(' ')}`).toMatch(
            new RegExp(`(^|[ ,])${flag}\\b`, 'm'),
          );
        }
      }
    }
  });

  it('its commands succeed on the starter and write the SARIF file the upload step reads', async () => {
    const cwd = await workdir();
    expect((await runCli(['init'], cwd)).code).toBe(0);
    const steps = await workflowSteps(cwd);
    for (const step of steps.filter((s) => s.run !== undefined)) {
      const words = step
        .run!.trim()
        .replace(/^npx (?:(?:--yes|-y) )?archgen /, '')
        .split(/\s+/);
      const run = await runCli(words, cwd);
      expect(run.code, step.run).toBe(0);
      expect(run.stderr).not.toMatch(/internal error/);
    }
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload).toBeDefined();
    const sarifFile = String(upload!.with?.['sarif_file']);
    const sarif = JSON.parse(await readFile(path.join(cwd, sarifFile), 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toEqual([]);
  });
});
