import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Lang } from '../diagrams/types.js';

const require = createRequire(import.meta.url);

/** Where system Chromium/Chrome usually lives, in the order searched. */
export const SYSTEM_BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/lib/chromium/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** How to get a browser, for error messages. */
export const INSTALL_HINT =
  'archgen needs Chromium or Chrome to draw diagrams and print PDF. On Debian/Ubuntu: ' +
  '`apt-get install -y --no-install-recommends chromium fonts-noto-cjk`; ' +
  'or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary.';

/**
 * Chromium flags measured to work here (rendering-notes.md); `--no-sandbox` is added separately,
 * only when needed. No background traffic: nothing leaves the machine during a render.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** The mermaid version in node_modules (pinned in package.json); part of every cache key. */
export const MERMAID_VERSION: string = (require('mermaid/package.json') as { version: string })
  .version;

/**
 * Bump when archgen changes how it calls mermaid or post-processes its SVG, so cached SVGs made
 * by an older archgen are not reused. Part of every cache key.
 */
export const RENDERER_VERSION = 3;

/** Font stack for diagrams and the PDF header/footer: Noto CJK first so Chinese never falls back to tofu. */
export const FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Noto Sans", sans-serif';

/**
 * The `mermaid.initialize` configuration, every layout-affecting default pinned explicitly so a
 * mermaid upgrade cannot silently re-lay out all diagrams (rendering-notes.md).
 * `htmlLabels: false` draws labels as SVG `<text>` rather than `<foreignObject>` HTML: the inline
 * SVG then ignores the document's CSS (a `p { margin }` in the report cannot push labels out of
 * their boxes), works as a standalone .svg file, and its text extracts from the PDF.
 */
export const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'default',
  look: 'classic',
  layout: 'dagre',
  fontFamily: FONT_FAMILY,
  maxTextSize: 50_000,
  maxEdges: 500,
  htmlLabels: false,
  flowchart: { useMaxWidth: true, htmlLabels: false },
  // mermaid's 140 px between entities spreads a category over three pages' width; 60 still
  // leaves room for the relation labels.
  er: { useMaxWidth: true, nodeSpacing: 60 },
  state: { useMaxWidth: true },
  sequence: { useMaxWidth: true },
  gantt: { useMaxWidth: true },
} as const;

let script: string | undefined;

/** The text of `mermaid/dist/mermaid.min.js` (~3.5 MB), read once per process. */
export function mermaidScript(): string {
  script ??= readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  return script;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Style shared by the header and footer: Chromium renders them with no font unless told. */
const BAND = `font-size:8pt;font-family:${escapeHtml(FONT_FAMILY)};color:#555;width:100%;margin:0 15mm;`;

/** Chromium `headerTemplate`: the document title and version, escaped (titles come from the model). */
export function headerTemplate(title: string, version?: string): string {
  const right = escapeHtml(version ?? '');
  return `<div style="${BAND}display:flex;justify-content:space-between"><span>${escapeHtml(title)}</span><span>${right}</span></div>`;
}

/** Chromium `footerTemplate`: "page x of y" in the document language. */
export function footerTemplate(lang: Lang): string {
  const n = '<span class="pageNumber"></span>';
  const t = '<span class="totalPages"></span>';
  const text = lang === 'zh-CN' ? `第 ${n} 页 / 共 ${t} 页` : `Page ${n} of ${t}`;
  return `<div style="${BAND}text-align:center">${text}</div>`;
}
