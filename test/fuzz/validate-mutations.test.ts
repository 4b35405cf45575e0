import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FUZZ_SEED,
  FuzzModel,
  fuzzRuns,
  invariantViolations,
  layoutMutation,
  mutate,
  mutation,
} from './arbitraries.js';

/**
 * The example model with its files edited the way people break them (a line deleted or
 * duplicated, indentation swapped, a tab or control character inserted, the file cut short, a
 * value replaced), validated through the CLI: the run keeps every invariant. This reaches the
 * semantic rules with nearly-valid data. Fixed seed; `ARCHGEN_FUZZ_RUNS` for a long run.
 */
const RUNS = fuzzRuns(150);
const EXAMPLE = fileURLToPath(new URL('../../model/', import.meta.url));

describe('fuzz: validate on mutated example-model files', () => {
  let model: FuzzModel;
  beforeAll(async () => {
    model = await FuzzModel.copyOf(EXAMPLE);
  });
  afterAll(async () => {
    await model.dispose();
  });

  it('the unmutated example model keeps the invariants', async () => {
    const { run, lines } = await model.validate({});
    expect(invariantViolations(run, lines)).toEqual([]);
  });

  it(
    `keeps its invariants (${RUNS} runs)`,
    async () => {
      const files = model.files;
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          async (pick, edits) => {
            const file = files[pick % files.length]!;
            const text = edits.reduce(mutate, model.original(file));
            const { run, lines } = await model.validate({ [file]: text });
            expect(invariantViolations(run, lines)).toEqual([]);
          },
        ),
        { seed: FUZZ_SEED, numRuns: RUNS, timeout: 10_000 },
      );
    },
    Math.max(60_000, RUNS * 1500),
  );

  it(
    `a file broken by layout edits adds no dangling references elsewhere (${Math.ceil(RUNS / 2)} runs)`,
    async () => {
      const files = model.files.filter((f) => f !== 'archgen.yaml');
      const baseline = new Set(refFindings((await model.validate({})).run.stdout));
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.array(layoutMutation, { minLength: 1, maxLength: 3 }),
          async (pick, edits) => {
            const file = files[pick % files.length]!;
            const { run } = await model.validate({
              [file]: edits.reduce(mutate, model.original(file)),
            });
            if (!failedToLoad(run.stdout, `model/${file}`)) return;
            const added = refFindings(run.stdout).filter(
              (r) => !r.startsWith(`model/${file}:`) && !baseline.has(r),
            );
            expect(added).toEqual([]);
          },
        ),
        { seed: FUZZ_SEED, numRuns: Math.ceil(RUNS / 2), timeout: 10_000 },
      );
    },
    Math.max(60_000, RUNS * 1500),
  );
});

interface Finding {
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

const findings = (stdout: string): Finding[] =>
  (JSON.parse(stdout) as { diagnostics: Finding[] }).diagnostics;

/** `file:line:col message` of each dangling-reference finding. */
function refFindings(stdout: string): string[] {
  return findings(stdout)
    .filter((d) => d.code === 'ref-resolves')
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
}

/** Whether the file could not be loaded at all (a fatal syntax error, or refused). */
function failedToLoad(stdout: string, file: string): boolean {
  return findings(stdout).some(
    (d) =>
      d.file === file &&
      (d.code === 'io' ||
        (d.code === 'yaml-syntax' && !/^(duplicate key|unknown tag|control)/.test(d.message))),
  );
}
