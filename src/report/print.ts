/**
 * Which way a figure prints. The print stylesheet (templates/assets/report.css) fits a figure's
 * SVG into a box on an A4 page, portrait or, for a figure marked `wide`, landscape; its text then
 * prints at 16 px × scale, scale = min(1, box width / SVG width, box height / SVG height). The
 * figure goes landscape when that makes its text markedly larger and portrait leaves it small.
 */

/** A size in CSS px (an SVG's viewBox: mermaid draws labels at 16 px in these units). */
export interface Size {
  width: number;
  height: number;
}

/**
 * The box a figure's SVG fills, in CSS px (96 per inch): A4 less 15 mm margins, and the height
 * cap of the print stylesheet (200 mm portrait, 150 mm landscape, leaving room for the caption).
 */
export const FIGURE_BOX: Readonly<Record<'portrait' | 'landscape', Size>> = {
  portrait: { width: mm(180), height: mm(200) },
  landscape: { width: mm(267), height: mm(150) },
};

/** Below this scale (labels under 9 pt) a portrait figure is worth a landscape page. */
const COMFORTABLE_SCALE = 0.75;
/** Below this scale (labels under 7.2 pt) any larger print is. */
const SMALL_SCALE = 0.6;

function mm(n: number): number {
  return Math.floor((n / 25.4) * 96);
}

/** The scale a drawing of `size` prints at in `box` (never enlarged). */
export function printScale(size: Size, box: Size): number {
  return Math.min(1, box.width / size.width, box.height / size.height);
}

/**
 * True when a drawing of `size` should print on a landscape page: portrait would print its
 * labels below 9 pt, and landscape prints them at least 10 % larger, or larger at all when
 * portrait would print them below 7.2 pt.
 */
export function printsLandscape(size: Size): boolean {
  const portrait = printScale(size, FIGURE_BOX.portrait);
  const landscape = printScale(size, FIGURE_BOX.landscape);
  if (portrait >= COMFORTABLE_SCALE) return false;
  return landscape > portrait * (portrait < SMALL_SCALE ? 1.01 : 1.1);
}
