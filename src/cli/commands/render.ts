import type { Command } from 'commander';
import path from 'node:path';
import { countBySeverity } from '../../diagnostics/collect.js';
import type { Lang } from '../../diagrams/types.js';
import { BrowserLaunchError, BrowserNotFoundError } from '../../render/browser.js';
import type { DocumentFormat } from '../../report/routes.js';
import { addCacheFlags, CACHE_HELP, cacheOptions, reportCache, type CacheFlags } from '../cache.js';
import { Interrupted, TimedOut, watchSignals } from '../interrupt.js';
import { CliError, type CliIO } from '../io.js';
import { writeReports } from '../output.js';
import type { RenderSummary, SvgEmbed } from '../render-run.js';
import { findManifest } from '../../load/discover.js';
import { runValidate } from '../run.js';
import { collect } from './validate.js';

/** Options of `archgen render`. */
export interface RenderOptions extends CacheFlags {
  out: string;
  format: string[];
  lang?: string;
  templates?: string;
  force?: boolean;
  watch?: boolean;
  svg?: string;
  /** Seconds the whole render may take (0: no limit). */
  timeout?: string;
  /** Seconds one diagram may take. */
  diagramTimeout?: string;
}

/** Default limits, in seconds. */
const TIMEOUT_S = 900;
const DIAGRAM_TIMEOUT_S = 30;

const FORMATS: readonly DocumentFormat[] = ['html', 'pdf', 'md'];

/** Registers `archgen render [model]`. */
export function registerRender(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const command = program
    .command('render')
    .argument('[model]', 'model folder (holding archgen.yaml) or manifest file', '.')
    .description(
      'validate, then write the architecture document (HTML, PDF, Markdown) and its diagrams',
    )
    .option(
      '-o, --out <dir>',
      'output folder (replaced as a whole when the render succeeds)',
      'out',
    )
    .option(
      '-f, --format <list>',
      'html, pdf, md (comma list or repeated; default html,pdf)',
      collect,
      [],
    )
    .option('--lang <lang>', 'zh-CN or en (default: document.lang of the manifest)')
    .option(
      '--templates <dir>',
      'folder whose files replace the built-in templates of the same name',
    )
    .option(
      '--svg <mode>',
      'how the HTML holds its diagrams: inline (one self-contained file), files (links diagrams/*.svg), auto (inline up to 16 MB of diagrams)',
      'auto',
    )
    .option('--force', 'render even when the model has errors')
    .option(
      '-w, --watch',
      're-render when a model file changes (only changed diagrams are redrawn)',
    )
    .option(
      '--timeout <seconds>',
      `time limit for the whole render, validation included; 0 for none (default ${TIMEOUT_S})`,
    )
    .option(
      '--diagram-timeout <seconds>',
      `time limit for drawing one diagram (default ${DIAGRAM_TIMEOUT_S})`,
    );
  addCacheFlags(command)
    .addHelpText(
      'after',
      `
The document is written to a temporary folder beside --out and moved into place at the end: a
failed, timed-out or interrupted render leaves the previous output as it was, and nothing is
written outside --out. Temporary folders left by a render that was killed are removed by the
next one. Diagrams are cached by content, so an unchanged diagram is never drawn twice. Needs
Chrome or Chromium (PUPPETEER_EXECUTABLE_PATH, or the system one).

Exit codes: 0 written; 1 the model has errors, or a diagram could not be drawn (or took longer
than --diagram-timeout); 2 usage, I/O, no browser, or the render took longer than --timeout;
130 (Ctrl-C, SIGINT), 143 (SIGTERM) or 129 (SIGHUP) when interrupted: the browser is closed and
the temporary folder removed first; a second Ctrl-C quits at once. --watch ends with 0 on Ctrl-C.
${CACHE_HELP}

Examples:
  $ archgen render model --out out                # out/<title>.html and .pdf, out/diagrams/
  $ archgen render model -f md                    # Markdown with mermaid blocks (no browser)
  $ archgen render model -f html,pdf,md --lang en
  $ archgen render model --timeout 300 --diagram-timeout 60   # in CI: fail rather than hang
  $ archgen render model --watch -f html
  $ archgen render model --svg files              # HTML links diagrams/*.svg (large models)`,
    )
    .action(async (model: string, opts: RenderOptions) => {
      setExit(
        opts.watch ? await watchCommand(io, model, opts) : await renderCommand(io, model, opts),
      );
    });
}

/**
 * Validates and renders once; returns the exit code. `stop` (from --watch) aborts the render;
 * without it, the command handles SIGINT/SIGTERM/SIGHUP itself when `io.handleSignals` is set.
 */
