import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { rules } from '../../src/rules/index.js';
import { validateDir } from '../helpers/model.js';

/**
 * The example model validates clean, and a deliberately broken copy of it trips every rule:
 * one added file breaks each rule once, against the real elements of the example.
 */
const EXAMPLE = fileURLToPath(new URL('../../model/', import.meta.url));

const BROKEN = `
productLines:
  - { code: "10", id: ft-again, name: Duplicate line code }                    # id-unique
subsystems:
  - { code: "02", productLine: "10", name: Second order subsystem }            # subsystem-code-unique
businessLogic:
  - { id: broken-logic, name: Broken logic }
applications:
  - { id: "100101", name: Duplicate app id, kind: web, deployedOn: [web-cluster-sh] }   # id-unique
  - { id: "109901", name: Undeclared subsystem, kind: web, deployedOn: [web-cluster-sh] }   # app-id-format
  - id: "100198"
    name: Broken front end
    kind: web
    logic: [broken-logic]
    calls:
      - { target: order-centre, protocol: rest }                                # ref-resolves
      - { target: "200201", protocol: rest }                                    # frontend-via-centers
    uses:
      - { database: ft-order-db, access: write }                                # foreign-db-write
      - { database: it-order-db, access: read }                                 # foreign-db-read
  - { id: "100197", name: Loop A, kind: backend, logic: [broken-logic], calls: [{ target: "100196", protocol: rest }], deployedOn: [web-cluster-sh] }
  - { id: "100196", name: Loop B, kind: backend, calls: [{ target: "100197", protocol: rest }], deployedOn: [web-cluster-sh] }   # sync-cycle
  - { id: "100195", name: Planned nowhere, kind: backend, lifecycle: planned }  # planned-delivered
serviceCenters:
  - { id: lonely-center, name: Nobody calls me, implementedBy: ["100195"] }     # center-unused
business:
  orgUnits:
    - { id: loop-a, name: Loop A, parent: loop-b }                              # org-cycle
    - { id: loop-b, name: Loop B, parent: loop-a }
  processes:
    - id: broken-process
      steps:
        - { id: a, next: [c] }
        - { id: b, next: [c] }                                                  # process-flow (two starts)
        - { id: c }
data:
  entities:
    - { id: no-owner, category: order, attributes: [{ name: id, type: bigint, pk: true }] }   # entity-owner
    - { id: no-key, category: order, ownedBy: order-center, attributes: [{ name: x, type: int }] }   # entity-pk
  stateMachines:
    - id: broken-machine
      entity: no-key
      initial: nowhere                                                          # state-initial
      states: [{ id: s1 }, { id: s2 }, { id: end, final: true }]
      transitions: [{ from: end, to: s1 }]                                      # state-final-exit
    - id: stuck-machine
      entity: no-key
      initial: start
      states: [{ id: start }, { id: orphan }, { id: done, final: true }]       # state-reachable, state-exit
      transitions: [{ from: start, to: done }]
physical:
  clusters:
    - { id: upside-down, kind: web, capacity: { current: 10, implemented: 5 } }   # capacity-order
  domains:
    - { host: www.skyway.example, visibility: external, target: web-cluster-sh }  # domain-unique
    - { host: going.skyway.example, visibility: external, target: web-cluster-sh, plan: rename }   # domain-redirect
`;

let clean: Diagnostic[] = [];
let broken: Diagnostic[] = [];
const temps: string[] = [];

beforeAll(async () => {
  clean = await validateDir(EXAMPLE);
  const dir = await mkdtemp(path.join(tmpdir(), 'archgen-broken-'));
  temps.push(dir);
  await cp(EXAMPLE, dir, { recursive: true });
  await writeFile(path.join(dir, 'broken.yaml'), BROKEN);
  const manifest = await readFile(path.join(dir, 'archgen.yaml'), 'utf8');
  // An include glob that matches nothing, for include-matches.
  await writeFile(
    path.join(dir, 'archgen.yaml'),
    manifest.replace(/include: \[/, 'include: ["legacy/*.yaml", '),
  );
  broken = await validateDir(dir);
});
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

describe('the example model', () => {
  it('validates with no errors, and warns only of the baseline it models on purpose', () => {
    expect(clean.filter((d) => d.severity === 'error')).toEqual([]);
    const warned = new Set(clean.map((d) => d.code));
    expect([...warned].sort()).toEqual([
      'foreign-db-read',
      'frontend-via-centers',
      'logic-duplication',
    ]);
  });

  const ruleIds = [...Object.keys(rules), 'include-matches'].filter(
    (id) => rules[id]?.meta.defaultSeverity !== 'off',
  );
  it.each(ruleIds)('a broken copy trips %s', (id) => {
    const found = broken.filter((d) => d.code === id);
    expect(found.length, `${id} did not fire`).toBeGreaterThan(0);
    if (id === 'include-matches') expect(found[0]?.file).toMatch(/archgen\.yaml$/);
    else if (id !== 'logic-duplication') {
      expect(
        found.some(
          (d) =>
            d.file.endsWith('broken.yaml') ||
            d.related?.some((r) => r.file.endsWith('broken.yaml')),
        ),
      ).toBe(true);
    }
  });

  it('breaks nothing beyond the rules: no schema or syntax findings', () => {
    expect(broken.filter((d) => ['schema', 'yaml-syntax', 'io'].includes(d.code))).toEqual([]);
  });
});
