import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { interpolate, stepRuns, type ExpressionScope, type Value } from './expressions.js';

/**
 * Runs a composite action's steps the way the GitHub runner does, closely enough to test
 * action.yml here: `if:` conditions and `${{ }}` expressions, each `run:` step in
 * `bash --noprofile --norc -eo pipefail` with its `env:` and `working-directory:`, the
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, step outputs, outcomes and conclusions,
 * `continue-on-error`, and the action's outputs. `uses:` steps are not run: they are recorded
 * with their evaluated `with:`, and `onUses` may read what they were given or make them fail.
 */

/** A step of action.yml. */
export interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
  'continue-on-error'?: boolean;
}

/** action.yml. */
export interface ActionFile {
  inputs: Record<string, { description?: string; default?: string }>;
  outputs: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

/** What happened to one step. */
export interface StepResult {
  name: string;
  ran: boolean;
  outcome: 'success' | 'failure' | 'skipped';
  exitCode?: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  with?: Record<string, string>;
}

/** One run of the action. */
export interface ActionRun {
  steps: StepResult[];
  /** Whether the action failed (a step failed without continue-on-error). */
  failed: boolean;
  outputs: Record<string, string>;
  /** What the steps wrote to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** The step with this name (throws when there is none). */
  step(name: string): StepResult;
}

export interface RunOptions {
  inputs: Record<string, string>;
  /** The `github` context: event_name, base_ref, repository, ... */
  github: Record<string, string>;
  workspace: string;
  actionPath: string;
  runnerTemp: string;
  /** Environment every step starts from (PATH, HOME, ...). */
  env: Record<string, string>;
  /** Steps not to run at all (recorded as skipped), e.g. the install step. */
  skip?: (step: ActionStep) => boolean;
  /** Called for `uses:` steps; return false to make the step fail. */
  onUses?: (step: ActionStep, args: Record<string, string>) => boolean | Promise<boolean>;
}

/** Runs the action's steps in order and reports each. */
export async function runAction(action: ActionFile, opts: RunOptions): Promise<ActionRun> {
  const inputs: Record<string, Value> = {};
  const steps: Record<string, Value> = {};
  const scope: ExpressionScope = {
    contexts: { github: { ...opts.github, action_path: opts.actionPath }, inputs, steps },
    failed: false,
  };
  for (const [name, spec] of Object.entries(action.inputs)) {
    inputs[name] = opts.inputs[name] ?? interpolate(String(spec.default ?? ''), scope);
  }
  const results: StepResult[] = [];
  const summaryFile = path.join(opts.runnerTemp, 'step-summary.md');
  await writeFile(summaryFile, '');
  for (const [index, step] of action.runs.steps.entries()) {
    const name = step.name ?? step.uses ?? `step ${index}`;
    const result: StepResult = {
      name,
      ran: false,
      outcome: 'skipped',
      stdout: '',
      stderr: '',
      outputs: {},
    };
    results.push(result);
    if (opts.skip?.(step) || !stepRuns(step.if, scope)) {
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    result.ran = true;
    let ok: boolean;
    if (step.uses) {
      result.with = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), scope)]),
      );
      ok = (await opts.onUses?.(step, result.with)) ?? true;
    } else {
      ok = await runScript(step, scope, opts, result, summaryFile);
    }
    result.outcome = ok ? 'success' : 'failure';
    const conclusion = ok || step['continue-on-error'] ? 'success' : 'failure';
    if (conclusion === 'failure') scope.failed = true;
    if (step.id) steps[step.id] = { outputs: result.outputs, outcome: result.outcome, conclusion };
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([k, o]) => [k, interpolate(o.value, scope)]),
  );
  const summary = await readFile(summaryFile, 'utf8');
  return {
    steps: results,
    failed: scope.failed,
    outputs,
    summary,
    step(name) {
      const found = results.find((s) => s.name === name);
      if (!found) throw new Error(`no step named ${name}`);
      return found;
    },
  };
}

async function runScript(
  step: ActionStep,
  scope: ExpressionScope,
  opts: RunOptions,
  result: StepResult,
  summaryFile: string,
): Promise<boolean> {
  if (step.shell !== 'bash') throw new Error(`step ${result.name}: only shell: bash is simulated`);
  const dir = await mkdtemp(path.join(opts.runnerTemp, 'step-'));
  const script = path.join(dir, 'script.sh');
  const outputFile = path.join(dir, 'output');
  await writeFile(script, interpolate(step.run ?? '', scope));
  await writeFile(outputFile, '');
  const env: Record<string, string> = {
    ...opts.env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: opts.actionPath,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_EVENT_NAME: opts.github['event_name'] ?? '',
    GITHUB_BASE_REF: opts.github['base_ref'] ?? '',
    RUNNER_TEMP: opts.runnerTemp,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = interpolate(String(v), scope);
  const cwd = step['working-directory']
    ? path.resolve(opts.workspace, interpolate(step['working-directory'], scope))
    : opts.workspace;
  const { code, stdout, stderr } = await spawnBash(script, cwd, env);
  result.exitCode = code;
  result.stdout = stdout;
  result.stderr = stderr;
  result.outputs = parseOutputs(await readFile(outputFile, 'utf8'));
  return code === 0;
}

function spawnBash(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** `name=value` lines and `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2] ?? '', i + 1);
      out[block[1] ?? ''] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}
