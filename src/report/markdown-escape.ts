/**
 * Escaping of model text for the generated Markdown document (GFM): model text must not add
 * Markdown or HTML structure. Used by the Markdown handlebars helpers.
 */
import type { Cell, HeaderCell, Link } from './types.js';

/** Inline text → Markdown that shows exactly that text (HTML escaped, Markdown punctuation escaped). */
export function mdText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}|~#!])/g, '\\$1')
    .replace(/\r\n?|\n/g, ' ');
}

/** Like `mdText`, for a table cell: newlines become `<br>` and pipes are escaped. */
export function mdCellText(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => mdText(line))
    .join('<br>');
}

/** A link to an in-document anchor; plain text when it has no target. */
export function mdLink(link: Link): string {
  const text = mdText(link.text);
  return link.href.startsWith('#') ? `[${text}](${encodeFragment(link.href)})` : text;
}

/** `#anchor` with anything outside a conservative set percent-encoded. */
function encodeFragment(href: string): string {
  return `#${encodeURIComponent(href.slice(1))}`;
}

/** One GFM table cell. */
export function mdCell(cell: Cell): string {
  let out: string;
  if (cell.kind === 'link') out = mdLink(cell.link);
  else if (cell.kind === 'links') out = cell.links.map(mdLink).join(', ');
  else if (cell.code && cell.text !== '' && !/[`\r\n]/.test(cell.text))
    out = `\`${cell.text.replace(/\|/g, '\\|')}\``;
  else out = mdCellText(cell.text);
  return cell.highlight && out !== '' ? `**${out}**` : out;
}

/** The header line and delimiter line of a GFM table. */
export function mdHeader(headers: HeaderCell[]): string {
  const head = headers.map((h) =>
    h.href?.startsWith('#') ? mdLink({ text: h.text, href: h.href }) : mdCellText(h.text),
  );
  const sep = headers.map((h) => (h.num ? '---:' : '---'));
  return `| ${head.join(' | ')} |\n| ${sep.join(' | ')} |`;
}

/** An HTML anchor GitHub and GitLab keep (`id` is rewritten to `user-content-…` and still linked). */
export function mdAnchor(anchor: string): string {
  return `<a id="${anchor.replace(/[^\p{L}\p{N}._-]/gu, '-')}"></a>`;
}

/** A fenced mermaid block whose fence is longer than any backtick run inside the source. */
export function mdMermaid(source: string): string {
  const longest = Math.max(2, ...[...source.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}mermaid\n${source.replace(/\s+$/, '')}\n${fence}`;
}
