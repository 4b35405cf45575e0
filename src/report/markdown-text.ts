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
 */
export function markdownToSafeMarkdown(source: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
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

function safeInline(text: string): string {
  // Split off code spans, which stay verbatim.
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : safeProse(part)))
    .join('');
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
