/**
 * How large each figure's text is on paper, measured in the PDF itself.
 *
 * A figure's SVG is scaled by the print CSS (and by Chromium, which shrinks every page when
 * something overflows its width), so the size its text prints at is known only after printing.
 * It is measured word by word: poppler (`pdftotext -bbox`) gives a word's printed width in pt,
 * Chromium gives the same word's advance and font size in the SVG's own units, and
 * size on paper = font size × printed width / advance. Only words that occur once in the figure
 * and once on its page are used, so no word is matched to the wrong place.
 */
import type { Page } from 'puppeteer';
import { tool } from './helpers.js';

/** One word of a PDF page: its text and horizontal extent in pt. */
export interface PdfWord {
  text: string;
  x0: number;
  x1: number;
}

/** Every word of every page of a PDF (index 0 is page 1), from `pdftotext -bbox`. */
export function pdfWords(pdfFile: string): PdfWord[][] {
  const xml = tool('pdftotext', ['-bbox', pdfFile, '-']);
  const entity = (s: string): string =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&amp;/g, '&');
  return xml
    .split(/<page\b/)
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({ text: entity(m[3] ?? ''), x0: Number(m[1]), x1: Number(m[2]) })),
    );
}

/** A word of a figure's SVG: its advance and font size in the SVG's root units (its viewBox). */
export interface SvgWord {
  text: string;
  advance: number;
  size: number;
}

/** The text of one figure as drawn in its SVG. */
export interface FigureText {
  /** The caption's number as printed, e.g. `图 4-8`. */
  number: string;
  diagramId: string;
  words: SvgWord[];
}

/**
 * Reads every figure's words from the document open in `page`: each text element that holds
 * only text is cut into words, each measured with `getSubStringLength` and brought into the
 * root SVG's units through its transform.
 */
export async function figureTexts(page: Page): Promise<FigureText[]> {
  return page.$$eval('figure', (figures) =>
    figures.map((figure) => {
      const svg = figure.querySelector('svg');
      const words: { text: string; advance: number; size: number }[] = [];
      const root = svg?.getScreenCTM()?.inverse();
      for (const el of svg?.querySelectorAll<SVGTextContentElement>('text, tspan') ?? []) {
        if (el.children.length > 0 || !root) continue;
        const m = root.multiply(el.getScreenCTM() ?? new DOMMatrix());
        const k = Math.hypot(m.a, m.b);
        const size = parseFloat(getComputedStyle(el).fontSize) * k;
        const content = el.textContent ?? '';
        for (const w of content.matchAll(/\S+/g)) {
          const advance = el.getSubStringLength(w.index, w[0].length) * k;
          if (advance > 0 && size > 0) words.push({ text: w[0], advance, size });
        }
      }
      return {
        number: figure.querySelector('.cap-num')?.textContent?.trim() ?? '',
        diagramId: figure.getAttribute('data-diagram') ?? '',
        words,
      };
    }),
  );
}

/** What one figure measured on paper. */
export interface PrintedFigure {
  number: string;
  diagramId: string;
  /** 1-based page of the caption; 0 when the caption was not found. */
  page: number;
  /** Words of the figure matched once on the page, and the figure's distinct words. */
  matched: number;
  words: number;
  /** Distinct words of the figure (2+ characters) found among the page's words, 0..1. */
  present: number;
  /** pt of the figure's smallest text and of its most common size (the node labels). */
  smallestPt: number;
  labelPt: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] ?? NaN);
};

/** The page whose words hold `number` (e.g. `图`, `4-8` in a row), 1-based; 0 when none. */
function captionPage(number: string, pages: PdfWord[][]): number {
  const want = number.split(/\s+/);
  const at = pages.findIndex((words) =>
    words.some((_, i) => want.every((w, j) => words[i + j]?.text === w)),
  );
  return at + 1;
}

/** Measures every figure: the printed size of its text, from the words it shares with its page. */
export function printedSizes(figures: FigureText[], pages: PdfWord[][]): PrintedFigure[] {
  return figures.map((f) => {
    const page = captionPage(f.number, pages);
    const onPage = pages[page - 1] ?? [];
    const countIn = <T extends { text: string }>(list: T[]): Map<string, number> => {
      const n = new Map<string, number>();
      for (const w of list) n.set(w.text, (n.get(w.text) ?? 0) + 1);
      return n;
    };
    const inFigure = countIn(f.words);
    const inPage = countIn(onPage);
    // pt per SVG unit, one estimate per word found exactly once in both.
    const scales = f.words
      .filter((w) => w.text.length >= 2 && inFigure.get(w.text) === 1 && inPage.get(w.text) === 1)
      .map((w) => {
        const p = onPage.find((x) => x.text === w.text)!;
        return (p.x1 - p.x0) / w.advance;
      });
    const scale = median(scales);
    const distinct = [...inFigure.keys()].filter((t) => t.length >= 2);
    const sizes = f.words.map((w) => w.size);
    const common = [...countIn(sizes.map((s) => ({ text: String(s) })))].sort(
      (a, b) => b[1] - a[1],
    )[0];
    return {
      number: f.number,
      diagramId: f.diagramId,
      page,
      matched: scales.length,
      words: distinct.length,
      present:
        distinct.length === 0 ? 0 : distinct.filter((t) => inPage.has(t)).length / distinct.length,
      smallestPt: Math.min(...sizes) * scale,
      labelPt: Number(common?.[0] ?? NaN) * scale,
    };
  });
}
