import { describe, expect, it } from 'vitest';
import { compareModels } from '../../src/diff/compare.js';
import { details, headline } from '../../src/diff/phrase.js';
import type { ElementChange } from '../../src/diff/types.js';
import { emptyModel } from '../../src/load/merge.js';
import type { Model } from '../../src/model/types.js';

/** compareModels on hand-built models: how lists, nested entities and ids are compared. */
function model(patch: Partial<Model>): Model {
  return { ...emptyModel(), ...patch };
}

function only(base: Model, head: Model): ElementChange {
  const changes = compareModels(base, head).areas.flatMap((a) => a.changes);
  expect(changes).toHaveLength(1);
  return changes[0] as ElementChange;
}

describe('compareModels', () => {
  it('ignores the order of lists and of keys', () => {
    const base = model({
      applications: [
        {
          id: 'a',
          tech: ['java', 'redis'],
          calls: [{ target: 'b' }, { target: 'c', protocol: 'rest' }],
        },
      ],
    });
    const head = model({
      applications: [
        {
          calls: [{ protocol: 'rest', target: 'c' }, { target: 'b' }],
          tech: ['redis', 'java'],
          id: 'a',
        },
      ],
    });
    expect(compareModels(base, head).areas).toEqual([]);
  });

  it('compares lists of scalars as sets', () => {
    const c = only(
      model({ applications: [{ id: 'a', tech: ['java', 'redis'] }] }),
      model({ applications: [{ id: 'a', tech: ['java', 'kafka'] }] }),
    );
    expect(c.lists).toEqual([{ path: 'tech', added: ['kafka'], removed: ['redis'] }]);
    expect(details(c)).toEqual(['gained 1 tech: kafka', 'lost 1 tech: redis']);
  });

  it('keys calls by target and reports a changed call field by field', () => {
    const c = only(
      model({ applications: [{ id: 'a', calls: [{ target: 'b', protocol: 'rest' }] }] }),
      model({
        applications: [
          { id: 'a', calls: [{ target: 'b', protocol: 'grpc' }, { target: 'settlement-center' }] },
        ],
      }),
    );
    expect(details(c)).toEqual(['now calls settlement-center', 'calls[b].protocol rest -> grpc']);
  });

  it('treats `deployedOn: [x]` and `deployedOn: [{ cluster: x }]` alike', () => {
    const c = only(
      model({ applications: [{ id: 'a', deployedOn: ['web', 'db'] }] }),
      model({ applications: [{ id: 'a', deployedOn: [{ cluster: 'web', replicas: 3 }, 'db'] }] }),
    );
    expect(c.fields).toEqual([{ path: 'deployedOn[web].replicas', after: 3 }]);
    expect(c.lists).toBeUndefined();
  });

  it('compares nested services by id, their fields and their own lists', () => {
    const c = only(
      model({
        serviceCenters: [
          { id: 'pay', services: [{ id: 'charge', operations: ['POST /c'] }, { id: 'old' }] },
        ],
      }),
      model({
        serviceCenters: [
          {
            id: 'pay',
            services: [{ id: 'charge', operations: ['POST /c', 'GET /c'], sync: false }],
          },
        ],
      }),
    );
    expect(details(c)).toEqual([
      'lost 1 service: old',
      'services[charge].operations: gained 1 operation: GET /c',
      'services[charge].sync set to false',
    ]);
  });

  it('reports a name change with the id kept as a rename', () => {
    const c = only(
      model({
        physical: { clusters: [{ id: 'web-sh', name: 'Web', capacity: { implemented: 12 } }] },
      }),
      model({
        physical: { clusters: [{ id: 'web-sh', name: 'Web SH', capacity: { implemented: 16 } }] },
      }),
    );
    expect(headline(c)).toBe('cluster web-sh renamed Web -> Web SH');
    expect(details(c)).toEqual(['capacity.implemented 12 -> 16']);
  });

  it('pairs an id change with nothing else changed; otherwise reports removed and added', () => {
    const entity = { category: 'order', attributes: [{ name: 'id' }] };
    const diff = compareModels(
      model({
        data: {
          entities: [
            { id: 'refund', ...entity },
            { id: 'gone', category: 'x' },
          ],
        },
      }),
      model({
        data: {
          entities: [
            { id: 'refunds', ...entity },
            { id: 'new', category: 'y' },
          ],
        },
      }),
    );
    expect(diff.areas[0]?.changes.map((c) => [c.change, c.id, c.previousId])).toEqual([
      ['removed', 'gone', undefined],
      ['added', 'new', undefined],
      ['reidentified', 'refunds', 'refund'],
    ]);
  });

  it('keys subsystems by product line and code', () => {
    const base = model({
      subsystems: [
        { code: '01', productLine: '10' },
        { code: '01', productLine: '20' },
      ],
    });
    const head = model({ subsystems: [{ code: '01', productLine: '10' }] });
    const c = only(base, head);
    expect([c.change, c.id]).toEqual(['removed', '2001']);
  });

  it('lists call edges that appeared or went away', () => {
    const diff = compareModels(
      model({
        applications: [
          { id: 'a', calls: [{ target: 'b' }] },
          { id: 'b', name: 'B' },
        ],
      }),
      model({
        applications: [
          { id: 'a', calls: [{ target: 'c' }] },
          { id: 'b', name: 'B' },
        ],
      }),
    );
    expect(diff.callEdges).toEqual([
      { from: 'a', to: 'b', toName: 'B', change: 'removed' },
      { from: 'a', to: 'c', change: 'added' },
    ]);
  });

  it('compares glossary entries by term, before the concepts of the domain area', () => {
    const diff = compareModels(
      model({
        domainModel: {
          glossary: [{ term: 'PNR', definition: 'Passenger name record' }, { term: 'GDS' }],
          concepts: [{ id: 'order' }],
        },
      }),
      model({
        domainModel: {
          glossary: [{ term: 'PNR', definition: 'Booking record' }, { term: 'BSP' }],
          concepts: [{ id: 'order', name: 'Order' }],
        },
      }),
    );
    expect(diff.areas.map((a) => a.area)).toEqual(['domain']);
    const changes = diff.areas[0]?.changes ?? [];
    expect(changes.map((c) => [c.kind, c.id, c.change])).toEqual([
      ['term', 'BSP', 'reidentified'],
      ['term', 'PNR', 'changed'],
      ['concept', 'order', 'renamed'],
    ]);
    expect(headline(changes[0] as ElementChange)).toBe(
      'glossary term GDS is now BSP, otherwise unchanged',
    );
    expect(details(changes[1] as ElementChange)).toEqual([
      'definition Passenger name record -> Booking record',
    ]);
  });

  it('compares the manifest only when given, leaving out the include globs', () => {
    const base = model({ business: { mainBusiness: 'Tickets' } });
    const head = model({ business: { mainBusiness: 'Tickets', businessModel: 'Commission' } });
    const c = only(base, head);
    expect(c).toEqual({
      kind: 'businessOverview',
      id: 'businessOverview',
      change: 'changed',
      fields: [{ path: 'businessModel', after: 'Commission' }],
    });
    expect(headline(c)).toBe('business overview changed');
    const manifests = {
      base: { archgen: 1, include: ['*.yaml'], document: { lang: 'en' as const } },
      head: { archgen: 1, include: ['**/*.yaml'], document: { lang: 'zh-CN' as const } },
    };
    const diff = compareModels(base, base, manifests);
    expect(diff.areas).toEqual([
      {
        area: 'model',
        changes: [
          {
            kind: 'manifest',
            id: 'manifest',
            change: 'changed',
            fields: [{ path: 'document.lang', before: 'en', after: 'zh-CN' }],
          },
        ],
      },
    ]);
  });
});
