/**
 * Renders the view model as one self-contained HTML file: inline CSS and SVG, no external URL,
 * a Content-Security-Policy that lets only the document's own search script run and nothing be
 * fetched, a cover, a sticky TOC that prints as a TOC with page-number placeholders, numbered
 * chapters, figures and tables, and an in-page search.
 */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { registerHtmlHelpers } from './helpers.js';
import { loadTemplates } from './templates.js';
import type { ReportViewModel } from './types.js';

/** A diagram the HTML links to as a file instead of holding it inline. */
export interface DiagramImage {
  /** Relative to the HTML file, `/`-separated (e.g. `diagrams/call-graph.svg`). */
  src: string;
  /** The SVG's own size in CSS pixels (its viewBox), so the page does not jump as images load. */
  width: number;
  height: number;
}

/** Options of `renderHtml`. */
export interface HtmlOptions {
  /** Rendered SVG by diagram id, inlined; a figure without one (or an image) shows a note. */
  svgs: ReadonlyMap<string, string>;
  /**
   * Diagrams linked as `<img>` files instead (for models whose diagrams weigh hundreds of MB:
   * the page stays small and loads them lazily). An SVG loaded as an image runs no script and
   * fetches nothing, and the policy allows images from the document's own folder only.
   */
  images?: ReadonlyMap<string, DiagramImage>;
  /** A folder whose files replace the built-in templates of the same relative path. */
  templatesDir?: string;
}

/** Placeholder in the layout's CSP meta tag, replaced by the hashes of the document's scripts. */
export const CSP_PLACEHOLDER = '__ARCHGEN_SCRIPT_HASHES__';

/** Renders the whole document to an HTML string. */
export async function renderHtml(vm: ReportViewModel, options: HtmlOptions): Promise<string> {
  const templates = await loadTemplates('', options.templatesDir);
  const hb = Handlebars.create();
  const images = options.images ?? new Map<string, DiagramImage>();
  registerHtmlHelpers(hb, { svgs: options.svgs, images, css: templates.css });
  for (const [name, source] of templates.partials) hb.registerPartial(name, source);
  const layout = hb.compile(templates.layout, { strict: false, preventIndent: true });
  const html = layout({ ...vm, csp: CSP_PLACEHOLDER, imgSelf: images.size > 0 });
  return withScriptHashes(html);
}

/**
 * Fills the CSP placeholder with the sha256 of every `<script data-archgen…>` element: scripts
 * the templates mark as theirs. Model text cannot produce such an element (it is escaped, and
 * SVGs are stripped of scripts), so an injected script would be blocked by the policy as well.
 */
function withScriptHashes(html: string): string {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script data-archgen[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '', 'utf8')
        .digest('base64')}'`,
    );
  }
  const scriptSrc = hashes.length > 0 ? hashes.join(' ') : "'none'";
  const at = html.indexOf(CSP_PLACEHOLDER);
  return at < 0 ? html : html.slice(0, at) + scriptSrc + html.slice(at + CSP_PLACEHOLDER.length);
}
