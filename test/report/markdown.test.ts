import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { mdCell, mdMermaid, mdText } from '../../src/report/markdown-escape.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildViewModel } from '../../src/report/view-model.js';
import {
  diagnostics,
  diagrams,
  fixtureModel,
  graphOf,
  injectionDiagrams,
  injectionManifest,
  injectionModel,
  manifest,
  sources,
} from './fixture.js';

const render = (md: string): string => new MarkdownIt({ html: true }).render(md);

describe('renderMarkdown', () => {
  it('has the chapters as headings, GFM tables and mermaid blocks', async () => {
    const vm = buildViewModel(graphOf(fixtureModel()), {
      lang: 'zh-CN',
      manifest,
      diagnostics,
      diagrams,
    });
    const md = await renderMarkdown(vm, { sources });
    expect(md).toMatch(/^# <a id="cover"><\/a>企业总体架构\n/);
    expect(md).toContain('## <a id="ch-business"></a>3 业务架构');
    expect(md).toContain('### <a id="sec-application-catalogue"></a>4.3 应用清单');
    expect(md).toContain('#### <a id="sec-business-processes-booking"></a>3.5.1 预订流程');
    expect(md).toContain('| 编号 | 名称 | 类型 | 语言 / 技术 |');
    expect(md).toMatch(/\| --- \| --- \| ---: \|/);
    expect(md).toContain(
      '| <a id="app-100301"></a>`100301` | 采购商网站 | web | C\\# · .NET 4.5, IIS |',
    );
    expect(md).toContain('[订单处理服务](#center-order-center)');
    expect(md).toContain('```mermaid\nflowchart LR\n  a[Search] --> b[Hold]\n```');
    expect(md.match(/```mermaid/g)).toHaveLength(diagrams.length);
    expect(md).toContain('[调用关系 (2/2)](#fig-call-graph-2)');
    expect(md).toContain('- [4.3 应用清单](#sec-application-catalogue)');
    // Every table parses as a table (GFM table rows with the same number of cells as its header).
    const html = new MarkdownIt().render(md);
    expect(html.match(/<table>/g)?.length).toBe(vm.tables.length);
  });

  it('escapes model text and strips unsafe links (injection corpus)', async () => {
    const vm = buildViewModel(graphOf(injectionModel()), {
      lang: 'en',
      manifest: injectionManifest,
      diagnostics,
      diagrams: injectionDiagrams,
    });
    const md = await renderMarkdown(vm, { sources });
    // Outside code spans (where `<svg` is literal text), no tag survives.
    expect(md.replace(/`[^`\n]*`/g, '')).not.toMatch(/<(script|img|svg)\b/i);
    expect(md).not.toMatch(/(?<!\\)\]\(\s*(javascript|data|vbscript):/i); // `\](` is escaped text
    expect(md).toContain('\\[x\\](javascript:alert(1))');
    expect(md).not.toMatch(/^\s*\[[^\]]+\]:\s*javascript:/im);
    expect(md).not.toContain('evil.example');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt; pipe\\|name<br>next line');
    expect(md).toContain('**A heading that must not become one**');
    expect(md).toContain('[ok](https://example.com/ok)');
    // Rendered by a Markdown engine that allows raw HTML, nothing active comes out.
    const html = render(md);
    expect(html).not.toMatch(/<(script|img|iframe)\b/i);
    expect(html).not.toMatch(/<svg\b/i);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
    // The unclosed fence in a description is closed before the next heading.
    expect(html).toContain('<h2><a id="ch-application"></a>4 Application architecture</h2>');
  });

  it('lets a templates folder replace a Markdown partial', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'archgen-md-templates-'));
    await mkdir(path.join(dir, 'markdown', 'partials'), { recursive: true });
    await writeFile(path.join(dir, 'markdown', 'partials', 'figure.hbs'), 'FIGURE {{md title}}');
    const vm = buildViewModel(graphOf(fixtureModel()), {
      lang: 'en',
      manifest,
      diagnostics,
      diagrams,
    });
    const md = await renderMarkdown(vm, { sources, templatesDir: dir });
    expect(md).toContain('FIGURE 预订流程');
    expect(md).not.toContain('```mermaid');
  });
});

describe('Markdown escaping', () => {
  it('escapes structure in inline text', () => {
    expect(mdText('a*b_c [x](y) <b> #1 | `c`')).toBe(
      'a\\*b\\_c \\[x\\](y) &lt;b&gt; \\#1 \\| \\`c\\`',
    );
    expect(mdCell({ kind: 'text', text: 'a|b\nc' })).toBe('a\\|b<br>c');
    expect(mdCell({ kind: 'text', text: 'id|x', code: true })).toBe('`id\\|x`');
    expect(
      mdCell({
        kind: 'links',
        links: [
          { text: 'A', href: '#app-1' },
          { text: 'B', href: '' },
        ],
      }),
    ).toBe('[A](#app-1), B');
  });

  it('fences mermaid with a fence longer than any backtick run in the source', () => {
    expect(mdMermaid('graph TD\n  a["```"] --> b\n')).toBe(
      '````mermaid\ngraph TD\n  a["```"] --> b\n````',
    );
  });
});