export async function renderCommand(
  io: CliIO,
  model: string,
  opts: RenderOptions,
  stop?: AbortSignal,
): Promise<number> {
  const started = performance.now();
  const formats = parseDocFormats(opts.format);
  const lang = parseLang(opts.lang);
  const timeoutS = parseSeconds('--timeout', opts.timeout, TIMEOUT_S, true);
  const diagramTimeoutS = parseSeconds('--diagram-timeout', opts.diagramTimeout, DIAGRAM_TIMEOUT_S);
  const signals = !stop && io.handleSignals ? watchSignals(io) : undefined;
  let stage = 'validating the model';
  const limit = new AbortController();
  const timer =
    timeoutS > 0
      ? setTimeout(() => limit.abort(new TimedOut(timeoutS, stage)), timeoutS * 1000)
      : undefined;
  const outer = stop ?? signals?.signal;
  const signal = outer ? AbortSignal.any([limit.signal, outer]) : limit.signal;
  try {
    return await renderOnce(io, model, opts, {
      formats,
      lang,
      diagramTimeoutMs: diagramTimeoutS * 1000,
      signal,
      onStage: (s) => (stage = s),
      started,
    });
  } catch (e) {
    const reason: unknown = signal.aborted ? signal.reason : e;
    if (io.isTTY) io.stderr('\n');
    if (reason instanceof Interrupted) {
      io.stderr(
        `archgen: interrupted by ${reason.signal} while ${stage}; nothing was written, the previous output is unchanged\n`,
      );
      return reason.exitCode;
    }
    if (reason instanceof TimedOut) {
      throw new CliError(
        `the render did not finish within ${reason.seconds} s (--timeout): it was ${reason.stage}; nothing was written, the previous output is unchanged`,
        2,
        'raise --timeout (seconds, 0 for no limit); --diagram-timeout limits each diagram',
      );
    }
    throw e;
  } finally {
    clearTimeout(timer);
    signals?.dispose();
  }
}

interface RenderSettings {
  formats: DocumentFormat[];
  lang: Lang | undefined;
  diagramTimeoutMs: number;
  signal: AbortSignal;
  onStage: (stage: string) => void;
  started: number;
}

async function renderOnce(
  io: CliIO,
  model: string,
  opts: RenderOptions,
  set: RenderSettings,
): Promise<number> {
  const svg = parseSvgMode(opts.svg);
  const cache = cacheOptions(io, opts);
  const result = await runValidate(model, { cwd: io.cwd, ...(cache ? { cache } : {}) });
  reportCache(io, result.cache);
  set.signal.throwIfAborted();
  const { errors } = countBySeverity(result.diagnostics);
  if (!result.loaded || !result.graph) {
    await writeReports(toStderr(io), result.diagnostics, ['stylish'], [], undefined);
    return 2;
  }
  if (errors > 0 && !opts.force) {
    await writeReports(toStderr(io), result.diagnostics, ['stylish'], [], result.loaded);
    io.stderr(
      'archgen: the model has errors, so nothing was rendered (fix them, or pass --force)\n',
    );
    return 1;
  }
  // The render stack (templates, markdown, browser) loads only when a render runs.
  const { checkOutDir, renderDocument } = await import('../render-run.js');
  const outDir = path.resolve(io.cwd, opts.out);
  await checkOutDir(outDir, result.loaded.root, io.cwd);
  const docLang = set.lang ?? result.loaded.manifest.document?.lang ?? 'en';
  let summary: RenderSummary;
  try {
    summary = await renderDocument({
      loaded: result.loaded,
      graph: result.graph,
      diagnostics: result.diagnostics,
      outDir,
      formats: set.formats,
      lang: docLang,
      svg,
      ...(opts.templates ? { templatesDir: path.resolve(io.cwd, opts.templates) } : {}),
      ...(io.isTTY
        ? { onProgress: (i: number, n: number) => io.stderr(`\r  diagrams ${i}/${n}`) }
        : {}),
      onStage: set.onStage,
      diagramTimeoutMs: set.diagramTimeoutMs,
      signal: set.signal,
    });
  } catch (e) {
    if (e instanceof BrowserNotFoundError || e instanceof BrowserLaunchError)
      throw new CliError(e.message);
    throw e;
  }
  if (io.isTTY) io.stderr('\n');
  for (const name of summary.swept)
    io.stderr(`  removed ${name}, left by a render that was killed\n`);
  if (summary.failures.length > 0) {
    await writeReports(toStderr(io), summary.failures, ['stylish'], [], result.loaded);
    io.stderr('archgen: nothing was written; the previous output is unchanged\n');
    return 1;
  }
  printSummary(io, summary, outDir, performance.now() - set.started);
  // A signal during the final move: the output is complete, but the run was still interrupted.
  if (set.signal.aborted && set.signal.reason instanceof Interrupted) {
    io.stderr(
      `archgen: interrupted by ${set.signal.reason.signal} just as the output was complete\n`,
    );
    return set.signal.reason.exitCode;
  }
  return 0;
}

/** Parses a number of seconds given to `flag`; 0 means "no limit" only where `zeroOk`. */
function parseSeconds(
  flag: string,
  value: string | undefined,
  fallback: number,
  zeroOk = false,
): number {
  if (value === undefined) return fallback;
  const n = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || (n === 0 && !zeroOk)) {
    throw new CliError(
      `${flag} takes a number of seconds${zeroOk ? ' (0 for no limit)' : ' above 0'}; got \`${value}\``,
      2,
      `e.g. ${flag} ${fallback}`,
    );
  }
  return n;
}

