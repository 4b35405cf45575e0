import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import {
  copyFile,
  link,
  mkdir,
  open,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import { generateDiagrams } from '../diagrams/index.js';
import type { DiagramSpec, Lang } from '../diagrams/types.js';
import type { LoadedModel } from '../load/index.js';
import type { ModelGraph } from '../model/graph.js';
import { BrowserSession, removeStaleProfiles } from '../render/browser.js';
import { DiagramCache } from '../render/cache.js';
import { DiagramRenderer } from '../render/mermaid.js';
import { currentOwner, ownerGone, parseOwner, type Owner } from '../render/owner.js';
import { printPdf } from '../render/pdf.js';
import { svgSize } from '../render/svg.js';
import type { Progress, RenderedDiagram } from '../render/types.js';
import { renderHtml, type DiagramImage } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { buildRoutes, type DocumentFormat, type Route } from '../report/routes.js';
import { buildViewModel } from '../report/view-model.js';
import { CliError } from './io.js';

/** Marks a folder as written by archgen, so a later render may replace it. */
export const OUT_MARKER = '.archgen-output';
/** Where rendered SVGs are cached by content hash, inside the output folder. */
export const CACHE_DIR = path.join('diagrams', '.cache');
/**
 * Inside a render's temporary folder (and the previous output while it is moved aside): which
 * process owns it, so a later render can tell a folder left by a killed render from a live one.
 */
export const RENDER_MARKER = '.archgen-render';

/** How the HTML holds its diagrams: inline, as linked files, or decided by their size. */
export type SvgEmbed = 'inline' | 'files' | 'auto';

/**
 * Above this many bytes of SVG, `auto` links the diagrams as files: a browser opens a page of
 * 10 MB quickly, one of 200 MB (a model of thousands of applications) hardly at all.
 */
export const INLINE_SVG_LIMIT = 16 * 1024 * 1024;

/** Inputs of one render. */
export interface RenderJob {
  loaded: LoadedModel;
  graph: ModelGraph;
  diagnostics: readonly Diagnostic[];
  outDir: string;
  formats: readonly DocumentFormat[];
  lang: Lang;
  templatesDir?: string;
  onProgress?: Progress;
  /** Told what the render is doing whenever that changes, e.g. "printing the PDF". */
  onStage?: (stage: string) => void;
  /** Milliseconds allowed per diagram. */
  diagramTimeoutMs?: number;
  /** How the HTML holds its diagrams (default `auto`). */
  svg?: SvgEmbed;
  /**
   * Stops the render (Ctrl-C, a time limit): the browser is killed, nothing is written, and the
   * signal's reason is thrown.
   */
  signal?: AbortSignal;
}

/** What a render wrote and how long it took. */
export interface RenderSummary {
  files: { path: string; bytes: number }[];
  diagrams: number;
  rendered: number;
  cached: number;
  /** Diagram failures, as `render` diagnostics; nothing is written when there are any. */
  failures: Diagnostic[];
  ms: number;
  pdfPages?: number;
  /** True when the HTML links `diagrams/*.svg` instead of holding the diagrams inline. */
  linkedDiagrams?: boolean;
  /** Temporary folders of killed renders that were removed (or put back) first. */
  swept: string[];
}

/**
 * Refuses output folders that would destroy something: the model folder or one of its parents,
 * and an existing non-empty folder that archgen did not write.
 */
export async function checkOutDir(outDir: string, modelRoot: string, cwd: string): Promise<void> {
  const out = path.resolve(outDir);
  const root = path.resolve(modelRoot);
  if (root === out || root.startsWith(out + path.sep) || out === path.resolve(cwd)) {
    throw new CliError(
      `--out ${path.relative(cwd, out) || '.'} would replace the model or the working folder`,
      2,
      'render into a folder of its own, e.g. --out out',
    );
  }
  const st = await stat(out).catch(() => undefined);
  if (!st) return;
  if (!st.isDirectory())
    throw new CliError(`--out ${path.relative(cwd, out)} exists and is not a folder`);
  const entries = await readdir(out);
  if (entries.length > 0 && !entries.includes(OUT_MARKER)) {
    throw new CliError(
      `--out ${path.relative(cwd, out)} is not empty and was not written by archgen; refusing to replace it`,
      2,
      'choose another folder, or empty it first',
    );
  }
}

/**
 * Renders the document into a temporary folder beside `outDir` and moves it into place at the
 * end, so a failed or interrupted render leaves the previous output as it was. Temporary folders
 * left by renders that were killed are removed first.
 */
export async function renderDocument(job: RenderJob): Promise<RenderSummary> {
  const started = performance.now();
  const out = path.resolve(job.outDir);
  const stage = (s: string): void => job.onStage?.(s);
  const swept = await sweepStale(out);
  removeStaleProfiles();
  const tmp = path.join(
    path.dirname(out),
    `.${path.basename(out)}.tmp-${randomBytes(4).toString('hex')}`,
  );
  const owner = JSON.stringify({ ...currentOwner(), out });
  const session = new BrowserSession({}, job.signal);
  // If the process exits before the `finally` below (a second Ctrl-C), clean up synchronously.
  const abandon = (): void => abandonSync(tmp, out);
  process.once('exit', abandon);
  try {
    await mkdir(tmp, { recursive: true });
    await writeFile(path.join(tmp, RENDER_MARKER), owner);
    const manifest = job.loaded.manifest;
    stage('generating the diagrams');
    const specs = generateDiagrams(job.graph, {
      lang: job.lang,
      ...(manifest.diagrams ? { budget: manifest.diagrams } : {}),
    });
    const drawn = job.formats.includes('html') || job.formats.includes('pdf');
    const rendered = drawn ? await renderSvgs(specs, session, out, tmp, job) : [];
    // A render that draws nothing (Markdown only) keeps the previous diagram cache for the next.
    if (!drawn) await keepCache(path.join(out, CACHE_DIR), path.join(tmp, CACHE_DIR));
    const failures = renderFailures(specs, rendered);
    const summary: RenderSummary = {
      files: [],
      diagrams: specs.length,
      rendered: rendered.filter((r) => !r.cached && !r.error).length,
      cached: rendered.filter((r) => r.cached).length,
      failures,
      ms: 0,
      swept,
    };
    if (failures.length > 0) return summary;
    const routes = buildRoutes(
      title(job),
      job.formats,
      specs.map((s) => s.id),
    );
    const byId = new Map(rendered.map((r) => [r.id, r]));
    const linked =
      job.formats.includes('html') &&
      (job.svg === 'files' ||
        (job.svg !== 'inline' && (await svgBytes(rendered)) > INLINE_SVG_LIMIT));
    summary.linkedDiagrams = linked;
    const sources = new Map(specs.map((s) => [s.id, s.source]));
    const vm = buildViewModel(job.graph, {
      lang: job.lang,
      manifest,
      diagnostics: job.diagnostics,
      diagrams: specs,
    });
    const write = async (rel: string, data: string | Buffer): Promise<void> => {
      const file = path.join(tmp, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
      summary.files.push({ path: rel, bytes: Buffer.byteLength(data) });
    };
    stage('writing the document');
    const templates = job.templatesDir ? { templatesDir: job.templatesDir } : {};
    let inlineHtml: string | undefined;
    const htmlInline = async (): Promise<string> =>
      (inlineHtml ??= await renderHtml(vm, { svgs: await svgTexts(rendered), ...templates }));
    const html = !job.formats.includes('html')
      ? ''
      : linked
        ? await renderHtml(vm, {
            svgs: new Map(),
            images: await images(routes, byId),
            ...templates,
          })
        : await htmlInline();
    for (const route of routes) {
      const diagram = byId.get(route.diagramId ?? '');
      job.signal?.throwIfAborted();
      if (route.target === 'mermaid')
        await write(route.path, sources.get(route.diagramId ?? '') ?? '');
      else if (route.target === 'svg') {
        const bytes = diagram ? await placeSvg(diagram, path.join(tmp, route.path)) : 0;
        summary.files.push({ path: route.path, bytes });
      } else if (route.target === 'html') await write(route.path, html);
      else if (route.target === 'md') {
        await write(route.path, await renderMarkdown(vm, { sources, ...templates }));
      } else if (route.target === 'pdf') {
        stage('printing the PDF');
        const file = path.join(tmp, route.path);
        const pdf = await printPdf(await session.browser(), await htmlInline(), file, {
          title: title(job) ?? 'Architecture',
          ...(manifest.document?.version ? { version: manifest.document.version } : {}),
          lang: job.lang,
        });
        summary.files.push({ path: route.path, bytes: pdf.bytes });
        summary.pdfPages = pdf.pages;
        stage('writing the document');
      }
    }
    await writeFile(
      path.join(tmp, OUT_MARKER),
      'Written by archgen render; replaced on every render.\n',
    );
    // The last point of no return: once the swap starts it runs to its end.
    job.signal?.throwIfAborted();
    stage('moving the output into place');
    await swapInto(tmp, out, owner);
    summary.ms = performance.now() - started;
    return summary;
  } catch (e) {
    // A killed browser fails whatever was waiting on it; the abort is the reason worth telling.
    job.signal?.throwIfAborted();
    throw e;
  } finally {
    await session.close();
    await rm(tmp, { recursive: true, force: true });
    process.removeListener('exit', abandon);
  }
}

async function readOwner(folder: string): Promise<(Owner & { out?: unknown }) | undefined> {
  return parseOwner(await readFile(path.join(folder, RENDER_MARKER), 'utf8').catch(() => ''));
}

/**
 * Removes the temporary folders that renders into `out` left when they were killed: only folders
 * named like ours, holding our marker for this very `out`, whose process is gone. A previous
 * output moved aside by a render killed in the middle of its swap is put back when `out` is
 * missing. Returns the names of the folders handled.
 */
async function sweepStale(out: string): Promise<string[]> {
  const dir = path.dirname(out);
  const prefix = `.${path.basename(out)}.tmp-`;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) =>
    n.startsWith(prefix),
  );
  // Folders moved aside (`-old`) first: one of them may have to become `out` again.
  names.sort((a, b) => Number(b.endsWith('-old')) - Number(a.endsWith('-old')));
  const swept: string[] = [];
  for (const name of names) {
    const folder = path.join(dir, name);
    const owner = await readOwner(folder);
    if (!owner || owner.out !== out || !ownerGone(owner)) continue;
    if (name.endsWith('-old') && !existsSync(out)) {
      await rename(folder, out);
      await rm(path.join(out, RENDER_MARKER), { force: true });
    } else {
      await rm(folder, { recursive: true, force: true });
    }
    swept.push(name);
  }
  return swept;
}

