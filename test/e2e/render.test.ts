/**
 * End to end: `archgen render` of the example model, driven through the CLI as a user runs it,
 * checked the way a user would check the result (real Chromium, poppler-utils, no mocks).
 *
 * The example model is rendered ONCE (html, pdf, md) in `beforeAll`; every test reads that
 * output. Tests that render again work on copies of the model and of that output.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsWithPrefix } from '../../src/i18n/labels.js';
import { loadModel } from '../../src/load/index.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import {
  STACK_LINE,
  copyDir,
  diagramCounts,
  filesWithExt,
  hashDir,
  replaceOnce,
  tool,
  withEnv,
} from './helpers.js';
import { figureTexts, pdfWords, printedSizes } from './print-size.js';

const EXAMPLE_MODEL = fileURLToPath(new URL('../../model', import.meta.url));
const CHROMIUM = process.env['PUPPETEER_EXECUTABLE_PATH'] ?? '/usr/bin/chromium';
const NO_BROWSER = '/nonexistent/archgen-e2e/chromium';
const MERMAID_ERRORS = ['Syntax error', 'Maximum text size', 'Edge limit'];
/** An app that shows in some diagrams but not all (checked below), renamed in the cache test. */
const RENAMED_APP = { id: '100101', from: '国内采购商网站 Domestic purchaser website' };
const RENAMED_TO = '国内采购商门户 Domestic purchaser portal';
/**
 * The smallest text a printed figure may have, in pt. 6-7 pt is the usual floor for print
 * (captions of maps and charts, fine print): at 6 pt a CJK glyph is 2.1 mm high and Latin
 * lowercase about 1.1 mm, still read at arm's length; below it, strokes of dense ideographs merge.
 */
const MIN_PRINT_PT = 6;

let root: string; // cwd of every run: holds model/, out/ and the copies made by tests
let first: CliRun;
let outDir: string;
let html: string;
let md: string;
let pdfFile: string;
let pdfPages: string[]; // pdftotext per page
let apps: { id: string; name: string }[];
let chapterHeadings: string[];
let ui: Record<string, string>; // the document's UI labels, by key without `ui.`
let browser: Browser;

const at = (...p: string[]): string => path.join(root, ...p);
const docFile = (dir: string, ext: string): string => {
  const f = readdirSync(dir).filter((n) => n.endsWith(`.${ext}`));
  if (f.length !== 1) throw new Error(`expected one .${ext} in ${dir}, found ${f.join(', ')}`);
  return path.join(dir, f[0] as string);
};
const squash = (s: string): string => s.replace(/\s+/g, '');
/** Sibling temp folders a render leaves behind when it does not clean up. */
const leftovers = (dir: string): string[] => readdirSync(dir).filter((n) => /\.tmp-/.test(n));
/** Runs the CLI with PUPPETEER_EXECUTABLE_PATH pointing nowhere (browser.ts reads process.env). */
const withoutBrowser = (args: string[], cwd: string): Promise<CliRun> =>
  withEnv({ PUPPETEER_EXECUTABLE_PATH: NO_BROWSER }, () =>
    runCli(args, cwd, { PUPPETEER_EXECUTABLE_PATH: NO_BROWSER }),
  );

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'archgen-e2e-'));
  await copyDir(EXAMPLE_MODEL, at('model'));

  const loaded = (await loadModel(at('model'), { cwd: root })).loaded;
  if (!loaded) throw new Error('the example model did not load');
  apps = loaded.model.applications.map((a) => ({ id: a.id, name: a.name ?? a.id }));
  const lang = loaded.manifest.document?.lang ?? 'en';
  chapterHeadings = Object.values(labelsWithPrefix(lang, 'ch.'));
  ui = labelsWithPrefix(lang, 'ui.');

  first = await runCli(['render', 'model', '--out', 'out', '-f', 'html,pdf,md'], root);
  if (first.code !== 0) throw new Error(`render failed (${first.code}):\n${first.stderr}`);
  outDir = at('out');
  html = await readFile(docFile(outDir, 'html'), 'utf8');
  md = await readFile(docFile(outDir, 'md'), 'utf8');
  pdfFile = docFile(outDir, 'pdf');
  pdfPages = tool('pdftotext', [pdfFile, '-']).split('\f');

  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: 'shell',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    protocolTimeout: 60_000,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (root && !process.env['ARCHGEN_KEEP_E2E']) await rm(root, { recursive: true, force: true });
});

