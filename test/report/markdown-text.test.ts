import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  isSafeHref,
  markdownToHtml,
  markdownToPlain,
  markdownToSafeMarkdown,
} from '../../src/report/markdown-text.js';

describe('isSafeHref', () => {
  it.each([
    ['https://example.com', true],
    ['http://example.com/a?b', true],
    ['mailto:a@example.com', true],
    ['#app-100206', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['&#106;avascript:alert(1)', false],
    ['data:text/html,<script>', false],
    ['vbscript:msgbox', false],
    ['file:///etc/passwd', false],
    ['docs/readme.md', false],
    ['//evil.example/x', false],
  ])('%s → %s', (href, safe) => {
    expect(isSafeHref(href)).toBe(safe);
  });
});

describe('markdownToHtml', () => {
  it('renders Markdown, shows raw HTML as text and keeps only safe links', () => {
    const html = markdownToHtml(
      '**bold** <b>raw</b> [a](https://x.example) [b](javascript:alert(1)) [c](#app-1) [d](mailto:a@b.c)',
    );
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('&lt;b&gt;raw&lt;/b&gt;');
    expect(html).toContain('<a href="https://x.example" rel="noopener noreferrer nofollow">a</a>');
    expect(html).toContain('<a href="#app-1">c</a>');
    expect(html).toContain('<a href="mailto:a@b.c" rel="noopener noreferrer nofollow">d</a>');
    expect(html).not.toContain('href="javascript');
  });

  it('shows images as their alt text and headings as bold paragraphs', () => {
    const html = markdownToHtml('# Title\n\n![a diagram](https://x.example/a.png)');
    expect(html).toBe('<p class="md-heading"><strong>Title</strong></p>\n<p>a diagram</p>\n');
  });
});

describe('markdownToPlain', () => {
  it('flattens Markdown to one line of text', () => {
    expect(markdownToPlain('**Each** logic is [implemented](#x)\nonce.\n\n- in `one` place')).toBe(
      'Each logic is implemented once. in one place',
    );
  });
});

describe('markdownToSafeMarkdown', () => {
  it('keeps formatting, escapes HTML, strips unsafe links, images and headings', () => {
    const src =
      '# Head\n**b** <img src=x onerror=1> [a](javascript:x) [ok](https://ok.example) ![i](https://x/i.png)\n\n[r]: javascript:alert(1)\n[s]: https://safe.example';
    expect(markdownToSafeMarkdown(src)).toBe(
      '**Head**\n**b** &lt;img src=x onerror=1> a [ok](https://ok.example) i\n\n\n[s]: https://safe.example',
    );
  });

  it('keeps code verbatim and closes an unclosed fence', () => {
    expect(markdownToSafeMarkdown('`List<T>` and <b>\n```ts\nconst a: Array<T> = [];')).toBe(
      '`List<T>` and &lt;b>\n```ts\nconst a: Array<T> = [];\n```',
    );
  });

  it('does not let a setext underline turn a line into a heading', () => {
    expect(markdownToSafeMarkdown('Title\n=====\nText\n---')).toBe('Title\n\\=====\nText\n\\---');
  });
});

/** What a renderer without a sanitiser makes of `md`: raw HTML, images, and links it would follow. */
function rendered(md: string): { html: string[]; images: number; links: string[] } {
  const it = new MarkdownIt({ html: true });
  it.validateLink = () => true;
  const env: { references?: Record<string, { href: string }> } = {};
  const flat = (ts: ReturnType<MarkdownIt['parse']>): ReturnType<MarkdownIt['parse']> =>
    ts.flatMap((t) => [t, ...flat(t.children ?? [])]);
  const tokens = flat(it.parse(md, env));
  return {
    html: tokens.filter((t) => t.type.startsWith('html_')).map((t) => t.content),
    images: tokens.filter((t) => t.type === 'image').length,
    links: [
      ...tokens.filter((t) => t.type === 'link_open').map((t) => t.attrGet('href') ?? ''),
      ...Object.values(env.references ?? {}).map((r) => r.href),
    ],
  };
}

describe('markdownToSafeMarkdown against what CommonMark reads', () => {
  it.each([
    ['unmatched backticks before HTML', '``<script>alert(1)</script>` and `<b>x</b>`'],
    ['a fence whose info string has a backtick', '```x`\n<script>alert(1)</script>\n```'],
    ['a tab-indented fence', '\t```\n<script>alert(1)</script>\n```'],
    ['a definition split over lines', '[a][r]\n\n[r]:\n  javascript:alert(1)'],
    ['a definition label split over lines', '[a][r\nx]\n\n[r\nx]: javascript:alert(1)'],
    ['a definition in a block quote', '[a][q]\n\n> [q]: javascript:alert(1)'],
    ['a link text with brackets', '[a [b] c](javascript:alert(1))'],
    ['a link destination on the next line', '[x](\njavascript:alert(1))'],
    ['a link text over two lines', '[a\nb](javascript:alert(1))'],
    ['an image with brackets in its alt', '![a [b] c](https://evil.example/p.png)'],
  ])('%s', (_, src) => {
    const out = rendered(markdownToSafeMarkdown(src));
    expect(out.html).toEqual([]);
    expect(out.images).toBe(0);
    expect(out.links.filter((h) => !isSafeHref(h))).toEqual([]);
  });

  it('keeps the text of a description it has to flatten', () => {
    expect(markdownToSafeMarkdown('[a [b] c](javascript:alert(1)) **x** <y>')).toBe(
      '\\[a \\[b\\] c\\]\\(javascript:alert\\(1\\)\\) \\*\\*x\\*\\* &lt;y&gt;',
    );
  });

  it('still keeps matched code spans verbatim', () => {
    expect(markdownToSafeMarkdown('``a ` <b>`` and `<i>` \\`<u>`')).toBe(
      '``a ` <b>`` and `<i>` \\`&lt;u>`',
    );
  });
});
