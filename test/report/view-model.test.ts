import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/model/types.js';
import type {
  Cell,
  Chapter,
  ReportViewModel,
  Section,
  TableBlock,
} from '../../src/report/types.js';
import { buildViewModel } from '../../src/report/view-model.js';
import { diagnostics, diagrams, fixtureModel, graphOf, manifest } from './fixture.js';

const build = (model: Model = fixtureModel(), lang: 'en' | 'zh-CN' = 'en'): ReportViewModel =>
  buildViewModel(graphOf(model), { lang, manifest, diagnostics, diagrams, date: '2026-11-24' });

const chapter = (vm: ReportViewModel, id: string): Chapter => {
  const c = vm.chapters.find((x) => x.id === id);
  if (!c) throw new Error(`no chapter ${id}`);
  return c;
};
const section = (c: Chapter, id: string): Section | undefined =>
  c.sections.find((s) => s.id === id);
const tables = (s: Section | undefined): TableBlock[] =>
  [...(s?.blocks ?? []), ...(s?.subsections ?? []).flatMap((x) => x.blocks)].filter(
    (b): b is TableBlock => b.type === 'table',
  );
const text = (cell: Cell | undefined): string =>
  !cell
    ? ''
    : cell.kind === 'text'
      ? cell.text
      : cell.kind === 'link'
        ? cell.link.text
        : cell.links.map((l) => l.text).join(', ');
const hrefs = (cell: Cell | undefined): string[] =>
  !cell || cell.kind === 'text'
    ? []
    : cell.kind === 'link'
      ? [cell.link.href]
      : cell.links.map((l) => l.href);
/** A table as rows of header → cell. */
const records = (t: TableBlock): Record<string, Cell>[] =>
  t.rows.map((r) => Object.fromEntries(t.headers.map((h, i) => [h.text, r.cells[i] as Cell])));

describe('buildViewModel: structure', () => {
  it('numbers chapters 1..9 and the appendix A, sections and subsections', () => {
    const vm = build();
    expect(vm.chapters.map((c) => c.number)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      'A',
    ]);
    expect(vm.chapters.map((c) => c.title)).toEqual([
      'Document control',
      'Architecture vision and principles',
      'Business architecture',
      'Application architecture',
      'SOA / service architecture',
      'Data architecture',
      'Technology architecture',
      'Domain model',
      'Gap analysis and roadmap',
      'Appendix',
    ]);
    const business = chapter(vm, 'business');
    expect(business.sections.map((s) => s.number)).toEqual(
      business.sections.map((_, i) => `3.${i + 1}`),
    );
    expect(section(business, 'processes')?.subsections.map((s) => [s.number, s.title])).toEqual([
      ['3.5.1', '预订流程'],
    ]);
    expect(vm.toc[0]).toMatchObject({ number: '1', anchor: 'ch-control', level: 1 });
  });

  it('leaves out empty sections and chapters, and numbers the rest consecutively', () => {
    const vm = build();
    // No competitors, operating model or concepts in the fixture.
    expect(section(chapter(vm, 'business'), 'competitors')).toBeUndefined();
    expect(section(chapter(vm, 'business'), 'operating-cycle')).toBeUndefined();
    expect(section(chapter(vm, 'domain'), 'concepts')).toBeUndefined();
    expect(section(chapter(vm, 'data'), 'er-category')).toBeUndefined();
    const model = fixtureModel();
    model.domainModel = {};
    const without = build(model);
    expect(without.chapters.map((c) => c.id)).not.toContain('domain');
    expect(chapter(without, 'gap').number).toBe('8');
  });

  it('leaves out columns no row fills', () => {
    const parties = tables(section(chapter(build(), 'business'), 'parties'))[0]!;
    expect(parties.headers.map((h) => h.text)).toEqual(['Id', 'Name', 'Kind']);
  });

  it('numbers tables and figures per chapter and places figures by diagram kind and subject', () => {
    const vm = build();
    const processes = section(chapter(vm, 'business'), 'processes')!;
    const booking = processes.subsections[0]!;
    expect(booking.blocks.map((b) => b.type)).toEqual(['paragraph', 'figure', 'table']);
    expect(booking.blocks[1]).toMatchObject({
      number: '3-1',
      anchor: 'fig-process-booking',
      diagramId: 'process-booking',
    });
    expect(vm.figures.map((f) => f.number)).toEqual([
      '3-1',
      '4-1',
      '4-2',
      '4-3',
      '6-1',
      '6-2',
      '7-1',
      '9-1',
    ]);
    expect(vm.tables.find((t) => t.anchor === 'tab-4-3')?.caption).toBe('Applications by id');
    const interfaces = section(chapter(vm, 'application'), 'interfaces')!;
    expect(interfaces.blocks[0]).toMatchObject({
      type: 'figure',
      parts: [{ text: '调用关系 (2/2)', href: '#fig-call-graph-2' }],
    });
  });

  it('prints a diagram of a kind no chapter places in the appendix', () => {
    const extra = {
      id: 'new-kind',
      kind: 'context',
      title: 'Context',
      source: 'flowchart LR',
      elements: [],
    };
    const vm = buildViewModel(graphOf(fixtureModel()), {
      lang: 'en',
      manifest,
      diagnostics,
      diagrams: [...diagrams, extra as unknown as (typeof diagrams)[number]],
    });
    const other = section(chapter(vm, 'appendix'), 'diagrams');
    expect(other?.blocks).toMatchObject([{ type: 'figure', diagramId: 'new-kind', number: 'A-1' }]);
    expect(section(chapter(build(), 'appendix'), 'diagrams')).toBeUndefined();
  });

  it('uses the document language for labels', () => {
    const vm = build(fixtureModel(), 'zh-CN');
    expect(vm.chapters[2]?.title).toBe('业务架构');
    expect(vm.ui['table']).toBe('表');
  });
});

