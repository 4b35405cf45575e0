/**
 * A small model built in TypeScript for the report tests: a few apps (Chinese names included),
 * two service centers, entities in one database, clusters with capacity plans, a process, a
 * state machine; fake diagram specs and tiny SVGs; and an injection variant.
 */
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { DiagramSpec } from '../../src/diagrams/types.js';
import { buildGraph, type ModelGraph } from '../../src/model/graph.js';
import type { Manifest, Model } from '../../src/model/types.js';

/** The fixture manifest. */
export const manifest: Manifest = {
  archgen: 1,
  enterprise: {
    name: 'Skyway Travel 天路旅行',
    description: 'Online air tickets for **agents** and suppliers.',
  },
  document: {
    title: '企业总体架构',
    version: '0.3',
    lang: 'zh-CN',
    authors: ['Zhang Hui', 'Li Na'],
    changelog: [
      { version: '0.2', date: '2026-09-01', summary: 'Data chapter' },
      { version: '0.3', date: '2026-11-02', summary: 'SOA plan added', author: 'Zhang Hui' },
    ],
  },
};

/** The fixture model. */
export function fixtureModel(): Model {
  return {
    business: {
      mainBusiness: 'B2B and B2C air tickets for **purchasers** (agents) and suppliers.',
      businessModel: 'Commission on each ticket sold; see [the plan](#phase-phase-1).',
      parties: [
        { id: 'purchaser', name: '采购商', kind: 'customer' },
        { id: 'platform', name: 'Platform', kind: 'platform' },
      ],
      orgUnits: [
        { id: 'ceo-office', name: 'CEO office', headcount: 5 },
        { id: 'rd', name: '研发中心', parent: 'ceo-office', headcount: 200 },
      ],
      processes: [
        {
          id: 'booking',
          name: '预订流程',
          owner: 'rd',
          description: 'From search to seats on hold.',
          steps: [
            {
              id: 'search',
              name: 'Search flights',
              actor: 'purchaser',
              next: ['hold'],
              app: '100301',
            },
            {
              id: 'hold',
              name: 'Hold seats',
              actor: 'platform',
              service: 'order-center.create-order',
            },
          ],
        },
      ],
      roles: [
        { id: 'purchaser-admin', name: 'Purchaser admin', party: 'purchaser' },
        { id: 'operator', name: '平台运营', party: 'platform' },
      ],
      functions: [
        {
          id: 'order-mgmt',
          name: '在线订单管理',
          party: 'purchaser',
          functions: [
            { id: 'today-orders', name: '当日最新订单', roles: ['purchaser-admin', 'operator'] },
            { id: 'refunds', name: 'Refunds', roles: ['operator'] },
          ],
        },
      ],
    },
    productLines: [
      { code: '10', id: 'ft', name: '国内机票' },
      { code: '20', id: 'cbs', name: 'Common business' },
    ],
    subsystems: [
      { code: '02', productLine: '10', name: '订单子系统' },
      { code: '03', productLine: '10', name: 'Web' },
      { code: '01', productLine: '20', name: 'Order services' },
    ],
    businessLogic: [
      { id: 'booking-logic', name: '预订逻辑', process: 'booking' },
      { id: 'order-logic', name: '订单处理逻辑', process: 'order-processing' },
      { id: 'refund-logic', name: 'Refund logic' },
    ],
    applications: [
      {
        id: '100301',
        name: '采购商网站',
        kind: 'web',
        language: 'C#',
        tech: ['.NET 4.5', 'IIS'],
        logic: ['booking-logic', 'order-logic'],
        calls: [
          { target: 'order-center.create-order', protocol: 'rest' },
          { target: '100201', protocol: 'http' },
          { target: 'sms-gateway', protocol: 'smtp' },
        ],
        uses: [{ database: 'ft-order-db', access: 'read' }],
        deployedOn: ['web-cluster-sh'],
        domains: ['b2b.example.com'],
      },
      {
        id: '100302',
        name: 'Supplier web',
        kind: 'web',
        lifecycle: 'retiring',
        logic: ['booking-logic'],
        calls: [{ target: 'order-center', protocol: 'rest' }],
        deployedOn: ['web-cluster-sh'],
      },
      {
        id: '100201',
        name: '订单后台',
        kind: 'backend',
        language: 'Java',
        logic: ['order-logic', 'booking-logic'],
        uses: [{ database: 'ft-order-db', access: 'readwrite' }],
        deployedOn: [{ cluster: 'soa-cluster', replicas: 2 }],
      },
      {
        id: '200101',
        name: 'Order service host',
        kind: 'backend',
        language: 'Go',
        uses: [{ database: 'ft-order-db', access: 'write' }],
        deployedOn: ['soa-cluster'],
      },
      {
        id: '200102',
        name: '移动端',
        kind: 'mobile',
        lifecycle: 'planned',
        calls: [{ target: 'common-center.send-sms', protocol: 'mq' }],
      },
    ],
    serviceCenters: [
      {
        id: 'order-center',
        name: '订单处理服务',
        process: 'order-processing',
        implementedBy: ['200101'],
        discovery: 'consul',
        services: [
          {
            id: 'create-order',
            name: 'Create order',
            protocol: 'rest',
            operations: ['POST /orders'],
          },
          { id: 'order-paid', name: 'Order paid event', protocol: 'mq', channel: 'order.paid' },
        ],
      },
      {
        id: 'common-center',
        name: '公共服务',
        lifecycle: 'planned',
        services: [{ id: 'send-sms', name: 'Send SMS', protocol: 'mq', channel: 'sms.send' }],
      },
    ],
    externalSystems: [
      { id: 'sms-gateway', name: '163 mail SMTP', host: 'smtp.163.com', port: 465 },
    ],
    data: {
      categories: [{ id: 'order', name: '订单' }],
      entities: [
        {
          id: 'order',
          name: '订单',
          category: 'order',
          ownedBy: 'order-center',
          table: 't_order',
          attributes: [
            { name: 'id', type: 'bigint', pk: true },
            { name: 'status', type: 'int' },
          ],
        },
        {
          id: 'passenger',
          name: '乘客',
          category: 'order',
          ownedBy: 'order-center',
          attributes: [{ name: 'id', pk: true }],
        },
      ],
      databases: [
        {
          id: 'ft-order-db',
          name: 'FT\\DB 国内机票订单库',
          engine: 'sqlserver',
          kind: 'oltp',
          productLine: '10',
          ownedBy: 'order-center',
          entities: ['order', 'passenger'],
          cluster: 'db-cluster',
        },
      ],
      stateMachines: [
        {
          id: 'domestic-order',
          name: '国内订单状态',
          entity: 'order',
          attribute: 'status',
          initial: 'awaiting-payment',
          creation: { trigger: 'place order', service: 'order-center.create-order' },
          states: [
            { id: 'awaiting-payment', name: '等待支付', value: 0 },
            { id: 'paid', name: '支付成功', value: 1 },
            { id: 'closed', name: '已关闭', value: 2, final: true },
          ],
          transitions: [
            {
              from: 'awaiting-payment',
              to: 'paid',
              trigger: 'pay',
              service: 'order-center.create-order',
            },
            { from: 'awaiting-payment', to: 'closed', trigger: 'timeout', after: '30m' },
          ],
        },
      ],
    },
    physical: {
      regions: [{ id: 'east', name: '华东' }],
      datacenters: [
        {
          id: 'sh-idc1',
          name: '上海机房1',
          region: 'east',
          kind: 'idc',
          links: [{ to: 'bj-idc1', kind: 'dedicated-line', bandwidth: '100Mbps' }],
        },
        { id: 'bj-idc1', name: '北京机房1', kind: 'idc' },
      ],
      networks: [{ id: 'intranet', name: '内网', zone: 'internal' }],
      clusters: [
        {
          id: 'web-cluster-sh',
          name: 'Web 集群',
          kind: 'web',
          datacenter: 'sh-idc1',
          network: 'intranet',
          productLines: ['10'],
          capacity: { unit: 'nodes', current: 8, implemented: 12, designed: 40, planned: 160 },
        },
        {
          id: 'soa-cluster',
          name: 'SOA 集群',
          kind: 'soa',
          datacenter: 'sh-idc1',
          productLines: ['10', '20'],
          capacity: { unit: 'nodes', current: 10, implemented: 12, designed: 30, planned: 100 },
        },
        {
          id: 'db-cluster',
          name: '数据库集群',
          kind: 'database',
          datacenter: 'bj-idc1',
          lifecycle: 'planned',
        },
      ],
      domains: [
        { host: 'b2b.example.com', visibility: 'external', target: 'web-cluster-sh', plan: 'keep' },
      ],
    },
    domainModel: {
      glossary: [{ term: 'PNR', definition: 'Passenger name record', synonyms: ['订座记录'] }],
    },
    planning: {
      principles: [
        {
          id: 'one-logic-one-place',
          name: '一处逻辑一处实现',
          statement: 'Each logic is implemented once, in its service center.',
        },
      ],
      phases: [
        {
          id: 'phase-1',
          name: '改造一期',
          start: '2026-01-01',
          end: '2026-03-31',
          workItems: [
            { id: 'soa-order', name: 'Order service center', delivers: ['order-center', '200102'] },
          ],
        },
      ],
      decisions: [
        {
          id: 'adr-001',
          title: 'Consul for discovery',
          status: 'accepted',
          date: '2026-10-01',
          decision: 'Use Consul.',
        },
      ],
    },
  };
}