describe('render of the example model (html, pdf, md)', () => {
  it('reports what it wrote', () => {
    expect(first.stderr).toMatch(/\.html\s+\S+ [KM]B/);
    expect(first.stderr).toMatch(/\.pdf\s+\S+ [KM]B, \d+ pages/);
    expect(first.stderr).toMatch(/\.md\s+\S+ [KM]B/);
    const c = diagramCounts(first.stderr);
    expect(c.drawn + c.cached).toBe(c.total);
    expect(c.total).toBeGreaterThan(0);
    expect(first.stderr).not.toMatch(STACK_LINE);
  });

  it('has every chapter heading and every application id in the HTML and the PDF text', () => {
    expect(apps.length).toBeGreaterThan(40);
    const chapters = [...html.matchAll(/<h1 class="chapter-title">([\s\S]*?)<\/h1>/g)].map((m) =>
      (m[1] ?? '')
        .replace(/<span class="chapter-num">[^<]*<\/span>/, '')
        .replace(/<[^>]+>/g, '')
        .trim(),
    );
    expect(chapters).toEqual(chapterHeadings); // all chapters, in order, nothing extra
    const pdfText = pdfPages.join('\n');
    for (const h of chapterHeadings) expect(pdfText, `chapter ${h} in the PDF`).toContain(h);
    for (const { id } of apps) {
      expect(html, `anchor of app ${id}`).toContain(`id="app-${id}"`);
      expect(pdfText, `app ${id} in the PDF`).toContain(id);
    }
  });

  it('has the Chinese application names as text in the PDF', () => {
    const pdfText = squash(pdfPages.join(''));
    const chinese = apps
      .map((a) => a.name.split(/\s+/)[0] ?? '')
      .filter((n) => /\p{Script=Han}/u.test(n));
    expect(chinese.length).toBeGreaterThan(30);
    const missing = chinese.filter((n) => !pdfText.includes(squash(n)));
    expect(missing).toEqual([]);
  });

  it('embeds fonts that carry CJK glyphs in the PDF', () => {
    const rows = tool('pdffonts', [pdfFile])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    // Chromium embeds system Noto CJK as unnamed Type 3 fonts; a web font would appear by name.
    expect(rows.some((r) => /Type 3|CJK|Noto\S*(SC|TC|JP)|SourceHan/i.test(r))).toBe(true);
    const notEmbedded = rows.filter((r) => /\sno\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.test(r));
    expect(notEmbedded).toEqual([]);
  });

  it('prints a page with Chinese text that is not blank', async () => {
    const name = apps[0]?.name.split(/\s+/)[0] ?? '';
    const pageNo = pdfPages.findIndex((p) => squash(p).includes(name)) + 1;
    expect(pageNo, `a page holding ${name}`).toBeGreaterThan(0);
    const prefix = at(`page-${pageNo}`);
    tool('pdftoppm', [
      '-f',
      `${pageNo}`,
      '-l',
      `${pageNo}`,
      '-r',
      '50',
      '-png',
      '-singlefile',
      pdfFile,
      prefix,
    ]);
    const png = await readFile(`${prefix}.png`);
    const page = await browser.newPage();
    try {
      const ink = await page.evaluate(
        async (src: string) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const ctx = canvas.getContext('2d');
          if (!ctx) throw new Error('no 2d context');
          ctx.drawImage(img, 0, 0);
          const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
          let dark = 0;
          for (let i = 0; i < data.length; i += 4) {
            if ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200)
              dark++;
          }
          return { w: canvas.width, h: canvas.height, ratio: dark / (data.length / 4) };
        },
        `data:image/png;base64,${png.toString('base64')}`,
      );
      expect(ink.w).toBeGreaterThan(300); // A4 at 50 dpi is about 413 x 585
      expect(ink.ratio).toBeGreaterThan(0.005);
      expect(ink.ratio).toBeLessThan(0.6);
    } finally {
      await page.close();
    }
  });

  it('inlines an SVG in every figure, with no mermaid error, one per diagram file', async () => {
    const figures = [...html.matchAll(/<figure\b([^>]*)>([\s\S]*?)<\/figure>/g)];
    expect(figures.length).toBeGreaterThan(0);
    for (const [, attrs = '', body = ''] of figures) {
      expect(body, `figure ${attrs}`).toMatch(/<svg[\s>]/);
    }
    for (const e of MERMAID_ERRORS) expect(html).not.toContain(e);
    const diagrams = path.join(outDir, 'diagrams');
    const mmd = await filesWithExt(diagrams, '.mmd');
    const svg = await filesWithExt(diagrams, '.svg');
    expect(svg.length).toBe(mmd.length);
    expect(figures.length).toBe(mmd.length);
    expect(diagramCounts(first.stderr).total).toBe(mmd.length);
    expect(svg.map((f) => f.replace(/\.svg$/, ''))).toEqual(
      mmd.map((f) => f.replace(/\.mmd$/, '')),
    );
    const figureIds = figures.map(([, a = '']) => /data-diagram="([^"]+)"/.exec(a)?.[1]).sort();
    expect(figureIds).toEqual(mmd.map((f) => f.replace(/\.mmd$/, '')).sort());
    for (const f of svg) {
      const text = await readFile(path.join(diagrams, f), 'utf8');
      for (const e of MERMAID_ERRORS) expect(text, `${f}`).not.toContain(e);
    }
  });

  it('opens in Chromium with no console error and no request, and finds an app by id', async () => {
    const fileUrl = pathToFileURL(docFile(outDir, 'html')).href;
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    try {
      await page.setViewport({ width: 1400, height: 1000 });
      await page.setRequestInterception(true);
      page.on('request', (r) => {
        const url = r.url();
        if (url === fileUrl || url.startsWith('data:') || url.startsWith('about:'))
          void r.continue();
        else {
          requests.push(url);
          void r.abort('blockedbyclient');
        }
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(fileUrl, { waitUntil: 'load' });

      // Every figure shows a drawn SVG (not collapsed to nothing by the CSS).
      const sizes = await page.$$eval('figure', (fs) =>
        fs.map((f) => {
          const r = f.querySelector('svg')?.getBoundingClientRect();
          return { id: f.id, w: r?.width ?? 0, h: r?.height ?? 0 };
        }),
      );
      expect(sizes.filter((s) => s.w < 50 || s.h < 20)).toEqual([]);

      const app = apps.find((a) => a.id === RENAMED_APP.id) ?? apps[0];
      if (!app) throw new Error('no app');
      await page.type('#search-input', app.id);
      const results = await page.$$eval('#search-results a', (as) =>
        as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent ?? '' })),
      );
      const hit = results.find((r) => r.href === `#app-${app.id}`);
      expect(hit, JSON.stringify(results)).toBeDefined();
      expect(hit?.text).toContain(app.name);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => location.hash)).toBe(results[0]?.href);
      expect(await page.$(`[id="app-${app.id}"]`)).not.toBeNull();

      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('lays the print view out within the width of an A4 page, so Chromium shrinks no page', async () => {
    // 210 mm less 15 mm margins each side, in CSS px; wider content scales every page down.
    const width = Math.floor((180 / 25.4) * 96);
    const page = await browser.newPage();
    const wide = await page
      .goto(pathToFileURL(docFile(outDir, 'html')).href, { waitUntil: 'load' })
      .then(async () => {
        await page.emulateMediaType('print');
        await page.setViewport({ width, height: 1000 });
        return page.$$eval(
          '.table-block, .figure',
          (blocks, max) =>
            blocks
              .filter((b) => b.scrollWidth > max || b.getBoundingClientRect().right > max + 1)
              .map((b) => b.querySelector('.caption, figcaption')?.textContent?.trim() ?? b.id),
          width,
        );
      })
      .finally(() => page.close());
    expect(wide).toEqual([]);
  });

  it(`prints every figure's text at ${MIN_PRINT_PT} pt or more, as text the PDF holds`, async () => {
    const page = await browser.newPage();
    const figures = await page
      .goto(pathToFileURL(docFile(outDir, 'html')).href, { waitUntil: 'load' })
      .then(() => figureTexts(page))
      .finally(() => page.close());
    const printed = printedSizes(figures, pdfWords(pdfFile));
    expect(printed.length).toBe(diagramCounts(first.stderr).total);
    const show = (f: (typeof printed)[number]): string =>
      `${f.number} ${f.diagramId} (page ${f.page}): ${f.smallestPt.toFixed(1)} pt, labels ${f.labelPt.toFixed(1)} pt`;
    for (const f of printed) {
      expect(f.page, `${f.number} ${f.diagramId}: caption in the PDF`).toBeGreaterThan(0);
      // Measured from at least a few words; and the figure's words are text in the PDF.
      expect(f.matched, show(f)).toBeGreaterThanOrEqual(Math.min(3, f.words));
      expect(f.present, show(f)).toBeGreaterThanOrEqual(0.9);
    }
    expect(printed.filter((f) => !(f.smallestPt >= MIN_PRINT_PT)).map(show)).toEqual([]);
    // A figure's note and legend print with it, never alone on the next page.
    const caption = new RegExp(`${ui['figure'] ?? 'Figure'}\\s*\\d+-\\d+`);
    const strays = pdfPages
      .map((text, i) => ({ page: i + 1, text: squash(text) }))
      .filter(({ text }) =>
        [ui['parts'], ui['summarised']].some((l) => text.includes(squash(l ?? '-'))),
      )
      .filter(({ text }) => !caption.test(text))
      .map(({ page }) => page);
    expect(strays).toEqual([]);
  });

  it('writes Markdown with GFM tables, one mermaid block per diagram, and every app id', async () => {
    const lines = md.split('\n');
    const tables = lines.filter(
      (l, i) => /^\|.*\|\s*$/.test(lines[i - 1] ?? '') && /^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(l),
    );
    expect(tables.length).toBeGreaterThan(10);
    const blocks = md.match(/^```mermaid\n[\s\S]*?^```$/gm) ?? [];
    const mmd = await filesWithExt(path.join(outDir, 'diagrams'), '.mmd');
    expect(blocks.length).toBe(mmd.length);
    for (const { id } of apps) expect(md, `app ${id}`).toContain(id);
    expect(md).not.toMatch(/<script/i);
  });
});

