// Diagram benchmarks: the floor (one page, mermaid loaded once), archgen's renderer cold and
// warm, a one-app change, and the mermaid-cli baselines (mmdc per diagram, renderMermaid).
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runValidate } from '../../dist/cli/run.js';
import { generateDiagrams } from '../../dist/diagrams/index.js';
import { CHROMIUM_ARGS, MERMAID_CONFIG, mermaidScript } from '../../dist/render/assets.js';
import { BrowserSession, findBrowser, needsNoSandbox } from '../../dist/render/browser.js';
import { DiagramCache } from '../../dist/render/cache.js';
import { DiagramRenderer } from '../../dist/render/mermaid.js';
import { now, sum } from './measure.js';

/** @typedef {{ id: string, source: string, elements?: string[] }} Item */

/**
 * The diagrams `archgen render` would draw for a model, with the model's language and budget.
 * @param {string} dir
 */
export async function modelDiagrams(dir) {
  const r = await runValidate(dir);
  if (!r.loaded || !r.graph) throw new Error(`${dir} did not load: ${r.diagnostics[0]?.message}`);
  const budget = r.loaded.manifest.diagrams;
  const lang = r.loaded.manifest.document?.lang ?? 'en';
  const t = now();
  const specs = generateDiagrams(r.graph, { lang, ...(budget ? { budget } : {}) });
  return { specs, generateMs: now() - t };
}

/** Chromium flags as archgen uses them. */
export const launchArgs = () => [...CHROMIUM_ARGS, ...(needsNoSandbox() ? ['--no-sandbox'] : [])];

/**
 * The hand-rolled floor: one launch, one page, mermaid.min.js loaded once, `mermaid.render` per
 * diagram, each SVG brought back to Node; nothing else (no request blocking, no cache, no checks).
 * @param {Item[]} items
 */
export async function floorPage(items) {
  const { default: puppeteer } = await import('puppeteer');
  const executablePath = await findBrowser();
  const t0 = now();
  const browser = await puppeteer.launch({
    executablePath,
    headless: 'shell',
    args: launchArgs(),
    protocolTimeout: 180_000,
  });
  const launchMs = now() - t0;
  /** @type {number[]} */
  const per = [];
  let initMs = 0;
  let bytes = 0;
  try {
    const t1 = now();
    const page = await browser.newPage();
    await page.setContent(
      '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>',
    );
    await page.addScriptTag({ content: mermaidScript() });
    await page.evaluate((config) => globalThis.mermaid.initialize(config), MERMAID_CONFIG);
    initMs = now() - t1;
    for (const [i, item] of items.entries()) {
      const t = now();
      const svg = await page.evaluate(
        async (id, text) => {
          const { svg } = await globalThis.mermaid.render(id, text);
          for (const x of [id, `d${id}`]) globalThis.document.getElementById(x)?.remove();
          return svg;
        },
        `floor${i}`,
        item.source,
      );
      per.push(now() - t);
      bytes += svg.length;
    }
  } finally {
    await browser.close();
  }
  return { ms: now() - t0, launchMs, initMs, renderMs: sum(per), per, bytes };
}

/**
 * archgen's DiagramRenderer in its own BrowserSession, as renderDocument uses it, closed at the end.
 * @param {Item[]} items
 * @param {DiagramCache} [cache]
 */
export async function archgenRender(items, cache) {
  const t0 = now();
  const session = new BrowserSession();
  const renderer = new DiagramRenderer({ session, ...(cache ? { cache } : {}) });
  /** @type {import('../../dist/render/types.js').RenderedDiagram[]} */
  let out;
  try {
    out = await renderer.render(items.map(({ id, source }) => ({ id, source })));
  } finally {
    await renderer.close();
    await session.close();
  }
  const errors = out.filter((r) => r.error).map((r) => r.error);
  return {
    ms: now() - t0,
    launches: session.launches,
    launchMs: session.launches ? session.launchMs : 0,
    initMs: renderer.initMs,
    renderMs: sum(out.map((r) => r.ms)),
    drawn: out.filter((r) => !r.cached && !r.error).map((r) => r.id),
    cached: out.filter((r) => r.cached).length,
    errors,
  };
}

