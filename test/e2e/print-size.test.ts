/**
 * The print-size measurement checked against figures whose printed size is known: an SVG with
 * 16 px text drawn at its own size prints at 12 pt, and at half its size at 6 pt.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/render/browser.js';
import { printPdf } from '../../src/render/pdf.js';
import { figureTexts, pdfWords, printedSizes, type PrintedFigure } from './print-size.js';

const svg = (words: string, size: number): string =>
  `<svg viewBox="0 0 600 120" width="600" style="max-width:${size}px;width:100%;height:auto">` +
  `<text x="10" y="40" style="font-size:16px;font-family:'Noto Sans CJK SC'">${words}</text>` +
  `<text x="10" y="90" style="font-size:12px;font-family:'Noto Sans CJK SC'"><tspan>small</tspan> <tspan>print</tspan></text></svg>`;

const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>@page { size: A4; margin: 20mm 15mm } body { margin: 0 }</style></head><body>
<figure data-diagram="full">${svg('订单中心 Order center calls 支付中心', 600)}
<figcaption><span class="cap-num">Figure 1-1</span> full size</figcaption></figure>
<figure data-diagram="half">${svg('库存服务 Stock service reads 订单库', 300)}
<figcaption><span class="cap-num">Figure 1-2</span> half size</figcaption></figure>
</body></html>`;

describe('printed text size, measured in the PDF', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archgen-print-size-'));
  const session = new BrowserSession();
  let sizes: Map<string, PrintedFigure>;

  beforeAll(async () => {
    const browser = await session.browser();
    const file = join(dir, 'doc.pdf');
    await printPdf(browser, html, file, { title: 't', lang: 'en' });
    const page = await browser.newPage();
    const figures = await page
      .setContent(html, { waitUntil: 'load' })
      .then(() => figureTexts(page))
      .finally(() => page.close());
    sizes = new Map(printedSizes(figures, pdfWords(file)).map((f) => [f.diagramId, f]));
  }, 60_000);

  afterAll(async () => {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds each figure by its caption and reads its words from the PDF', () => {
    for (const id of ['full', 'half']) {
      expect(sizes.get(id)?.page).toBe(1);
      expect(sizes.get(id)?.present).toBe(1);
      expect(sizes.get(id)?.matched).toBeGreaterThanOrEqual(5);
    }
  });

  it('gives 16 px labels as 12 pt at full size and 6 pt at half size; 12 px text as the smallest', () => {
    expect(sizes.get('full')?.labelPt).toBeCloseTo(12, 1);
    expect(sizes.get('full')?.smallestPt).toBeCloseTo(9, 1);
    expect(sizes.get('half')?.labelPt).toBeCloseTo(6, 1);
    expect(sizes.get('half')?.smallestPt).toBeCloseTo(4.5, 1);
  });
});
