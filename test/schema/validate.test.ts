import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkSectionFile,
  validateManifest,
  validateSectionFile,
  type SchemaIssue,
} from '../../src/schema/validate.js';

/** Parses YAML the way the loader does: JSON-compatible core schema, so dates stay strings. */
const yaml = (src: string): unknown => parse(src, { schema: 'core' });

const SECTION_FILE = `
business:
  mainBusiness: "B2B and B2C air tickets"
  parties: [{ id: purchaser, name: 采购商, kind: customer }]
  competitors: [{ id: rival-a, name: Rival A, strengths: [price], weaknesses: [service] }]
  orgUnits: [{ id: rd, name: R&D Center, parent: ceo-office, headcount: 200 }]
  operatingModel: { stages: [{ id: plan, name: Pre-sale planning, next: [buy] }] }
  processes:
    - id: booking
      name: 预订流程
      owner: sales
      steps:
        - { id: search, name: Search flights, actor: purchaser, next: [hold], app: "100206" }
        - { id: hold, name: Hold seats, actor: platform, next: [pay], service: booking-center.hold-seats }
  roles: [{ id: purchaser-admin, name: Purchaser admin, party: purchaser }]
  functions:
    - { id: order-mgmt, name: 在线订单管理, party: purchaser,
        functions: [{ id: today-orders, name: 当日最新订单, roles: [purchaser-admin] }] }
productLines: [{ code: "10", id: ft, name: 国内机票 }]
subsystems: [{ code: "02", productLine: "10", name: 订单子系统 }]
businessLogic: [{ id: booking-logic, name: 预订逻辑, process: booking }]
applications:
  - id: "100206"
    name: Purchaser web
    kind: [web, gateway]
    language: C#
    tech: [.NET 4.5, IIS]
    logic: [booking-logic, order-logic]
    calls:
      - { target: order-center, protocol: rest, operations: [POST /orders] }
      - { target: settlement-center.refund, protocol: mq, sync: false }
    routes: [{ paths: [/api/orders, /api/orders/*], target: order-center }]
    uses: [{ database: ft-order-db, access: readwrite }]
    endpoints: [{ port: 8080, protocol: http, exposure: node, nodePort: 32080 }]
    deployedOn:
      - web-cluster-sh
      - { cluster: k8s-prod, replicas: 3, image: "skyway/b2b:1.4", cpu: 500m, memory: 1Gi }
    domains: [b2b.example.com]
externalSystems:
  - { id: sms-gateway, name: 163 mail SMTP, party: mail-provider, host: smtp.163.com, port: 465 }
serviceCenters:
  - id: order-center
    name: 订单处理服务
    process: order-processing
    subsystem: "2001"
    implementedBy: ["200101"]
    discovery: consul
    services:
      - { id: create-order, name: Create order, protocol: rest, operations: [POST /orders] }
      - { id: order-paid, name: Order paid event, protocol: mq, channel: order.paid, implementedBy: "200102" }
    dependsOn: [common-center]
data:
  categories: [{ id: order, name: 订单 }]
  entities:
    - id: order
      category: order
      ownedBy: order-center
      table: t_order
      attributes:
        - { name: id, type: bigint, pk: true }
        - { name: user_id, type: bigint, ref: user.id }
        - { name: items, type: OrderItem, array: true, embedded: order-item }
        - { name: target_id, type: bigint, ref: [order.id, order-other.id] }
      relations: [{ to: passenger, cardinality: one-to-many, label: carries }]
  databases:
    - { id: ft-order-db, name: "FT\\\\DB 国内机票订单库", engine: sqlserver, kind: oltp, schema: ft_order,
        productLine: "10", ownedBy: order-center, entities: [order, passenger], cluster: db-cluster-sh, note: "" }
  stateMachines:
    - id: domestic-order
      entity: order
      attribute: status
      initial: awaiting-payment
      creation: { trigger: place order, service: order-center.create-order }
      states:
        - { id: awaiting-payment, name: 等待支付, value: 0 }
        - { id: closed, name: 已关闭, value: "2", final: true }
      transitions:
        - { from: [awaiting-payment], to: closed, trigger: timeout, after: 30m }
physical:
  regions: [{ id: east, name: 华东 }]
  datacenters: [{ id: sh-idc1, region: east, kind: idc, links: [{ to: bj-idc1, kind: dedicated-line, bandwidth: 100Mbps }] }]
  networks: [{ id: intranet, name: 内网, zone: internal }]
  clusters:
    - id: web-cluster-sh
      kind: web
      datacenter: sh-idc1
      productLines: ["10", "20"]
      capacity: { unit: nodes, current: 8, implemented: 12, designed: 40, planned: 160 }
      middleware: [IIS]
  domains:
    - { host: b2b.example.com, visibility: external, target: web-cluster-sh, plan: rename, redirect: b2b.skyway.com }
    - { address: 10.0.0.5, port: 32677, visibility: internal, target: "010901" }
domainModel:
  glossary: [{ term: PNR, definition: Passenger name record, synonyms: [订座记录] }]
  concepts: [{ id: order, name: Order, attributes: [id, { name: total }], behaviours: [pay, cancel], relations: [{ to: ticket, label: issues }], process: order-processing }]
planning:
  principles: [{ id: one-logic-one-place, name: One place, statement: x, rationale: y, implications: [a, b] }]
  decisions:  [{ id: adr-001, title: Consul for discovery, status: accepted, date: 2026-10-01, context: c, decision: d, consequences: e }]
  layers:     [{ id: presentation, name: 表现层 }]
  phases:
    - { id: phase-1, name: 改造一期, start: 2026-01-01, end: 2026-03-31, goals: [g],
        workItems: [{ id: soa-order, name: Order service center, delivers: [order-center] }] }
`;

