import type { Command } from 'commander';
import path from 'node:path';
import { countBySeverity } from '../../diagnostics/collect.js';
import type { Lang } from '../../diagrams/types.js';
import { BrowserLaunchError, BrowserNotFoundError } from '../../render/browser.js';
import type { DocumentFormat } from '../../report/routes.js';
import { addCacheFlags, CACHE_HELP, cacheOptions, reportCache, type CacheFlags } from '../cache.js';
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
}

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
    );
  addCacheFlags(command)
    .addHelpText(
      'after',
      `
The document is written to a temporary folder and moved into place at the end: a failed render
leaves the previous output as it was. Diagrams are cached by content, so an unchanged diagram
is never drawn twice. Needs Chrome or Chromium (PUPPETEER_EXECUTABLE_PATH, or the system one).
${CACHE_HELP}

Examples:
  $ archgen render model --out out                # out/<title>.html and .pdf, out/diagrams/
  $ archgen render model -f md                    # Markdown with mermaid blocks (no browser)
  $ archgen render model -f html,pdf,md --lang en
  $ archgen render model --watch -f html
  $ archgen render model --svg files              # HTML links diagrams/*.svg (large models)`,
    )
    .action(async (model: string, opts: RenderOptions) => {
      setExit(
        opts.watch ? await watchCommand(io, model, opts) : await renderCommand(io, model, opts),
      );
    });
}

/** Validates and renders once; returns the exit code. */
export async function renderCommand(
  io: CliIO,
  model: string,
  opts: RenderOptions,
): Promise<number> {
  const started = performance.now();
  const formats = parseDocFormats(opts.format);
  const lang = parseLang(opts.lang);
  const svg = parseSvgMode(opts.svg);
  const cache = cacheOptions(io, opts);
  const result = await runValidate(model, { cwd: io.cwd, ...(cache ? { cache } : {}) });
  reportCache(io, result.cache);
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
  const docLang = lang ?? result.loaded.manifest.document?.lang ?? 'en';
  let summary: RenderSummary;
  try {
    summary = await renderDocument({
      loaded: result.loaded,
      graph: result.graph,
      diagnostics: result.diagnostics,
      outDir,
      formats,
      lang: docLang,
      svg,
      ...(opts.templates ? { templatesDir: path.resolve(io.cwd, opts.templates) } : {}),
      ...(io.isTTY
        ? { onProgress: (i: number, n: number) => io.stderr(`\r  diagrams ${i}/${n}`) }
        : {}),
    });
  } catch (e) {
    if (e instanceof BrowserNotFoundError || e instanceof BrowserLaunchError)
      throw new CliError(e.message);
    throw e;
  }
  if (io.isTTY) io.stderr('\n');
  if (summary.failures.length > 0) {
    await writeReports(toStderr(io), summary.failures, ['stylish'], [], result.loaded);
    io.stderr('archgen: nothing was written; the previous output is unchanged\n');
    return 1;
  }
  printSummary(io, summary, outDir, performance.now() - started);
  return 0;
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
  const once = async (): Promise<void> => {
    try {
      await renderCommand(io, model, opts);
    } catch (e) {
      io.stderr(`archgen: ${(e as Error).message}\n`);
    }
  };
  await once();
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
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await watcher.close();
  await running;
  return 0;
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
