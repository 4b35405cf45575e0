/**
 * Which files a render writes, decided apart from how they look (style habit 14): the document
 * in each requested format, named after the document title, and the diagram sources and SVGs.
 * Paths are relative to the output folder, with `/` separators.
 */

/** Document formats `archgen render --format` accepts. */
export type DocumentFormat = 'html' | 'pdf' | 'md';

/** The output targets, by name. */
export type OutputTarget = DocumentFormat | 'mermaid' | 'svg';

/** One file to write. */
export interface Route {
  target: OutputTarget;
  /** Relative to the output folder. */
  path: string;
  /** For `mermaid` and `svg` routes. */
  diagramId?: string;
}

/** Default base name when the title gives nothing usable. */
export const DEFAULT_NAME = 'architecture';

/**
 * A file-safe base name from the document title: letters (any script) and digits kept, runs of
 * anything else turned into `-`, at most 80 characters; 'architecture' when nothing is left.
 */
export function documentName(title: string | undefined): string {
  const slug = (title ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = [...slug].slice(0, 80).join('').replace(/-+$/, '');
  return cut === '' || /^\.+$/.test(cut) ? DEFAULT_NAME : cut;
}

/** A diagram id as a file name (diagram ids are meant to be file-safe already). */
export function diagramFileName(id: string): string {
  const safe = id.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^\.+/, '');
  return safe === '' ? 'diagram' : safe;
}

/**
 * The files of one render: one per requested document format, then `diagrams/<id>.mmd` for every
 * diagram and `diagrams/<id>.svg` when a format that draws SVG (html, pdf) is requested.
 */
export function buildRoutes(
  title: string | undefined,
  formats: readonly DocumentFormat[],
  diagramIds: readonly string[],
): Route[] {
  const name = documentName(title);
  const wanted = (['html', 'pdf', 'md'] as const).filter((f) => formats.includes(f));
  const routes: Route[] = wanted.map((f) => ({ target: f, path: `${name}.${f}` }));
  const svg = wanted.includes('html') || wanted.includes('pdf');
  for (const id of diagramIds) {
    const file = diagramFileName(id);
    routes.push({ target: 'mermaid', path: `diagrams/${file}.mmd`, diagramId: id });
    if (svg) routes.push({ target: 'svg', path: `diagrams/${file}.svg`, diagramId: id });
  }
  return routes;
}