const MANIFEST = `
$schema: https://archgen.dev/schema/manifest.schema.json
archgen: 1
enterprise: { name: Skyway Travel, description: "Online air tickets for agents and suppliers" }
document:
  title: Enterprise Architecture
  version: "0.3"
  lang: zh-CN
  authors: [Zhang Hui]
  changelog: [{ version: "0.3", date: 2026-11-02, summary: "SOA plan added" }]
include: ["*.yaml", "data/*.yaml"]
rules: { logic-duplication: error, sync-cycle: off }
diagrams: { maxNodes: 60, maxEdges: 120, maxErEntities: 30, maxOverviewNodes: 40 }
`;

type Case = { name: string; file: string; want: Partial<SchemaIssue> };

const CASES: Case[] = [
  {
    name: 'unknown key with suggestion',
    file: 'applications: [{ id: "100206", kinds: web }]',
    want: {
      pointer: '/applications/0/kinds',
      keyword: 'additionalProperties',
      atKey: true,
      suggest: ['kind'],
      message:
        'unknown key `kinds` in application (allowed: id, name, description, tags, owner, lifecycle, kind, language, tech, logic, calls, routes, uses, endpoints, deployedOn, domains, layer, repository)',
    },
  },
  {
    name: 'unknown section',
    file: 'aplications: []',
    want: {
      pointer: '/aplications',
      keyword: 'additionalProperties',
      atKey: true,
      suggest: ['applications'],
    },
  },
  {
    name: 'unknown key in a section',
    file: 'physical: { regionz: [] }',
    want: {
      pointer: '/physical/regionz',
      keyword: 'additionalProperties',
      suggest: ['regions'],
      message:
        'unknown key `regionz` in physical section (allowed: regions, datacenters, networks, clusters, domains)',
    },
  },
  {
    name: 'enum with got value',
    file: 'applications: [{ id: "100206", kind: webapp }]',
    want: {
      pointer: '/applications/0/kind',
      keyword: 'enum',
      suggest: ['web'],
      message:
        '`kind` must be one of web, mobile, gateway, api, backend, admin, job, middleware; got `webapp`',
    },
  },
  {
    name: 'nested enum',
    file: 'physical: { domains: [{ host: a.com, plan: renam }] }',
    want: {
      pointer: '/physical/domains/0/plan',
      keyword: 'enum',
      suggest: ['rename'],
      message: '`plan` must be one of keep, rename, retire, merge, redirect; got `renam`',
    },
  },
  {
    name: 'missing required',
    file: 'applications: [{ name: x }]',
    want: {
      pointer: '/applications/0',
      keyword: 'required',
      message: '`id` is required in application',
    },
  },
  {
    name: 'two missing required at one node merge',
    file: 'data: { entities: [{ name: x }] }',
    want: {
      pointer: '/data/entities/0',
      keyword: 'required',
      message: '`id` and `category` are required in entity',
    },
  },
  {
    name: 'missing required in a nested element',
    file: 'business: { processes: [{ id: p, steps: [{ name: s }] }] }',
    want: {
      pointer: '/business/processes/0/steps/0',
      keyword: 'required',
      message: '`id` is required in process step',
    },
  },
  {
    name: 'domain needs host or address + port',
    file: 'physical: { domains: [{ address: 10.0.0.5 }] }',
    want: {
      pointer: '/physical/domains/0',
      keyword: 'required',
      message: '`host` (or `address` and `port`) is required in domain',
    },
  },
  {
    name: 'pattern on app id',
    file: 'applications: [{ id: "10026" }]',
    want: {
      pointer: '/applications/0/id',
      keyword: 'pattern',
      message: '`id` must be a 6-digit string like "100206"; got `10026`',
    },
  },
  {
    name: 'unquoted app id',
    file: 'applications: [{ id: 100206 }]',
    want: {
      pointer: '/applications/0/id',
      keyword: 'type',
      message:
        '`id` must be a 6-digit string like "100206"; got integer `100206` (put it in quotes)',
    },
  },
  {
    name: 'pattern on product-line code',
    file: 'productLines: [{ code: "1" }]',
    want: {
      pointer: '/productLines/0/code',
      keyword: 'pattern',
      message: '`code` must be a 2-digit code like "02"; got `1`',
    },
  },
  {
    name: 'pattern on subsystem code',
    file: 'subsystems: [{ code: "002", productLine: "10" }]',
    want: {
      pointer: '/subsystems/0/code',
      keyword: 'pattern',
      message: '`code` must be a 2-digit code like "02"; got `002`',
    },
  },
  {
    name: 'pattern on service-center subsystem',
    file: 'serviceCenters: [{ id: c, subsystem: "201" }]',
    want: {
      pointer: '/serviceCenters/0/subsystem',
      keyword: 'pattern',
      message:
        '`subsystem` must be a 4-digit string (product-line code + subsystem code) like "2001"; got `201`',
    },
  },
  {
    name: 'wrong type at the root',
    file: '- applications',
    want: { pointer: '', keyword: 'type', message: 'the model file must be a map; got a list' },
  },
  {
    name: 'wrong type of a section',
    file: 'applications: { id: "100206" }',
    want: {
      pointer: '/applications',
      keyword: 'type',
      message: '`applications` must be a list; got a map',
    },
  },
  {
    name: 'wrong type deep down',
    file: 'applications: [{ id: "100206", endpoints: [{ port: 80a }] }]',
    want: {
      pointer: '/applications/0/endpoints/0/port',
      keyword: 'type',
      message: '`port` must be an integer; got string `"80a"`',
    },
  },
  {
    name: 'wrong type of a list item',
    file: 'applications: [{ id: "100206", tech: [IIS, 4.5] }]',
    want: {
      pointer: '/applications/0/tech/1',
      keyword: 'type',
      message: '`tech[1]` must be a string; got number `4.5` (put it in quotes)',
    },
  },
  {
    name: 'string-or-list field',
    file: 'data: { stateMachines: [{ id: m, entity: o, initial: a, states: [], transitions: [{ from: { a: 1 }, to: b }] }] }',
    want: {
      pointer: '/data/stateMachines/0/transitions/0/from',
      keyword: 'type',
      message: '`from` must be a string or a list; got a map',
    },
  },
  {
    name: 'bad date',
    file: 'planning: { decisions: [{ id: d, date: 2026-13-01 }] }',
    want: {
      pointer: '/planning/decisions/0/date',
      keyword: 'format',
      message: '`date` must be a date like 2026-11-02; got `2026-13-01`',
    },
  },
];

