import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { readMarkers, validateDir } from '../helpers/model.js';

const ID = 'domain-unique';
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

  it('reports each repeat at its entry, with the first entry related', async () => {
    const { findings } = await run('invalid/duplicates');
    expect(findings).toHaveLength(3);
    expect(findings[0]).toMatchObject({
      messageId: 'duplicate',
      severity: 'error',
      file: '2-more-domains.yaml',
      message:
        'host `B2B.Example.com` appears twice in the domain inventory: keep one entry and merge the details of both',
      related: [{ file: '1-physical.yaml', line: 5 }],
    });
    expect(findings[1]?.message).toContain('address `10.0.0.5:32677`');
  });
});