describe('diagram cache', () => {
  it('draws nothing and needs no browser when nothing changed; redraws only what shows a renamed app', async () => {
    await copyDir(outDir, at('out-cache'));
    // html,md: printing the PDF needs a browser by itself; pointing PUPPETEER_EXECUTABLE_PATH at
    // nothing proves the diagrams did not launch one.
    const again = await withoutBrowser(
      ['render', 'model', '--out', 'out-cache', '-f', 'html,md'],
      root,
    );
    expect(again.code, again.stderr).toBe(0);
    const total = diagramCounts(first.stderr).total;
    expect(again.stderr).toContain(`${total} diagrams (0 drawn, ${total} from cache)`);
    // Same document, byte for byte (compared as one string: a deep Buffer compare is slow).
    expect((await readFile(docFile(at('out-cache'), 'html'), 'utf8')) === html).toBe(true);

    // A Markdown-only render in between keeps the cache for the next drawing render.
    const mdOnly = await withoutBrowser(
      ['render', 'model', '--out', 'out-cache', '-f', 'md'],
      root,
    );
    expect(mdOnly.code, mdOnly.stderr).toBe(0);
    const third = await withoutBrowser(
      ['render', 'model', '--out', 'out-cache', '-f', 'html'],
      root,
    );
    expect(third.stderr).toContain(`${total} diagrams (0 drawn, ${total} from cache)`);

    await copyDir(at('model'), at('model-renamed'));
    await replaceOnce(
      at('model-renamed', 'applications.yaml'),
      `name: ${RENAMED_APP.from}`,
      `name: ${RENAMED_TO}`,
    );
    const renamed = await runCli(
      ['render', 'model-renamed', '--out', 'out-cache', '-f', 'html,md'],
      root,
    );
    expect(renamed.code, renamed.stderr).toBe(0);
    const counts = diagramCounts(renamed.stderr);

    const before = path.join(outDir, 'diagrams');
    const after = at('out-cache', 'diagrams');
    const mmd = await filesWithExt(before, '.mmd');
    expect(await filesWithExt(after, '.mmd')).toEqual(mmd);
    const read = (dir: string, f: string): string => readFileSync(path.join(dir, f), 'utf8');
    const changed = mmd.filter((f) => read(before, f) !== read(after, f));
    // Exactly the diagrams that show the app (by id) changed, and the new name is in each.
    const showing = mmd.filter((f) => read(before, f).includes(RENAMED_APP.id));
    expect(changed).toEqual(showing);
    for (const f of changed) expect(read(after, f)).toContain(RENAMED_TO);
    expect(counts.drawn).toBe(changed.length);
    expect(counts.cached).toBe(total - changed.length);
    expect(counts.drawn).toBeGreaterThan(0);
    expect(counts.drawn).toBeLessThan(total);
    // The diagrams not redrawn are the very same SVGs.
    for (const f of mmd.filter((m) => !changed.includes(m))) {
      const svg = f.replace(/\.mmd$/, '.svg');
      expect(read(after, svg), svg).toBe(read(before, svg));
    }
  });
});