/** Each case yields exactly one issue. */
describe('validateSectionFile: one issue per problem', () => {
  it.each(CASES)('$name', ({ file, want }) => {
    const issues = validateSectionFile(yaml(file));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject(want);
  });
});

describe('validateSectionFile: anyOf/oneOf reports one branch', () => {
  it.each([
    {
      name: 'deployedOn item is a number',
      file: 'applications: [{ id: "100206", deployedOn: [web, 5] }]',
      want: {
        pointer: '/applications/0/deployedOn/1',
        keyword: 'type',
        message:
          '`deployedOn[1]` must be a cluster id, or a map { cluster, replicas, image, cpu, memory }; got integer `5`',
      },
    },
    {
      name: 'deployedOn map with an unknown key',
      file: 'applications: [{ id: "100206", deployedOn: [{ cluster: k8s, replica: 3 }] }]',
      want: {
        pointer: '/applications/0/deployedOn/0/replica',
        keyword: 'additionalProperties',
        atKey: true,
        suggest: ['replicas'],
      },
    },
    {
      name: 'deployedOn map without cluster',
      file: 'applications: [{ id: "100206", deployedOn: [{ replicas: 3 }] }]',
      want: {
        pointer: '/applications/0/deployedOn/0',
        keyword: 'required',
        message: '`cluster` is required in deployment',
      },
    },
    {
      name: 'kind list with a bad value',
      file: 'applications: [{ id: "100206", kind: [web, gatewy] }]',
      want: {
        pointer: '/applications/0/kind/1',
        keyword: 'enum',
        suggest: ['gateway'],
        message:
          '`kind[1]` must be one of web, mobile, gateway, api, backend, admin, job, middleware; got `gatewy`',
      },
    },
    {
      name: 'kind of the wrong type',
      file: 'applications: [{ id: "100206", kind: 5 }]',
      want: {
        pointer: '/applications/0/kind',
        keyword: 'type',
        message:
          '`kind` must be one of web, mobile, gateway, api, backend, admin, job, middleware, or a list of those; got integer `5`',
      },
    },
    {
      name: 'concept attribute of the wrong type',
      file: 'domainModel: { concepts: [{ id: c, attributes: [a, true] }] }',
      want: { pointer: '/domainModel/concepts/0/attributes/1', keyword: 'type' },
    },
  ])('$name', ({ file, want }) => {
    const issues = validateSectionFile(yaml(file));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject(want);
  });
});

