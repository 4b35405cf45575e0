import { describe, expect, it } from 'vitest';
import { IdMap, clean, erToken, escapeText, label, slug } from '../../src/diagrams/text.js';

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
    expect(label('a"b')).toBe('"a#quot;b"');
    expect(label('')).toBe('"-"');
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
