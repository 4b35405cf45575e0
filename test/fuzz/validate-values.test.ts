import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_FILES,
  FUZZ_SEED,
  FuzzModel,
  dumpStyle,
  dumpValue,
  fuzzRuns,
  invariantViolations,
  manifestData,
  sectionData,
} from './arbitraries.js';

/**
 * Arbitrary structured values (model-shaped maps and lists, any JSON) written as section files
 * and manifests in block, flow and JSON style, validated through the CLI: wrong types anywhere
 * are findings, never crashes. Fixed seed; `ARCHGEN_FUZZ_RUNS` for a long run.
 */
const RUNS = fuzzRuns(400);

describe('fuzz: validate on arbitrary structured values', () => {
  let model: FuzzModel;
  beforeAll(async () => {
    model = await FuzzModel.create(BASE_FILES);
  });
  afterAll(async () => {
    await model.dispose();
  });

  it(
    `section files keep the invariants (${RUNS} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(sectionData, dumpStyle), { minLength: 1, maxLength: 3 }),
          async (sections) => {
            const files = Object.fromEntries(
              sections.map(([value, s], i) => [`fuzz/f${i}.yaml`, dumpValue(value, s)]),
            );
            const { run, lines } = await model.validate(files);
            expect(invariantViolations(run, lines)).toEqual([]);
          },
        ),
        { seed: FUZZ_SEED, numRuns: RUNS, timeout: 10_000 },
      );
    },
    Math.max(60_000, RUNS * 500),
  );

  it(
    `manifests keep the invariants (${Math.ceil(RUNS / 2)} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(manifestData, dumpStyle, async (value, s) => {
          const { run, lines } = await model.validate({ 'archgen.yaml': dumpValue(value, s) });
          expect(invariantViolations(run, lines)).toEqual([]);
        }),
        { seed: FUZZ_SEED, numRuns: Math.ceil(RUNS / 2), timeout: 10_000 },
      );
    },
    Math.max(60_000, RUNS * 500),
  );
});