describe('validateSectionFile: several problems', () => {
  it('reports an unknown key and other errors of the same element, each once', () => {
    const issues = validateSectionFile(
      yaml('applications: [{ kinds: web, kind: webapp, id: "1" }]'),
    );
    expect(issues.map((i) => `${i.pointer} ${i.keyword}`).sort()).toEqual([
      '/applications/0/id pattern',
      '/applications/0/kind enum',
      '/applications/0/kinds additionalProperties',
    ]);
  });

  it('never gives two messages for one pointer and keyword', () => {
    const issues = validateSectionFile(
      yaml('data: { entities: [{ attributes: [{ type: 1, pk: x }] }], bogus: 1 }'),
    );
    const keys = issues.map((i) => `${i.pointer} ${i.keyword}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reports an enum value of the wrong type once, as a type error', () => {
    const issues = validateSectionFile(
      yaml('applications: [{ id: "100206", uses: [{ database: db, access: 1 }] }]'),
    );
    expect(issues).toEqual([
      {
        pointer: '/applications/0/uses/0/access',
        keyword: 'type',
        message: '`access` must be one of read, write, readwrite; got integer `1`',
      },
    ]);
  });
});

describe('validateSectionFile: long lists', () => {
  /** `n` good entities; `bad` maps an index to what replaces that entity. */
  const entities = (n: number, bad: Record<number, unknown>): unknown[] =>
    Array.from({ length: n }, (_, i) => bad[i] ?? { id: `e${i}`, category: 'c' });

  it('reports bad items anywhere in a long list, by their own index, as in a short one', () => {
    // Items past the first few hundred are checked one by one; nothing must tell.
    const attributes: object[] = Array.from({ length: 300 }, (_, i) => ({ name: `a${i}` }));
    attributes[260] = { name: 'a260', pk: 'yes' };
    const data = {
      data: {
        entities: entities(450, {
          5: { id: 'e5' },
          250: { id: 'e250', category: 'c', colour: 'red' },
          449: 7,
          // a long list inside an item of the cut-off part
          320: { id: 'e320', category: 'c', attributes },
        }),
      },
    };
    expect(validateSectionFile(data).map((i) => `${i.pointer} ${i.keyword} ${i.message}`)).toEqual([
      '/data/entities/5 required `category` is required in entity',
      '/data/entities/250/colour additionalProperties unknown key `colour` in entity (allowed: id, name, description, tags, owner, lifecycle, category, ownedBy, table, attributes, relations)',
      '/data/entities/320/attributes/260/pk type `pk` must be true or false; got string `"yes"`',
      '/data/entities/449 type `entities[449]` must be a map; got integer `7`',
    ]);
  });

  it('keeps minItems and the rest of the file checked when a list is cut', () => {
    const issues = validateSectionFile({ data: { entities: entities(300, {}), bogus: 1 } });
    expect(issues.map((i) => i.pointer)).toEqual(['/data/bogus']);
  });

  it('stops after the limit, saying so, and a million bad items cost about as much as a thousand', () => {
    const started = performance.now();
    const check = checkSectionFile({ businessLogic: new Array<number>(1_000_000).fill(1) }, 1000);
    expect(check.complete).toBe(false);
    expect(check.issues).toHaveLength(1000);
    expect(check.issues[999]?.message).toBe('`businessLogic[999]` must be a map; got integer `1`');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(checkSectionFile({ businessLogic: [1, 2] }, 1000).complete).toBe(true);
  });

  it('does not serialise a huge mapping once per unknown key', () => {
    const huge = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    const started = performance.now();
    const issues = validateSectionFile({ business: huge });
    expect(issues).toHaveLength(50_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('valid files', () => {
  it('accepts a full section file built from model.md', () => {
    expect(validateSectionFile(yaml(SECTION_FILE))).toEqual([]);
  });

  it('accepts a manifest', () => {
    expect(validateManifest(yaml(MANIFEST))).toEqual([]);
  });

  it('accepts $schema in a section file', () => {
    expect(
      validateSectionFile({ $schema: '../schema/model.schema.json', applications: [] }),
    ).toEqual([]);
  });
});

describe('validateManifest', () => {
  it.each([
    {
      name: 'bad lang',
      file: 'archgen: 1\ndocument: { lang: fr }',
      want: {
        pointer: '/document/lang',
        keyword: 'enum',
        message: '`lang` must be one of zh-CN, en; got `fr`',
      },
    },
    {
      name: 'missing archgen',
      file: 'include: ["*.yaml"]',
      want: { pointer: '', keyword: 'required', message: '`archgen` is required in manifest' },
    },
    {
      name: 'unknown format version',
      file: 'archgen: 2',
      want: { pointer: '/archgen', keyword: 'const', message: '`archgen` must be 1; got `2`' },
    },
    {
      name: 'bad rule severity',
      file: 'archgen: 1\nrules: { sync-cycle: warning }',
      want: { pointer: '/rules/sync-cycle', keyword: 'enum', suggest: ['warn'] },
    },
    {
      name: 'diagram budget below 1',
      file: 'archgen: 1\ndiagrams: { maxNodes: 0 }',
      want: {
        pointer: '/diagrams/maxNodes',
        keyword: 'minimum',
        message: '`maxNodes` must be at least 1; got `0`',
      },
    },
    {
      name: 'unquoted version',
      file: 'archgen: 1\ndocument: { version: 0.3 }',
      want: {
        pointer: '/document/version',
        keyword: 'type',
        message: '`version` must be a string; got number `0.3` (put it in quotes)',
      },
    },
  ])('$name', ({ file, want }) => {
    const issues = validateManifest(yaml(file));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject(want);
  });
});

describe('schema files', () => {
  const dir = new URL('../../schema/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json'));
  const load = (f: string): Record<string, unknown> =>
    JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Record<string, unknown>;

  /** Visits every schema object with its JSON pointer. */
  function walk(
    node: unknown,
    at: string,
    visit: (n: Record<string, unknown>, at: string) => void,
  ): void {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`, visit));
    else if (node && typeof node === 'object') {
      visit(node as Record<string, unknown>, at);
      for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`, visit);
    }
  }

  it('are the nine expected files', () => {
    expect(files.sort()).toEqual(
      [
        'applications',
        'business',
        'common',
        'data',
        'manifest',
        'model',
        'physical',
        'planning',
        'services',
      ].map((n) => `${n}.schema.json`),
    );
  });

  it.each(files)('%s has $id and draft 2020-12 $schema', (f) => {
    const doc = load(f);
    expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.$id).toBe(`https://archgen.dev/schema/${f}`);
  });

  it.each(files)(
    '%s: every property has a description, every required name is a property, every $ref names its file',
    (f) => {
      const problems: string[] = [];
      walk(load(f), '', (n, at) => {
        const props = n.properties as Record<string, Record<string, unknown>> | undefined;
        if (props && typeof props === 'object' && !at.endsWith('/properties')) {
          for (const [k, p] of Object.entries(props))
            if (typeof p.description !== 'string')
              problems.push(`${at}/properties/${k}: no description`);
          for (const r of (n.required as string[] | undefined) ?? [])
            if (!(r in props)) problems.push(`${at}: required ${r} is not a property`);
          for (const b of (n.anyOf as Record<string, unknown>[] | undefined) ?? [])
            for (const r of (b.required as string[] | undefined) ?? [])
              if (!(r in props)) problems.push(`${at}: anyOf requires ${r}, not a property`);
        }
        if (n.type === 'object' && n.additionalProperties === undefined)
          problems.push(`${at}: no additionalProperties`);
        if (typeof n.$ref === 'string' && !/^[a-z]+\.schema\.json#\/\$defs\/\w+$/.test(n.$ref))
          problems.push(`${at}: $ref ${n.$ref} must name its file`);
      });
      expect(problems).toEqual([]);
    },
  );
});
