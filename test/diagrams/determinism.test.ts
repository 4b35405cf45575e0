import { describe, expect, it } from 'vitest';
import { generateDiagrams } from '../../src/diagrams/index.js';
import { buildGraph } from '../../src/model/graph.js';
import type { Model } from '../../src/model/types.js';
import { fixtureModel } from '../fixtures/diagrams/model.js';
import { largeModel, rng, shuffle } from '../fixtures/diagrams/large.js';

/** The model with every list whose order carries no meaning shuffled. */
function shuffled(model: Model, seed: number): Model {
  const r = rng(seed);
  const m = structuredClone(model);
  const b = m.business;
  b.orgUnits = shuffle(b.orgUnits ?? [], r);
  b.processes = shuffle(b.processes ?? [], r);
  b.parties = shuffle(b.parties ?? [], r);
  m.productLines = shuffle(m.productLines, r);
  m.subsystems = shuffle(m.subsystems, r);
  m.applications = shuffle(m.applications, r).map((a) => ({
    ...a,
    calls: shuffle(a.calls ?? [], r),
  }));
  m.serviceCenters = shuffle(m.serviceCenters, r);
  m.externalSystems = shuffle(m.externalSystems, r);
  m.data.categories = shuffle(m.data.categories ?? [], r);
  m.data.entities = shuffle(m.data.entities ?? [], r).map((e) => ({
    ...e,
    relations: shuffle(e.relations ?? [], r),
  }));
  m.data.stateMachines = shuffle(m.data.stateMachines ?? [], r);
  const p = m.physical;
  p.regions = shuffle(p.regions ?? [], r);
  p.datacenters = shuffle(p.datacenters ?? [], r).map((d) => ({
    ...d,
    links: shuffle(d.links ?? [], r),
  }));
  p.networks = shuffle(p.networks ?? [], r);
  p.clusters = shuffle(p.clusters ?? [], r);
  m.planning.phases = shuffle(m.planning.phases ?? [], r);
  return m;
}

describe('determinism', () => {
  for (const [name, make] of [
    ['fixture', fixtureModel],
    ['large', largeModel],
  ] as const) {
    it(`${name}: the same model gives byte-identical diagrams`, () => {
      const a = generateDiagrams(buildGraph(make()), { lang: 'zh-CN' });
      const b = generateDiagrams(buildGraph(make()), { lang: 'zh-CN' });
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    });

    it(`${name}: list order in the model does not change the output`, () => {
      const base = JSON.stringify(generateDiagrams(buildGraph(make()), { lang: 'en' }));
      for (const seed of [1, 2, 3]) {
        expect(
          JSON.stringify(generateDiagrams(buildGraph(shuffled(make(), seed)), { lang: 'en' })),
        ).toBe(base);
      }
    });
  }

  it('does not mutate the model', () => {
    const model = fixtureModel();
    const before = JSON.stringify(model);
    generateDiagrams(buildGraph(model), { lang: 'en' });
    expect(JSON.stringify(model)).toBe(before);
  });
});
