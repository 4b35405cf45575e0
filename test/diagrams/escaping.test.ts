import { describe, expect, it } from 'vitest';
import { generateDiagrams } from '../../src/diagrams/index.js';
import { buildGraph } from '../../src/model/graph.js';
import { hostileModel } from '../fixtures/diagrams/hostile.js';
import { fixtureModel } from '../fixtures/diagrams/model.js';
import { largeModel } from '../fixtures/diagrams/large.js';
import { quoted, unexpectedLines } from './structure.js';

const hostile = generateDiagrams(buildGraph(hostileModel()), { lang: 'en' });

describe('untrusted model text', () => {
  it('draws every kind of diagram from the hostile model', () => {
    expect(new Set(hostile.map((s) => s.kind)).size).toBe(13);
  });

  it('emits only the generator’s own statements', () => {
    for (const spec of hostile) expect(unexpectedLines(spec.source), spec.id).toEqual([]);
  });

  it('keeps labels free of raw quotes, angle brackets, newlines and directives', () => {
    for (const spec of hostile) {
      for (const text of quoted(spec.source))
        expect(text, spec.id).not.toMatch(/[<>\n\r]|%%|javascript:/);
      expect(spec.source, spec.id).not.toMatch(/<script|%%\{|javascript:/i);
      expect(spec.source.includes('\u0000'), spec.id).toBe(false);
      // Every `"` is a label delimiter: labels come in pairs on one line.
      for (const line of spec.source.split('\n'))
        expect((line.match(/"/g) ?? []).length % 2, line).toBe(0);
    }
  });

  it('keeps the text itself readable, CJK included, as mermaid entities', () => {
    const all = hostile.map((s) => s.source).join('\n');
    expect(all).toContain('订单#quot;]#59; click n1 call alert(1) #37;#37;#123;init#58;');
    expect(all).toContain('#lt;script#gt;');
  });

  it('defuses gantt keywords at the start of a task', () => {
    const roadmap = hostile.find((s) => s.kind === 'roadmap')!.source;
    expect(roadmap).toContain('    #99;lick me #58;x, 2020-01-01, 1d :');
    expect(roadmap).not.toMatch(/^\s*click/m);
  });

  it('truncates long labels with an ellipsis', () => {
    const model = fixtureModel();
    model.applications[0]!.name = '很长的名字'.repeat(40);
    const map = generateDiagrams(buildGraph(model), { lang: 'en' }).find(
      (s) => s.id === 'app-map',
    )!.source;
    const label = /app_100101\["([^"]*)"\]/.exec(map)![1]!;
    expect(Array.from(label).length).toBeLessThanOrEqual(90);
    expect(label.endsWith('…')).toBe(true);
  });

  it('the same shapes hold for the fixture and the large model', () => {
    for (const model of [fixtureModel(), largeModel()]) {
      for (const spec of generateDiagrams(buildGraph(model), { lang: 'zh-CN' }))
        expect(unexpectedLines(spec.source), spec.id).toEqual([]);
    }
  });
});
