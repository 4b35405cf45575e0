import { writeFile } from 'node:fs/promises';
import type { Browser, Page, PDFOptions } from 'puppeteer';
import type { Lang } from '../diagrams/types.js';
import { footerTemplate, headerTemplate } from './assets.js';
import { blockNetwork } from './browser.js';

/** Options for {@link printPdf}. */
export interface PrintPdfOptions {
  /** Shown in the page header and used as the PDF title when the HTML has none. */
  title: string;
  /** Shown at the right of the page header, e.g. the document version. */
  version?: string;
  lang: Lang;
  /** Where the TOC is; its `<span class="toc-page" data-target="#anchor"></span>` get page numbers. Default `body`. */
  tocSelector?: string;
  /** Limit per print pass in milliseconds (default 120 000). */
  timeoutMs?: number;
}

/** What {@link printPdf} produced. */
export interface PrintPdfResult {
  pages: number;
  bytes: number;
  /** Wall time in milliseconds, both passes included. */
  ms: number;
  /** Print passes run: 1 without a TOC, usually 2 with one, 3 at most. */
  passes: number;
  /** TOC targets whose page could not be found (left blank). */
  unresolved: string[];
}

/** Fixed width: the numbers filled in by the second pass must not move anything. */
const TOC_CSS = `.toc-page{display:inline-block;min-width:3em;text-align:right;font-variant-numeric:tabular-nums}`;

/**
 * Prints HTML to an A4 PDF with Chromium: network blocked, fonts awaited, header (title,
 * version) and footer (page x of y), outline and tags, and TOC page numbers.
 *
 * Chromium has no `target-counter()`, so page numbers take two passes. Pass 1 prints with every
 * placeholder linked to its target (`<a href="#anchor">`) and fixed in width. Chromium turns each
 * linked anchor into a PDF named destination (`/Dests` in the catalog: name → [page ref ...]),
 * which is read back to get each heading's page exactly, by id, without matching text or needing
 * poppler. Pass 2 fills the numbers and prints again; if a page still moved, one more pass runs.
 */