function printSummary(io: CliIO, s: RenderSummary, outDir: string, ms: number): void {
  const rel = path.relative(io.cwd, outDir) || '.';
  const docs = s.files.filter((f) => !f.path.startsWith('diagrams/'));
  const diagramBytes = s.files
    .filter((f) => f.path.startsWith('diagrams/'))
    .reduce((a, f) => a + f.bytes, 0);
  for (const f of docs) {
    const pages = f.path.endsWith('.pdf') && s.pdfPages ? `, ${s.pdfPages} pages` : '';
    io.stderr(`  ${path.join(rel, f.path)}  ${kb(f.bytes)}${pages}\n`);
  }
  io.stderr(
    `  ${path.join(rel, 'diagrams')}/  ${s.diagrams} diagrams (${s.rendered} drawn, ${s.cached} from cache), ${kb(diagramBytes)}\n`,
  );
  if (s.linkedDiagrams)
    io.stderr(
      `  the HTML links its diagrams from ${path.join(rel, 'diagrams')}/: keep that folder beside it (--svg inline for one file)\n`,
    );
  io.stderr(`rendered in ${(ms / 1000).toFixed(1)} s\n`);
}

const kb = (bytes: number): string =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** Renders, then again on every change to the model folder, until interrupted. */
async function watchCommand(io: CliIO, model: string, opts: RenderOptions): Promise<number> {
  const { watch } = await import('chokidar');
  // Only the model folder is needed here; each render validates the model itself.
  const manifest = await findManifest(path.resolve(io.cwd, model));
  if (!manifest) return renderCommand(io, model, opts);
  const root = path.dirname(manifest);
  const outDir = path.resolve(io.cwd, opts.out);
  // Ctrl-C stops the render in progress (cleanly) and the watching.
  const stop = new AbortController();
  const signals = io.handleSignals ? watchSignals(io) : undefined;
  const onStop = (): void => stop.abort(signals?.signal.reason);
  signals?.signal.addEventListener('abort', onStop, { once: true });
  const once = async (): Promise<void> => {
    if (stop.signal.aborted) return;
    try {
      await renderCommand(io, model, opts, stop.signal);
    } catch (e) {
      // A failed or timed-out render is reported; watching goes on.
      const err = e as CliError;
      io.stderr(`archgen: ${err.message}\n${err.hint ? `  hint: ${err.hint}\n` : ''}`);
    }
  };
  try {
    await once();
    if (stop.signal.aborted) return 0;
    io.stderr(`watching ${path.relative(io.cwd, root) || '.'} (Ctrl-C to stop)\n`);
    const watcher = watch(root, {
      ignoreInitial: true,
      ignored: (p: string) =>
        p === outDir ||
        p.startsWith(outDir + path.sep) ||
        /(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(p) ||
        path.basename(p).startsWith('.'),
    });
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    watcher.on('all', (_event, file) => {
      if (!/\.ya?ml$/.test(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        io.stderr(`\nchanged: ${path.relative(io.cwd, file)}\n`);
        running = running.then(once);
      }, 200);
    });
    await new Promise<void>((resolve) => {
      if (stop.signal.aborted) resolve();
      stop.signal.addEventListener('abort', () => resolve(), { once: true });
      // Without our own handlers (in-process use), the process's signals still end the watch.
      if (!signals) {
        process.once('SIGINT', () => stop.abort());
        process.once('SIGTERM', () => stop.abort());
      }
    });
    clearTimeout(timer);
    await watcher.close();
    await running;
    return 0;
  } finally {
    signals?.dispose();
  }
}

/** render prints nothing on stdout; its findings are log output. */
const toStderr = (io: CliIO): CliIO => ({ ...io, stdout: io.stderr });

const SVG_MODES: readonly SvgEmbed[] = ['auto', 'inline', 'files'];

function parseSvgMode(value: string | undefined): SvgEmbed {
  const mode = (value ?? 'auto').trim().toLowerCase();
  const found = SVG_MODES.find((m) => m === mode);
  if (!found)
    throw new CliError(
      `--svg ${value ?? ''}: unknown mode`,
      2,
      `use one of ${SVG_MODES.join(', ')}`,
    );
  return found;
}

function parseDocFormats(values: readonly string[]): DocumentFormat[] {
  const list = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
  for (const f of list) {
    if (!(FORMATS as readonly string[]).includes(f))
      throw new CliError(`unknown --format \`${f}\`; choose from html, pdf, md`);
  }
  return list.length > 0 ? [...new Set(list as DocumentFormat[])] : ['html', 'pdf'];
}

function parseLang(value: string | undefined): Lang | undefined {
  if (value === undefined) return undefined;
  if (value === 'zh-CN' || value === 'en') return value;
  if (/^zh/i.test(value)) return 'zh-CN';
  throw new CliError(`unknown --lang \`${value}\`; choose zh-CN or en`);
}
