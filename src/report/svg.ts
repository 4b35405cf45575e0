/**
 * Defence in depth for SVG produced by mermaid (which already runs with securityLevel 'strict'):
 * before an SVG is inlined, anything that could run script or load a resource is removed.
 * This is a guard, not a general sanitiser: the input is mermaid's own markup.
 */

/** Removes scripts, event handlers, external references and embedding elements from an SVG. */
export function sanitiseSvg(svg: string): string {
  return svg
    .replace(/<\?xml[\s\S]*?\?>/gi, '')
    .replace(/<!DOCTYPE[\s\S]*?>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/?>/gi, '')
    .replace(
      /<(iframe|object|embed|link|meta|base|audio|video|source|animate|set|handler|listener)\b[^>]*>/gi,
      '',
    )
    .replace(/<\/(iframe|object|embed|audio|video)\s*>/gi, '')
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
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\(\s*(?!['"]?#)[^)]*\)/gi, 'none');
}
