import type {
  Application,
  Attribute,
  BusinessFunction,
  BusinessLogic,
  Call,
  Cluster,
  Competitor,
  Concept,
  DataCategory,
  Database,
  Datacenter,
  DbUse,
  Decision,
  Domain,
  Entity,
  ExternalSystem,
  FunctionModule,
  Layer,
  Model,
  Network,
  OrgUnit,
  Party,
  Phase,
  Principle,
  Process,
  ProcessStep,
  ProductLine,
  Region,
  Role,
  Route,
  Service,
  ServiceCenter,
  Stage,
  State,
  StateMachine,
  Subsystem,
  WorkItem,
} from './types.js';

/**
 * Kinds of top-level elements: the list items the loader records an origin for, so findings
 * can be reported at them.
 */
export type ElementKind =
  | 'application'
  | 'productLine'
  | 'subsystem'
  | 'businessLogic'
  | 'serviceCenter'
  | 'externalSystem'
  | 'party'
  | 'competitor'
  | 'orgUnit'
  | 'stage'
  | 'process'
  | 'role'
  | 'functionModule'
  | 'category'
  | 'entity'
  | 'database'
  | 'stateMachine'
  | 'region'
  | 'datacenter'
  | 'network'
  | 'cluster'
  | 'domain'
  | 'concept'
  | 'principle'
  | 'decision'
  | 'layer'
  | 'phase';

/** Kinds of elements nested in a top-level one; their ids are scoped to the parent. */
export type NestedKind = 'service' | 'step' | 'state' | 'attribute' | 'function' | 'workItem';

/** A kind that carries an id which must be unique (per kind, or per parent for nested kinds). */
export type IdKind = ElementKind | NestedKind | 'productLineId';

/** Where a top-level kind lives in a model file, and how its elements are named. */
export interface KindSpec {
  kind: ElementKind;
  /** Section path as the loader spells it in `dropped` keys: `applications`, `data/entities`. */
  section: string;
  /** For people: "service center". */
  label: string;
  /** The key holding the id (`id`, `code`, `host`). */
  idField: string;
  list(model: Model): readonly object[] | undefined;
}

const spec = (
  kind: ElementKind,
  section: string,
  label: string,
  list: KindSpec['list'],
  idField = 'id',
): KindSpec => ({ kind, section, label, idField, list });

/** Every top-level kind, in model.md order. */
export const ELEMENT_KINDS: readonly KindSpec[] = [
  spec('party', 'business/parties', 'party', (m) => m.business?.parties),
  spec('competitor', 'business/competitors', 'competitor', (m) => m.business?.competitors),
  spec('orgUnit', 'business/orgUnits', 'org unit', (m) => m.business?.orgUnits),
  spec(
    'stage',
    'business/operatingModel/stages',
    'stage',
    (m) => m.business?.operatingModel?.stages,
  ),
  spec('process', 'business/processes', 'process', (m) => m.business?.processes),
  spec('role', 'business/roles', 'role', (m) => m.business?.roles),
  spec('functionModule', 'business/functions', 'function module', (m) => m.business?.functions),
  spec('productLine', 'productLines', 'product line', (m) => m.productLines, 'code'),
  spec('subsystem', 'subsystems', 'subsystem', (m) => m.subsystems, 'code'),
  spec('businessLogic', 'businessLogic', 'business logic', (m) => m.businessLogic),
  spec('application', 'applications', 'application', (m) => m.applications),
  spec('externalSystem', 'externalSystems', 'external system', (m) => m.externalSystems),
  spec('serviceCenter', 'serviceCenters', 'service center', (m) => m.serviceCenters),
  spec('category', 'data/categories', 'data category', (m) => m.data?.categories),
  spec('entity', 'data/entities', 'entity', (m) => m.data?.entities),
  spec('database', 'data/databases', 'database', (m) => m.data?.databases),
  spec('stateMachine', 'data/stateMachines', 'state machine', (m) => m.data?.stateMachines),
  spec('region', 'physical/regions', 'region', (m) => m.physical?.regions),
  spec('datacenter', 'physical/datacenters', 'datacenter', (m) => m.physical?.datacenters),
  spec('network', 'physical/networks', 'network', (m) => m.physical?.networks),
  spec('cluster', 'physical/clusters', 'cluster', (m) => m.physical?.clusters),
  spec('domain', 'physical/domains', 'domain', (m) => m.physical?.domains, 'host'),
  spec('concept', 'domainModel/concepts', 'concept', (m) => m.domainModel?.concepts),
  spec('principle', 'planning/principles', 'principle', (m) => m.planning?.principles),
  spec('decision', 'planning/decisions', 'decision', (m) => m.planning?.decisions),
  spec('layer', 'planning/layers', 'layer', (m) => m.planning?.layers),
  spec('phase', 'planning/phases', 'phase', (m) => m.planning?.phases),
];

