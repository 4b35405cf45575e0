import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitiseSvg, tidySvg } from '../../src/render/svg.js';

/** The numbers of path data, read the way an SVG renderer tokenises them. */
const numbers = (d: string): number[] =>
  (d.match(/-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? []).map(Number);

describe('tidySvg', () => {
  it('rounds coordinates to two decimals and leaves text and other attributes alone', () => {
    const svg =
      '<svg viewBox="0 0 1227.415283203125 5527"><path d="M-155.2358856201172 21.375 C1.005 2, 3 4"/>' +
      '<g transform="translate(12.3456789, 0.5)"><text x="1.23456">3.14159</text></g></svg>';
    expect(tidySvg(svg)).toBe(
      '<svg viewBox="0 0 1227.415283203125 5527"><path d="M-155.24 21.38 C1 2, 3 4"/>' +
        '<g transform="translate(12.35, 0.5)"><text x="1.23456">3.14159</text></g></svg>',
    );
  });

  it('keeps numbers that run together apart (1.99999.5 is two numbers)', () => {
    expect(tidySvg('<path d="M1.99999.5L0.0001-3.33333"/>')).toBe('<path d="M2.0.5L0-3.33"/>');
  });

  it('moves no point of any path by more than 0.005', () => {
    const coord = fc.double({ min: -1e5, max: 1e5, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(coord, coord), { minLength: 1, maxLength: 20 }), (pts) => {
        // Numbers joined the way path data allows: no separator before a sign or a point.
        const d = pts.map(([x, y]) => `L${x}${y < 0 ? '' : ' '}${y}`).join('');
        const out = /d="([^"]*)"/.exec(tidySvg(`<path d="${d}"/>`))?.[1] ?? '';
        const before = numbers(d);
        const after = numbers(out);
        expect(after.length).toBe(before.length);
        after.forEach((n, i) =>
          expect(Math.abs(n - (before[i] ?? 0))).toBeLessThanOrEqual(0.005 + 1e-9),
        );
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('sanitiseSvg', () => {
  it('removes scripts, handlers, external references and embedded documents', () => {
    const svg =
      '<?xml version="1.0"?><svg onload="alert(1)"><script>alert(2)</script>' +
      '<a href="javascript:alert(3)"><text>x</text></a><use href="#m"/><image xlink:href="http://e.x/i.png"/>' +
      '<foreignObject><iframe src="http://e.x"></iframe></foreignObject>' +
      '<style>@import url(http://e.x/a.css); .a{fill:url(#g)} .b{background:url(http://e.x/b)}</style></svg>';
    const out = sanitiseSvg(svg);
    expect(out).not.toMatch(/onload|<script|javascript:|http:|<iframe|@import|<\?xml/);
    expect(out).toContain('href="#m"');
    expect(out).toContain('url(#g)');
    expect(out).toContain('<text>x</text>');
  });
});

describe('sanitiseSvg on text', () => {
  it('keeps label text that reads like markup, handlers or urls', () => {
    const text =
      '&lt;img src=x onerror=alert(1)&gt; href="http://e.x" url(http://e.x) @import x; style="a"';
    const svg = `<svg><style>.a{fill:red}</style><text onclick="x()"><tspan>${text}</tspan></text></svg>`;
    expect(sanitiseSvg(svg)).toBe(
      `<svg><style>.a{fill:red}</style><text><tspan>${text}</tspan></text></svg>`,
    );
  });
});
