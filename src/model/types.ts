/**
 * TypeScript view of the model format (model.md). The JSON Schemas in `schema/` are the source
 * of truth for validation; these types describe what the rest of archgen reads after a file has
 * passed them. Every field not marked required in model.md is optional here.
 */

export type Lifecycle = 'current' | 'planned' | 'retiring' | 'retired';

/** Fields every element, nested ones included, may carry. */
export interface Common {
  name?: string;
  /** Markdown. */
  description?: string;
  tags?: string[];
}

/** Fields of top-level elements. */
export interface TopLevel extends Common {
  /** Org-unit id of the accountable team. */
  owner?: string;
  lifecycle?: Lifecycle;
}

export interface Manifest {
  archgen: number;
  enterprise?: { name?: string; description?: string };
  document?: {
    title?: string;
    version?: string;
    lang?: 'zh-CN' | 'en';
    authors?: string[];
    changelog?: { version?: string; date?: string; summary?: string; author?: string }[];
  };
  include?: string[];
  rules?: Record<string, 'error' | 'warn' | 'off'>;
  /** Diagram size budgets (render). */
  diagrams?: {
    maxNodes?: number;
    maxEdges?: number;
    maxErEntities?: number;
    maxOverviewNodes?: number;
  };
}

// ---------- business ----------
export type PartyKind =
  'customer' | 'supplier' | 'partner' | 'platform' | 'distributor' | 'regulator';
export interface Party extends TopLevel {
  id: string;
  kind?: PartyKind;
}
export interface Competitor extends TopLevel {
  id: string;
  strengths?: string[];
  weaknesses?: string[];
}
export interface OrgUnit extends TopLevel {
  id: string;
  parent?: string;
  headcount?: number;
}
export interface Stage extends Common {
  id: string;
  next?: string[];
}
export interface ProcessStep extends Common {
  id: string;
  /** A party, role or org-unit id. */
  actor?: string;
  next?: string[];
  /** Application id(s) performing the step. */
  app?: string | string[];
  /** `center.service` (or a list) performing the step. */
  service?: string | string[];
}
export interface Process extends TopLevel {
  id: string;
  steps?: ProcessStep[];
}
export interface Role extends TopLevel {
  id: string;
  party?: string;
}
export interface BusinessFunction extends Common {
  id: string;
  roles?: string[];
}
export interface FunctionModule extends TopLevel {
  id: string;
  party?: string;
  functions?: BusinessFunction[];
}
export interface Business {
  mainBusiness?: string;
  businessModel?: string;
  parties?: Party[];
  competitors?: Competitor[];
  orgUnits?: OrgUnit[];
  operatingModel?: { stages?: Stage[] };
  processes?: Process[];
  roles?: Role[];
  functions?: FunctionModule[];
}

// ---------- applications ----------
export type AppKind =
  'web' | 'mobile' | 'gateway' | 'api' | 'backend' | 'admin' | 'job' | 'middleware';
export type Protocol =
  | 'rest'
  | 'http'
  | 'grpc'
  | 'thrift'
  | 'dubbo'
  | 'rmi'
  | 'soap'
  | 'mq'
  | 'smtp'
  | 'ftp'
  | 'db'
  | 'other';
export interface ProductLine extends TopLevel {
  code: string;
  id?: string;
}
export interface Subsystem extends TopLevel {
  code: string;
  productLine: string;
}
export interface BusinessLogic extends TopLevel {
  id: string;
  process?: string;
}
export interface Call extends Common {
  target: string;
  protocol?: Protocol;
  detail?: string;
  sync?: boolean;
  operations?: string[];
}
export interface Route extends Common {
  path?: string;
  paths?: string[];
  target: string;
  protocol?: Protocol;
}
export interface DbUse extends Common {
  database: string;
  access?: 'read' | 'write' | 'readwrite';
}
export interface Endpoint extends Common {
  port: number;
  protocol?: string;
  exposure?: 'cluster' | 'node' | 'loadbalancer' | 'ingress' | 'external';
  nodePort?: number;
  path?: string;
}
export interface Deployment extends Common {
  cluster: string;
  replicas?: number;
  image?: string;
  cpu?: string | number;
  memory?: string;
}
export interface Application extends TopLevel {
  id: string;
  kind?: AppKind | AppKind[];
  language?: string;
  tech?: string[];
  logic?: string[];
  calls?: Call[];
  routes?: Route[];
  uses?: DbUse[];
  endpoints?: Endpoint[];
  deployedOn?: (string | Deployment)[];
  domains?: string[];
  layer?: string;
  repository?: string;
}
export interface ExternalSystem extends TopLevel {
  id: string;
  party?: string;
  host?: string;
  port?: number;
  protocol?: Protocol;
}

// ---------- service centers ----------
export interface Service extends Common {
  id: string;
  protocol?: Protocol;
  operations?: string[];
  channel?: string;
  implementedBy?: string | string[];
  sync?: boolean;
}
export interface ServiceCenter extends TopLevel {
  id: string;
  process?: string;
  subsystem?: string;
  implementedBy?: string[];
  discovery?: 'eureka' | 'consul' | 'etcd' | 'zookeeper' | 'kubernetes' | 'dns' | 'static';
  services?: Service[];
  dependsOn?: string[];
}