/** Labels of every id kind, for messages. */
export const KIND_LABELS: Readonly<Record<IdKind, string>> = {
  ...(Object.fromEntries(ELEMENT_KINDS.map((s) => [s.kind, s.label])) as Record<
    ElementKind,
    string
  >),
  productLineId: 'product line id',
  service: 'service',
  step: 'step',
  state: 'state',
  attribute: 'attribute',
  function: 'function',
  workItem: 'work item',
};

/** A place in the model: a top-level element and a path inside it (empty for the element itself). */
export interface Place {
  /** The top-level element (it has an origin). */
  node: object;
  path: readonly (string | number)[];
}

/** Elements of one kind (in one parent, for nested kinds) that share an id, in model order. */
export interface DuplicateGroup {
  kind: IdKind;
  /** The id as written (for nested kinds: the child's own id). */
  id: string;
  /** For nested kinds: the parent element's kind and id. */
  parent?: { kind: ElementKind; id: string };
  /** Every definition, first one first; each place points at the id field. */
  places: Place[];
}

/** Any top-level element, with its kind and id. */
export interface ElementEntry {
  kind: ElementKind;
  id: string;
  element: object;
}

/** A service with its center. */
export interface ServiceEntry {
  center: ServiceCenter;
  service: Service;
  index: number;
}
/** A step with its process. */
export interface StepEntry {
  process: Process;
  step: ProcessStep;
  index: number;
}
/** An attribute with its entity. */
export interface AttributeEntry {
  entity: Entity;
  attribute: Attribute;
  index: number;
}
/** A state with its machine. */
export interface StateEntry {
  machine: StateMachine;
  state: State;
  index: number;
}
/** A function with its module. */
export interface FunctionEntry {
  module: FunctionModule;
  fn: BusinessFunction;
  index: number;
}
/** A roadmap work item with its phase. */
export interface WorkItemEntry {
  phase: Phase;
  item: WorkItem;
  index: number;
}
/** One `uses` entry of an app. */
export interface DbUseEntry {
  app: Application;
  use: DbUse;
  index: number;
}
/** One `logic` entry of an app. */
export interface LogicUseEntry {
  app: Application;
  index: number;
}

/** What a `calls[].target` (or route target) names, by its form (model.md "Ids"). */
export interface ResolvedTarget {
  /** `ambiguous`: a service center and an external system share the id. */
  kind: 'app' | 'center' | 'service' | 'external' | 'ambiguous' | 'unresolved';
  /** The target as written. */
  id: string;
  /** Which form the target has: six digits, `center.service`, or a plain name. */
  form: 'app' | 'service' | 'name';
  /** For services: the center id. */
  center?: string;
}

/** One call or gateway route of an app, resolved. */
export interface CallEdge {
  from: Application;
  /** Index in `calls` or `routes` of the calling app. */
  index: number;
  kind: 'call' | 'route';
  call: Call | Route;
  target: string;
  resolved: ResolvedTarget;
  /**
   * Synchronous: the call's `sync` if given, else false for `mq` and true otherwise; a call with
   * neither `sync` nor `protocol` takes the called service's `sync` or protocol.
   */
  sync: boolean;
  /** Apps the call lands on: the app itself, or the apps implementing the service or center. */
  appTargets: string[];
}

/** What a reference field accepts (model.md). Scoped kinds resolve inside `Reference.parent`. */
export type RefKind =
  | 'app'
  | 'productLine'
  | 'subsystem'
  | 'logic'
  | 'center'
  | 'service'
  | 'callTarget'
  | 'party'
  | 'role'
  | 'orgUnit'
  | 'actor'
  | 'step'
  | 'stage'
  | 'process'
  | 'layer'
  | 'category'
  | 'entity'
  | 'attribute'
  | 'entityAttribute'
  | 'centerOrApp'
  | 'database'
  | 'state'
  | 'serviceOrApp'
  | 'region'
  | 'datacenter'
  | 'network'
  | 'cluster'
  | 'clusterOrApp'
  | 'concept'
  | 'external'
  | 'any';

