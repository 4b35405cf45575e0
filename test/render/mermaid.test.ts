import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/render/browser.js';
import { DiagramCache } from '../../src/render/cache.js';
import { DiagramRenderer, svgIdFor } from '../../src/render/mermaid.js';

// Real Chromium, no mocks: one browser for the file, closed in afterAll.
const ITEMS = [
  {
    id: 'app-map',
    source: 'flowchart LR\n  oc[订单中心] -->|调用| pay[支付中心]\n  pay --> db[(订单库)]',
  },
  {
    id: 'er-order',
    source:
      'erDiagram\n  ORDER ||--o{ ORDER_LINE : contains\n  ORDER {\n    string id PK "订单号"\n  }',
  },
  {
    id: 'state-order',
    source: 'stateDiagram-v2\n  [*] --> 待支付\n  待支付 --> 已支付 : 付款\n  已支付 --> [*]',
  },
];

describe('DiagramRenderer (real Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archgen-mermaid-test-'));
  const cacheDir = join(dir, 'cache');
  const session = new BrowserSession();
  const renderer = new DiagramRenderer({ session, cache: new DiagramCache({ write: cacheDir }) });

  beforeAll(async () => {
    await session.browser();
  });

  afterAll(async () => {
    await renderer.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders flowchart, erDiagram and stateDiagram with Chinese labels in one page', async () => {
    const progress: string[] = [];
    const results = await renderer.render(ITEMS, (done, total, id) =>
      progress.push(`${done}/${total} ${id}`),
    );
    console.log(
      `[render] browser launch ${session.launchMs.toFixed(0)} ms, page + mermaid init ${renderer.initMs.toFixed(0)} ms, ` +
        results.map((r) => `${r.id} ${r.ms.toFixed(0)} ms`).join(', '),
    );
    expect(progress).toEqual(['1/3 app-map', '2/3 er-order', '3/3 state-order']);
    for (const r of results) {
      expect(r.error).toBeUndefined();
      expect(r.cached).toBe(false);
      expect(r.svg).toMatch(/^<svg /);
      expect(r.svg).toContain(`id="${svgIdFor(r.id)}"`);
      expect(r.svg).not.toMatch(/Syntax error|Maximum text size/);
      expect(r.svg).not.toContain('foreignObject'); // labels are SVG text: immune to the document's CSS
    }
    expect(results[0]!.svg).toContain('订单中心');
    expect(results[1]!.svg).toContain('订单号');
    expect(results[2]!.svg).toContain('待支付');
    // Styles and markers are scoped by the diagram's own id, so SVGs can share one HTML page.
    expect(results[0]!.svg).toContain(`#${svgIdFor('app-map')}{`);
    expect(results[0]!.svg).toContain(`url(#${svgIdFor('app-map')}_`);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.svg'))).toHaveLength(3);
  });

  it('reports a broken diagram by name and still renders the others', async () => {
    const results = await renderer.render([
      { id: 'broken-one', source: 'flowchart LR\n  A -->-- ]] (' },
      ITEMS[0]!,
      { id: 'also-fine', source: 'flowchart TD\n  x[仓储] --> y[物流]' },
    ]);
    expect(results[0]!.error).toMatch(/^diagram "broken-one": .*Parse error/s);
    expect(results[0]!.svg).toBe('');
    expect(results[1]!.error).toBeUndefined();
    expect(results[2]!.error).toBeUndefined();
    expect(results[2]!.svg).toContain('仓储');
    // Errors are never cached: the 3 SVGs from the first test plus 'also-fine'.
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.svg'))).toHaveLength(4);
  });

  it("reports text over maxTextSize as an error, never as mermaid's red box", async () => {
    const tooLong = 'flowchart LR\n' + 'A --> B\n'.repeat(7_000);
    // Exactly what mermaid substitutes for an over-long text: the SVG scan must catch the red box.
    const redBox = 'graph TB;a[Maximum text size in diagram exceeded];style a fill:#faa';
    const results = await renderer.render([
      { id: 'too-long', source: tooLong },
      { id: 'red-box', source: redBox },
    ]);
    expect(results[0]!.error).toMatch(/"too-long".*maxTextSize/);
    expect(results[0]!.ms).toBe(0); // refused before reaching the browser
    expect(results[1]!.error).toMatch(/"red-box".*Maximum text size in diagram exceeded/);
    for (const r of results) expect(r.svg).toBe('');
  });

  it('names the diagram that times out, then recovers on a fresh page', async () => {
    const slow = new DiagramRenderer({ session, timeoutMs: 1 });
    const [timedOut] = await slow.render([
      { id: 'slow-one', source: 'flowchart LR\n  a --> b --> c' },
    ]);
    expect(timedOut!.error).toBe('diagram "slow-one": mermaid did not finish within 0.001 s');
    expect(timedOut!.timedOut).toBe(true);
    slow.timeoutMs = 30_000;
    const [ok] = await slow.render([{ id: 'slow-one', source: 'flowchart LR\n  a --> b --> c' }]);
    expect(ok!.error).toBeUndefined();
    await slow.close();
  });

  it('flags duplicate ids instead of emitting two SVGs with the same element ids', async () => {
    const results = await renderer.render([ITEMS[0]!, ITEMS[0]!]);
    expect(results[1]!.error).toBe('diagram "app-map": duplicate diagram id');
  });

  it('serves an unchanged run from the cache without launching a browser', async () => {
    const out = join(dir, 'next-cache');
    const fresh = new BrowserSession();
    const again = new DiagramRenderer({
      session: fresh,
      cache: new DiagramCache({ read: [cacheDir], write: out }),
    });
    try {
      const results = await again.render(ITEMS);
      expect(results.map((r) => [r.cached, r.ms, r.error])).toEqual(
        ITEMS.map(() => [true, 0, undefined]),
      );
      expect(results[0]!.svg).toContain('订单中心');
      expect(fresh.launches).toBe(0);
      expect(fresh.running).toBe(false);
      // Hits are carried forward into the new output's cache folder.
      expect(readdirSync(out).filter((f) => f.endsWith('.svg'))).toHaveLength(3);
    } finally {
      await again.close();
      await fresh.close();
    }
  });
});
