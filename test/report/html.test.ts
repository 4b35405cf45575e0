import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { breakable } from '../../src/report/helpers.js';
import { renderHtml } from '../../src/report/html.js';
import { buildViewModel } from '../../src/report/view-model.js';
import {
  diagnostics,
  diagrams,
  fixtureModel,
  graphOf,
  injectionDiagrams,
  injectionManifest,
  injectionModel,
  injectionSvgs,
  manifest,
  svgs,
} from './fixture.js';

const vm = () =>
  buildViewModel(graphOf(fixtureModel()), { lang: 'zh-CN', manifest, diagnostics, diagrams });

/** Every `<script …>` opening tag in the document. */
const scripts = (html: string): string[] =>
  [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);

describe('renderHtml', () => {
  it('has every application with its anchor, and links to it', async () => {
    const html = await renderHtml(vm(), { svgs });
    for (const app of fixtureModel().applications) {
      expect(html).toContain(`id="app-${app.id}"`);
      expect(html).toContain(app.id);
    }
    for (const anchor of [
      'center-order-center',
      'entity-order',
      'db-ft-order-db',
      'cluster-web-cluster-sh',
    ]) {
      expect(html).toContain(`id="${anchor}"`);
      expect(html).toContain(`href="#${anchor}"`);
    }
  });

  it('is self-contained: inline CSS and SVG, no external resource, one script (the search)', async () => {
    const html = await renderHtml(vm(), { svgs });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<style>');
    expect(html).toContain('font-family: var(--font)');
    expect(html).toContain('"Noto Sans CJK SC"');
    expect(html).not.toMatch(/\s(src|href|xlink:href|action)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|@import|<iframe|<img\b/i);
    expect(scripts(html)).toEqual(['<script data-archgen="search">']);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*script-src 'sha256-[A-Za-z0-9+/=]+'/,
    );
  });

  it('numbers chapters, figures and tables, and prints TOC page placeholders', async () => {
    const html = await renderHtml(vm(), { svgs });
    expect(html).toContain(
      '<span class="chapter-num">3</span><span class="chapter-text">业务架构</span>',
    );
    expect(html).toContain('<span class="cap-num">图 3-1</span> 预订流程');
    expect(html).toContain('<span class="cap-num">表 4-3</span> 应用清单（按编号）');
    expect(html).toContain('<span class="toc-page" data-target="#ch-business"></span>');
    expect(html).toContain(
      '<span class="toc-page" data-target="#sec-application-catalogue"></span>',
    );
    expect(html).toMatch(/本图已拆分，另见： <a href="#fig-call-graph-2">调用关系 \(2\/2\)<\/a>/);
    expect(html).toContain('<template id="search-index">');
    expect(html).toContain(
      '<li data-anchor="app-100301" data-id="100301" data-kind="应用">采购商网站</li>',
    );
  });

  it('marks a figure for a landscape page when its drawing is wide', async () => {
    const wide = new Map(svgs);
    wide.set('roadmap', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2400 500"></svg>');
    wide.set('clusters', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900"></svg>');
    const html = await renderHtml(vm(), { svgs: wide });
    expect(html).toMatch(/<figure class="figure wide" id="fig-roadmap"/);
    expect(html).toMatch(/<figure class="figure" id="fig-clusters"/);
  });

  it('shows a note for a diagram that has no SVG', async () => {
    const html = await renderHtml(vm(), { svgs: new Map() });
    expect(html).toContain('<p class="figure-missing">图未能生成。</p>');
  });

  it('escapes model text and drops unsafe markup (injection corpus)', async () => {
    const bad = buildViewModel(graphOf(injectionModel()), {
      lang: 'en',
      manifest: injectionManifest,
      diagnostics,
      diagrams: injectionDiagrams,
    });
    const html = await renderHtml(bad, { svgs: injectionSvgs });
    expect(scripts(html)).toEqual(['<script data-archgen="search">']);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i); // no event-handler attribute on any real tag
    expect(html).not.toMatch(/<[^>]+=\s*["']?\s*(javascript|data|vbscript):/i);
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('https://evil.example');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload&#x3D;alert(1)&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;'); // from Markdown: shown as text
    expect(html).toContain(
      '<a href="https://example.com/ok" rel="noopener noreferrer nofollow">ok</a>',
    );
    expect(html).toContain('pixel'); // an image is shown as its alt text
    expect(html).toContain(
      '<p class="md-heading"><strong>A heading that must not become one</strong></p>',
    );
    // The CSP placeholder is filled once, in the head, whatever the title says.
    expect(html).toMatch(/script-src 'sha256-/);
    expect(html).toContain('__ARCHGEN_SCRIPT_HASHES__ · &lt;script&gt;');
    // A mangled entity id still yields a valid, attribute-safe anchor.
    expect(html).toContain('id="entity-x-svg-onload-alert-1-"');
    expect(html).toContain('&lt;/style&gt;&lt;script&gt;'); // the cluster name, escaped
  });

  it('lets a templates folder replace any partial and add a chapter partial', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'archgen-templates-'));
    await mkdir(path.join(dir, 'partials', 'chapters'), { recursive: true });
    await writeFile(
      path.join(dir, 'partials', 'cover.hbs'),
      '<section class="cover" id="cover">CUSTOM COVER {{meta.title}}</section>',
    );
    await writeFile(
      path.join(dir, 'partials', 'chapters', 'appendix.hbs'),
      '<section id="{{anchor}}">CUSTOM APPENDIX</section>',
    );
    const html = await renderHtml(vm(), { svgs, templatesDir: dir });
    expect(html).toContain('CUSTOM COVER 企业总体架构');
    expect(html).toContain('<section id="ch-appendix">CUSTOM APPENDIX</section>');
    expect(html).not.toContain('class="cover-title"');
    expect(html).toContain('<span class="chapter-text">业务架构</span>'); // other partials are the built-in ones
  });
});

describe('breakable', () => {
  const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  it('adds break opportunities only inside long runs, never inside an entity', () => {
    expect(breakable('Purchaser web 采购商网站', esc)).toBe('Purchaser web 采购商网站');
    expect(breakable(`a ${'x'.repeat(30)} b`, esc)).toBe(
      `a ${'x'.repeat(12)}<wbr>${'x'.repeat(12)}<wbr>xxxxxx b`,
    );
    expect(breakable('<&'.repeat(13), esc)).toBe(
      `${'&lt;&amp;'.repeat(6)}<wbr>${'&lt;&amp;'.repeat(6)}<wbr>&lt;&amp;`,
    );
  });
});
