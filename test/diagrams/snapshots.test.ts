import { describe, expect, it } from 'vitest';
import { DOCUMENT_ORDER, GENERATORS, generateDiagrams } from '../../src/diagrams/index.js';
import { resolveBudget } from '../../src/diagrams/budget.js';
import { emptyModel } from '../../src/load/merge.js';
import { buildGraph } from '../../src/model/graph.js';
import { fixtureModel } from '../fixtures/diagrams/model.js';

const specs = generateDiagrams(buildGraph(fixtureModel()), { lang: 'zh-CN' });

describe('mermaid text of each diagram kind over the fixture model', () => {
  for (const kind of DOCUMENT_ORDER) {
    it(kind, async () => {
      const ofKind = specs.filter((s) => s.kind === kind);
      expect(ofKind.length).toBeGreaterThan(0);
      const text = ofKind.map((s) => `%% ${s.id} | ${s.title}\n${s.source}`).join('\n');
      await expect(text).toMatchFileSnapshot(`__snapshots__/${kind}.mmd`);
    });
  }
});

describe('generateDiagrams', () => {
  it('returns the kinds in document order with unique ids', () => {
    const kinds = [...new Set(specs.map((s) => s.kind))];
    expect(kinds).toEqual(DOCUMENT_ORDER.filter((k) => kinds.includes(k)));
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
    for (const s of specs) expect(s.id).toMatch(/^[a-z0-9-]+$/);
  });

  it('titles diagrams in the document language', () => {
    const en = generateDiagrams(buildGraph(fixtureModel()), { lang: 'en' });
    const title = (list: typeof specs, id: string): string | undefined =>
      list.find((s) => s.id === id)?.title;
    expect(title(specs, 'process-booking')).toBe('业务流程：预订流程');
    expect(title(en, 'process-refund')).toBe('Business process: Refund');
    expect(title(specs, 'er-category-order')).toBe('E-R 图：订单');
    expect(title(en, 'state-machine-domestic-order')).toBe('State diagram: 国内订单');
    expect(en.find((s) => s.id === 'org-chart')?.source).toContain('R#amp;D Center · 200 people');
  });

  it('produces no diagram from an empty model', () => {
    const graph = buildGraph(emptyModel());
    expect(generateDiagrams(graph, { lang: 'en' })).toEqual([]);
    for (const generate of Object.values(GENERATORS))
      expect(generate(graph, { lang: 'en', budget: resolveBudget() })).toEqual([]);
  });

  it('lists the model elements each diagram draws', () => {
    const byId = new Map(specs.map((s) => [s.id, s]));
    expect(byId.get('process-booking')?.elements).toEqual(
      expect.arrayContaining(['booking', 'booking.search', '100101', 'order-center.create-order']),
    );
    expect(byId.get('app-map')?.elements).toEqual(
      expect.arrayContaining(['10', '1002', '100101', '200102']),
    );
    expect(byId.get('call-graph')?.elements).toEqual(
      expect.arrayContaining(['100101', 'order-center', 'sms-gateway']),
    );
    expect(byId.get('er-category-order')?.elements).toEqual([
      'order',
      'order-item',
      'passenger',
      'user',
    ]);
    expect(byId.get('roadmap')?.elements).toContain('order-center');
    for (const s of specs) expect([...s.elements].sort()).toEqual(s.elements);
  });

  it('draws an org chart whose parents form a cycle (org-cycle) without looping', () => {
    const model = fixtureModel();
    model.business.orgUnits = [
      { id: 'a', parent: 'c' },
      { id: 'b', parent: 'a' },
      { id: 'c', parent: 'b' },
      { id: 'd', parent: 'd' },
    ];
    const [chart] = generateDiagrams(buildGraph(model), { lang: 'en' });
    expect(chart!.source).toBe(
      'flowchart TB\n  classDef unit fill:#eef3fb,stroke:#4a6fa5\n  unit_d["d"]\n  unit_a["a"]\n  unit_b["b"]\n  unit_c["c"]\n' +
        '  unit_a --> unit_b\n  unit_b --> unit_c\n  class unit_d,unit_a,unit_b,unit_c unit\n',
    );
  });

  it('draws CJK text unchanged', () => {
    const all = specs.map((s) => s.source).join('\n');
    for (const text of [
      '预订研发组',
      '订单子系统',
      '等待支付',
      '上海机房1',
      '改造一期',
      '订单 t_order',
    ])
      expect(all).toContain(text);
  });
});
