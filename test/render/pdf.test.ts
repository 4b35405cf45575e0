import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/render/browser.js';
import { DiagramRenderer } from '../../src/render/mermaid.js';
import { namedDestinations, printPdf, type PrintPdfResult } from '../../src/render/pdf.js';

// Real Chromium and poppler-utils, no mocks. Set ARCHGEN_KEEP_PDF=1 to keep the files for a look.
const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });

function documentHtml(svg: string, origin: string): string {
  const toc = [
    ['ch-1', '第一章 概述'],
    ['ch-2', '第二章 应用架构'],
    ['章节-3', 'Chapter 3 数据架构'],
  ]
    .map(
      ([id, t]) =>
        `<li><a href="#${id}">${t}</a> <span class="toc-page" data-target="#${id}"></span></li>`,
    )
    .join('');
  const filler = '<p>订单中心负责订单的创建、支付与履约。The order center owns orders.</p>'.repeat(
    60,
  );
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>企业架构文档</title><style>
    body { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; font-size: 11pt; }
    h1 { break-before: page; break-after: avoid; }
    figure { break-inside: avoid; } svg { max-width: 100%; height: auto; max-height: 225mm; }
  </style></head><body>
    <nav id="toc"><h2>目录</h2><ol>${toc}</ol></nav>
    <h1 id="ch-1">第一章 概述</h1><p>订单中心</p><figure>${svg}</figure>
    <h1 id="ch-2">第二章 应用架构</h1>${filler}
    <h1 id="章节-3">Chapter 3 数据架构</h1><p>最后一章。<img src="${origin}/x.png" alt=""></p>
    <link rel="stylesheet" href="${origin}/x.css"><script src="${origin}/x.js"></script>
  </body></html>`;
}

describe('printPdf (real Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archgen-pdf-test-'));
  const file = join(dir, 'doc.pdf');
  const session = new BrowserSession();
  let result: PrintPdfResult;
  // A local server stands in for "the network": the page must never reach it.
  const hits: string[] = [];
  let server: Server;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const renderer = new DiagramRenderer({ session });
    const [diagram] = await renderer.render([
      { id: 'app-map', source: 'flowchart LR\n  oc[订单中心] -->|调用| pay[支付中心]' },
    ]);
    await renderer.close();
    expect(diagram!.error).toBeUndefined();
    const browser = await session.browser();
    result = await printPdf(browser, documentHtml(diagram!.svg, origin), file, {
      title: '企业架构文档',
      version: 'v1.2',
      lang: 'zh-CN',
      tocSelector: '#toc',
    });
    console.log(
      `[pdf] ${result.pages} pages, ${result.bytes} bytes, ${result.passes} passes, ${result.ms.toFixed(0)} ms`,
    );
  });

  afterAll(async () => {
    await session.close();
    server.close();
    if (process.env['ARCHGEN_KEEP_PDF'] === '1') console.log(`[pdf] kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });

  it('writes a PDF whose text, CJK included, extracts', () => {
    expect(statSync(file).size).toBe(result.bytes);
    expect(result.passes).toBe(2);
    expect(result.unresolved).toEqual([]);
    const text = run('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('订单中心');
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/); // footer (pdftotext drops CJK-digit spaces)
    expect(text).toContain('v1.2'); // header
  });

  it('lets no request leave the page', () => {
    expect(hits).toEqual([]);
  });

  it('fills the TOC with the page each heading is on', () => {
    const pageOf = (n: number): string =>
      run('pdftotext', ['-f', String(n), '-l', String(n), file, '-']);
    const toc = pageOf(1);
    const headings: [string, string][] = [
      ['ch-1', '第一章 概述'],
      ['ch-2', '第二章 应用架构'],
      ['章节-3', 'Chapter 3 数据架构'],
    ];
    const dests = namedDestinations(readFileSync(file)).dests;
    const pages = headings.map(([id, title]) => {
      const page = dests.get(id)!;
      expect(pageOf(page)).toContain(title); // the destination really is that heading's page
      const line = toc.split('\n').find((l) => l.includes(title.split(' ')[0]!));
      expect(line, toc).toBeDefined();
      expect(line!.trim()).toMatch(new RegExp(`\\s${page}$`));
      return page;
    });
    expect(pages[0]).toBe(2);
    expect(pages[2]! - pages[1]!).toBeGreaterThan(1); // chapter 2 spans pages
    expect(result.pages).toBe(pages[2]);
  });

  it('embeds fonts (Chromium embeds system Noto CJK as unnamed Type 3)', () => {
    const fonts = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.some((f) => /Type 3|CJK|Noto/.test(f))).toBe(true);
  });

  it('rasterises the first page', () => {
    run('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-png', file, join(dir, 'page')]);
    const png = ['page-1.png', 'page-01.png', 'page-001.png']
      .map((f) => join(dir, f))
      .find(existsSync);
    expect(png).toBeDefined();
    expect(readFileSync(png!).subarray(1, 4).toString()).toBe('PNG');
  });
});
