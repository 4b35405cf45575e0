import { describe, expect, it } from 'vitest';
import { ALL_SIBLINGS, PAGE, packEvenly, resolveBudget } from '../../src/diagrams/budget.js';
import { neighbourhoodOrder } from '../../src/diagrams/er-category.js';
import { longestPath, type Flow } from '../../src/diagrams/flow.js';
import { generateDiagrams } from '../../src/diagrams/index.js';
import { DEFAULT_BUDGET, type DiagramSpec } from '../../src/diagrams/types.js';
import { buildGraph } from '../../src/model/graph.js';
import type { Entity } from '../../src/model/types.js';
import { largeModel } from '../fixtures/diagrams/large.js';

/** Edges: flowchart links, state transitions and E-R relations. */
function edges(source: string): number {
  return source
    .split('\n')
    .filter((l) =>
      / (-->|-\.->|---|~~~)[| ]|^ {2}\S+ (\|\||\}o)--(\|\||o\{) /.test(l.replace(/"[^"]*"/g, '""')),
    ).length;
}
/** Nodes and subgraphs of a flowchart. */
function flowNodes(source: string): number {
  return source
    .split('\n')
    .filter((l) => /^ +[a-z]+_[A-Za-z0-9_]+[[({]/.test(l) || /^ +subgraph /.test(l)).length;
}
/** Entities drawn with attributes in an erDiagram. */
function erEntities(source: string): number {
  return source.split('\n').filter((l) => /^ {2}\S+\[".*"\] \{$/.test(l)).length;
}

function checkLimits(specs: DiagramSpec[], budget = DEFAULT_BUDGET): void {
  const ids = new Set(specs.map((s) => s.id));
  for (const s of specs) {
    expect(s.source.length, s.id).toBeLessThanOrEqual(50_000);
    expect(edges(s.source), s.id).toBeLessThanOrEqual(Math.min(500, budget.maxEdges));
    if (s.source.startsWith('flowchart'))
      expect(flowNodes(s.source), s.id).toBeLessThanOrEqual(
        Math.max(budget.maxNodes, budget.maxOverviewNodes),
      );
    if (s.kind === 'er-category')
      expect(erEntities(s.source), s.id).toBeLessThanOrEqual(budget.maxErEntities);
    for (const link of s.links ?? []) expect(ids.has(link.id), `${s.id} → ${link.id}`).toBe(true);
    expect(s.source, s.id).not.toContain('too large to draw');
  }
}

describe('budgets', () => {
  const specs = generateDiagrams(buildGraph(largeModel()), { lang: 'zh-CN' });
  const byKind = (kind: DiagramSpec['kind']): DiagramSpec[] => specs.filter((s) => s.kind === kind);

  it('keeps every diagram of a large model within budget and mermaid limits', () => {
    checkLimits(specs);
  });

  it('splits the app map into an overview with app counts and one map per product line', () => {
    const [overview, ...parts] = byKind('app-map');
    expect(overview!.id).toBe('app-map');
    expect(overview!.summarised).toBe(true);
    expect(overview!.source).toContain('01 · Subsystem 1 · 20 个应用');
    expect(new Set(parts.map((p) => p.subject))).toEqual(new Set(['10', '20', '30', '40']));
    expect(overview!.links!.map((l) => l.id)).toEqual(parts.map((p) => p.id));
    for (const p of parts) expect(p.links![0]).toEqual({ id: 'app-map', title: overview!.title });
  });

  /** The large model with only apps: `lines` product lines of `subs` subsystems of `apps` apps. */
  const appsOnly = (lines: number, subs: number, apps: number): DiagramSpec[] => {
    const model = largeModel();
    const two = (n: number): string => String(n).padStart(2, '0');
    model.applications = Array.from({ length: lines * subs * apps }, (_, i) => ({
      id: `${10 + Math.floor(i / (subs * apps))}${two(1 + (Math.floor(i / apps) % subs))}${two(1 + (i % apps))}`,
      name: `App ${i}`,
    }));
    return generateDiagrams(buildGraph(model), { lang: 'en' }).filter((s) => s.kind === 'app-map');
  };

  it('lays a product line out as columns of subsystems with their apps in rows, the line unboxed', () => {
    const line = appsOnly(2, 5, 3).find((s) => s.id === 'app-map-10')!;
    expect(line.source).not.toMatch(/subgraph pl_/);
    expect(line.source.match(/^ {2}subgraph ss_/gm)?.length).toBe(5);
    // Two columns, chains of three and two subsystems; mermaid places the last-declared first.
    expect(line.source).toMatch(/^ {2}ss_1001 ~~~ ss_1002$/m);
    expect(line.source).toMatch(/^ {2}ss_1004 ~~~ ss_1005$/m);
    expect(line.source).not.toMatch(/ss_1003 ~~~ ss_1004/);
    expect(line.source.indexOf('subgraph ss_1004')).toBeLessThan(
      line.source.indexOf('subgraph ss_1001'),
    );
    expect(line.source).toMatch(/^ {2}app_100101 ~~~ app_100102$/m);
  });

  it('draws an overview of more subsystems than a page holds in parts of whole lines', () => {
    // 8 lines of 6 subsystems: 56 boxes, two parts of 4 lines (28 boxes each).
    const overview = appsOnly(8, 6, 1).filter((s) => s.subject === undefined);
    expect(overview.map((m) => m.id)).toEqual(['app-map--1', 'app-map--2']);
    expect(overview.map((m) => m.source.match(/^ {2}subgraph pl_/gm)?.length)).toEqual([4, 4]);
    for (const m of overview) expect(flowNodes(m.source)).toBeLessThanOrEqual(PAGE.gridNodes);
    // The lines one under the other: links between subgraphs are kept in a part.
    expect(overview[1]!.source).toMatch(/^ {2}pl_14 ~~~ pl_15$/m);
  });

  it('splits the call graph per calling product line, in parts that fit a page, after an overview', () => {
    const [overview, ...parts] = byKind('call-graph');
    expect(overview!.summarised).toBe(true);
    // Between lines only: no call inside a line, no edge label, one node for external systems.
    for (const m of overview!.source.matchAll(/^ {2}(\S+) (-->|-\.->)(\|[^|]*\|)? (\S+)$/gm)) {
      expect(m[1], m[0]).not.toBe(m[4]);
      expect(m[3], m[0]).toBeUndefined();
    }
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.every((p) => p.links?.some((l) => l.id === overview!.id))).toBe(true);
    for (const p of parts) {
      expect(flowNodes(p.source), p.id).toBeLessThanOrEqual(PAGE.nodes);
      expect(edges(p.source), p.id).toBeLessThanOrEqual(PAGE.edges);
    }
    // A line cut into parts links each part to the others, or beyond ALL_SIBLINGS parts to the
    // first, previous, next and last (never to every part of a long run).
    const cut = parts.filter((p) => p.id.includes('--'));
    expect(cut.length).toBeGreaterThan(1);
    for (const p of cut) {
      const run = cut.filter((q) => q.subject === p.subject);
      const i = run.indexOf(p);
      const expected =
        run.length <= ALL_SIBLINGS
          ? run.filter((q) => q !== p)
          : [...new Set([0, i - 1, i + 1, run.length - 1])]
              .filter((j) => j >= 0 && j < run.length && j !== i)
              .map((j) => run[j]!);
      const linked = p.links?.map((l) => l.id).filter((id) => id.includes('--')) ?? [];
      expect(linked.sort()).toEqual(expected.map((q) => q.id).sort());
    }
  });

  it('splits the SOA view per center, the callers of a busy center in parts that fit a page', () => {
    const soa = byKind('soa');
    const overview = soa.filter((s) => s.id.startsWith('soa--'));
    const parts = soa.filter((s) => s.subject !== undefined);
    expect(overview.length + parts.length).toBe(soa.length);
    expect(overview.every((o) => o.summarised)).toBe(true);
    expect(parts.filter((p) => p.subject === 'order-center').length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(flowNodes(p.source), p.id).toBeLessThanOrEqual(PAGE.nodes);
      expect(edges(p.source), p.id).toBeLessThanOrEqual(PAGE.edges);
      expect(p.links?.[0]?.id, p.id).toBe('soa--1');
    }
  });

  it('packs groups into as few parts as fit, as even as they fit', () => {
    const size = (part: number[]): number => part.length;
    const upTo = (n: number) => (part: number[]) => size(part) <= n;
    const ones = (n: number): number[][] => Array.from({ length: n }, () => [1]);
    expect(packEvenly(ones(7), upTo(100)).map(size)).toEqual([7]);
    // Greedy would cut 6 + 1.
    expect(packEvenly(ones(7), upTo(6)).map(size)).toEqual([4, 3]);
    // Groups stay whole.
    expect(packEvenly([[1, 1], [1], [1, 1, 1], [1], [1], [1, 1]], upTo(6)).map(size)).toEqual([
      6, 4,
    ]);
    // A group larger than a part stays whole.
    expect(packEvenly([[1, 1, 1]], upTo(2)).map(size)).toEqual([3]);
  });

  it('splits a 300-entity category into linked parts of at most maxErEntities', () => {
    const parts = byKind('er-category').filter((s) => s.subject === 'big');
    expect(parts.length).toBeGreaterThanOrEqual(15);
    expect(parts[0]!.id).toBe('er-category-big--1');
    expect(parts[0]!.title).toMatch(/^E-R 图：大类（第 1\/\d+ 部分）$/);
    expect(parts.flatMap((p) => p.elements).filter((e) => e.startsWith('big-'))).toEqual(
      expect.arrayContaining(['big-000', 'big-299']),
    );
    for (const p of parts) expect(p.links?.map((l) => l.id)).toContain('er-overview');
    // Entities with more than MAX_ATTRIBUTES attributes are summarised.
    expect(parts.some((p) => p.summarised && p.source.includes('more attributes "另有'))).toBe(
      true,
    );
  });

  it('cuts E-R categories into parts of related entities that fit a page', () => {
    for (const p of byKind('er-category')) {
      const boxes = p.source.split('\n').filter((l) => /^ {2}\S+\[".*"\]( \{)?$/.test(l)).length;
      expect(erEntities(p.source), p.id).toBeLessThanOrEqual(PAGE.erEntities);
      if (erEntities(p.source) > 1) expect(boxes, p.id).toBeLessThanOrEqual(PAGE.erBoxes);
    }
    const e = (id: string): Entity => ({ id, category: 'c' });
    const links: Record<string, string[]> = {
      a: ['d'],
      b: ['e'],
      d: ['a', 'f'],
      e: ['b'],
      f: ['d'],
    };
    const order = neighbourhoodOrder(
      ['a', 'b', 'c', 'd', 'e', 'f'].map(e),
      (id) => links[id] ?? [],
    );
    expect(order.map((x) => x.id)).toEqual(['a', 'd', 'f', 'b', 'e', 'c']);
  });

  it('cuts the org chart where it stops fitting, one chart per cut unit', () => {
    const charts = byKind('org-chart');
    expect(charts[0]!.id).toBe('org-chart');
    expect(charts[0]!.summarised).toBe(true);
    expect(charts.length).toBeGreaterThan(1);
    expect(new Set(charts.flatMap((c) => c.elements)).size).toBe(251);
  });

  it('counts the ranks of a flow along its longest path, not around its cycles', () => {
    const flow = (edges: [string, string][]): Flow => ({
      dir: 'LR',
      nodes: ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key, label: key })),
      edges: edges.map(([from, to]) => ({ from, to })),
    });
    expect(longestPath(flow([]))).toBe(1);
    expect(
      longestPath(
        flow([
          ['a', 'b'],
          ['b', 'c'],
          ['a', 'c'],
          ['c', 'd'],
        ]),
      ),
    ).toBe(4);
    expect(
      longestPath(
        flow([
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
          ['d', 'e'],
        ]),
      ),
    ).toBe(3);
    const chain = Array.from({ length: 20_000 }, (_, i) => ({ key: `n${i}`, label: '' }));
    const edges = chain.slice(1).map((n, i) => ({ from: `n${i}`, to: n.key }));
    expect(longestPath({ dir: 'TB', nodes: chain, edges })).toBe(20_000);
  });

  it('runs an org chart left to right when a level is too wide for a page', () => {
    const chart = (children: number): string => {
      const model = largeModel();
      model.business.orgUnits = [
        { id: 'root', name: 'Root' },
        ...Array.from({ length: children }, (_, i) => ({
          id: `u${i}`,
          name: `Unit ${i}`,
          parent: 'root',
        })),
      ];
      return generateDiagrams(buildGraph(model), { lang: 'en' }).find(
        (s) => s.kind === 'org-chart',
      )!.source;
    };
    expect(chart(6)).toMatch(/^flowchart TB/);
    expect(chart(9)).toMatch(/^flowchart LR/);
  });

  it('collapses `*` transitions of a large state machine into one pseudo-state', () => {
    const [machine] = byKind('state-machine');
    expect(machine!.summarised).toBe(true);
    expect(machine!.source).toContain('任一非终态');
  });

  it('splits clusters per datacenter, processes and the roadmap into parts', () => {
    expect(byKind('clusters').map((s) => s.id)).toEqual([
      'clusters-aliyun-hz',
      'clusters-bj-idc1',
      'clusters-sh-idc1',
    ]);
    // 80 steps in 7 lanes, each part what a page holds: top-down (a long flow), linked.
    const steps = byKind('process');
    expect(steps.length).toBeGreaterThan(3);
    steps.forEach((s, i) => {
      expect(s.id).toBe(`process-long--${i + 1}`);
      expect(s.source).toMatch(/^flowchart TB/);
      expect(flowNodes(s.source), s.id).toBeLessThanOrEqual(PAGE.nodes);
      const n = steps.length;
      const siblings =
        n <= ALL_SIBLINGS
          ? n - 1
          : new Set([0, i - 1, i + 1, n - 1].filter((j) => j >= 0 && j < n && j !== i)).size;
      expect(s.links?.length).toBe(siblings);
    });
    expect(byKind('roadmap').length).toBe(3);
    // 400 apps: each layer shows its product lines with their app counts.
    const [layers] = byKind('layers');
    expect(layers!.summarised).toBe(true);
    expect(layers!.source).toMatch(/^ {2}subgraph ly_presentation\[/m);
    expect(layers!.source).toMatch(/^ {4}lyl_presentation_10\["10 · Line 10 · \d+ 个应用"\]$/m);
  });

  it('draws clusters within the budget but over a page in parts of whole datacenters', () => {
    const model = largeModel();
    const dcs = ['sh-idc1', 'bj-idc1', 'aliyun-hz', 'gz-idc1', 'hk-idc1'];
    model.physical.clusters = Array.from({ length: 20 }, (_, i) => ({
      id: `c${String(i).padStart(2, '0')}`,
      name: `Cluster ${i}`,
      datacenter: dcs[i % 5]!,
    }));
    const parts = generateDiagrams(buildGraph(model), { lang: 'en' }).filter(
      (s) => s.kind === 'clusters',
    );
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(p.id).toBe(`clusters--${i + 1}`);
      expect(flowNodes(p.source), p.id).toBeLessThanOrEqual(PAGE.nodes);
    });
    // Every datacenter in exactly one part.
    const where = dcs.map((dc) => parts.filter((p) => p.elements.includes(dc)).length);
    expect(where).toEqual([1, 1, 1, 1, 1]);
  });

  it('honours a smaller budget and clamps one beyond mermaid’s limits', () => {
    const small = { maxNodes: 10, maxEdges: 15, maxErEntities: 3, maxOverviewNodes: 8 };
    checkLimits(generateDiagrams(buildGraph(largeModel()), { lang: 'en', budget: small }), small);
    expect(resolveBudget({ maxEdges: 100_000, maxNodes: -1 })).toEqual({
      ...DEFAULT_BUDGET,
      maxEdges: 500,
      maxNodes: 4,
    });
    checkLimits(
      generateDiagrams(buildGraph(largeModel()), {
        lang: 'en',
        budget: { maxEdges: 100_000, maxNodes: 400, maxOverviewNodes: 400 },
      }),
      resolveBudget({ maxEdges: 500, maxNodes: 400, maxOverviewNodes: 400 }),
    );
  });
});
