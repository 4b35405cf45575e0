/**
 * End to end: the injection corpus (injection-model.ts) rendered through the CLI as a user runs
 * it (`archgen render model -f html,pdf,md`), then checked the way an attacker would hope to
 * win: the HTML opened in real Chromium (with and without its Content-Security-Policy), the
 * Markdown parsed as GitHub would before its sanitiser, the PDF read back with pdftotext.
 *
 * One render in `beforeAll`; every test reads its output. A local HTTP server counts requests:
 * every payload that could run asks it for a page, so a hit means something ran or loaded.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean } from '../../src/diagrams/text.js';
import { loadMermaidParser } from '../diagrams/mermaid-parse.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { STACK_LINE, diagramCounts, filesWithExt, tool } from './helpers.js';
import { writeInjectionModel, type InjectionModel, type Marked } from './injection-model.js';
import { DOCUMENT_ORDER } from '../../src/diagrams/index.js';

type Token = ReturnType<MarkdownIt['parse']>[number];

const CHROMIUM = process.env['PUPPETEER_EXECUTABLE_PATH'] ?? '/usr/bin/chromium';
const MERMAID_ERRORS = ['Syntax error', 'Maximum text size', 'Edge limit', 'Parse error'];
/** Every diagram kind the document draws. */
const DIAGRAM_KINDS = DOCUMENT_ORDER;
/** Which element kinds' names each diagram kind draws as node or group labels. */
const DRAWN: Record<string, string[]> = {
  'org-chart': ['orgUnit'],
  'operating-cycle': ['stage'],
  process: ['processStep'],
  'app-map': ['application', 'productLine', 'subsystem'],
  'call-graph': ['application'],
  layers: ['layer', 'application'],
  soa: ['serviceCenter'],
  'er-overview': ['dataCategory'],
  'er-category': ['entity', 'attribute'],
  'state-machine': ['state'],
  datacenters: ['datacenter', 'region'],
  clusters: ['cluster', 'network'],
  roadmap: ['workItem', 'phase'],
};

let server: Server;
const hits: string[] = [];
let root: string;
let corpus: InjectionModel;
let cli: CliRun;
let outDir: string;
let htmlFile: string;
let html: string;
let md: string;
let pdfText: string;
let mmd: Map<string, string>; // diagram file name → mermaid source
let browser: Browser;

/**
 * Whitespace-free, invisible-free text in NFKC (diagrams draw `"` and Markdown delimiters as
 * their full-width forms): how a name can be found in any output.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffd]/g;
const squash = (s: string): string => s.normalize('NFKC').replace(INVISIBLE, '');

/**
 * The named elements the document lists in tables, whole. Attribute names are drawn in the E-R
 * diagrams only, cut at the label length (checked with the diagrams).
 */
const tabled = (): Marked[] => corpus.marked.filter((m) => m.kind !== 'attribute');

const only = (dir: string, ext: string): string => {
  const f = readdirSync(dir).filter((n) => n.endsWith(`.${ext}`));
  if (f.length !== 1) throw new Error(`expected one .${ext} in ${dir}, found ${f.join(', ')}`);
  return path.join(dir, f[0]!);
};

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('pwned');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  root = await mkdtemp(path.join(tmpdir(), 'archgen-injection-'));
  corpus = await writeInjectionModel(path.join(root, 'model'), port);
  cli = await runCli(['render', 'model', '--out', 'out', '-f', 'html,pdf,md'], root);
  if (cli.code !== 0) throw new Error(`render failed (${cli.code}):\n${cli.stderr.slice(0, 4000)}`);
  outDir = path.join(root, 'out');
  htmlFile = only(outDir, 'html');
  html = await readFile(htmlFile, 'utf8');
  md = await readFile(only(outDir, 'md'), 'utf8');
  // -raw: text in drawing order, so a cell's lines are not interleaved with its neighbours'.
  pdfText = tool('pdftotext', ['-raw', '-enc', 'UTF-8', only(outDir, 'pdf'), '-']);
  const diagrams = path.join(outDir, 'diagrams');
  mmd = new Map(
    (await filesWithExt(diagrams, '.mmd')).map((f) => [
      f,
      readFileSync(path.join(diagrams, f), 'utf8'),
    ]),
  );
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: 'shell',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    protocolTimeout: 60_000,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (root && !process.env['ARCHGEN_KEEP_E2E']) await rm(root, { recursive: true, force: true });
});