/** One reference field value in the model. */
export interface Reference {
  /** The top-level element holding the field. */
  node: object;
  /** Path from `node` to the value, e.g. `['steps', 1, 'next', 0]`. */
  path: (string | number)[];
  /** The value as written. */
  value: string;
  kind: RefKind;
  /** For `step` / `state`: the process / machine; for `entityAttribute`: the entity id. */
  scope?: { id: string; element?: object };
}

/** The model with its indexes, built once and shared by rules, diagrams and diff. Pure. */
export interface ModelGraph {
  model: Model;
  apps: Map<string, Application>;
  /** By 2-digit code. */
  productLines: Map<string, ProductLine>;
  /** By line code + subsystem code, e.g. `1002`. */
  subsystems: Map<string, Subsystem>;
  businessLogic: Map<string, BusinessLogic>;
  centers: Map<string, ServiceCenter>;
  /** By `center.service`. */
  services: Map<string, ServiceEntry>;
  externalSystems: Map<string, ExternalSystem>;
  parties: Map<string, Party>;
  competitors: Map<string, Competitor>;
  orgUnits: Map<string, OrgUnit>;
  stages: Map<string, Stage>;
  processes: Map<string, Process>;
  /** By `process.step`. */
  steps: Map<string, StepEntry>;
  roles: Map<string, Role>;
  /** Function modules (`business.functions`). */
  functions: Map<string, FunctionModule>;
  /** Functions inside modules, by `module.function`. */
  functionItems: Map<string, FunctionEntry>;
  categories: Map<string, DataCategory>;
  entities: Map<string, Entity>;
  /** By `entity.attribute`. */
  attributes: Map<string, AttributeEntry>;
  databases: Map<string, Database>;
  stateMachines: Map<string, StateMachine>;
  /** By `machine.state`. */
  states: Map<string, StateEntry>;
  regions: Map<string, Region>;
  datacenters: Map<string, Datacenter>;
  networks: Map<string, Network>;
  clusters: Map<string, Cluster>;
  /** By host, or `address:port` for entries with no DNS name. */
  domains: Map<string, Domain>;
  concepts: Map<string, Concept>;
  principles: Map<string, Principle>;
  decisions: Map<string, Decision>;
  layers: Map<string, Layer>;
  phases: Map<string, Phase>;
  workItems: Map<string, WorkItemEntry>;
  /** The index of a top-level kind (the same Map as the named field, e.g. `apps`). */
  byKind(kind: ElementKind): Map<string, object>;
  /**
   * Every top-level element by id, any kind (ids of different kinds may coincide; product lines
   * also by their mnemonic `id`). Built on first use.
   */
  readonly elements: Map<string, ElementEntry[]>;
  /** Ids defined more than once within a kind (or a parent), in model order. */
  duplicates: DuplicateGroup[];
  /** Every call and gateway route of every app, in model order. */
  calls: CallEdge[];
  /** The gateway routes among `calls` (`kind: 'route'`), one edge per route entry. */
  routes: CallEdge[];
  /** Calls whose target names the center itself (not one of its services). */
  callsToCenter: Map<string, CallEdge[]>;
  /** Calls whose target is `center.service`, by that key. */
  callsToService: Map<string, CallEdge[]>;
  /** Calls whose target is the app's six-digit id. */
  callsToApp: Map<string, CallEdge[]>;
  /** Apps implementing a center or any of its services, by center id. */
  implementers: Map<string, string[]>;
  /** Centers an app implements (the reverse of `implementers`), by app id. */
  centersOfApp: Map<string, string[]>;
  /** Apps listing a business logic in `logic`, by logic id. */
  logicImplementers: Map<string, LogicUseEntry[]>;
  /** Databases holding an entity, by entity id. */
  databasesOfEntity: Map<string, Database[]>;
  /** Apps using a database, by database id. */
  databaseUsers: Map<string, DbUseEntry[]>;
  /** Work items delivering an element, by the id in `delivers`. */
  deliveredBy: Map<string, WorkItemEntry[]>;
  /** Every reference field of the model (model.md), in model order. Built on first use. */
  readonly references: Reference[];
  /** `section:id` keys of elements the loader left out for schema errors (LoadedModel.dropped). */
  dropped: ReadonlySet<string>;
  /** Resolves a `calls[].target` by its form. */
  resolveTarget(target: string): ResolvedTarget;
  /** True when an element of that kind with that id was left out for schema errors. */
  isDropped(kind: ElementKind, id: string): boolean;
  /** True when an element of any kind with that id was left out for schema errors. */
  isDroppedAny(id: string): boolean;
}