describe('diagrams linked as files (--svg files)', () => {
  it('links every diagram as an image that loads in Chromium, with no request outside the output', async () => {
    await copyDir(outDir, at('out-files'));
    const run = await withoutBrowser(
      ['render', 'model', '--out', 'out-files', '-f', 'html', '--svg', 'files'],
      root,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('links its diagrams');
    const file = docFile(at('out-files'), 'html');
    const linked = await readFile(file, 'utf8');
    expect(linked).not.toMatch(/<svg[\s>]/);
    expect(linked.length).toBeLessThan(html.length / 2);
    const imgs = [
      ...linked.matchAll(/<img class="diagram" src="([^"]+)" width="(\d+)" height="(\d+)"/g),
    ];
    const svgs = await filesWithExt(path.join(outDir, 'diagrams'), '.svg');
    expect(imgs.map((m) => m[1]).sort()).toEqual(svgs.map((f) => `diagrams/${f}`).sort());
    for (const f of svgs) {
      const a = readFileSync(path.join(outDir, 'diagrams', f), 'utf8');
      expect(readFileSync(at('out-files', 'diagrams', f), 'utf8') === a, f).toBe(true);
    }

    const url = pathToFileURL(file).href;
    const folder = pathToFileURL(at('out-files')).href + '/';
    const page = await browser.newPage();
    const outside: string[] = [];
    const errors: string[] = [];
    try {
      await page.setRequestInterception(true);
      page.on('request', (r) => {
        const u = r.url();
        if (u.startsWith(folder) || u.startsWith('data:') || u.startsWith('about:'))
          void r.continue();
        else {
          outside.push(u);
          void r.abort('blockedbyclient');
        }
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(url, { waitUntil: 'load' });
      // Images load lazily: bring each into view, then wait until every one has decoded.
      await page.$$eval('img.diagram', (list) => list.forEach((i) => (i.loading = 'eager')));
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('img.diagram')].every(
            (i) => (i as HTMLImageElement).complete,
          ),
        { timeout: 30_000 },
      );
      const broken = await page.$$eval('img.diagram', (list) =>
        list
          .map((i) => i)
          .filter((i) => i.naturalWidth === 0 || i.getBoundingClientRect().height < 20)
          .map((i) => i.src),
      );
      expect(broken).toEqual([]);
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('refuses an unknown --svg mode with exit 2', async () => {
    const run = await runCli(['render', 'model', '--out', 'out-bad', '--svg', 'embed'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--svg embed');
    expect(existsSync(at('out-bad'))).toBe(false);
  });
});

describe('safety of the output folder', () => {
  it('refuses --out equal to the model folder, and writes nothing', async () => {
    const before = hashDir(root);
    const run = await runCli(['render', 'model', '--out', 'model', '-f', 'md'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/would replace the model/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(hashDir(root)).toEqual(before);
  });

  it('refuses --out equal to the parent of the model folder, and writes nothing', async () => {
    const before = hashDir(root);
    const run = await runCli(['render', '.', '--out', '..', '-f', 'md'], at('model'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/would replace the model/);
    expect(hashDir(root)).toEqual(before);
  });

  it('leaves the previous output byte-identical when the model has an error; --force renders anyway', async () => {
    await copyDir(at('model'), at('model-bad'));
    await replaceOnce(
      at('model-bad', 'applications.yaml'),
      'target: "100301", protocol: dubbo, operations: [searchPolicy], description: "Policy matching',
      'target: "100399", protocol: dubbo, operations: [searchPolicy], description: "Policy matching',
    );
    await copyDir(outDir, at('out-keep'));
    const before = hashDir(at('out-keep'));
    const run = await runCli(['render', 'model-bad', '--out', 'out-keep'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ref-resolves');
    expect(run.stderr).toMatch(/applications\.yaml:\d+:\d+/);
    expect(run.stderr).toContain('100399');
    expect(run.stderr).toMatch(/nothing was rendered/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(hashDir(at('out-keep'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);

    const forced = await runCli(
      ['render', 'model-bad', '--out', 'out-keep', '-f', 'html,md', '--force'],
      root,
    );
    expect(forced.code, forced.stderr).toBe(0);
    const forcedHtml = await readFile(docFile(at('out-keep'), 'html'), 'utf8');
    expect(forcedHtml).toContain('ref-resolves'); // the validation report in the appendix
    for (const e of MERMAID_ERRORS) expect(forcedHtml).not.toContain(e);
    expect(existsSync(at('out-keep', '天途旅行企业总体架构-enterprise-architecture.pdf'))).toBe(
      false,
    );
  });

  it('refuses an --out folder holding files archgen did not write', async () => {
    await mkdir(at('foreign'));
    await writeFile(at('foreign', 'notes.txt'), 'mine\n');
    const before = hashDir(at('foreign'));
    const run = await runCli(['render', 'model', '--out', 'foreign', '-f', 'md'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not empty and was not written by archgen/);
    expect(hashDir(at('foreign'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });
});

describe('without a browser', () => {
  it('renders Markdown alone', async () => {
    const run = await withoutBrowser(['render', 'model', '--out', 'out-md', '-f', 'md'], root);
    expect(run.code, run.stderr).toBe(0);
    const files = readdirSync(at('out-md'));
    expect(files.filter((f) => /\.(html|pdf)$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.md'))).toHaveLength(1);
    const mmd = await filesWithExt(at('out-md', 'diagrams'), '.mmd');
    expect(mmd).toEqual(await filesWithExt(path.join(outDir, 'diagrams'), '.mmd'));
    expect(await filesWithExt(at('out-md', 'diagrams'), '.svg')).toEqual([]);
    expect(await readFile(docFile(at('out-md'), 'md'), 'utf8')).toBe(md);
  });

  it('fails a PDF with exit 2, says how to install a browser, and keeps the previous output', async () => {
    await copyDir(outDir, at('out-pdf'));
    const before = hashDir(at('out-pdf'));
    // Diagrams all cached: the browser is first needed to print.
    const cached = await withoutBrowser(['render', 'model', '--out', 'out-pdf', '-f', 'pdf'], root);
    // Nothing cached: the browser is first needed to draw the diagrams.
    const cold = await withoutBrowser(['render', 'model', '--out', 'out-cold', '-f', 'pdf'], root);
    for (const run of [cached, cold]) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(NO_BROWSER);
      expect(run.stderr).toMatch(/apt-get install[^\n]*chromium/);
      expect(run.stderr).toContain('PUPPETEER_EXECUTABLE_PATH');
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.stderr).not.toMatch(/internal error/);
    }
    expect(hashDir(at('out-pdf'))).toEqual(before);
    expect(existsSync(at('out-cold'))).toBe(false);
    expect(leftovers(root)).toEqual([]);
  });
});
