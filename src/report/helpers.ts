/**
 * Every handlebars helper of the report templates, registered in one place. Templates escape all
 * model text with `{{ }}`; the only helpers that return unescaped markup are the ones named for
 * it: `safeSvg` (mermaid SVG, sanitised again here), `sanitisedHtml` (Markdown already sanitised
 * by markdown-text.ts), `safeCss` (the template's own stylesheet), `safeCell` (a table cell built
 * from escaped text) and the `md*` helpers of the Markdown templates, which escape model text for
 * Markdown themselves.
 */
import type Handlebars from 'handlebars';
import { mdAnchor, mdCell, mdHeader, mdLink, mdMermaid, mdText } from './markdown-escape.js';
import { sanitiseSvg, svgSize } from '../render/svg.js';
import type { DiagramImage } from './html.js';
import { printsLandscape } from './print.js';
import type { Cell, Chapter, Link, Row } from './types.js';

type HB = typeof Handlebars;

/** What the HTML helpers read besides the view model. */
export interface HtmlHelperContext {
  /** SVG markup by diagram id, inlined. */
  svgs: ReadonlyMap<string, string>;
  /** Diagrams linked as image files, by diagram id. */
  images: ReadonlyMap<string, DiagramImage>;
  /** The stylesheet to inline. */
  css: string;
}

/** Helpers shared by both outputs. */
function registerCommon(hb: HB): void {
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  hb.registerHelper('join', (list: unknown, sep: unknown) =>
    Array.isArray(list) ? list.map(String).join(typeof sep === 'string' ? sep : ', ') : '',
  );
  // A user's templates may add `partials/chapters/<id>.hbs` to replace one chapter.
  hb.registerHelper('chapterPartial', (chapter: Chapter) =>
    hb.partials[`chapters/${chapter.id}`] !== undefined ? `chapters/${chapter.id}` : 'chapter',
  );
}

/** Registers the helpers of the HTML templates on `hb` (an isolated `Handlebars.create()`). */
export function registerHtmlHelpers(hb: HB, ctx: HtmlHelperContext): void {
  registerCommon(hb);
  const svgCache = new Map<string, string>();
  const svg = (id: string): string => {
    let out = svgCache.get(id);
    if (out === undefined) svgCache.set(id, (out = sanitiseSvg(ctx.svgs.get(id) ?? '')));
    return out;
  };
  const esc = (s: string): string => hb.escapeExpression(s);
  hb.registerHelper('hasSvg', (id: string) => ctx.images.has(id) || svg(id).includes('<svg'));
  hb.registerHelper('safeSvg', (id: string, title: unknown) => {
    const img = ctx.images.get(id);
    if (!img) return new hb.SafeString(svg(id));
    const size = (n: number): string => String(Math.max(1, Math.round(n)));
    return new hb.SafeString(
      `<img class="diagram" src="${esc(img.src)}" width="${size(img.width)}" height="${size(img.height)}" alt="${esc(typeof title === 'string' ? title : '')}" loading="lazy" decoding="async">`,
    );
  });
  // A figure prints on a landscape page when its drawing's proportions call for one (print.ts).
  hb.registerHelper('printsLandscape', (id: string) => {
    const size = ctx.images.get(id) ?? svgSize(svg(id));
    return size !== undefined && printsLandscape(size);
  });
  hb.registerHelper('sanitisedHtml', (html: string) => new hb.SafeString(html));
  // The stylesheet comes from the templates, not the model; `</style` could still end the element.
  hb.registerHelper('safeCss', () => new hb.SafeString(ctx.css.replace(/<\/style/gi, '<\\/style')));
  hb.registerHelper('cellClass', (cell: Cell) =>
    [cell.num ? 'num' : '', cell.code ? 'code' : '', cell.highlight ? 'hl' : '']
      .filter(Boolean)
      .join(' '),
  );
  // Table cells are the bulk of a large document: built here from escaped text (twice as fast as
  // a partial per cell). Same markup as partials/link.hbs.
  const text = (s: string): string => breakable(s, esc);
  const link = (l: Link): string =>
    l.href
      ? `<a href="${esc(l.href)}"${l.title ? ` title="${esc(l.title)}"` : ''}>${text(l.text)}</a>`
      : `<span class="nolink">${text(l.text)}</span>`;
  hb.registerHelper('safeCell', (cell: Cell) => {
    if (cell.kind === 'text') return new hb.SafeString(text(cell.text));
    if (cell.kind === 'link') return new hb.SafeString(link(cell.link));
    return new hb.SafeString(cell.links.map(link).join('<span class="sep">, </span>'));
  });
  hb.registerHelper('rowClass', (row: Row) => (row.highlight ? 'hl-row' : ''));
}

/** Runs of this many characters without a space get break opportunities. */
const LONG_RUN = 24;
/** Characters between two break opportunities inside a long run. */
const RUN_PIECE = 12;

/**
 * `text` escaped by `esc`, with `<wbr>` every few characters inside a run of more than
 * `LONG_RUN` characters without white space. A table column is at least as wide as its longest
 * unbreakable run (CSS `overflow-wrap: break-word` does not change that), so one long URL or
 * pasted string would push the table past the page, where print cuts it off. Ordinary words
 * are left alone, so they never break in the middle.
 */
export function breakable(text: string, esc: (s: string) => string): string {
  return text
    .split(/(\s+)/)
    .map((part) => {
      const chars = Array.from(part);
      if (chars.length <= LONG_RUN) return esc(part);
      const pieces: string[] = [];
      for (let i = 0; i < chars.length; i += RUN_PIECE)
        pieces.push(esc(chars.slice(i, i + RUN_PIECE).join('')));
      return pieces.join('<wbr>');
    })
    .join('');
}

/** What the Markdown helpers read besides the view model. */
export interface MarkdownHelperContext {
  /** mermaid source by diagram id. */
  sources: ReadonlyMap<string, string>;
}

/** Registers the helpers of the Markdown templates: each escapes model text for GFM. */
export function registerMarkdownHelpers(hb: HB, ctx: MarkdownHelperContext): void {
  registerCommon(hb);
  const safe = (s: string) => new hb.SafeString(s);
  hb.registerHelper('md', (text: string | number | undefined | null) =>
    safe(mdText(text === undefined || text === null ? '' : String(text))),
  );
  hb.registerHelper('mdLink', (link: Link) => safe(mdLink(link)));
  hb.registerHelper('mdLinkTo', (text: string, anchor: string) =>
    safe(mdLink({ text: String(text), href: `#${anchor}` })),
  );
  hb.registerHelper('mdAnchor', (anchor: string) => safe(mdAnchor(anchor)));
  hb.registerHelper('mdHeader', (headers: Parameters<typeof mdHeader>[0]) =>
    safe(mdHeader(headers)),
  );
  hb.registerHelper('mdRow', (row: Row) => {
    const cells = row.cells.map(mdCell);
    if (row.element && cells.length > 0)
      cells[0] = `${mdAnchor(row.element.anchor)}${cells[0] ?? ''}`;
    return safe(`| ${cells.join(' | ')} |`);
  });
  hb.registerHelper('hasSource', (id: string) => (ctx.sources.get(id) ?? '').trim() !== '');
  hb.registerHelper('mdMermaid', (id: string) => safe(mdMermaid(ctx.sources.get(id) ?? '')));
  // ParagraphBlock.markdown is already made safe by markdownToSafeMarkdown.
  hb.registerHelper('mdSanitised', (markdown: string) => safe(markdown));
}
