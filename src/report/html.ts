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

/** Options of `renderHtml`. */
export interface HtmlOptions {
  /** Rendered SVG by diagram id; a figure without one shows a "not rendered" note. */
  svgs: ReadonlyMap<string, string>;
  /** A folder whose files replace the built-in templates of the same relative path. */
  templatesDir?: string;
}

/** Placeholder in the layout's CSP meta tag, replaced by the hashes of the document's scripts. */
export const CSP_PLACEHOLDER = '__ARCHGEN_SCRIPT_HASHES__';

/** Renders the whole document to an HTML string. */
export async function renderHtml(vm: ReportViewModel, options: HtmlOptions): Promise<string> {
  const templates = await loadTemplates('', options.templatesDir);
  const hb = Handlebars.create();
  registerHtmlHelpers(hb, { svgs: options.svgs, css: templates.css });
  for (const [name, source] of templates.partials) hb.registerPartial(name, source);
  const layout = hb.compile(templates.layout, { strict: false, preventIndent: true });
  const html = layout({ ...vm, csp: CSP_PLACEHOLDER });
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
