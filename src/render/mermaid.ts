import { createHash } from 'node:crypto';
import type { Page } from 'puppeteer';
import { MERMAID_CONFIG, MERMAID_VERSION, RENDERER_VERSION, mermaidScript } from './assets.js';
import {
  BrowserLaunchError,
  BrowserNotFoundError,
  blockNetwork,
  type BrowserSession,
} from './browser.js';
import { cacheKey, type DiagramCache } from './cache.js';
import { sanitiseSvg, tidySvg } from './svg.js';
import type { Progress, RenderedDiagram } from './types.js';

/** One diagram to render: a stable id (used in errors and to derive the SVG id) and mermaid text. */
export interface DiagramItem {
  id: string;
  source: string;
}

/** Options for {@link DiagramRenderer}. */
export interface DiagramRendererOptions {
  /** The run's shared browser; launched only on the first cache miss. */
  session: BrowserSession;
  cache?: DiagramCache;
  /** Per-diagram limit in milliseconds (default 30 000). */
  timeoutMs?: number;
  /**
   * Read the text of cache hits (default true). With false, a hit comes back with `svg: ''` and
   * its `file`: callers that only link or copy the files skip reading hundreds of megabytes.
   */
  readCached?: boolean;
  /** Stops the run: no further diagram is started, and the signal's reason is thrown. */
  signal?: AbortSignal;
}

/** Silent failures: mermaid draws these as an SVG instead of throwing (rendering-notes.md). */
const ERROR_SVG_TEXTS = ['Maximum text size in diagram exceeded', 'Syntax error in text'];

/**
 * The SVG element id for a diagram: `mmd-` + the id made CSS-safe (+ a short hash when that
 * changed it, so two ids never collide). Distinct from the figure anchor, which is the bare id.
 */
export function svgIdFor(diagramId: string): string {
  const safe = diagramId.replace(/[^A-Za-z0-9_-]/g, '_');
  if (safe === diagramId && safe !== '') return `mmd-${safe}`;
  return `mmd-${safe}-${createHash('sha256').update(diagramId).digest('hex').slice(0, 8)}`;
}

/**
 * The error text mermaid drew instead of a diagram, if any. Labels are SVG text split into one
 * `<tspan>` per word, so the check runs on the SVG's text content, not on its markup.
 */
export function silentError(svg: string): string | undefined {
  const text = svg
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');
  return ERROR_SVG_TEXTS.find((t) => text.includes(t));
}

const firstLines = (text: string, n = 4): string => text.split('\n').slice(0, n).join('\n').trim();

class RenderTimeout extends Error {}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/** What one in-page render gave: an SVG or mermaid's error, and the milliseconds it took. */
interface Outcome {
  svg?: string;
  error?: string;
  ms: number;
}

const isFatal = (err: unknown): boolean =>
  err instanceof BrowserNotFoundError || err instanceof BrowserLaunchError;

/**
 * Renders mermaid diagrams to SVG in ONE page of the shared browser, with mermaid.min.js loaded
 * once and the content-hash cache consulted first. Diagrams render sequentially (a second page
 * gains nothing on 2 cores). A failing diagram yields `{ error }` and the others still render.
 */
export class DiagramRenderer {
  /** The mermaid version every SVG is drawn with. */
  readonly mermaidVersion = MERMAID_VERSION;
  /** Milliseconds spent opening pages and loading/initialising mermaid (summed over reopenings). */
  initMs = 0;
  /** Per-diagram limit in milliseconds; may be changed between calls. */
  timeoutMs: number;
  readonly #opts: DiagramRendererOptions;
  #page: Page | undefined;