export async function printPdf(
  browser: Browser,
  html: string,
  outFile: string,
  opts: PrintPdfOptions,
): Promise<PrintPdfResult> {
  const started = performance.now();
  const timeout = opts.timeoutMs ?? 120_000;
  const page = await browser.newPage();
  try {
    await blockNetwork(page);
    await page.setContent(html, { waitUntil: 'load', timeout });
    const targets = await page.evaluate(
      prepare,
      opts.tocSelector ?? 'body',
      opts.title,
      opts.lang,
      TOC_CSS,
    );
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    let pdf = await print(page, opts, timeout);
    let passes = 1;
    let found = namedDestinations(pdf);
    while (targets.length > 0 && passes < 3) {
      const numbers = Object.fromEntries(targets.map((t) => [t, found.dests.get(t) ?? 0]));
      await page.evaluate(fill, opts.tocSelector ?? 'body', numbers);
      pdf = await print(page, opts, timeout);
      passes++;
      const again = namedDestinations(pdf);
      const stable = targets.every((t) => again.dests.get(t) === found.dests.get(t));
      found = again;
      if (stable) break;
    }
    await writeFile(outFile, pdf);
    const unresolved = targets.filter((t) => !found.dests.has(t));
    return {
      pages: found.pages,
      bytes: pdf.length,
      ms: performance.now() - started,
      passes,
      unresolved,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function print(page: Page, opts: PrintPdfOptions, timeout: number): Promise<Buffer> {
  const options: PDFOptions = {
    format: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(opts.title, opts.version),
    footerTemplate: footerTemplate(opts.lang),
    margin: { top: '20mm', bottom: '20mm', left: '15mm', right: '15mm' },
    outline: true,
    tagged: true,
    timeout,
  };
  const bytes = await page.pdf(options);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * In the page, before pass 1: set the title and language when missing, fix placeholder widths,
 * link every placeholder to its target (so Chromium emits a named destination for it) and fill it
 * with a stand-in. Returns the target ids (without `#`).
 */
function prepare(scope: string, title: string, lang: string, css: string): string[] {
  if (!document.title) document.title = title;
  if (!document.documentElement.lang) document.documentElement.lang = lang;
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const ids = new Set<string>();
  for (const span of document.querySelectorAll<HTMLElement>(`${scope} .toc-page[data-target]`)) {
    const id = decode((span.dataset['target'] ?? '').replace(/^#/, ''));
    if (!id) continue;
    ids.add(id);
    const link = span.closest('a');
    const target = link?.hash ? decode(link.hash.slice(1)) : undefined;
    const holder = target === id ? span : span.appendChild(document.createElement('a'));
    if (holder !== span) (holder as HTMLAnchorElement).href = `#${encodeURIComponent(id)}`;
    holder.textContent = '0';
  }
  return [...ids];
}

/** In the page, before later passes: write each target's page number (blank when unknown). */
function fill(scope: string, numbers: Record<string, number>): void {
  for (const span of document.querySelectorAll<HTMLElement>(`${scope} .toc-page[data-target]`)) {
    let id = (span.dataset['target'] ?? '').replace(/^#/, '');
    try {
      id = decodeURIComponent(id);
    } catch {
      // keep the raw id, as prepare() did
    }
    const n = numbers[id];
    if (n === undefined) continue;
    const holder =
      span.firstElementChild instanceof HTMLAnchorElement ? span.firstElementChild : span;
    holder.textContent = n > 0 ? String(n) : '';
  }
}

/**
 * Reads the page count and the named destinations (anchor id → 1-based page) of a PDF made by
 * Chromium (Skia): trailer → catalog → `/Pages` tree and `/Dests` dictionary, located through the
 * cross-reference table. Returns empty destinations if the file is shaped otherwise.
 */
export function namedDestinations(pdf: Buffer): { pages: number; dests: Map<string, number> } {
  const text = pdf.toString('latin1');
  const offsets = xrefOffsets(text);
  const body = (n: number): string => {
    const at = offsets.get(n) ?? text.search(new RegExp(`(?:^|\\s)${n} 0 obj\\b`));
    if (at < 0) return '';
    const end = text.indexOf('endobj', at);
    const obj = text.slice(at, end < 0 ? undefined : end);
    const stream = obj.indexOf('stream');
    return stream < 0 ? obj : obj.slice(0, stream);
  };
  const ref = (dict: string, key: string): number | undefined => {
    const m = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict);
    return m ? Number(m[1]) : undefined;
  };
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const root = ref(trailer, 'Root');
  const catalog = root === undefined ? '' : body(root);
  const pageIndex = new Map<number, number>();
  const walk = (n: number, depth: number): void => {
    const node = body(n);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node);
    if (!kids || depth > 32) {
      pageIndex.set(n, pageIndex.size + 1);
      return;
    }
    for (const m of (kids[1] ?? '').matchAll(/(\d+)\s+\d+\s+R/g)) walk(Number(m[1]), depth + 1);
  };
  const pagesRoot = ref(catalog, 'Pages');
  if (pagesRoot !== undefined) walk(pagesRoot, 0);
  const dests = new Map<string, number>();
  const destsRef = ref(catalog, 'Dests');
  const destsBody = destsRef === undefined ? '' : body(destsRef);
  for (const m of destsBody.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+\d+\s+R/g)) {
    const page = pageIndex.get(Number(m[2]));
    if (page !== undefined) dests.set(decodeName(m[1] ?? ''), page);
  }
  return { pages: pageIndex.size, dests };
}

/** Object number → byte offset, from the last classic `xref` table (what Skia writes). */
function xrefOffsets(text: string): Map<number, number> {
  const map = new Map<number, number>();
  const start = Number(/startxref\s+(\d+)/.exec(text.slice(-1024))?.[1] ?? -1);
  if (start < 0 || !text.startsWith('xref', start)) return map;
  const lines = text
    .slice(start + 4, text.indexOf('trailer', start))
    .trim()
    .split(/\r?\n|\r/);
  let next = 0;
  for (const line of lines) {
    const [a, , kind] = line.trim().split(/\s+/);
    if (kind === undefined) next = Number(a);
    else if (kind === 'n') map.set(next++, Number(a));
    else next++;
  }
  return map;
}

/** A PDF name (`#xx` escapes, bytes in UTF-8) holding a URL fragment (percent-encoded) → the id. */
function decodeName(name: string): string {
  const bytes = Buffer.from(
    name.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  );
  const fragment = bytes.toString('utf8');
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