/** The model graph, built the way the pipeline builds it. */
export function graphOf(model: Model): ModelGraph {
  return buildGraph(model);
}

const svg = (label: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 60" width="240" height="60"><rect x="1" y="1" width="238" height="58" rx="8" fill="#eef4fb" stroke="#1f6fb2"/><text x="120" y="36" text-anchor="middle" font-size="16">${label}</text></svg>`;

/** Fake diagram specs, one or two per chapter; the call graph is split into two parts. */
export const diagrams: DiagramSpec[] = [
  {
    id: 'process-booking',
    kind: 'process',
    title: '预订流程',
    source: 'flowchart LR\n  a[Search] --> b[Hold]',
    elements: ['booking'],
    subject: 'booking',
  },
  {
    id: 'app-map',
    kind: 'app-map',
    title: '应用全景图',
    source: 'flowchart TB\n  a --> b',
    elements: ['100301'],
  },
  {
    id: 'call-graph-1',
    kind: 'call-graph',
    title: '调用关系 (1/2)',
    source: 'flowchart LR\n  x --> y',
    elements: ['100301'],
    links: [{ id: 'call-graph-2', title: '调用关系 (2/2)' }],
  },
  {
    id: 'call-graph-2',
    kind: 'call-graph',
    title: '调用关系 (2/2)',
    source: 'flowchart LR\n  y --> z',
    elements: ['100201'],
    links: [{ id: 'call-graph-1', title: '调用关系 (1/2)' }],
  },
  {
    id: 'er-overview',
    kind: 'er-overview',
    title: '高层 E-R',
    source: 'erDiagram\n  ORDER ||--o{ PASSENGER : carries',
    elements: ['order'],
  },
  {
    id: 'state-domestic-order',
    kind: 'state-machine',
    title: '国内订单状态',
    source: 'stateDiagram-v2\n  [*] --> awaiting',
    elements: ['order'],
    subject: 'domestic-order',
  },
  {
    id: 'clusters',
    kind: 'clusters',
    title: '集群拓扑',
    source: 'flowchart LR\n  w --> s',
    elements: ['web-cluster-sh'],
  },
  {
    id: 'roadmap',
    kind: 'roadmap',
    title: '路线图',
    source: 'gantt\n  title Roadmap',
    elements: ['phase-1'],
  },
];

/** Tiny SVGs for every fake diagram. */
export const svgs = new Map(diagrams.map((d) => [d.id, svg(d.title)]));

/** mermaid sources by diagram id. */
export const sources = new Map(diagrams.map((d) => [d.id, d.source]));

/** Two findings for the validation report. */
export const diagnostics: Diagnostic[] = [
  {
    code: 'logic-duplication',
    severity: 'warn',
    message: 'booking-logic is implemented by 3 apps',
    file: 'model/applications.yaml',
    line: 4,
    column: 3,
  },
  {
    code: 'ref-resolves',
    severity: 'error',
    message: "'order-processing' does not match any process id",
    file: 'model/services.yaml',
    line: 5,
    column: 14,
  },
];

/** Payloads that must come out as text. */
export const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '"><svg onload=alert(1)>',
] as const;
const all = PAYLOADS.join(' ');

