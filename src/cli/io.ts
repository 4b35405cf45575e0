/** Where the CLI writes: real streams in `bin/`, buffers in tests. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colour, progress). */
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether commands that clean up (render) may take over SIGINT/SIGTERM/SIGHUP. */
  handleSignals?: boolean;
}

/** The process's own streams. */
export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
    handleSignals: true,
  };
}

/** Thrown for usage, configuration and I/O failures: printed as one line, exit 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
