/**
 * Renders the view model as GitHub-flavoured Markdown: the same chapters and numbering, tables
 * as GFM tables, diagrams as ```mermaid blocks (GitHub and GitLab draw them), links to anchors.
 * Model text is escaped by the Markdown helpers; descriptions were made safe when the view
 * model was built (HTML escaped, `javascript:` and other unsafe links stripped).
 */
import Handlebars from 'handlebars';
import { registerMarkdownHelpers } from './helpers.js';
import { loadTemplates } from './templates.js';
import type { ReportViewModel } from './types.js';

/** Options of `renderMarkdown`. */
export interface MarkdownOptions {
  /** mermaid source by diagram id. */
  sources: ReadonlyMap<string, string>;
  /** A folder whose files replace the built-in templates of the same relative path. */
  templatesDir?: string;
}

/** Renders the whole document to a Markdown string. */
export async function renderMarkdown(
  vm: ReportViewModel,
  options: MarkdownOptions,
): Promise<string> {
  const templates = await loadTemplates('markdown', options.templatesDir);
  const hb = Handlebars.create();
  registerMarkdownHelpers(hb, { sources: options.sources });
  for (const [name, source] of templates.partials) hb.registerPartial(name, source);
  const layout = hb.compile(templates.layout, { preventIndent: true });
  // Blank lines collapse so optional parts leave no gaps; the text always ends with one newline.
  return `${layout(vm)
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
