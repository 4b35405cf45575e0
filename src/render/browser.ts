import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { CHROMIUM_ARGS, INSTALL_HINT, SYSTEM_BROWSER_PATHS } from './assets.js';
import { currentOwner, ownerGone, parseOwner } from './owner.js';

/** Thrown when no Chromium/Chrome can be found; the message says how to install one. */
export class BrowserNotFoundError extends Error {
  override readonly name = 'BrowserNotFoundError';
}

/** Thrown when a browser was found but did not start; the message names the binary. */
export class BrowserLaunchError extends Error {
  override readonly name = 'BrowserLaunchError';
}

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Finds a browser binary: PUPPETEER_EXECUTABLE_PATH, then puppeteer's own cache, then the usual
 * system paths. Throws {@link BrowserNotFoundError} when there is none.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env['PUPPETEER_EXECUTABLE_PATH'];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new BrowserNotFoundError(
      `PUPPETEER_EXECUTABLE_PATH=${fromEnv} is not an executable file. ${INSTALL_HINT}`,
    );
  }
  try {
    const { default: puppeteer } = await import('puppeteer');
    const cached = puppeteer.executablePath();
    if (cached && isExecutable(cached)) return cached;
  } catch {
    // No browser in puppeteer's cache (downloads are skipped): fall through to system paths.
  }
  const found = SYSTEM_BROWSER_PATHS.find(isExecutable);
  if (found) return found;
  throw new BrowserNotFoundError(
    `No Chromium or Chrome found (looked in ${SYSTEM_BROWSER_PATHS.join(', ')}). ${INSTALL_HINT}`,
  );
}

/** True when Chromium's sandbox cannot work: running as root, or inside a container. */
export function needsNoSandbox(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['ARCHGEN_NO_SANDBOX'] === '1') return true;
  if (process.getuid?.() === 0) return true;
  if (existsSync('/.dockerenv') || existsSync('/run/.containerenv') || env['container'])
    return true;
  try {
    return /docker|kubepods|containerd|lxc/.test(readFileSync('/proc/1/cgroup', 'utf8'));
  } catch {
    return false;
  }
}

/** A running browser plus its cleanup. `close()` is idempotent and never throws. */
export interface LaunchedBrowser {
  browser: Browser;
  executablePath: string;
  /** Wall time of the launch in milliseconds. */
  launchMs: number;
  close(): Promise<void>;
  /** Kills the browser at once (no graceful close) and removes its profile. */
  kill(): void;
}

/** Options for {@link launchBrowser}. */
export interface LaunchOptions {
  executablePath?: string;
  env?: NodeJS.ProcessEnv;
  /** CDP call timeout in milliseconds (default 180 000: a big page.pdf can take a while). */
  protocolTimeoutMs?: number;
}

const live = new Map<Browser, () => void>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function killAll(): void {
  for (const kill of [...live.values()]) kill();
}

function stopTracking(): void {
  process.off('exit', killAll);
  for (const s of SIGNALS) process.off(s, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  live.clear();
  stopTracking();
  // Our listener suppressed Node's default exit; re-raise once nobody else handles the signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function track(browser: Browser, kill: () => void): void {
  if (live.size === 0) {
    process.on('exit', killAll);
    for (const s of SIGNALS) process.on(s, onSignal);
  }
  live.set(browser, kill);
}

function untrack(browser: Browser): void {
  if (live.delete(browser) && live.size === 0) stopTracking();
}

/**
 * Launches headless Chromium with the flags this environment needs (rendering-notes.md), a fresh
 * temporary profile removed on close, and exit/SIGINT/SIGTERM/SIGHUP handlers that kill the
 * browser's process group so an interrupted run leaves no Chromium behind.
 */
export async function launchBrowser(opts: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const env = opts.env ?? process.env;
  const executablePath = opts.executablePath ?? (await findBrowser(env));
  const { default: puppeteer } = await import('puppeteer');
  removeStaleProfiles();
  const userDataDir = mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
  writeFileSync(join(userDataDir, PROFILE_OWNER), JSON.stringify(currentOwner()));
  const args = [...CHROMIUM_ARGS, ...(needsNoSandbox(env) ? ['--no-sandbox'] : [])];
  const started = performance.now();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: 'shell',
      args,
      userDataDir,
      protocolTimeout: opts.protocolTimeoutMs ?? 180_000,
      // DevTools over a pipe rather than a port: Chromium exits by itself when the pipe closes,
      // so even a run killed with SIGKILL leaves no browser behind. Measured no slower here.
      pipe: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    const why = err instanceof Error ? err.message.split('\n').slice(0, 3).join(' ') : String(err);
    throw new BrowserLaunchError(`Chromium at ${executablePath} did not start: ${why}`);
  }
  const launchMs = performance.now() - started;
  const kill = (): void => {
    const proc = browser.process();
    if (proc?.pid && proc.exitCode === null && proc.signalCode === null) {
      try {
        // puppeteer starts Chromium as a process-group leader: -pid kills its renderers too.
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        proc.kill('SIGKILL');
      }
    }
    removeProfile(userDataDir);
  };
  track(browser, kill);
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      const timer = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
      await Promise.race([browser.close().catch(() => undefined), timer]);
      kill();
      untrack(browser);
    })());
  return {
    browser,
    executablePath,
    launchMs,
    close,
    kill: () => {
      kill();
      untrack(browser);
    },
  };
}