  constructor(opts: DiagramRendererOptions) {
    this.#opts = opts;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /**
   * Renders `items` in order; `onStart` is called before each one and `onProgress` after it,
   * cached or not.
   */
  async render(
    items: readonly DiagramItem[],
    onProgress?: Progress,
    onStart?: Progress,
  ): Promise<RenderedDiagram[]> {
    const seen = new Set<string>();
    const out: RenderedDiagram[] = [];
    for (const [i, item] of items.entries()) {
      this.#opts.signal?.throwIfAborted();
      onStart?.(i, items.length, item.id);
      const result = seen.has(item.id)
        ? {
            id: item.id,
            svg: '',
            cached: false,
            ms: 0,
            error: `diagram "${item.id}": duplicate diagram id`,
          }
        : await this.#renderItem(item);
      seen.add(item.id);
      out.push(result);
      onProgress?.(i + 1, items.length, item.id);
    }
    return out;
  }

  /** Closes the page (the browser belongs to the session). */
  async close(): Promise<void> {
    const page = this.#page;
    this.#page = undefined;
    await page?.close().catch(() => undefined);
  }

  async #renderItem({ id, source }: DiagramItem): Promise<RenderedDiagram> {
    const fail = (why: string, ms = 0): RenderedDiagram => ({
      id,
      svg: '',
      cached: false,
      ms,
      error: `diagram "${id}": ${why}`,
    });
    if (source.length > MERMAID_CONFIG.maxTextSize) {
      return fail(
        `mermaid text is ${source.length} characters, over maxTextSize ${MERMAID_CONFIG.maxTextSize}; split the diagram`,
      );
    }
    const svgId = svgIdFor(id);
    const key = cacheKey({
      source,
      svgId,
      mermaidVersion: MERMAID_VERSION,
      config: MERMAID_CONFIG,
      rendererVersion: RENDERER_VERSION,
    });
    const cache = this.#opts.cache;
    if (cache && this.#opts.readCached === false) {
      const file = await cache.locate(key);
      if (file !== undefined) return { id, svg: '', file, cached: true, ms: 0 };
    } else {
      const hit = await cache?.get(key);
      const file = cache?.writtenFile(key);
      if (hit !== undefined)
        return { id, svg: hit, cached: true, ms: 0, ...(file ? { file } : {}) };
    }

    const signal = this.#opts.signal;
    let outcome: Outcome;
    try {
      outcome = await this.#evaluate(svgId, source).catch(async (err: unknown) => {
        signal?.throwIfAborted(); // the browser was killed on purpose: no retry
        if (err instanceof RenderTimeout || isFatal(err)) throw err;
        await this.close(); // the page or browser crashed: retry once on a fresh page
        return this.#evaluate(svgId, source);
      });
    } catch (err) {
      signal?.throwIfAborted();
      if (isFatal(err)) throw err; // no browser at all: a run-level failure, not this diagram's
      await this.close();
      if (err instanceof RenderTimeout) {
        return {
          ...fail(`mermaid did not finish within ${seconds(this.timeoutMs)}`, this.timeoutMs),
          timedOut: true,
        };
      }
      return fail(firstLines(String(err), 1));
    }
    const { ms } = outcome;
    if (outcome.error !== undefined || !outcome.svg)
      return fail(firstLines(outcome.error ?? 'mermaid returned no SVG'), ms);
    const silent = silentError(outcome.svg);
    if (silent) return fail(`mermaid drew an error instead of the diagram: ${silent}`, ms);
    const svg = tidySvg(sanitiseSvg(outcome.svg));
    const file = await cache?.put(key, svg);
    return { id, svg, cached: false, ms, ...(file ? { file } : {}) };
  }

  /** Renders one diagram on the page; `ms` and the timeout cover mermaid only, not page setup. */
  async #evaluate(svgId: string, source: string): Promise<Outcome> {
    const page = await this.#openPage();
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RenderTimeout()), this.timeoutMs);
    });
    const run = page.evaluate(renderInPage, svgId, source);
    try {
      return { ...(await Promise.race([run, timeout])), ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
      run.catch(() => undefined); // settles when the page is closed after a timeout
    }
  }

  async #openPage(): Promise<Page> {
    if (this.#page && !this.#page.isClosed()) return this.#page;
    const browser = await this.#opts.session.browser();
    const started = performance.now();
    const page = await browser.newPage();
    try {
      await blockNetwork(page);
      await page.setContent(
        '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>',
      );
      await page.addScriptTag({ content: mermaidScript() });
      await page.evaluate((config) => {
        (globalThis as unknown as { mermaid: MermaidApi }).mermaid.initialize(config);
      }, MERMAID_CONFIG);
    } catch (err) {
      await page.close().catch(() => undefined);
      throw err;
    }
    this.initMs += performance.now() - started;
    this.#page = page;
    return page;
  }
}

/** The part of mermaid's browser API archgen uses. */
interface MermaidApi {
  initialize(config: object): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}

/** Runs inside the page: mermaid's parse errors come back as data, and its scratch nodes are removed. */
async function renderInPage(
  svgId: string,
  source: string,
): Promise<{ svg?: string; error?: string }> {
  const { mermaid } = globalThis as unknown as { mermaid: MermaidApi };
  try {
    const { svg } = await mermaid.render(svgId, source);
    return { svg };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  } finally {
    for (const id of [svgId, `d${svgId}`, `i${svgId}`]) document.getElementById(id)?.remove();
  }
}
