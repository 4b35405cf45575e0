/**
 * One smoke test in real headless Chromium (style habit 12): the document opens with no console
 * error and no request leaving the page, the search box filters, injected markup stays inert.
 * Screenshots go to the OS temp folder (archgen-report-*.png) for a human to look at.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

let browser: Browser;

beforeAll(async () => {
  browser = await puppeteer.launch({
    executablePath: process.env['PUPPETEER_EXECUTABLE_PATH'] ?? '/usr/bin/chromium',
    headless: 'shell',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
    protocolTimeout: 60_000,
  });
});

afterAll(async () => {
  await browser?.close();
});

/** Opens `html` with every request blocked; collects requests, console errors and dialogs. */
async function open(
  html: string,
): Promise<{ page: Page; requests: string[]; errors: string[]; dialogs: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    requests.push(r.url());
    void r.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, requests, errors, dialogs };
}

describe('the HTML document in Chromium', () => {
  it('opens without errors or requests, and the search box filters', async () => {
    const vm = buildViewModel(graphOf(fixtureModel()), {
      lang: 'zh-CN',
      manifest,
      diagnostics,
      diagrams,
    });
    const { page, requests, errors } = await open(await renderHtml(vm, { svgs }));
    try {
      await page.screenshot({ path: path.join(tmpdir(), 'archgen-report-cover.png') });
      await page.type('#search-input', '采购');
      const results = await page.$$eval('#search-results a', (as) =>
        as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })),
      );
      expect(results).toContainEqual({ href: '#app-100301', text: '采购商网站应用 · 100301' });
      expect(results).toContainEqual({
        href: '#party-purchaser',
        text: '采购商商务主体 · purchaser',
      });
      await page.screenshot({ path: path.join(tmpdir(), 'archgen-report-search.png') });
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => location.hash)).toBe(results[0]?.href);
      await page.click('#search-input', { count: 3 });
      await page.type('#search-input', 'no such thing');
      expect(await page.$$eval('#search-results li', (li) => li.map((l) => l.textContent))).toEqual(
        ['没有匹配的元素'],
      );
      await page.evaluate(() =>
        document.getElementById('sec-application-catalogue')?.scrollIntoView(),
      );
      await page.screenshot({ path: path.join(tmpdir(), 'archgen-report-catalogue.png') });
      await page.emulateMediaType('print');
      await page.screenshot({
        path: path.join(tmpdir(), 'archgen-report-print.png'),
        fullPage: false,
      });
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('keeps the injection corpus inert', async () => {
    const vm = buildViewModel(graphOf(injectionModel()), {
      lang: 'en',
      manifest: injectionManifest,
      diagnostics,
      diagrams: injectionDiagrams,
    });
    const { page, requests, errors, dialogs } = await open(
      await renderHtml(vm, { svgs: injectionSvgs }),
    );
    try {
      await page.type('#search-input', 'script');
      const names = await page.$$eval('#search-results .sr-name', (s) =>
        s.map((x) => x.textContent),
      );
      expect(names).toContain('<script>alert(1)</script> pipe|name\nnext line');
      expect(await page.$$eval('script', (s) => s.length)).toBe(1);
      expect(await page.$$eval('img, iframe, object, embed', (s) => s.length)).toBe(0);
      expect(await page.$$eval('[onload], [onerror]', (s) => s.length)).toBe(0);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
