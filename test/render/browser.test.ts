import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BrowserNotFoundError,
  BrowserSession,
  findBrowser,
  launchBrowser,
} from '../../src/render/browser.js';

const scratch = mkdtempSync(join(tmpdir(), 'archgen-browser-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** True while `pid` is a live process (a zombie waiting to be reaped counts as gone). */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Node module hooks: load .ts files transpiled, and map `./x.js` imports from .ts to `./x.ts`. */
const LOADER = `
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'TYPESCRIPT';
export async function resolve(spec, ctx, next) {
  if (spec.startsWith('.') && spec.endsWith('.js') && ctx.parentURL?.endsWith('.ts')) {
    const url = new URL(spec.replace(/\\.js$/, '.ts'), ctx.parentURL);
    if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
  }
  return next(spec, ctx);
}
export async function load(url, ctx, next) {
  if (!url.endsWith('.ts')) return next(url, ctx);
  const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };
  const source = ts.transpileModule(readFileSync(fileURLToPath(url), 'utf8'), { compilerOptions: options }).outputText;
  return { format: 'module', source, shortCircuit: true };
}`;

describe('findBrowser', () => {
  it('honours PUPPETEER_EXECUTABLE_PATH and says how to install when it is wrong', async () => {
    await expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nope/chrome' })).rejects.toThrow(
      BrowserNotFoundError,
    );
    await expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nope/chrome' })).rejects.toThrow(
      /apt-get install -y --no-install-recommends chromium fonts-noto-cjk/,
    );
    await expect(
      findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/usr/lib/chromium/chromium' }),
    ).resolves.toBe('/usr/lib/chromium/chromium');
  });

  it('finds the system Chromium without configuration', async () => {
    expect(existsSync(await findBrowser({}))).toBe(true);
  });
});

describe('launchBrowser', () => {
  it('uses a fresh profile that close() removes, and close() is idempotent', async () => {
    const launched = await launchBrowser();
    try {
      const args = launched.browser.process()?.spawnargs ?? [];
      const dir = args.find((a) => a.startsWith('--user-data-dir='))!.split('=')[1]!;
      expect(existsSync(dir)).toBe(true);
      expect(args).toContain('--disable-background-networking');
      expect(args).toContain('--headless');
      await launched.close();
      expect(existsSync(dir)).toBe(false);
    } finally {
      await launched.close();
    }
  });

  it('a session launches lazily and once', async () => {
    const session = new BrowserSession();
    try {
      expect(session.launches).toBe(0);
      const [a, b] = await Promise.all([session.browser(), session.browser()]);
      expect(a).toBe(b);
      expect(session.launches).toBe(1);
    } finally {
      await session.close();
    }
  });

  // The child runs the real src/render/browser.ts through a tiny TypeScript loader hook.
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'leaves no Chromium behind when the run gets %s',
    async (signal) => {
      writeFileSync(
        join(scratch, 'loader.mjs'),
        LOADER.replace('TYPESCRIPT', import.meta.resolve('typescript')),
      );
      const entry = new URL('../../src/render/browser.ts', import.meta.url).href;
      writeFileSync(
        join(scratch, 'child.mjs'),
        `import { register } from 'node:module';
       register('./loader.mjs', import.meta.url);
       const { launchBrowser } = await import(${JSON.stringify(entry)});
       const { browser } = await launchBrowser();
       const args = browser.process().spawnargs;
       console.log(JSON.stringify({ pid: browser.process().pid, dir: args.find((a) => a.startsWith('--user-data-dir=')).split('=')[1] }));
       setInterval(() => {}, 1000);`,
      );
      const child = spawn(process.execPath, [join(scratch, 'child.mjs')], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          child.stdout.once('data', (d: Buffer) => resolve(d.toString()));
          child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
        });
        const { pid, dir } = JSON.parse(line) as { pid: number; dir: string };
        expect(alive(pid)).toBe(true);
        const exited = new Promise<NodeJS.Signals | null>((resolve) =>
          child.once('exit', (_code, sig) => resolve(sig)),
        );
        child.kill(signal);
        expect(await exited).toBe(signal); // the signal is re-raised: the run still ends the usual way
        expect(alive(pid)).toBe(false);
        expect(existsSync(dir)).toBe(false);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      }
    },
  );
});