/** The fixture model with the payloads in names, ids, descriptions and labels. */
export function injectionModel(): Model {
  const m = fixtureModel();
  m.business.mainBusiness = [
    ...PAYLOADS,
    '<javascript:alert(2)>',
    '[ref][r]\n\n[r]: javascript:alert(3)',
    '![pixel](https://evil.example/pixel.png)',
    '[ok](https://example.com/ok) and [data](data:text/html;base64,PHNjcmlwdD4=)',
    '# A heading that must not become one',
    '```\nunclosed fence',
  ].join('\n\n');
  m.applications[0]!.name = `<script>alert(1)</script> pipe|name\nnext line`;
  m.applications[1]!.name = '"><svg onload=alert(1)>';
  m.applications[1]!.description = all;
  m.serviceCenters[0]!.name = '<img src=x onerror=alert(1)>';
  m.data.entities![1]!.id = 'x"><svg onload=alert(1)>';
  m.data.entities![1]!.name = '[x](javascript:alert(1))';
  m.data.databases![0]!.entities = ['order', 'x"><svg onload=alert(1)>'];
  m.business.processes![0]!.description = all;
  m.physical.clusters![0]!.name = '</style><script>alert(1)</script>';
  m.domainModel.glossary![0]!.definition = all;
  return m;
}

/** The fixture manifest with payloads on the cover. */
export const injectionManifest: Manifest = {
  ...manifest,
  enterprise: { name: '<script>alert(1)</script>', description: all },
  document: {
    ...manifest.document,
    title: '"><svg onload=alert(1)> __ARCHGEN_SCRIPT_HASHES__',
    authors: ['<img src=x onerror=alert(1)>'],
  },
};

/** Diagrams with payloads in titles, and SVGs carrying script. */
export const injectionDiagrams: DiagramSpec[] = diagrams.map((d) => ({
  ...d,
  title: `${d.title} <script>alert(1)</script>`,
}));
export const injectionSvgs = new Map(
  diagrams.map((d) => [
    d.id,
    `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" viewBox="0 0 10 10"><script>alert(1)</script><a href="javascript:alert(1)"><text>x</text></a><image href="https://evil.example/x.png"/><rect style="fill:url(https://evil.example/p)" marker-end="url(#arrow)"/></svg>`,
  ]),
);