// ---------- data ----------
export interface DataCategory extends TopLevel {
  id: string;
}
export interface Attribute extends Common {
  name: string;
  type?: string;
  pk?: boolean;
  nullable?: boolean;
  unique?: boolean;
  comment?: string;
  ref?: string | string[];
  array?: boolean;
  embedded?: string;
}
export type Cardinality = 'one-to-one' | 'one-to-many' | 'many-to-one' | 'many-to-many';
export interface Relation extends Common {
  to: string;
  cardinality?: Cardinality;
  label?: string;
}
export interface Entity extends TopLevel {
  id: string;
  category: string;
  ownedBy?: string;
  table?: string;
  attributes?: Attribute[];
  relations?: Relation[];
}
export type DbKind = 'oltp' | 'log' | 'cache' | 'search' | 'document' | 'warehouse';
export interface Database extends TopLevel {
  id: string;
  engine?: string;
  kind?: DbKind;
  schema?: string;
  productLine?: string;
  ownedBy?: string;
  entities?: string[];
  cluster?: string;
  note?: string;
}
export interface State extends Common {
  id: string;
  value?: string | number;
  final?: boolean;
}
export interface Transition extends Common {
  from: string | string[];
  to: string;
  trigger?: string;
  service?: string;
  after?: string;
  guard?: string;
}
export interface StateMachine extends TopLevel {
  id: string;
  entity: string | string[];
  attribute?: string;
  initial: string;
  creation?: { trigger?: string; service?: string };
  states: State[];
  transitions?: Transition[];
}
export interface Data {
  categories?: DataCategory[];
  entities?: Entity[];
  databases?: Database[];
  stateMachines?: StateMachine[];
}

// ---------- physical ----------
export interface Region extends TopLevel {
  id: string;
}
export interface DcLink extends Common {
  to: string;
  kind?: string;
  bandwidth?: string;
}
export interface Datacenter extends TopLevel {
  id: string;
  region?: string;
  kind?: 'idc' | 'cloud-region' | 'cloud-zone' | 'office';
  location?: string;
  links?: DcLink[];
}
export interface Network extends TopLevel {
  id: string;
  zone?: 'internal' | 'external' | 'dmz';
  cidr?: string;
}
export interface Capacity {
  unit?: 'nodes' | 'pods' | 'vcpu';
  current?: number;
  implemented?: number;
  designed?: number;
  planned?: number;
}
export type ClusterKind =
  | 'web'
  | 'soa'
  | 'middleware'
  | 'database'
  | 'job'
  | 'itd'
  | 'cache'
  | 'search'
  | 'mq'
  | 'gateway'
  | 'kubernetes'
  | 'other';
export interface Cluster extends TopLevel {
  id: string;
  kind?: ClusterKind;
  datacenter?: string;
  network?: string;
  namespace?: string;
  productLines?: string[];
  capacity?: Capacity;
  middleware?: string[];
}
export interface Domain extends TopLevel {
  host?: string;
  address?: string;
  port?: number;
  visibility?: 'internal' | 'external';
  target?: string;
  plan?: 'keep' | 'rename' | 'retire' | 'merge' | 'redirect';
  /** Where a renamed, retired or merged name redirects to. */
  redirect?: string;
}
export interface Physical {
  regions?: Region[];
  datacenters?: Datacenter[];
  networks?: Network[];
  clusters?: Cluster[];
  domains?: Domain[];
}

// ---------- domain model and planning ----------
export interface GlossaryEntry extends Common {
  term: string;
  definition?: string;
  synonyms?: string[];
}
export interface Concept extends TopLevel {
  id: string;
  attributes?: (string | Common)[];
  behaviours?: string[];
  relations?: { to: string; label?: string }[];
  process?: string;
}
export interface DomainModel {
  glossary?: GlossaryEntry[];
  concepts?: Concept[];
}
export interface Principle extends TopLevel {
  id: string;
  statement?: string;
  rationale?: string;
  implications?: string | string[];
}
export interface Decision extends TopLevel {
  id: string;
  title?: string;
  status?: 'proposed' | 'accepted' | 'rejected' | 'deprecated' | 'superseded';
  date?: string;
  context?: string;
  decision?: string;
  consequences?: string;
}
export interface Layer extends TopLevel {
  id: string;
}
export interface WorkItem extends Common {
  id: string;
  delivers?: string[];
  project?: string;
}
export interface Phase extends TopLevel {
  id: string;
  start?: string;
  end?: string;
  goals?: string[];
  workItems?: WorkItem[];
}
export interface Planning {
  principles?: Principle[];
  decisions?: Decision[];
  layers?: Layer[];
  phases?: Phase[];
}

/** The merged model: every section from every loaded file. */
export interface Model {
  business: Business;
  productLines: ProductLine[];
  subsystems: Subsystem[];
  applications: Application[];
  businessLogic: BusinessLogic[];
  serviceCenters: ServiceCenter[];
  externalSystems: ExternalSystem[];
  data: Data;
  physical: Physical;
  domainModel: DomainModel;
  planning: Planning;
}

/** The names of top-level sections a model file may hold. */
export const SECTION_NAMES = [
  'business',
  'productLines',
  'subsystems',
  'applications',
  'businessLogic',
  'serviceCenters',
  'externalSystems',
  'data',
  'physical',
  'domainModel',
  'planning',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];
