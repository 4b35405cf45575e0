import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { readMarkers, validateDir } from '../helpers/model.js';

const ID = 'state-final-exit';
const ROOT = fileURLToPath(new URL(`../fixtures/rules/${ID}/`, import.meta.url));
/** Phase codes: a fixture must load cleanly, or its elements would be silently dropped. */
const PHASES = new Set(['yaml-syntax', 'schema', 'io', 'config']);

/** This rule's findings in one fixture folder, and every diagnostic of load-phase codes. */
async function run(fixture: string): Promise<{ findings: Diagnostic[]; phase: Diagnostic[] }> {
  const all = await validateDir(path.join(ROOT, fixture));
  return {
    findings: all.filter((d) => d.code === ID),
    phase: all.filter((d) => PHASES.has(d.code)),
  };
}

describe(ID, () => {
  for (const kind of ['valid', 'invalid'] as const) {
    it.each(readdirSync(path.join(ROOT, kind)).sort())(`${kind}/%s`, async (name) => {
      const { findings, phase } = await run(`${kind}/${name}`);
      expect(phase).toEqual([]);
      const markers = (await readMarkers(path.join(ROOT, kind, name))).filter((m) => m.code === ID);
      const got = new Set(findings.map((d) => `${d.file}:${d.line} ${d.code}`));
      expect(got).toEqual(new Set(markers.map((m) => `${m.file}:${m.line} ${m.code}`)));
      expect(got.size > 0).toBe(kind === 'invalid');
    });
  }

  it('points at the `from` naming the final state, with the state related', async () => {
    const { findings } = await run('invalid/leaves-final');
    expect(findings.map((d) => d.pointer)).toEqual([
      '/data/stateMachines/0/transitions/2/from',
      '/data/stateMachines/0/transitions/3/from/1',
    ]);
    expect(findings[0]).toMatchObject({
      messageId: 'finalExit',
      severity: 'error',
      message:
        'final state `closed` of state machine `domestic-order` has an outgoing transition (to `awaiting-payment`): remove the transition, or drop `final: true`',
      related: [{ line: 22 }],
    });
  });
});