describe('buildViewModel: tables', () => {
  it('counts how often each piece of business logic is implemented, most repeated first', () => {
    const t = tables(section(chapter(build(), 'application'), 'duplication'))[0]!;
    const rows = records(t);
    expect(rows.map((r) => [text(r['Business logic']), text(r['Count'])])).toEqual([
      ['预订逻辑', '3'],
      ['订单处理逻辑', '2'],
      ['Refund logic', '0'],
    ]);
    expect(rows[0]?.['Count']).toMatchObject({ highlight: true, num: true });
    expect(rows[2]?.['Count']?.highlight).toBeUndefined();
    expect(hrefs(rows[0]?.['Implemented by'])).toEqual([
      '#app-100201',
      '#app-100301',
      '#app-100302',
    ]);
    expect(hrefs(rows[1]?.['Service center (target)'])).toEqual(['#center-order-center']);
  });

  it('derives C/R/U/D per app and entity from database access and marks the owner', () => {
    const t = tables(section(chapter(build(), 'data'), 'crud'))[0]!;
    expect(t.matrix).toBe(true);
    expect(t.caption).toBe('Application x entity CRUD: FT\\DB 国内机票订单库');
    expect(t.headers.map((h) => h.text)).toEqual([
      'Entity',
      'Owned by (system of record)',
      '100201',
      '100301',
      '200101',
    ]);
    const rows = t.rows.map((r) => r.cells.map(text));
    expect(rows).toEqual([
      ['订单', '订单处理服务', 'CRUD', 'R', 'CRUD ★'],
      ['乘客', '订单处理服务', 'CRUD', 'R', 'CRUD ★'],
    ]);
    expect(t.rows[0]?.cells[4]?.highlight).toBe(true);
  });

  it('shows the capacity plan with ratios to current load, highlighting ratios below plan', () => {
    const t = tables(section(chapter(build(), 'technology'), 'clusters')).find(
      (x) => x.caption === 'Capacity plan',
    )!;
    const rows = t.rows.map((r) => r.cells.map(text));
    expect(rows).toEqual([
      ['Web 集群', 'nodes', '8', '12', '1.5×', '40', '5×', '160', '20×'],
      ['SOA 集群', 'nodes', '10', '12', '1.2×', '30', '3×', '100', '10×'],
    ]);
    expect(t.rows[0]?.cells.some((c) => c.highlight)).toBe(false);
    expect(t.rows[1]?.cells.filter((c) => c.highlight).map(text)).toEqual(['1.2×', '3×', '10×']);
  });

  it('compares baseline and target per kind: planned elements are added, retiring ones removed', () => {
    const t = tables(section(chapter(build(), 'gap'), 'gap'))[0]!;
    const byKind = new Map(records(t).map((r) => [text(r['Element kind']), r]));
    const app = byKind.get('Application')!;
    expect([text(app['Baseline']), text(app['Target'])]).toEqual(['4', '4']);
    expect(hrefs(app['Added'])).toEqual(['#app-200102']);
    expect(hrefs(app['Removed'])).toEqual(['#app-100302']);
    const center = byKind.get('Service center')!;
    expect([text(center['Baseline']), text(center['Target']), text(center['Added'])]).toEqual([
      '1',
      '2',
      '公共服务',
    ]);
    expect(text(byKind.get('Cluster')?.['Added'])).toBe('数据库集群');
    expect(byKind.has('Competitor')).toBe(false);
  });

  it('cross-links the application catalogue to centers, calls, databases and clusters', () => {
    const t = tables(section(chapter(build(), 'application'), 'catalogue'))[0]!;
    expect(t.rows.map((r) => r.element?.anchor)).toEqual([
      'app-100201',
      'app-100301',
      'app-100302',
      'app-200101',
      'app-200102',
    ]);
    const byId = new Map(records(t).map((r) => [text(r['Id']), r]));
    const web = byId.get('100301')!;
    expect(hrefs(web['Calls'])).toEqual([
      '#service-order-center.create-order',
      '#app-100201',
      '#ext-sms-gateway',
    ]);
    expect(text(web['Databases'])).toBe('FT\\DB 国内机票订单库 (R)');
    expect(hrefs(web['Databases'])).toEqual(['#db-ft-order-db']);
    expect(hrefs(web['Clusters'])).toEqual(['#cluster-web-cluster-sh']);
    expect(hrefs(byId.get('200101')?.['Service centers'])).toEqual(['#center-order-center']);
    expect(hrefs(web['Line / subsystem'])).toEqual(['#line-10', '#subsystem-1003']);
  });

  it('links entities to their owner and databases', () => {
    const t = tables(section(chapter(build(), 'data'), 'entities'))[0]!;
    const order = records(t)[0]!;
    expect(hrefs(order['Owned by (system of record)'])).toEqual(['#center-order-center']);
    expect(hrefs(order['Databases'])).toEqual(['#db-ft-order-db']);
    expect(t.rows[0]?.element?.anchor).toBe('entity-order');
  });

  it('lists states and transitions, with the creation first', () => {
    const sm = section(chapter(build(), 'data'), 'state-machines')!;
    const [states, transitions] = tables(sm).slice(1);
    expect(states?.rows.map((r) => r.element?.anchor)).toEqual([
      'state-domestic-order.awaiting-payment',
      'state-domestic-order.paid',
      'state-domestic-order.closed',
    ]);
    expect(transitions?.rows.map((r) => r.cells.slice(0, 3).map(text))).toEqual([
      ['(creation)', '等待支付', 'place order'],
      ['等待支付', '支付成功', 'pay'],
      ['等待支付', '已关闭', 'timeout'],
    ]);
  });

  it('puts the role x function permissions in a matrix', () => {
    const t = tables(section(chapter(build(), 'business'), 'functions')).find((x) => x.matrix)!;
    expect(t.headers.map((h) => h.text)).toEqual([
      'Module',
      'Function',
      'Purchaser admin',
      '平台运营',
    ]);
    expect(t.rows.map((r) => r.cells.slice(1).map(text))).toEqual([
      ['当日最新订单', '✓', '✓'],
      ['Refunds', '', '✓'],
    ]);
  });

  it('prints the validation report with locations, or says the model is clean', () => {
    const report = section(chapter(build(), 'appendix'), 'validation')!;
    const t = tables(report)[0]!;
    expect(t.rows.map((r) => text(r.cells[2]))).toEqual([
      'model/applications.yaml:4:3',
      'model/services.yaml:5:14',
    ]);
    const clean = buildViewModel(graphOf(fixtureModel()), {
      lang: 'en',
      manifest,
      diagnostics: [],
      diagrams,
    });
    const blocks = section(chapter(clean, 'appendix'), 'validation')?.blocks ?? [];
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ type: 'paragraph' });
  });
});

