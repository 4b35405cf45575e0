import { beforeAll, describe, expect, it } from 'vitest';
import { generateDiagrams } from '../../src/diagrams/index.js';
import type { DiagramSpec } from '../../src/diagrams/types.js';
import { buildGraph } from '../../src/model/graph.js';
import { fixtureModel } from '../fixtures/diagrams/model.js';
import { largeModel } from '../fixtures/diagrams/large.js';
import { hostileModel } from '../fixtures/diagrams/hostile.js';
import { loadMermaidParser } from './mermaid-parse.js';

let parse: Awaited<ReturnType<typeof loadMermaidParser>> = null;
beforeAll(async () => {
  parse = await loadMermaidParser();
});

const cases = {
  'fixture zh-CN': () => generateDiagrams(buildGraph(fixtureModel()), { lang: 'zh-CN' }),
  'fixture en': () => generateDiagrams(buildGraph(fixtureModel()), { lang: 'en' }),
  hostile: () => generateDiagrams(buildGraph(hostileModel()), { lang: 'en' }),
  large: () => generateDiagrams(buildGraph(largeModel()), { lang: 'zh-CN' }),
  'large, small budget': () =>
    generateDiagrams(buildGraph(largeModel()), {
      lang: 'en',
      budget: { maxNodes: 10, maxEdges: 15, maxErEntities: 3, maxOverviewNodes: 8 },
    }),
};

/** Every diagram of a small model; of a large one, the first and last three parts of each kind. */
function sample(specs: DiagramSpec[]): DiagramSpec[] {
  if (specs.length <= 40) return specs;
  const kinds = [...new Set(specs.map((s) => s.kind))];
  return kinds.flatMap((k) => {
    const of = specs.filter((s) => s.kind === k);
    return of.length <= 6 ? of : [...of.slice(0, 3), ...of.slice(-3)];
  });
}

describe('mermaid parses every generated diagram', () => {
  it('rejects broken text (the check is not vacuous)', async (ctx) => {
    if (!parse) ctx.skip();
    await expect(parse!('flowchart TB\n  a["x"] --> b["y"\n')).rejects.toThrow();
    await expect(parse!('erDiagram\n  a["x\\"]\n')).rejects.toThrow();
  });

  for (const [name, make] of Object.entries(cases)) {
    it(name, { timeout: 120_000 }, async (ctx) => {
      if (!parse) ctx.skip();
      const failures: string[] = [];
      for (const spec of sample(make())) {
        await parse!(spec.source).catch((e: unknown) => failures.push(`${spec.id}: ${String(e)}`));
      }
      expect(failures).toEqual([]);
    });
  }
});
