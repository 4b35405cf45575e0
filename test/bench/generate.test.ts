import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SIZES,
  buildModel,
  changeModel,
  writeModel,
  type GeneratedModel,
} from '../../bench/generate.js';
import { compareModels } from '../../src/diff/index.js';
import { runValidate } from '../../src/cli/run.js';

// Smoke test of the benchmark's model generator, so `npm run bench` cannot rot unnoticed.
// No benchmark runs here.

type Section = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const section = (v: unknown): Section => (v && typeof v === 'object' ? (v as Section) : {});

/** Element counts of a generated model, summed over its files. */
function counts(model: GeneratedModel): Record<string, number> {
  const c = {
    apps: 0,
    centers: 0,
    services: 0,
    entities: 0,
    databases: 0,
    clusters: 0,
    datacenters: 0,
  };
  for (const file of Object.values(model.files)) {
    c.apps += list(file['applications']).length;
    for (const center of list(file['serviceCenters'])) {
      c.centers++;
      c.services += list(section(center)['services']).length;
    }
    const data = section(file['data']);
    c.entities += list(data['entities']).length;
    c.databases += list(data['databases']).length;
    const physical = section(file['physical']);
    c.clusters += list(physical['clusters']).length;
    c.datacenters += list(physical['datacenters']).length;
  }
  return c;
}

describe('bench/generate.js', () => {
  it('writes a tiny model that validates with no errors', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'archgen-bench-test-'));
    try {
      const written = await writeModel('tiny', dir);
      expect(written.files).toBeGreaterThan(1);
      const result = await runValidate(dir, { cwd: dir });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(result.loaded?.model.applications).toHaveLength(SIZES.tiny.apps);
      expect(result.loaded?.model.data.entities).toHaveLength(SIZES.tiny.entities);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('builds S with the counts of quality.md', () => {
    expect(counts(buildModel('S'))).toEqual({
      apps: 200,
      centers: 5,
      services: 100,
      entities: 2000,
      databases: 100,
      clusters: 30,
      datacenters: 8,
    });
  });

  it('declares M and L as quality.md sizes them', () => {
    expect(SIZES.M).toEqual({
      apps: 2000,
      centers: 20,
      services: 1000,
      entities: 10000,
      databases: 300,
      clusters: 300,
      datacenters: 20,
    });
    expect(SIZES.L).toEqual({
      apps: 10000,
      centers: 50,
      services: 5000,
      entities: 100000,
      databases: 2000,
      clusters: 1000,
      datacenters: 50,
    });
  });

  it('is deterministic for a seed', () => {
    expect(JSON.stringify(buildModel('tiny'))).toEqual(JSON.stringify(buildModel('tiny')));
  });

  it('changes the fraction it is asked to, and archgen diff finds exactly those changes', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'archgen-bench-test-'));
    const head = await mkdtemp(path.join(tmpdir(), 'archgen-bench-test-'));
    try {
      await writeModel('tiny', base);
      const { changed } = await writeModel('tiny', head, 42, 0.1);
      expect(changed).toBe(changeModel(buildModel('tiny'), 0.1));
      expect(changed).toBeGreaterThanOrEqual(6);
      const [a, b] = await Promise.all([
        runValidate(base, { cwd: base }),
        runValidate(head, { cwd: head }),
      ]);
      if (!a.graph || !b.graph) throw new Error('a generated model did not load');
      const diff = compareModels(a.graph.model, b.graph.model);
      expect(diff.areas.flatMap((x) => x.changes)).toHaveLength(changed);
    } finally {
      await rm(base, { recursive: true, force: true });
      await rm(head, { recursive: true, force: true });
    }
  });
});
