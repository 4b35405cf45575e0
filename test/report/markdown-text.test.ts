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