/** Options of {@link buildGraph}. */
export interface GraphOptions {
  /** `section:id` keys of elements the loader left out (LoadedModel.dropped). */
  dropped?: ReadonlySet<string>;
}

/** Six digits: the form of an application id. */
export const APP_ID = /^\d{6}$/;

/** The value as a list: undefined gives [], a single value gives [value]. */
export function asList<T>(v: T | readonly T[] | undefined | null): readonly T[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? (v as readonly T[]) : [v as T];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function items<T>(v: readonly T[] | undefined): readonly T[] {
  return Array.isArray(v)
    ? (v as readonly T[]).filter((x) => x !== null && typeof x === 'object')
    : [];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const l = map.get(key);
  if (l) l.push(value);
  else map.set(key, [value]);
}

/** The id of a top-level element of a kind (domains: host, or `address:port`). */
export function elementId(kind: ElementKind, el: object): string | undefined {
  const e = el as Record<string, unknown>;
  if (kind === 'subsystem') {
    const line = str(e.productLine);
    const code = str(e.code);
    return line !== undefined && code !== undefined ? line + code : undefined;
  }
  if (kind === 'domain') {
    const host = str(e.host);
    if (host !== undefined) return host;
    const address = str(e.address);
    const port = str(e.port);
    return address === undefined ? undefined : port === undefined ? address : `${address}:${port}`;
  }
  return str(kind === 'productLine' ? e.code : e.id);
}

/**
 * Builds the graph from a merged model in linear time: one Map index per kind, duplicate ids,
 * resolved call edges and reverse indexes; `elements` and `references` are built on first use.
 * Pure: the model is not changed.
 */
export function buildGraph(model: Model, options: GraphOptions = {}): ModelGraph {
  const dropped = options.dropped ?? new Set<string>();
  const duplicates: DuplicateGroup[] = [];
  const byKind = new Map<ElementKind, Map<string, object>>();
  const groupOf = new Map<string, DuplicateGroup>();
  for (const s of ELEMENT_KINDS) {
    const map = new Map<string, object>();
    byKind.set(s.kind, map);
    for (const el of items(s.list(model))) {
      const id = elementId(s.kind, el);
      if (id === undefined) continue;
      const first = map.get(id);
      if (first === undefined) map.set(id, el);
      else
        noteDuplicate(
          duplicates,
          groupOf,
          s.kind,
          id,
          { node: first, path: idPath(s, first) },
          { node: el, path: idPath(s, el) },
        );
    }
  }
  const plIds = new Map<string, object>();
  for (const pl of items(model.productLines)) {
    const id = str(pl.id);
    if (id === undefined) continue;
    const first = plIds.get(id);
    if (first === undefined) plIds.set(id, pl);
    else
      noteDuplicate(
        duplicates,
        groupOf,
        'productLineId',
        id,
        { node: first, path: ['id'] },
        { node: pl, path: ['id'] },
      );
  }
  const get = <T>(kind: ElementKind): Map<string, T> => byKind.get(kind) as Map<string, T>;
  const apps = get<Application>('application');
  const centers = get<ServiceCenter>('serviceCenter');
  const externalSystems = get<ExternalSystem>('externalSystem');

  const nested = <P extends object, C extends object, E>(
    kind: NestedKind,
    parents: readonly P[],
    parentKind: ElementKind,
    field: string,
    idField: string,
    make: (parent: P, child: C, index: number) => E,
  ): Map<string, E> => {
    const out = new Map<string, E>();
    const seen = new Map<string, number>(); // child id → index, within the current parent
    for (const parent of parents) {
      const children = (parent as Record<string, unknown>)[field];
      if (!Array.isArray(children) || children.length === 0) continue;
      const pid = elementId(parentKind, parent);
      seen.clear();
      for (let index = 0; index < children.length; index++) {
        const child: unknown = children[index];
        if (!child || typeof child !== 'object') continue;
        const cid = str((child as Record<string, unknown>)[idField]);
        if (cid === undefined) continue;
        const at = seen.get(cid);
        if (at !== undefined) {
          const p = (i: number): Place => ({ node: parent, path: [field, i, idField] });
          noteDuplicate(duplicates, groupOf, kind, cid, p(at), p(index), {
            kind: parentKind,
            id: pid ?? '',
            node: parent,
          });
          continue;
        }
        seen.set(cid, index);
        if (pid === undefined) continue;
        const key = `${pid}.${cid}`;
        if (!out.has(key)) out.set(key, make(parent, child as C, index));
      }
    }
    return out;
  };
  const services = nested<ServiceCenter, Service, ServiceEntry>(
    'service',
    items(model.serviceCenters),
    'serviceCenter',
    'services',
    'id',
    (center, service, index) => ({ center, service, index }),
  );
  const steps = nested<Process, ProcessStep, StepEntry>(
    'step',
    items(model.business?.processes),
    'process',
    'steps',
    'id',
    (process, step, index) => ({ process, step, index }),
  );
  const attributes = nested<Entity, Attribute, AttributeEntry>(
    'attribute',
    items(model.data?.entities),
    'entity',
    'attributes',
    'name',
    (entity, attribute, index) => ({ entity, attribute, index }),
  );
  const states = nested<StateMachine, State, StateEntry>(
    'state',
    items(model.data?.stateMachines),
    'stateMachine',
    'states',
    'id',
    (machine, state, index) => ({ machine, state, index }),
  );
  const functionItems = nested<FunctionModule, BusinessFunction, FunctionEntry>(
    'function',
    items(model.business?.functions),
    'functionModule',
    'functions',
    'id',
    (module, fn, index) => ({ module, fn, index }),
  );

  const workItems = new Map<string, WorkItemEntry>();
  const deliveredBy = new Map<string, WorkItemEntry[]>();
  const firstWorkItem = new Map<string, Place>();
  for (const phase of items(model.planning?.phases)) {
    items(phase.workItems).forEach((item, index) => {
      const id = str(item.id);
      const entry: WorkItemEntry = { phase, item, index };
      for (const d of asList(item.delivers)) if (typeof d === 'string') push(deliveredBy, d, entry);
      if (id === undefined) return;
      const place: Place = { node: phase, path: ['workItems', index, 'id'] };
      const first = firstWorkItem.get(id);
      if (first) noteDuplicate(duplicates, groupOf, 'workItem', id, first, place);
      else {
        firstWorkItem.set(id, place);
        workItems.set(id, entry);
      }
    });
  }

  // Implementers: a center's own list plus its services' lists.
  const implementers = new Map<string, string[]>();
  const centersOfApp = new Map<string, string[]>();
  for (const center of items(model.serviceCenters)) {
    const cid = str(center.id);
    if (cid === undefined || implementers.has(cid)) continue;
    const set = new Set<string>(asList(center.implementedBy).filter((a) => typeof a === 'string'));
    for (const s of items(center.services))
      for (const a of asList(s.implementedBy)) if (typeof a === 'string') set.add(a);
    implementers.set(cid, [...set]);
    for (const a of set) push(centersOfApp, a, cid);
  }

  const resolveTarget = (target: string): ResolvedTarget => {
    if (APP_ID.test(target))
      return { kind: apps.has(target) ? 'app' : 'unresolved', id: target, form: 'app' };
    const dot = target.indexOf('.');
    if (dot > 0) {
      const center = target.slice(0, dot);
      return {
        kind: services.has(target) ? 'service' : 'unresolved',
        id: target,
        form: 'service',
        center,
      };
    }
    const c = centers.has(target);
    const x = externalSystems.has(target);
    return {
      kind: c && x ? 'ambiguous' : c ? 'center' : x ? 'external' : 'unresolved',
      id: target,
      form: 'name',
    };
  };
  const landsOn = (r: ResolvedTarget): string[] => {
    if (r.kind === 'app') return [r.id];
    if (r.kind === 'center') return implementers.get(r.id) ?? [];
    if (r.kind !== 'service') return [];
    const entry = services.get(r.id);
    const own = asList(entry?.service.implementedBy).filter((a) => typeof a === 'string');
    return own.length > 0
      ? [...own]
      : asList(entry?.center.implementedBy).filter((a) => typeof a === 'string');
  };

  const calls: CallEdge[] = [];
  const routes: CallEdge[] = [];
  const callsToCenter = new Map<string, CallEdge[]>();
  const callsToService = new Map<string, CallEdge[]>();
  const callsToApp = new Map<string, CallEdge[]>();
  const logicImplementers = new Map<string, LogicUseEntry[]>();
  const databaseUsers = new Map<string, DbUseEntry[]>();
  const addEdge = (
    from: Application,
    kind: 'call' | 'route',
    call: Call | Route,
    index: number,
  ): void => {
    const target = str(call.target);
    if (target === undefined) return;
    const resolved = resolveTarget(target);
    const sync = isSync(
      kind === 'call' ? (call as Call).sync : undefined,
      call.protocol,
      resolved.kind === 'service' ? services.get(target)?.service : undefined,
    );
    const edge: CallEdge = {
      from,
      index,
      kind,
      call,
      target,
      resolved,
      sync,
      appTargets: landsOn(resolved),
    };
    calls.push(edge);
    if (kind === 'route') routes.push(edge);
    if (resolved.kind === 'app') push(callsToApp, target, edge);
    else if (resolved.kind === 'center' || resolved.kind === 'ambiguous')
      push(callsToCenter, target, edge);
    else if (resolved.kind === 'service') push(callsToService, target, edge);
  };
  for (const app of items(model.applications)) {
    items(app.calls).forEach((c, i) => addEdge(app, 'call', c, i));
    items(app.routes).forEach((r, i) => addEdge(app, 'route', r, i));
    asList(app.logic).forEach((l, index) => {
      if (typeof l === 'string') push(logicImplementers, l, { app, index });
    });
    items(app.uses).forEach((use, index) => {
      if (typeof use.database === 'string') push(databaseUsers, use.database, { app, use, index });
    });
  }
  const databasesOfEntity = new Map<string, Database[]>();
  for (const db of items(model.data?.databases)) {
    for (const e of new Set(asList(db.entities)))
      if (typeof e === 'string') push(databasesOfEntity, e, db);
  }

  const droppedIds = new Set<string>();
  // The loader keys a dropped product line by its `id` when it has one, so its code is unknown.
  let lineCodeUnknown = false;
  for (const key of dropped) {
    const id = key.slice(key.indexOf(':') + 1);
    droppedIds.add(id);
    if (key.startsWith('productLines:') && !/^\d{2}$/.test(id)) lineCodeUnknown = true;
  }
  const sectionOf = new Map(ELEMENT_KINDS.map((s) => [s.kind, s.section]));

  let elements: Map<string, ElementEntry[]> | undefined;
  let references: Reference[] | undefined;
  const graph: ModelGraph = {
    model,
    apps,
    productLines: get('productLine'),
    subsystems: get('subsystem'),
    businessLogic: get('businessLogic'),
    centers,
    services,
    externalSystems,
    parties: get('party'),
    competitors: get('competitor'),
    orgUnits: get('orgUnit'),
    stages: get('stage'),
    processes: get('process'),
    steps,
    roles: get('role'),
    functions: get('functionModule'),
    functionItems,
    categories: get('category'),
    entities: get('entity'),
    attributes,
    databases: get('database'),
    stateMachines: get('stateMachine'),
    states,
    regions: get('region'),
    datacenters: get('datacenter'),
    networks: get('network'),
    clusters: get('cluster'),
    domains: get('domain'),
    concepts: get('concept'),
    principles: get('principle'),
    decisions: get('decision'),
    layers: get('layer'),
    phases: get('phase'),
    workItems,
    byKind: (kind) => byKind.get(kind) ?? new Map(),
    get elements() {
      return (elements ??= indexElements(model));
    },
    duplicates,
    calls,
    routes,
    callsToCenter,
    callsToService,
    callsToApp,
    implementers,
    centersOfApp,
    logicImplementers,
    databasesOfEntity,
    databaseUsers,
    deliveredBy,
    get references() {
      return (references ??= collectReferences(model));
    },
    dropped,
    resolveTarget,
    isDropped: (kind, id) => {
      if (dropped.size === 0) return false;
      if (kind === 'subsystem') {
        return (
          dropped.has(`subsystems:${id.slice(2)}`) ||
          dropped.has(`subsystemsOfLine:${id.slice(0, 2)}`)
        );
      }
      if (kind === 'productLine' && lineCodeUnknown) return true;
      return dropped.has(`${sectionOf.get(kind) ?? kind}:${id}`);
    },
    isDroppedAny: (id) => droppedIds.has(id),
  };
  return graph;
}

/**
 * Whether a call waits for its answer: its own `sync`, else false for `mq`; with neither `sync`
 * nor `protocol` on the call, what the called service says (its `sync`, or its protocol).
 */
function isSync(
  sync: boolean | undefined,
  protocol: string | undefined,
  service: Service | undefined,
): boolean {
  if (typeof sync === 'boolean') return sync;
  if (protocol !== undefined) return protocol !== 'mq';
  if (service && typeof service.sync === 'boolean') return service.sync;
  return service?.protocol !== 'mq';
}

/** Every top-level element by id (product lines also by their mnemonic `id`). */
function indexElements(model: Model): Map<string, ElementEntry[]> {
  const out = new Map<string, ElementEntry[]>();
  for (const s of ELEMENT_KINDS) {
    for (const el of items(s.list(model))) {
      const id = elementId(s.kind, el);
      if (id !== undefined) push(out, id, { kind: s.kind, id, element: el });
      const alias = s.kind === 'productLine' ? str((el as ProductLine).id) : undefined;
      if (alias !== undefined && alias !== id)
        push(out, alias, { kind: s.kind, id: alias, element: el });
    }
  }
  return out;
}

function idPath(s: KindSpec, el: object): string[] {
  if (s.kind === 'domain' && (el as Domain).host === undefined) return ['address'];
  return [s.idField];
}

function noteDuplicate(
  out: DuplicateGroup[],
  groups: Map<string, DuplicateGroup>,
  kind: IdKind,
  id: string,
  first: Place,
  again: Place,
  parent?: { kind: ElementKind; id: string; node: object },
): void {
  // Nested ids are grouped per parent object, so two parents sharing an id do not merge groups.
  const key = `${kind}\u0000${parent?.id ?? ''}\u0000${id}`;
  let g = groups.get(key);
  if (!g || (parent !== undefined && g.places[0]?.node !== parent.node)) {
    g = parent
      ? { kind, id, parent: { kind: parent.kind, id: parent.id }, places: [first] }
      : { kind, id, places: [first] };
    groups.set(key, g);
    out.push(g);
  }
  g.places.push(again);
}

/** Collects every reference field named in model.md, in model order. */
export function collectReferences(model: Model): Reference[] {
  const out: Reference[] = [];
  const add = (
    node: object,
    path: (string | number)[],
    value: unknown,
    kind: RefKind,
    scope?: Reference['scope'],
  ): void => {
    if (typeof value !== 'string') return;
    out.push(scope ? { node, path, value, kind, scope } : { node, path, value, kind });
  };
  const addList = (
    node: object,
    path: (string | number)[],
    value: unknown,
    kind: RefKind,
    scope?: Reference['scope'],
  ): void => {
    if (Array.isArray(value)) value.forEach((v, i) => add(node, [...path, i], v, kind, scope));
    else add(node, path, value, kind, scope);
  };
  for (const s of ELEMENT_KINDS) {
    for (const el of items(s.list(model)))
      add(el, ['owner'], (el as { owner?: unknown }).owner, 'orgUnit');
  }
  const b = model.business ?? {};
  for (const o of items(b.orgUnits)) add(o, ['parent'], o.parent, 'orgUnit');
  for (const st of items(b.operatingModel?.stages)) addList(st, ['next'], st.next, 'stage');
  for (const p of items(b.processes)) {
    const scope = { id: str(p.id) ?? '', element: p };
    items(p.steps).forEach((step, i) => {
      add(p, ['steps', i, 'actor'], step.actor, 'actor');
      addList(p, ['steps', i, 'next'], step.next, 'step', scope);
      addList(p, ['steps', i, 'app'], step.app, 'app');
      addList(p, ['steps', i, 'service'], step.service, 'service');
    });
  }
  for (const r of items(b.roles)) add(r, ['party'], r.party, 'party');
  for (const f of items(b.functions)) {
    add(f, ['party'], f.party, 'party');
    items(f.functions).forEach((fn, i) => addList(f, ['functions', i, 'roles'], fn.roles, 'role'));
  }
  for (const s of items(model.subsystems)) add(s, ['productLine'], s.productLine, 'productLine');
  for (const l of items(model.businessLogic)) add(l, ['process'], l.process, 'process');
  for (const a of items(model.applications)) {
    addList(a, ['logic'], a.logic, 'logic');
    add(a, ['layer'], a.layer, 'layer');
    items(a.calls).forEach((c, i) => add(a, ['calls', i, 'target'], c.target, 'callTarget'));
    items(a.routes).forEach((r, i) => add(a, ['routes', i, 'target'], r.target, 'callTarget'));
    items(a.uses).forEach((u, i) => add(a, ['uses', i, 'database'], u.database, 'database'));
    asList(a.deployedOn).forEach((d, i) => {
      if (typeof d === 'string') add(a, ['deployedOn', i], d, 'cluster');
      else if (d && typeof d === 'object')
        add(a, ['deployedOn', i, 'cluster'], d.cluster, 'cluster');
    });
  }
  for (const x of items(model.externalSystems)) add(x, ['party'], x.party, 'party');
  for (const c of items(model.serviceCenters)) {
    add(c, ['process'], c.process, 'process');
    add(c, ['subsystem'], c.subsystem, 'subsystem');
    addList(c, ['implementedBy'], c.implementedBy, 'app');
    addList(c, ['dependsOn'], c.dependsOn, 'center');
    items(c.services).forEach((s, i) =>
      addList(c, ['services', i, 'implementedBy'], s.implementedBy, 'app'),
    );
  }
  const d = model.data ?? {};
  for (const e of items(d.entities)) {
    add(e, ['category'], e.category, 'category');
    add(e, ['ownedBy'], e.ownedBy, 'centerOrApp');
    items(e.attributes).forEach((at, i) => {
      addList(e, ['attributes', i, 'ref'], at.ref, 'attribute');
      add(e, ['attributes', i, 'embedded'], at.embedded, 'entity');
    });
    items(e.relations).forEach((r, i) => add(e, ['relations', i, 'to'], r.to, 'entity'));
  }
  for (const db of items(d.databases)) {
    add(db, ['productLine'], db.productLine, 'productLine');
    add(db, ['ownedBy'], db.ownedBy, 'centerOrApp');
    addList(db, ['entities'], db.entities, 'entity');
    add(db, ['cluster'], db.cluster, 'cluster');
  }
  for (const m of items(d.stateMachines)) {
    addList(m, ['entity'], m.entity, 'entity');
    const entities = asList(m.entity);
    for (const e of entities)
      if (typeof e === 'string') add(m, ['attribute'], m.attribute, 'entityAttribute', { id: e });
    const scope = { id: str(m.id) ?? '', element: m };
    if (m.creation && typeof m.creation === 'object')
      add(m, ['creation', 'service'], m.creation.service, 'serviceOrApp');
    items(m.transitions).forEach((t, i) => {
      // `*` stands for every non-final state.
      if (Array.isArray(t.from))
        t.from.forEach(
          (f, j) => f !== '*' && add(m, ['transitions', i, 'from', j], f, 'state', scope),
        );
      else if (t.from !== '*') add(m, ['transitions', i, 'from'], t.from, 'state', scope);
      add(m, ['transitions', i, 'to'], t.to, 'state', scope);
      add(m, ['transitions', i, 'service'], t.service, 'serviceOrApp');
    });
  }
  const ph = model.physical ?? {};
  for (const dc of items(ph.datacenters)) {
    add(dc, ['region'], dc.region, 'region');
    items(dc.links).forEach((l, i) => add(dc, ['links', i, 'to'], l.to, 'datacenter'));
  }
  for (const c of items(ph.clusters)) {
    add(c, ['datacenter'], c.datacenter, 'datacenter');
    add(c, ['network'], c.network, 'network');
    addList(c, ['productLines'], c.productLines, 'productLine');
  }
  for (const dm of items(ph.domains)) add(dm, ['target'], dm.target, 'clusterOrApp');
  for (const c of items(model.domainModel?.concepts)) {
    add(c, ['process'], c.process, 'process');
    items(c.relations).forEach((r, i) => add(c, ['relations', i, 'to'], r.to, 'concept'));
  }
  for (const p of items(model.planning?.phases)) {
    items(p.workItems).forEach((w, i) =>
      addList(p, ['workItems', i, 'delivers'], w.delivers, 'any'),
    );
  }
  return out;
}