describe('buildViewModel: anchors and search', () => {
  it('indexes every anchored element once, and no link points at a missing anchor', () => {
    const vm = build();
    const anchors = vm.searchIndex.map((e) => e.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(anchors).toEqual(
      expect.arrayContaining([
        'app-100301',
        'center-order-center',
        'entity-order',
        'db-ft-order-db',
        'cluster-web-cluster-sh',
      ]),
    );
    expect(vm.searchIndex.find((e) => e.id === '100301')).toMatchObject({
      name: '采购商网站',
      kind: 'app',
      kindLabel: 'Application',
    });
    const all = new Set([
      ...anchors,
      ...vm.tables.map((t) => t.anchor),
      ...vm.figures.map((f) => f.anchor),
    ]);
    for (const c of vm.chapters) all.add(c.anchor);
    const links: string[] = [];
    const visit = (s: Section): void => {
      all.add(s.anchor);
      for (const b of s.blocks)
        if (b.type === 'table')
          for (const r of b.rows) for (const cell of r.cells) links.push(...hrefs(cell));
      s.subsections.forEach(visit);
    };
    vm.chapters.forEach((c) => c.sections.forEach(visit));
    expect(links.length).toBeGreaterThan(50);
    for (const href of links.filter((h) => h !== ''))
      expect(all.has(href.slice(1)), href).toBe(true);
  });

  it('shows a dangling reference as text instead of a broken link', () => {
    const model = fixtureModel();
    model.applications[0]!.deployedOn = ['no-such-cluster'];
    const t = tables(section(chapter(build(model), 'application'), 'catalogue'))[0]!;
    const web = records(t).find((r) => text(r['Id']) === '100301')!;
    expect(web['Clusters']).toEqual({
      kind: 'links',
      links: [{ text: 'no-such-cluster', href: '' }],
    });
  });

  it('takes the cover data from the manifest', () => {
    expect(build().meta).toMatchObject({
      title: '企业总体架构',
      version: '0.3',
      date: '2026-11-24',
      authors: ['Zhang Hui', 'Li Na'],
      enterprise: { name: 'Skyway Travel 天路旅行' },
    });
    const dated = buildViewModel(graphOf(fixtureModel()), {
      lang: 'en',
      manifest,
      diagnostics,
      diagrams,
    });
    expect(dated.meta.date).toBe('2026-11-02');
  });
});