describe('the injection corpus through `archgen render`', () => {
  it('covers every diagram kind and puts payloads in every element kind', () => {
    const kinds = [...corpus.coverage.keys()];
    expect(kinds.length).toBeGreaterThanOrEqual(30);
    const markers = corpus.marked.map((m) => m.marker);
    expect(new Set(markers).size).toBe(markers.length);
    // Every label slot of every diagram grammar gets every text payload.
    const slots: [string, string][] = [
      ['orgUnit', 'name'], // flowchart node
      ['datacenter', 'links.kind'], // flowchart edge label (the link's text starts with its kind)
      ['state', 'name'], // state
      ['transition', 'trigger'], // state transition
      ['entity', 'name'], // ER entity alias
      ['attribute', 'comment'], // ER attribute comment
      ['entity', 'relations.label'], // ER relation label
      ['workItem', 'name'], // gantt task
    ];
    for (const [k, field] of slots)
      expect(corpus.coverage.get(k)?.get(field)?.size, `${k}.${field}`).toBe(corpus.texts.length);
  });

  it('exits 0, draws every diagram of every kind, and no diagram is an error box', async () => {
    expect(cli.code).toBe(0);
    expect(cli.stderr).not.toMatch(STACK_LINE);
    expect(cli.stderr).not.toMatch(/\b(error|warning)\b/i);
    const counts = diagramCounts(cli.stderr);
    expect(counts.drawn).toBe(counts.total);
    expect(counts.total).toBe(mmd.size);
    const svgs = await filesWithExt(path.join(outDir, 'diagrams'), '.svg');
    expect(svgs.map((f) => f.replace(/\.svg$/, ''))).toEqual(
      [...mmd.keys()].map((f) => f.replace(/\.mmd$/, '')),
    );
    for (const f of svgs) {
      const svg = readFileSync(path.join(outDir, 'diagrams', f), 'utf8');
      for (const e of MERMAID_ERRORS) expect(svg, f).not.toContain(e);
    }
    const kinds = [...html.matchAll(/<figure\b[^>]*\bdata-kind="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(kinds)).toEqual(new Set(DIAGRAM_KINDS));
    expect(kinds.length).toBe(mmd.size);
  });
});

/** Opens the HTML file; collects every request but the file itself, and every dialog. */
async function open(bypassCsp: boolean): Promise<{
  page: Page;
  requests: string[];
  dialogs: string[];
  errors: string[];
}> {
  const page = await browser.newPage();
  const fileUrl = pathToFileURL(htmlFile).href;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  await page.setBypassCSP(bypassCsp);
  await page.setViewport({ width: 1400, height: 1000 });
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    const url = r.url();
    if (url === fileUrl || url.startsWith(`${fileUrl}#`)) void r.continue();
    else {
      requests.push(url);
      void r.abort('blockedbyclient');
    }
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(fileUrl, { waitUntil: 'load' });
  return { page, requests, dialogs, errors };
}

const pwned = (page: Page): Promise<unknown> =>
  page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

/**
 * Clicks links (every link written from a description, and one per distinct target among the
 * rest: a thousand clicks cost seconds and prove no more) and uses the search box with payload
 * words. What a click could run is ruled out by `dangerousDom` as well.
 */
async function interact(page: Page): Promise<void> {
  const links = await page.$$eval('a[href]', (as) => {
    const seen = new Set<string>();
    let n = 0;
    for (const a of as) {
      const href = a.getAttribute('href') ?? '';
      if (!href.startsWith('#')) continue; // a description's https link leaves the page by design
      if (!a.closest('.prose') && (seen.has(href.replace(/-[^-]*$/, '')) || n > 60)) continue;
      seen.add(href.replace(/-[^-]*$/, ''));
      a.click();
      n++;
    }
    return n;
  });
  expect(links).toBeGreaterThan(20);
  for (const q of ['<script', '%%{init', '订单']) {
    await page.click('#search-input', { count: 3 });
    await page.type('#search-input', q);
    await page.$$eval('#search-results a', (as) => as.forEach((a) => (a as HTMLElement).click()));
    await page.focus('#search-input');
    await page.keyboard.press('Enter');
  }
  await new Promise((r) => setTimeout(r, 300));
}

/** What the DOM holds that could run or load something. */
function dangerousDom(): string[] {
  const found: string[] = [];
  const urlAttrs = [
    'href',
    'xlink:href',
    'src',
    'srcset',
    'action',
    'formaction',
    'data',
    'poster',
  ];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (
      ['iframe', 'frame', 'object', 'embed', 'img', 'image', 'base', 'link', 'form'].includes(tag)
    )
      found.push(`<${tag}>`);
    if (tag === 'meta' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh')
      found.push('<meta refresh>');
    if (tag === 'script' && !el.hasAttribute('data-archgen')) found.push('<script>');
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (name === 'srcdoc') found.push(`${tag}[srcdoc]`);
      if (urlAttrs.includes(name)) {
        // Browsers drop white space and control characters inside a URL scheme.
        // eslint-disable-next-line no-control-regex
        const v = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (!(v.startsWith('#') || /^(https?:\/\/|mailto:)/.test(v)))
          found.push(`${tag}[${name}=${a.value.slice(0, 40)}]`);
      }
      if (/javascript:|vbscript:/i.test(a.value) && name !== 'title')
        found.push(`${tag}[${name}] javascript`);
    }
  }
  return found;
}

describe('the HTML in Chromium', () => {
  for (const bypassCsp of [false, true]) {
    it(`runs no payload and sends no request ${bypassCsp ? 'even with its CSP bypassed' : 'under its CSP'}`, async () => {
      const { page, requests, dialogs, errors } = await open(bypassCsp);
      try {
        await new Promise((r) => setTimeout(r, 300));
        expect(await pwned(page)).toBeUndefined();
        expect(await page.evaluate(dangerousDom)).toEqual([]);
        await interact(page);
        expect(await pwned(page)).toBeUndefined();
        expect(dialogs).toEqual([]);
        expect(requests).toEqual([]);
        expect(errors).toEqual([]);
        expect(hits).toEqual([]);
        expect(await page.evaluate(dangerousDom)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('keeps one hashed script, a CSP in the head, and the payloads as visible text', async () => {
    const { page } = await open(false);
    try {
      const head = await page.evaluate(() => {
        const meta = document.head.firstElementChild;
        return {
          csp:
            meta?.getAttribute('http-equiv') === 'Content-Security-Policy'
              ? meta.getAttribute('content')
              : null,
          scripts: Array.from(document.scripts).map((s) => s.getAttribute('data-archgen')),
        };
      });
      expect(head.csp).toMatch(/default-src 'none';.*script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
      expect(head.csp).not.toContain("unsafe-inline' *");
      expect(head.scripts).toEqual(['search']);

      // Every element's name is shown whole, as text, in a table cell.
      const cells = await page.$$eval('td', (tds) => tds.map((td) => td.textContent ?? ''));
      const notShown = tabled().filter(
        (m) => !cells.some((c) => c.includes(m.marker) && squash(c).includes(squash(m.name))),
      );
      expect(notShown.map((m) => `${m.kind} ${m.marker} (${m.payload})`)).toEqual([]);
      const script = corpus.marked.find((m) => m.kind === 'orgUnit' && m.payload === 'script');
      expect(script).toBeDefined();
      expect(cells.find((c) => c.includes(script!.marker))).toContain('<script>window.__pwned=');

      // Every diagram kind draws its elements' names as text, `<script>` included.
      const figures = await page.$$eval('figure', (fs) =>
        fs.map((f) => ({
          kind: f.getAttribute('data-kind') ?? '',
          text: Array.from(f.querySelectorAll('svg text'))
            .map((t) => t.textContent ?? '')
            .join(' '),
        })),
      );
      for (const [kind, elementKinds] of Object.entries(DRAWN)) {
        const text = squash(
          figures
            .filter((f) => f.kind === kind)
            .map((f) => f.text)
            .join(''),
        );
        const drawn = corpus.marked.filter((m) => elementKinds.includes(m.kind));
        expect(drawn.length, kind).toBeGreaterThan(0);
        for (const m of drawn) {
          // A label is cut at 60 characters: a short enough name keeps its marker.
          if (Array.from(clean(m.name, 1000)).length <= 40)
            expect(text.includes(m.marker), `${kind}: ${m.kind} ${m.payload}`).toBe(true);
        }
        if (drawn.some((m) => m.payload === 'script'))
          expect(text.includes('<script>window.__pwned='), kind).toBe(true);
      }
    } finally {
      await page.close();
    }
  });
});

/** Every token of a markdown-it parse, inline children included. */
function flatten(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...flatten(t.children ?? [])]);
}

describe('the Markdown', () => {
  // As GitHub parses it before sanitising: raw HTML on, every link destination accepted.
  const parser = (): MarkdownIt => {
    const it = new MarkdownIt({ html: true, linkify: false });
    it.validateLink = () => true;
    return it;
  };

  it('holds no raw HTML but its own anchors and line breaks, and no unsafe link', () => {
    const env: { references?: Record<string, { href: string }> } = {};
    const tokens = flatten(parser().parse(md, env));
    const rawHtml = tokens
      .filter((t) => t.type === 'html_block' || t.type === 'html_inline')
      .map((t) => t.content.trim())
      .filter(
        (h) => !/^(<a id="[\p{L}\p{N}._-]*"><\/a>|<a id="[\p{L}\p{N}._-]*">|<\/a>|<br>)$/u.test(h),
      );
    expect(rawHtml).toEqual([]);
    const safe = (href: string): boolean => /^(#|https?:\/\/|mailto:)/i.test(href.trim());
    const links = tokens.filter((t) => t.type === 'link_open').map((t) => t.attrGet('href') ?? '');
    expect(links.length).toBeGreaterThan(100);
    expect(links.filter((h) => !safe(h))).toEqual([]);
    expect(tokens.filter((t) => t.type === 'image').map((t) => t.attrGet('src'))).toEqual([]);
    const defs = Object.values(env.references ?? {}).map((r) => r.href);
    expect(defs.filter((h) => !safe(h))).toEqual([]);
    // The same holds for the HTML a naive renderer would make of it.
    const rendered = parser()
      .render(md)
      .replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');
    expect(rendered).not.toMatch(/<(script|img|iframe|svg|style|object|embed)\b/i);
    expect(rendered).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(rendered).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|data|vbscript):/i);
  });

  it('has one intact mermaid block per diagram, each parsed by mermaid', async () => {
    const fences = parser()
      .parse(md, {})
      .filter((t) => t.type === 'fence' && t.info.trim() === 'mermaid')
      .map((t) => t.content);
    // A payload cannot end a block early or add one: each block is a diagram's whole source.
    const sources = [...mmd.values()];
    for (const s of sources) expect(fences.filter((f) => f === s).length).toBe(1);
    // The only other mermaid blocks are the ones a description wrote itself.
    const own = corpus.markdown.find((p) => p.key === 'md-mermaid-fence')!.text;
    for (const f of fences.filter((x) => !sources.includes(x))) expect(own).toContain(f.trim());
    const parse = await loadMermaidParser();
    expect(parse).not.toBeNull();
    for (const f of fences) await expect(parse!(f)).resolves.toBeTruthy();
  });

  it('shows every element name, escaped', () => {
    const text = squash(
      parser()
        .render(md)
        .replace(/<[^>]*>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
    const missing = tabled().filter((m) => !text.includes(m.marker));
    expect(missing.map((m) => `${m.kind} ${m.marker}`)).toEqual([]);
    expect(text).toContain('<script>window.__pwned=');
  });
});

describe('the PDF', () => {
  // A name cut off at the page edge loses its marker, which ends the name.
  it('shows the payloads as text and loses no element to the layout', () => {
    const text = squash(pdfText);
    expect(text).toContain('<script>window.__pwned=');
    expect(text).toContain('%%{init:');
    expect(tabled().filter((m) => !html.includes(m.marker))).toEqual([]);
    const missing = tabled().filter((m) => !text.includes(m.marker));
    expect(missing.map((m) => `${m.kind} ${m.marker} (${m.payload})`)).toEqual([]);
  });
});
