import { describe, expect, it } from 'vitest';
import {
  IdMap,
  clean,
  erToken,
  escapeText,
  label,
  slug,
  svgText,
} from '../../src/diagrams/text.js';

const WJ = '\u2060';

describe('text helpers', () => {
  it('clean: one line, no control characters, truncated by code points', () => {
    expect(clean('a\nb\r\n\tc\u0000d\u202ee')).toBe('a b c d e');
    expect(clean('  many   spaces ')).toBe('many spaces');
    expect(clean('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
    expect(clean('订单'.repeat(40))).toHaveLength(60);
    expect(clean(undefined)).toBe('');
  });

  it('escapeText: mermaid entities for every syntax character', () => {
    expect(escapeText('"<>&#%:;\\`{|}')).toBe(
      '#quot;#lt;#gt;#amp;#35;#37;#58;#59;#92;#96;#123;#124;#125;',
    );
    expect(escapeText('#lt;')).toBe('#35;lt#59;');
    expect(escapeText('订单 (a) [b]')).toBe('订单 (a) [b]');
  });

  it('label: quoted, never empty', () => {
    expect(label('a"b')).toBe('"a\uff02b"');
    expect(label('')).toBe('"-"');
    expect(label('*x*', 60, 'markdown')).toBe('"\uff0ax\uff0a"');
  });

  it('svgText: only &, < and > as entities, since SVG text labels decode no other', () => {
    // `#58;` or `#quot;` would be drawn as `&#58;` and `&quot;`: kept as text instead.
    expect(svgText('a: b; {c} | d \\ e `f`')).toBe('a: b; {c} | d \\ e `f`');
    expect(svgText('<script>&"')).toBe('#lt;script#gt;#amp;\uff02');
  });

  it('svgText: breaks what mermaid reads anywhere in its text, invisibly', () => {
    expect(svgText('%%{init: {}}%%')).toBe(`%${WJ}%{init: {}}%${WJ}%`);
    expect(svgText('#quot; #35; C# ;')).toBe(`#${WJ}quot; #${WJ}35; C# ;`);
    expect(svgText('`md string')).toBe(`${WJ}\`md string`);
    expect(svgText('a\\nb')).toBe(`a\\${WJ}nb`);
    expect(svgText('style x fill:#f00;')).toBe(`s${WJ}tyle x fill:#${WJ}f00;`);
  });

  it('svgText: keeps state and ER labels from being read as Markdown', () => {
    expect(svgText('`c` *a* ~s~ [l](u) \\* _x_ user_id', 'markdown')).toBe(
      `\uff40c\uff40 \uff0aa\uff0a \uff5es\uff5e [l]${WJ}(u) \\${WJ}\uff0a \uff3fx\uff3f user_id`,
    );
    expect(svgText('https://x.y www.x.y a@b.c', 'markdown')).toBe(
      `https:${WJ}//x.y www${WJ}.x.y a@${WJ}b.c`,
    );
  });

  it('svgText: ER aliases and state transitions avoid what their grammar refuses', () => {
    expect(svgText('50% C:\\x', 'er-alias')).toBe('50\uff05 C:\uff3cx');
    expect(svgText('a; b:: c:', 'transition')).toBe(`a\u037e b:${WJ}:${WJ} c:${WJ}`);
    // NFKC maps every substitute back to what the model says.
    expect(svgText('"a"; 50% \\ `b` *c* ~d~', 'transition').normalize('NFKC')).toBe(
      '"a"; 50% \\ `b` *c* ~d~',
    );
  });

  it('slug: model ids stay readable when safe, hashed otherwise, never with `--`', () => {
    expect(slug('order-center')).toBe('order-center');
    expect(slug('ft_order')).toBe('ft_order');
    expect(slug('Order')).toMatch(/^order-[0-9a-f]{8}$/);
    expect(slug('a--b')).toMatch(/^a-b-[0-9a-f]{8}$/);
    expect(slug('订单')).toMatch(/^x-[0-9a-f]{8}$/);
    expect(slug('Order')).not.toBe(slug('order'));
  });

  it('IdMap: safe, stable, collision-free ids', () => {
    const ids = new IdMap();
    expect(ids.id('app:100206')).toBe('app_100206');
    expect(ids.id('ctr:a-b')).toBe('ctr_a_b');
    expect(ids.id('ctr:a_b')).toBe('ctr_a_b_2');
    expect(ids.id('ctr:a-b')).toBe('ctr_a_b');
    expect(ids.id('unit:"]; click')).toBe('unit_click');
    expect(ids.id('unit:订单')).toBe('unit_x');
  });

  it('erToken: the erDiagram alphabet, never a key word', () => {
    expect(erToken('user_id', 'attr')).toBe('user_id');
    expect(erToken('decimal(10, 2)', 'string', '(),')).toBe('decimal(10,_2)');
    expect(erToken('备注', 'attr')).toBe('attr');
    expect(erToken('1st', 'attr')).toBe('_1st');
    expect(erToken('pk', 'attr')).toBe('_pk');
    expect(erToken('FK', 'attr')).toBe('_FK');
    expect(erToken('pk_id', 'attr')).toBe('pk_id');
  });
});
