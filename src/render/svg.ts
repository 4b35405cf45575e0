/**
 * Post-processing of the SVG mermaid draws, before it is cached and written.
 *
 * `sanitiseSvg` is defence in depth (mermaid already runs with securityLevel 'strict'): anything
 * that could run script or load a resource is removed, so a `diagrams/*.svg` file opened on its
 * own is as safe as the document. It is a guard, not a general sanitiser: the input is mermaid's
 * own markup. `tidySvg` rounds the coordinates mermaid writes with full double precision.
 */

const BLOCKED =
  /^(script|iframe|object|embed|link|meta|base|audio|video|source|animate|set|handler|listener)$/i;

/** Stylesheet text without imports and with only in-document `url(#…)` references. */
const safeCss = (css: string): string =>
  css.replace(/@import[^;]*;?/gi, '').replace(/url\(\s*(?!['"]?#)[^)]*\)/gi, 'none');

/** One start or end tag: blocked elements dropped, handlers and outside references removed. */
function cleanTag(tag: string): string {
  const name = /^<\/?([a-zA-Z][\w:-]*)/.exec(tag)?.[1] ?? '';
  if (BLOCKED.test(name)) return '';
  return tag
    .replace(/\s(on[a-z]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(
      /\s((?:xlink:)?href|src|action|formaction)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi,
      (whole, _attr: string, value: string) =>
        value
          .replace(/^["']|["']$/g, '')
          .trim()
          .startsWith('#')
          ? whole
          : '',
    )
    .replace(
      /\sstyle\s*=\s*("[^"]*"|'[^']*')/gi,
      (_whole, value: string) => ` style=${safeCss(value)}`,
    );
}

/**
 * Removes scripts, event handlers, external references and embedding elements from an SVG.
 * Only markup is touched: text (where `<` is always `&lt;`) keeps every word the model wrote,
 * even one that reads like an attribute or a `url(…)`.
 */
export function sanitiseSvg(svg: string): string {
  return svg
    .replace(/<\?xml[\s\S]*?\?>/gi, '')
    .replace(/<!DOCTYPE[\s\S]*?>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(
      /(<style\b[^>]*>)([\s\S]*?)(<\/style\s*>)/gi,
      (_whole, open: string, css: string, close: string) => open + safeCss(css) + close,
    )
    .replace(/<\/?[a-zA-Z][^>]*>/g, cleanTag);
}

/** Decimals kept in coordinates: 1/100 px is far below what a screen or a printer shows. */
const PRECISION = 2;

/**
 * Rounds one number of path data. Path data may run numbers together (`1.99999.5` is 1.99999
 * then .5; `0-0.001` is 0 then -0.001), so a result without a point keeps one when a point
 * follows (`next`), and a negative number keeps its sign even when it rounds to zero.
 */
const round = (num: string, next: string | undefined): string => {
  const fixed = Number(num)
    .toFixed(PRECISION)
    .replace(/\.?0+$/, '');
  const signed = num.startsWith('-') && !fixed.startsWith('-') ? `-${fixed}` : fixed;
  return next === '.' && !signed.includes('.') ? `${signed}.0` : signed;
};

/**
 * Rounds the numbers in geometry attributes (`d`, `points`, `transform`) to two decimals.
 * Mermaid writes them with full double precision (`-155.2358856201172`); on large E-R and call
 * diagrams the path data is most of the file, and rounding it roughly halves the SVG.
 */
export function tidySvg(svg: string): string {
  return svg.replace(
    /\s(d|points|transform)="([^"]*)"/g,
    (_whole, attr: string, value: string) =>
      ` ${attr}="${value.replace(/-?\d*\.\d{3,}(?:e-?\d+)?/g, (num: string, at: number) =>
        round(num, value[at + num.length]),
      )}"`,
  );
}

/** Width and height of an SVG from the viewBox of its root element. */
export function svgSize(head: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/.exec(head)?.[0] ?? '';
  const box = /\sviewBox="\s*[-\d.e]+[\s,]+[-\d.e]+[\s,]+([\d.e]+)[\s,]+([\d.e]+)\s*"/.exec(root);
  const width = Number(box?.[1]);
  const height = Number(box?.[2]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}
