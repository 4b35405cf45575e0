import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * `archgen init` as a user runs it: the starter it writes validates with no problems at all,
 * and it never overwrites without --force. The CI workflow it writes is checked in
 * workflow.test.ts, and the action that workflow runs in action.test.ts.
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
    expect(run.stderr).toContain(`set \`model: arch\``);
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
    const run = await runCli(['init'], cwd);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('move');
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