/** A fresh empty folder under the OS temp dir. */
export const tempDir = (prefix) => mkdtemp(path.join(tmpdir(), `archgen-bench-${prefix}-`));

/**
 * Copies the model and renames its first application (the first `- id: "NNNNNN"` followed by a
 * `name:` line in applications.yaml). Returns the copy and the app's id.
 * @param {string} modelDir
 */
export async function copyWithOneAppRenamed(modelDir) {
  const dir = await tempDir('changed');
  await cp(modelDir, dir, { recursive: true });
  const file = path.join(dir, 'applications.yaml');
  const text = await readFile(file, 'utf8');
  const re = /(-\s+id:\s*"?(\d{6})"?\s*\n\s+name:\s*)([^\n]+)/;
  const m = re.exec(text);
  if (!m) throw new Error(`no application with a name line found in ${file}`);
  await writeFile(
    file,
    text.replace(re, (_, head, _id, name) => `${head}${name} (renamed)`),
  );
  return { dir, appId: m[2], oldName: m[3] };
}

/**
 * mmdc spawned once per diagram, as a user scripting mermaid-cli would.
 * @param {Item[]} items
 * @param {string} mmdcBin
 */
export async function mmdcPerDiagram(items, mmdcBin) {
  const dir = await tempDir('mmdc');
  try {
    const puppeteerCfg = path.join(dir, 'puppeteer.json');
    const executablePath = await findBrowser();
    await writeFile(
      puppeteerCfg,
      JSON.stringify({ executablePath, headless: 'shell', args: launchArgs() }),
    );
    const mermaidCfg = path.join(dir, 'mermaid.json');
    await writeFile(mermaidCfg, JSON.stringify(MERMAID_CONFIG));
    /** @type {number[]} */
    const per = [];
    for (const [i, item] of items.entries()) {
      const input = path.join(dir, `d${i}.mmd`);
      await writeFile(input, item.source);
      const t = now();
      const { code, stderr } = await run(mmdcBin, [
        '-p',
        puppeteerCfg,
        '-c',
        mermaidCfg,
        '-i',
        input,
        '-o',
        path.join(dir, `d${i}.svg`),
        '-q',
      ]);
      per.push(now() - t);
      if (code !== 0)
        throw new Error(`mmdc failed on ${item.id} (exit ${code}): ${stderr.slice(0, 400)}`);
    }
    return { per };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * mermaid-cli's renderMermaid in one browser (it opens a page and imports mermaid per call).
 * @param {Item[]} items
 */
export async function renderMermaidInOneBrowser(items) {
  const { renderMermaid } = await import('@mermaid-js/mermaid-cli');
  const { default: puppeteer } = await import('puppeteer');
  const executablePath = await findBrowser();
  const t0 = now();
  const browser = await puppeteer.launch({ executablePath, headless: 'shell', args: launchArgs() });
  const launchMs = now() - t0;
  /** @type {number[]} */
  const per = [];
  // renderMermaid forwards the page's console to console.warn: keep the table readable.
  const warn = console.warn;
  console.warn = () => {};
  try {
    for (const item of items) {
      const t = now();
      await renderMermaid(browser, item.source, 'svg', { mermaidConfig: { ...MERMAID_CONFIG } });
      per.push(now() - t);
    }
  } finally {
    console.warn = warn;
    await browser.close();
  }
  return { launchMs, per };
}

/**
 * @param {string} cmd
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, stderr: string }>}
 */
function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** A cache that reads `readDir` and writes a fresh folder, as a re-render into the same --out does. */
export async function cacheOver(readDir) {
  const write = await tempDir('cache');
  return { cache: new DiagramCache({ read: readDir ? [readDir] : [], write }), write };
}
