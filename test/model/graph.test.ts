import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/load/merge.js';
import { buildGraph } from '../../src/model/graph.js';
import type { Model } from '../../src/model/types.js';

/** A small model touching every index. */
function sample(): Model {
  return {
    ...emptyModel(),
    business: {
      parties: [{ id: 'purchaser' }],
      orgUnits: [{ id: 'rd' }, { id: 'rd' }],
      processes: [
        {
          id: 'booking',
          steps: [{ id: 'search', next: ['hold'] }, { id: 'hold' }, { id: 'search' }],
        },
        { id: 'settle', steps: [{ id: 'search' }] },
      ],
      functions: [{ id: 'orders', functions: [{ id: 'today' }] }],
    },
    productLines: [{ code: '10', id: 'ft' }, { code: '20' }],
    subsystems: [
      { code: '01', productLine: '10' },
      { code: '01', productLine: '20' },
    ],
    businessLogic: [{ id: 'booking-logic' }],
    applications: [
      {
        id: '100101',
        kind: 'web',
        logic: ['booking-logic'],
        calls: [
          { target: 'order-center' },
          { target: 'order-center.paid' },
          { target: 'order-center.create', protocol: 'mq' },
          { target: '200101', sync: false },
          { target: 'sms' },
          { target: 'both' },
          { target: 'nowhere' },
        ],
        routes: [
          { paths: ['/a', '/b'], target: 'order-center' },
          { path: '/c', target: '200102' },
        ],
        uses: [{ database: 'order-db', access: 'read' }],
      },
      { id: '200101', logic: ['booking-logic'], uses: [{ database: 'order-db', access: 'write' }] },
      { id: '200102' },
    ],
    externalSystems: [{ id: 'sms' }, { id: 'both' }],
    serviceCenters: [
      {
        id: 'order-center',
        implementedBy: ['200101'],
        services: [{ id: 'create' }, { id: 'paid', protocol: 'mq', implementedBy: '200102' }],
      },
      { id: 'both' },
    ],
    data: {
      categories: [{ id: 'order' }],
      entities: [
        {
          id: 'order',
          category: 'order',
          attributes: [{ name: 'id' }, { name: 'status' }, { name: 'id' }],
        },
      ],
      databases: [{ id: 'order-db', entities: ['order', 'order'] }],
      stateMachines: [
        {
          id: 'sm',
          entity: 'order',
          initial: 'open',
          states: [{ id: 'open' }, { id: 'done' }],
          transitions: [
            { from: '*', to: 'done' },
            { from: ['open', '*'], to: 'done' },
          ],
        },
      ],
    },
    physical: {
      clusters: [{ id: 'web' }],
      domains: [{ host: 'b2b.example.com' }, { address: '10.0.0.5', port: 32677 }],
    },
    planning: {
      phases: [{ id: 'p1', workItems: [{ id: 'w1', delivers: ['order-center', 'order-center'] }] }],
    },
  };
}

