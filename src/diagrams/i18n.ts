import type { DiagramKind, Lang } from './types.js';

/** Words the generators print inside diagrams and captions, per document language. */
interface Words {
  titles: Record<DiagramKind, string>;
  overview: string;
  part: (n: number, of: number) => string;
  apps: (n: number) => string;
  entities: (n: number) => string;
  units: (n: number) => string;
  relations: (n: number) => string;
  headcount: (n: number) => string;
  externals: (n: number) => string;
  frontCount: (n: number) => string;
  implCount: (n: number) => string;
  more: (n: number) => string;
  unassigned: string;
  frontEnd: string;
  centers: string;
  implementers: string;
  implementedBy: string;
  anyState: string;
  noNetwork: string;
  noRegion: string;
  toPart: (n: number) => string;
}

const ZH: Words = {
  titles: {
    'org-chart': '组织结构',
    'operating-cycle': '运营模式',
    process: '业务流程',
    'app-map': '应用架构图',
    'call-graph': '接口调用关系',
    soa: 'SOA 服务架构',
    'er-overview': '高层 E-R 图',
    'er-category': 'E-R 图',
    'state-machine': '状态图',
    datacenters: '地域与机房',
    clusters: '集群部署',
    layers: '分层架构',
    roadmap: '实施路线图',
  },
  overview: '总览',
  part: (n, of) => `第 ${n}/${of} 部分`,
  apps: (n) => `${n} 个应用`,
  entities: (n) => `${n} 个实体`,
  units: (n) => `${n} 个部门`,
  relations: (n) => `${n} 个关联`,
  headcount: (n) => `${n} 人`,
  externals: (n) => `外部系统（${n} 个）`,
  frontCount: (n) => `${n} 个前端应用`,
  implCount: (n) => `${n} 个实现应用`,
  more: (n) => `另有 ${n} 项`,
  unassigned: '未归属',
  frontEnd: '前端应用',
  centers: '服务中心',
  implementers: '实现应用',
  implementedBy: '实现',
  anyState: '任一非终态',
  noNetwork: '未指定网络',
  noRegion: '未指定地域',
  toPart: (n) => `见第 ${n} 部分`,
};

const EN: Words = {
  titles: {
    'org-chart': 'Organisation chart',
    'operating-cycle': 'Operating cycle',
    process: 'Business process',
    'app-map': 'Application map',
    'call-graph': 'Call graph',
    soa: 'Service architecture (SOA)',
    'er-overview': 'High-level E-R diagram',
    'er-category': 'E-R diagram',
    'state-machine': 'State diagram',
    datacenters: 'Regions and datacenters',
    clusters: 'Clusters',
    layers: 'Layered architecture',
    roadmap: 'Roadmap',
  },
  overview: 'overview',
  part: (n, of) => `part ${n} of ${of}`,
  apps: (n) => `${n} app${n === 1 ? '' : 's'}`,
  entities: (n) => `${n} entit${n === 1 ? 'y' : 'ies'}`,
  units: (n) => `${n} unit${n === 1 ? '' : 's'}`,
  relations: (n) => `${n} relation${n === 1 ? '' : 's'}`,
  headcount: (n) => `${n} ${n === 1 ? 'person' : 'people'}`,
  externals: (n) => `External systems (${n})`,
  frontCount: (n) => `${n} front-end app${n === 1 ? '' : 's'}`,
  implCount: (n) => `${n} implementing app${n === 1 ? '' : 's'}`,
  more: (n) => `${n} more`,
  unassigned: 'Unassigned',
  frontEnd: 'Front-end applications',
  centers: 'Service centers',
  implementers: 'Implementing applications',
  implementedBy: 'implements',
  anyState: 'any non-final state',
  noNetwork: 'No network',
  noRegion: 'No region',
  toPart: (n) => `see part ${n}`,
};

/** The words for `lang`. */
export function words(lang: Lang): Words {
  return lang === 'zh-CN' ? ZH : EN;
}

/**
 * A diagram caption: "业务流程：预订流程" / "Business process: Booking", with an optional
 * qualifier such as a part number: "E-R 图：订单（第 2/3 部分）" / "E-R diagram: Order (part 2 of 3)".
 */
export function caption(
  lang: Lang,
  kind: DiagramKind,
  subject?: string,
  qualifier?: string,
): string {
  const base = words(lang).titles[kind];
  const zh = lang === 'zh-CN';
  const head = subject ? `${base}${zh ? '：' : ': '}${subject}` : base;
  if (!qualifier) return head;
  return zh ? `${head}（${qualifier}）` : `${head} (${qualifier})`;
}
