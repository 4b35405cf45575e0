import { main } from '../../src/cli/main.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs archgen in-process as a user would, with `cwd` as the working directory. The parse cache
 * is off (tests write nothing outside their temp folders) unless `env` sets `ARCHGEN_NO_CACHE`
 * to undefined, which removes it.
 */
export async function runCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
    cwd,
    env: { ARCHGEN_NO_CACHE: '1', ...env },
  });
  return { code, stdout, stderr };
}