/** Synchronous cleanup for a process that exits mid-render: the previous output is kept. */
function abandonSync(tmp: string, out: string): void {
  const old = `${tmp}-old`;
  try {
    if (existsSync(old)) {
      if (existsSync(out)) {
        // The swap was done: the new output stays.
        rmSync(path.join(out, RENDER_MARKER), { force: true });
        rmSync(old, { recursive: true, force: true });
      } else {
        renameSync(old, out);
        rmSync(path.join(out, RENDER_MARKER), { force: true });
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  } catch {
    // Leave it to the next render's sweep.
  }
}

async function renderSvgs(
  specs: readonly DiagramSpec[],
  session: BrowserSession,
  out: string,
  tmp: string,
  job: RenderJob,
): Promise<RenderedDiagram[]> {
  const cache = new DiagramCache({
    read: [path.join(out, CACHE_DIR)],
    write: path.join(tmp, CACHE_DIR),
  });
  const renderer = new DiagramRenderer({
    session,
    cache,
    readCached: false,
    ...(job.diagramTimeoutMs ? { timeoutMs: job.diagramTimeoutMs } : {}),
    ...(job.signal ? { signal: job.signal } : {}),
  });
  try {
    return await renderer.render(
      specs.map((s) => ({ id: s.id, source: s.source })),
      job.onProgress,
      (i, n, id) => job.onStage?.(`drawing diagram \`${id}\` (${i + 1} of ${n})`),
    );
  } finally {
    await renderer.close();
  }
}

function renderFailures(
  specs: readonly DiagramSpec[],
  rendered: readonly RenderedDiagram[],
): Diagnostic[] {
  const byId = new Map(specs.map((s) => [s.id, s]));
  return rendered
    .filter((r) => r.error)
    .map((r) => {
      const spec = byId.get(r.id);
      return {
        code: 'render',
        severity: 'error' as const,
        message: `diagram \`${r.id}\`${spec?.subject ? ` (of \`${spec.subject}\`)` : ''} could not be drawn: ${r.error ?? ''}`,
        file: '',
        line: 0,
        column: 0,
        hint: r.timedOut
          ? 'raise --diagram-timeout (seconds), or split the diagram (diagrams: in archgen.yaml)'
          : `its mermaid text is what \`archgen render --format md\` writes for it; please report it`,
      };
    });
}

const title = (job: RenderJob): string | undefined => job.loaded.manifest.document?.title;

/** The bytes of all rendered SVGs (cache hits by their file size, without reading them). */
async function svgBytes(rendered: readonly RenderedDiagram[]): Promise<number> {
  let total = 0;
  for (const r of rendered) {
    if (r.svg !== '' || !r.file) total += Buffer.byteLength(r.svg);
    else total += (await stat(r.file)).size;
  }
  return total;
}

/** Every SVG's text by diagram id, reading the cache hits that were not read yet. */
async function svgTexts(rendered: RenderedDiagram[]): Promise<Map<string, string>> {
  for (const r of rendered) if (r.svg === '' && r.file) r.svg = await readFile(r.file, 'utf8');
  return new Map(rendered.map((r) => [r.id, r.svg]));
}

/** The linked image of every drawn diagram, sized by the viewBox at the start of its SVG. */
async function images(
  routes: readonly Route[],
  byId: ReadonlyMap<string, RenderedDiagram>,
): Promise<Map<string, DiagramImage>> {
  const out = new Map<string, DiagramImage>();
  for (const route of routes) {
    const r = byId.get(route.diagramId ?? '');
    if (route.target !== 'svg' || !r) continue;
    const head = r.svg !== '' ? r.svg.slice(0, 2048) : r.file ? await readHead(r.file) : '';
    const size = svgSize(head);
    if (size) out.set(r.id, { src: route.path, ...size });
  }
  return out;
}

async function readHead(file: string, bytes = 2048): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/** Writes one diagram's SVG file: a hard link to its cached file where possible, else a copy. */
async function placeSvg(r: RenderedDiagram, dest: string): Promise<number> {
  await mkdir(path.dirname(dest), { recursive: true });
  if (r.file) {
    const file = r.file;
    await link(file, dest).catch(() => copyFile(file, dest));
    return (await stat(dest)).size;
  }
  await writeFile(dest, r.svg);
  return Buffer.byteLength(r.svg);
}

/** Hard-links (or copies) every cached SVG of the previous output into the new one. */
async function keepCache(from: string, to: string): Promise<void> {
  const names = await readdir(from).catch(() => [] as string[]);
  if (names.length === 0) return;
  await mkdir(to, { recursive: true });
  for (const name of names.filter((n) => n.endsWith('.svg'))) {
    await link(path.join(from, name), path.join(to, name)).catch(() =>
      copyFile(path.join(from, name), path.join(to, name)),
    );
  }
}

/**
 * Replaces `out` with `tmp`: the old folder is moved aside first (carrying `owner`, so a later
 * render can put it back if this process dies half-way) and removed only afterwards.
 */
async function swapInto(tmp: string, out: string, owner: string): Promise<void> {
  const old = `${tmp}-old`;
  const had = await stat(out).then(
    () => true,
    () => false,
  );
  if (had) {
    await writeFile(path.join(out, RENDER_MARKER), owner);
    await rename(out, old);
  }
  try {
    await rename(tmp, out);
  } catch (e) {
    if (had) {
      await rename(old, out);
      await rm(path.join(out, RENDER_MARKER), { force: true });
    }
    throw e;
  }
  await rm(path.join(out, RENDER_MARKER), { force: true });
  if (had) await rm(old, { recursive: true, force: true });
}
