import { describe, expect, it } from 'vitest';
import { FIGURE_BOX, printScale, printsLandscape } from '../../src/report/print.js';

describe('print orientation of a figure', () => {
  it('fits A4 less margins: 180 x 200 mm portrait, 267 x 150 mm landscape, in CSS px', () => {
    expect(FIGURE_BOX.portrait).toEqual({ width: 680, height: 755 });
    expect(FIGURE_BOX.landscape).toEqual({ width: 1009, height: 566 });
  });

  it('scales a drawing down to its box, never up', () => {
    expect(printScale({ width: 340, height: 100 }, FIGURE_BOX.portrait)).toBe(1);
    expect(printScale({ width: 1360, height: 100 }, FIGURE_BOX.portrait)).toBe(0.5);
    expect(printScale({ width: 100, height: 1510 }, FIGURE_BOX.portrait)).toBe(0.5);
  });

  it('keeps portrait what prints at 9 pt or more, or gains little from landscape', () => {
    expect(printsLandscape({ width: 600, height: 400 })).toBe(false); // fits at full size
    expect(printsLandscape({ width: 772, height: 518 })).toBe(false); // 0.88
    expect(printsLandscape({ width: 983, height: 1924 })).toBe(false); // tall
    expect(printsLandscape({ width: 1400, height: 1300 })).toBe(false); // landscape no larger
  });

  it('takes any larger print for a drawing that portrait would print below 7.2 pt', () => {
    expect(printsLandscape({ width: 1173, height: 889 })).toBe(true); // 7.0 → 7.7 pt
    expect(printsLandscape({ width: 1000, height: 760 })).toBe(false); // 8.2 → 8.9 pt, not 10 %
  });

  it('turns a wide drawing that portrait would print small', () => {
    expect(printsLandscape({ width: 998, height: 179 })).toBe(true); // 8 pt → 12 pt
    expect(printsLandscape({ width: 2634, height: 452 })).toBe(true);
    expect(printsLandscape({ width: 1652, height: 1107 })).toBe(true);
  });
});
