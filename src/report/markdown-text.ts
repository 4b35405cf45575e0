/**
 * Markdown descriptions from the model are untrusted (quality.md). This module turns them into
 * sanitised HTML, plain text and safe Markdown:
 * - raw HTML is shown as text (markdown-it `html: false`);
 * - links only to http(s), mailto and `#anchors`; anything else (javascript:, data:, vbscript:,
 *   relative paths) is dropped and its text kept;
 * - images are replaced by their alt text (the document is self-contained: no network);
 * - headings are demoted to bold paragraphs so a description cannot break the document outline.
 */
import MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parse']>[number];

/** True for a link destination the document may carry: http(s), mailto or an in-page anchor. */
export function isSafeHref(url: string): boolean {
  // Browsers ignore whitespace and control characters inside schemes ("java\tscript:").
  const compact = [...decodeEntities(url)]
    .filter((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code > 0x20 && (code < 0x7f || code > 0x9f);
    })
    .join('')
    .toLowerCase();
  if (compact.startsWith('#')) return true;
  if (/^(javascript|data|vbscript|file):/.test(compact)) return false;
  return /^(https?:\/\/|mailto:)/.test(compact);
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) =>
      String.fromCodePoint(parseInt(hex, 16) % 0x110000),
    )
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10) % 0x110000))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');
}

function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const validate = md.validateLink.bind(md);
  md.validateLink = (url: string) => validate(url) && isSafeHref(url);
  const rules = md.renderer.rules;
  rules.image = (tokens, idx) => md.utils.escapeHtml(tokens[idx]?.content ?? '');
  rules.heading_open = () => '<p class="md-heading"><strong>';
  rules.heading_close = () => '</strong></p>\n';
  rules.link_open = (tokens, idx, options, _env, self) => {
    const token = tokens[idx]!;
    const href = token.attrGet('href') ?? '';
    if (!href.startsWith('#')) token.attrSet('rel', 'noopener noreferrer nofollow');
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

const md = createMarkdown();

/** Markdown (block level) → sanitised HTML. */
export function markdownToHtml(source: string): string {
  return md.render(source);
}

/** Markdown → plain text (for table cells): formatting dropped, links and images as their text. */
export function markdownToPlain(source: string): string {
  const parts: string[] = [];
  const walk = (tokens: Token[]): void => {
    for (const t of tokens) {
      if (t.children) walk(t.children);
      else if (
        t.type === 'text' ||
        t.type === 'code_inline' ||
        t.type === 'code_block' ||
        t.type === 'fence'
      ) {
        parts.push(t.content);
      } else if (t.type === 'softbreak' || t.type === 'hardbreak') parts.push(' ');
      else if (
        t.type === 'paragraph_close' ||
        t.type === 'heading_close' ||
        t.type === 'list_item_close'
      ) {
        parts.push(' ');
      }
      if (t.type === 'image') parts.push(t.content);
    }
  };
  walk(md.parse(source, {}));
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/**
 * Markdown → Markdown that is safe to embed in the generated `.md` document: `<` escaped (no raw
 * HTML, no autolinks), unsafe links reduced to their text, images to their alt text, headings to
 * bold lines, and code fences closed. Code spans and fenced code are kept verbatim.
 *
 * The rewrite works line by line; CommonMark does not (a link or a reference definition may span
 * lines, brackets nest). So its result is parsed again as a renderer would (raw HTML on, every
 * link accepted) and, if that still finds raw HTML, an image or a link `isSafeHref` refuses, the
 * description is written as escaped plain text instead.
 */
export function markdownToSafeMarkdown(source: string): string {
  const text = source.replace(/\r\n?/g, '\n');
  const rewritten = rewriteMarkdown(text);
  return isInert(rewritten) ? rewritten : plainMarkdown(text);
}

function rewriteMarkdown(source: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of source.split('\n')) {
    // Only spaces indent a fence (a tab is four columns), and a backtick fence's info string
    // holds no backtick: otherwise CommonMark reads the line as text, not as a fence.
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    const marker = open && !(open[1]![0] === '`' && open[2]!.includes('`')) ? open[1] : undefined;
    if (fence) {
      out.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      out.push(line);
      continue;
    }
    out.push(safeMarkdownLine(line));
  }
  if (fence) out.push(fence);
  return out.join('\n').trim();
}

function safeMarkdownLine(line: string): string {
  // Reference definitions: keep only safe destinations.
  const def = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/.exec(line);
  if (def) return isSafeHref(def[1] ?? '') ? line : '';
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  if (heading) return `**${safeInline(heading[1] ?? '')}**`;
  // A setext underline would turn the previous line into a heading.
  if (/^\s{0,3}(=+|-{2,})\s*$/.test(line)) return line.replace(/^(\s*)([=-])/, '$1\\$2');
  return safeInline(line);
}

/**
 * Code spans stay verbatim, the rest is made safe. A code span is a run of backticks closed by
 * the next run of the same length (CommonMark); an unmatched run is literal text, so what
 * follows it is prose, not code.
 */
function safeInline(text: string): string {
  let out = '';
  let prose = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      prose += text.slice(i, i + 2); // an escaped backtick opens nothing
      i += 2;
      continue;
    }
    if (ch !== '`') {
      prose += ch;
      i++;
      continue;
    }
    const run = /^`+/.exec(text.slice(i))![0];
    const closing = /`+/g;
    closing.lastIndex = i + run.length;
    let end = -1;
    for (let m = closing.exec(text); m; m = closing.exec(text)) {
      if (m[0].length === run.length) {
        end = m.index + run.length;
        break;
      }
    }
    if (end < 0) {
      prose += run;
      i += run.length;
      continue;
    }
    out += safeProse(prose) + text.slice(i, end);
    prose = '';
    i = end;
  }
  return out + safeProse(prose);
}

function safeProse(text: string): string {
  return text
    .replace(/</g, '&lt;')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, (_, alt: string) => alt)
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, (_, alt: string) => alt)
    .replace(/\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)/g, (whole, label: string, href: string) =>
      isSafeHref(href) ? whole : label,
    );
}

/** A parser that sees what a renderer without a sanitiser would make of the Markdown. */
const inspector = (() => {
  const it = new MarkdownIt({ html: true, linkify: false });
  it.validateLink = () => true;
  return it;
})();

/** True when `markdown` renders no raw HTML and no image, and links only where `isSafeHref` allows. */
function isInert(markdown: string): boolean {
  const env: { references?: Record<string, { href?: string }> } = {};
  const tokens = inspector.parse(markdown, env);
  const inert = (list: Token[]): boolean =>
    list.every((t) => {
      if (t.type === 'html_block' || t.type === 'html_inline' || t.type === 'image') return false;
      if (t.type === 'link_open' && !isSafeHref(t.attrGet('href') ?? '')) return false;
      return !t.children || inert(t.children);
    });
  return (
    inert(tokens) && Object.values(env.references ?? {}).every((r) => isSafeHref(r.href ?? ''))
  );
}

/**
 * The last resort: every line as escaped text (no HTML, link, image, code or emphasis can start),
 * with setext underlines defused. Line breaks and paragraphs are kept.
 */
function plainMarkdown(source: string): string {
  return source
    .split('\n')
    .map((line) =>
      line
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]{}()|~#!=+-])/g, '\\$1'),
    )
    .join('\n')
    .trim();
}