const PROFILE_PREFIX = 'archgen-chromium-';

/**
 * Removes a profile and the socket folder Chromium keeps beside it in the temp folder
 * (`org.chromium.Chromium.*`), which it removes itself only when it shuts down cleanly.
 */
function removeProfile(dir: string): void {
  try {
    const socket = dirname(readlinkSync(join(dir, 'SingletonSocket')));
    if (/^org\.chromium\.Chromium\./.test(basename(socket)))
      rmSync(socket, { recursive: true, force: true });
  } catch {
    // No socket: the browser never got that far, or cleaned up itself.
  }
  rmSync(dir, { recursive: true, force: true });
}

/** In each profile: the process that launched its browser (see {@link removeStaleProfiles}). */
const PROFILE_OWNER = '.archgen-owner';

/**
 * Removes the profiles of runs that are gone: a run killed with SIGKILL cannot remove its own
 * (its browser exits by itself when the DevTools pipe closes). Only profiles holding our owner
 * file are touched.
 */
export function removeStaleProfiles(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir()).filter((n) => n.startsWith(PROFILE_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(tmpdir(), name);
    try {
      const owner = parseOwner(readFileSync(join(dir, PROFILE_OWNER), 'utf8'));
      if (owner && ownerGone(owner)) removeProfile(dir);
    } catch {
      // Not ours, someone else's, or already gone.
    }
  }
}

/**
 * One browser per run, launched on first use (so a fully cached run never starts Chromium).
 * `launches` counts launches, for tests and benchmarks.
 */
export class BrowserSession {
  /** How many times a browser was launched by this session. */
  launches = 0;
  /** Milliseconds the last launch took (0 before any). */
  launchMs = 0;
  #current: LaunchedBrowser | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => this.kill();

  /**
   * @param signal when it aborts, the browser is killed at once and no other is launched: every
   *   call waiting on it fails, with the signal's reason from {@link browser}.
   */
  constructor(
    private readonly opts: LaunchOptions = {},
    signal?: AbortSignal,
  ) {
    this.#signal = signal;
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** The shared browser, launching (or relaunching after a crash) when needed. Calls are serialised. */
  browser(): Promise<Browser> {
    const next = this.#queue.catch(() => undefined).then(() => this.#ensure());
    this.#queue = next;
    return next;
  }

  async #ensure(): Promise<Browser> {
    this.#signal?.throwIfAborted();
    if (this.#current?.browser.connected) return this.#current.browser;
    await this.#current?.close();
    this.#current = undefined;
    this.launches++;
    this.#current = await launchBrowser(this.opts);
    this.launchMs = this.#current.launchMs;
    if (this.#signal?.aborted) {
      this.kill(); // aborted while Chromium was starting
      this.#signal.throwIfAborted();
    }
    return this.#current.browser;
  }

  /** Kills the browser, if one runs, without waiting for a graceful close. */
  kill(): void {
    const current = this.#current;
    this.#current = undefined;
    current?.kill();
  }

  /** True when a browser is running. */
  get running(): boolean {
    return this.#current?.browser.connected ?? false;
  }

  /** Closes the browser if one was launched. Safe to call more than once. */
  async close(): Promise<void> {
    this.#signal?.removeEventListener('abort', this.#onAbort);
    await this.#queue.catch(() => undefined);
    const current = this.#current;
    this.#current = undefined;
    await current?.close();
  }
}

/**
 * Blocks every request of a page except `data:` and `about:` URLs, so nothing rendered from the
 * (untrusted) model can reach the network.
 */
export async function blockNetwork(page: Page): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('about:')) void req.continue();
    else void req.abort('blockedbyclient');
  });
}
