import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/load/merge.js';
import { buildGraph } from '../../src/model/graph.js';
import { nextFreeAppId } from '../../src/model/ids.js';
import type { Application } from '../../src/model/types.js';

function graph(apps: Application[], dropped: string[] = []): ReturnType<typeof buildGraph> {
  const model = {
    ...emptyModel(),
    productLines: [{ code: '10' }],
    subsystems: [{ code: '02', productLine: '10' }],
    applications: apps,
  };
  return buildGraph(model, { dropped: new Set(dropped) });
}

describe('nextFreeAppId', () => {
  it('gives 01 in an empty subsystem', () => {
    expect(nextFreeAppId(graph([]), '10', '02')).toEqual({ ok: true, id: '100201', used: 0 });
  });

  it('goes above the highest id, counting retired and dropped apps and ignoring other subsystems', () => {
    const apps: Application[] = [
      { id: '100201' },
      { id: '100205', lifecycle: 'retired' },
      { id: '100399' },
    ];
    expect(nextFreeAppId(graph(apps), '10', '02')).toMatchObject({ ok: true, id: '100206' });
    expect(nextFreeAppId(graph(apps, ['applications:100207']), '10', '02')).toMatchObject({
      ok: true,
      id: '100208',
      used: 3,
    });
  });

  it('fills the lowest gap once 99 is taken, and says when the range is full', () => {
    const taken = (skip: number[]): Application[] =>
      Array.from({ length: 99 }, (_, i) => i + 1)
        .filter((n) => !skip.includes(n))
        .map((n) => ({ id: `1002${String(n).padStart(2, '0')}` }));
    expect(nextFreeAppId(graph(taken([7, 40])), '10', '02')).toMatchObject({
      ok: true,
      id: '100207',
    });
    expect(nextFreeAppId(graph(taken([])), '10', '02')).toEqual({
      ok: false,
      error: 'range-full',
      line: '10',
      subsystem: '02',
      used: 99,
    });
  });

  it('refuses undeclared lines and subsystems', () => {
    expect(nextFreeAppId(graph([]), '20', '02')).toEqual({
      ok: false,
      error: 'line-not-declared',
      line: '20',
    });
    expect(nextFreeAppId(graph([]), '10', '03')).toEqual({
      ok: false,
      error: 'subsystem-not-declared',
      line: '10',
      subsystem: '03',
    });
  });
});
