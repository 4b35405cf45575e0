import { constants } from 'node:os';
import type { CliIO } from './io.js';

/** Signals that stop a render: Ctrl-C, `kill`, a closed terminal. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The reason a run was aborted by a signal; its exit code is the shell's, 128 + the signal number. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  readonly exitCode: number;

  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.exitCode = 128 + (constants.signals[signal] ?? 2);
  }
}

/** The reason a run was aborted by its time limit (`--timeout`). */
export class TimedOut extends Error {
  override readonly name = 'TimedOut';

  constructor(
    readonly seconds: number,
    /** What the run was doing when the time ran out, e.g. "drawing diagram `x` (3 of 28)". */
    readonly stage: string,
  ) {
    super(`did not finish within ${seconds} s`);
  }
}

/** Signal handling for one command: aborted on the first signal, removed by `dispose()`. */
export interface SignalWatch {
  /** Aborts on the first SIGINT, SIGTERM or SIGHUP, with an {@link Interrupted} reason. */
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Turns SIGINT/SIGTERM/SIGHUP into an abort the run unwinds from (its `finally` blocks close the
 * browser and remove the temporary folder). If it has not ended within `graceMs`, or on a second
 * signal, the process exits at once: its `exit` listeners still kill the browser and remove or
 * restore folders, synchronously.
 */
export function watchSignals(io: CliIO, graceMs = 3_000): SignalWatch {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    const reason = new Interrupted(signal);
    if (controller.signal.aborted) {
      io.stderr(`\narchgen: ${signal} again: quitting now\n`);
      process.exit((controller.signal.reason as Interrupted).exitCode);
    }
    const again = signal === 'SIGINT' ? ' (press Ctrl-C again to quit at once)' : '';
    io.stderr(`\narchgen: ${signal}: stopping and cleaning up${again}\n`);
    controller.abort(reason);
    setTimeout(() => process.exit(reason.exitCode), graceMs).unref();
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    signal: controller.signal,
    // A pending forced exit stays: if something still holds the process after a signal, it ends.
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}