describe('buildGraph', () => {
  it('indexes every kind, nested ones by `parent.child`', () => {
    const g = buildGraph(sample());
    expect([...g.apps.keys()]).toEqual(['100101', '200101', '200102']);
    expect([...g.subsystems.keys()]).toEqual(['1001', '2001']);
    expect([...g.services.keys()]).toEqual(['order-center.create', 'order-center.paid']);
    expect(g.services.get('order-center.paid')).toMatchObject({
      index: 1,
      service: { id: 'paid' },
    });
    expect([...g.steps.keys()]).toEqual(['booking.search', 'booking.hold', 'settle.search']);
    expect([...g.attributes.keys()]).toEqual(['order.id', 'order.status']);
    expect([...g.states.keys()]).toEqual(['sm.open', 'sm.done']);
    expect([...g.functionItems.keys()]).toEqual(['orders.today']);
    expect([...g.domains.keys()]).toEqual(['b2b.example.com', '10.0.0.5:32677']);
    expect(g.workItems.get('w1')?.phase.id).toBe('p1');
    expect(g.byKind('cluster')).toBe(g.clusters);
    expect(g.elements.get('order')?.map((e) => e.kind)).toEqual(['category', 'entity']);
    expect(g.elements.get('ft')?.[0]?.kind).toBe('productLine');
  });

  it('lists duplicate ids per kind, and nested ones per parent, first definition first', () => {
    const g = buildGraph(sample());
    const summary = g.duplicates.map((d) => [
      d.kind,
      d.id,
      d.parent?.id,
      d.places.map((p) => p.path.join('/')),
    ]);
    expect(summary).toEqual([
      ['orgUnit', 'rd', undefined, ['id', 'id']],
      ['step', 'search', 'booking', ['steps/0/id', 'steps/2/id']],
      ['attribute', 'id', 'order', ['attributes/0/name', 'attributes/2/name']],
    ]);
  });

  it('resolves call targets by their form', () => {
    const g = buildGraph(sample());
    expect(g.resolveTarget('200101')).toEqual({ kind: 'app', id: '200101', form: 'app' });
    expect(g.resolveTarget('999999')).toMatchObject({ kind: 'unresolved', form: 'app' });
    expect(g.resolveTarget('order-center.paid')).toEqual({
      kind: 'service',
      id: 'order-center.paid',
      form: 'service',
      center: 'order-center',
    });
    expect(g.resolveTarget('order-center.nope')).toMatchObject({
      kind: 'unresolved',
      form: 'service',
    });
    expect(g.resolveTarget('order-center')).toMatchObject({ kind: 'center', form: 'name' });
    expect(g.resolveTarget('sms')).toMatchObject({ kind: 'external', form: 'name' });
    expect(g.resolveTarget('both')).toMatchObject({ kind: 'ambiguous', form: 'name' });
    expect(g.resolveTarget('nowhere')).toMatchObject({ kind: 'unresolved', form: 'name' });
  });

  it('resolves call edges: sync, landing apps, one edge per route', () => {
    const g = buildGraph(sample());
    const edges = g.calls.map((e) => [
      e.kind,
      e.index,
      e.target,
      e.resolved.kind,
      e.sync,
      e.appTargets,
    ]);
    expect(edges).toEqual([
      ['call', 0, 'order-center', 'center', true, ['200101', '200102']],
      ['call', 1, 'order-center.paid', 'service', false, ['200102']], // the service is mq
      ['call', 2, 'order-center.create', 'service', false, ['200101']], // the center's implementer
      ['call', 3, '200101', 'app', false, ['200101']],
      ['call', 4, 'sms', 'external', true, []],
      ['call', 5, 'both', 'ambiguous', true, []],
      ['call', 6, 'nowhere', 'unresolved', true, []],
      ['route', 0, 'order-center', 'center', true, ['200101', '200102']],
      ['route', 1, '200102', 'app', true, ['200102']],
    ]);
    expect(g.routes).toHaveLength(2);
  });

  it('builds reverse indexes', () => {
    const g = buildGraph(sample());
    expect(g.callsToCenter.get('order-center')?.map((e) => e.kind)).toEqual(['call', 'route']);
    expect(g.callsToService.get('order-center.paid')).toHaveLength(1);
    expect(g.callsToApp.get('200102')?.[0]?.kind).toBe('route');
    expect(g.implementers.get('order-center')).toEqual(['200101', '200102']);
    expect(g.centersOfApp.get('200102')).toEqual(['order-center']);
    expect(g.logicImplementers.get('booking-logic')?.map((u) => u.app.id)).toEqual([
      '100101',
      '200101',
    ]);
    expect(g.databasesOfEntity.get('order')?.map((d) => d.id)).toEqual(['order-db']);
    expect(g.databaseUsers.get('order-db')?.map((u) => [u.app.id, u.use.access])).toEqual([
      ['100101', 'read'],
      ['200101', 'write'],
    ]);
    expect(g.deliveredBy.get('order-center')).toHaveLength(2);
  });

  it('collects references, leaving out `*` in transitions', () => {
    const g = buildGraph(sample());
    const transitions = g.references.filter((r) => r.path[0] === 'transitions');
    expect(transitions.map((r) => [r.path.join('/'), r.value, r.kind])).toEqual([
      ['transitions/0/to', 'done', 'state'],
      ['transitions/1/from/0', 'open', 'state'],
      ['transitions/1/to', 'done', 'state'],
    ]);
    expect(g.references.find((r) => r.path.join('/') === 'steps/0/next/0')).toMatchObject({
      value: 'hold',
      kind: 'step',
      scope: { id: 'booking' },
    });
  });

  it('knows dropped elements by kind and by id', () => {
    const dropped = new Set([
      'applications:100109',
      'data/entities:user',
      'subsystems:02',
      'productLines:intl',
    ]);
    const g = buildGraph(sample(), { dropped });
    expect(g.isDropped('application', '100109')).toBe(true);
    expect(g.isDropped('application', '100101')).toBe(false);
    expect(g.isDropped('entity', 'user')).toBe(true);
    expect(g.isDropped('category', 'user')).toBe(false);
    expect(g.isDropped('subsystem', '1002')).toBe(true);
    // a line dropped under its mnemonic id: its code is unknown, so any code may be it
    expect(g.isDropped('productLine', '30')).toBe(true);
    expect(g.isDroppedAny('user')).toBe(true);
    expect(buildGraph(sample()).isDropped('productLine', '30')).toBe(false);
  });

  it('does not change the model, and tolerates missing sections and lists', () => {
    const model = sample();
    const before = structuredClone(model);
    buildGraph(model);
    expect(model).toEqual(before);
    const bare = { applications: [{ id: '100101', calls: [{ target: 'x' }] }] } as unknown as Model;
    expect(buildGraph(bare).calls).toHaveLength(1);
  });

  it('is linear: a 20,000-app model builds well under a second', () => {
    const applications = Array.from({ length: 20_000 }, (_, i) => ({
      id: String(100000 + i),
      calls: [{ target: String(100000 + ((i + 1) % 20_000)) }, { target: 'c.s' }],
    }));
    const model = {
      ...emptyModel(),
      applications,
      serviceCenters: [{ id: 'c', services: [{ id: 's' }] }],
    };
    const t = performance.now();
    const g = buildGraph(model);
    expect(g.calls).toHaveLength(40_000);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
