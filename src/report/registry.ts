/**
 * Every model element the document gives an anchor, keyed by kind and id, plus the relations
 * several chapters need (which apps use a database, implement a center, run on a cluster...).
 * Built once from `graph.model` with local Maps (pure, no I/O).
 */
import type { Application, Lifecycle, Model, TopLevel } from '../model/types.js';
import type { ElementKind } from './types.js';

/** One registered element. */
export interface ElementInfo {
  kind: ElementKind;
  id: string;
  name: string;
  /** `<kind>-<id>` made safe for an HTML id and a Markdown fragment. */
  anchor: string;
  lifecycle: Lifecycle;
}

/** Which access an app has to a database. */
export interface DbAccess {
  app: string;
  access: 'read' | 'write' | 'readwrite';
}

/** The element registry and derived relations. */
export interface Registry {
  byKind: Map<ElementKind, Map<string, ElementInfo>>;
  /** Apps using each database (by database id). */
  appsByDb: Map<string, DbAccess[]>;
  /** Databases holding each entity (by entity id). */
  dbsByEntity: Map<string, string[]>;
  /** Service centers each app implements (center-level or for one of its services). */
  centersByApp: Map<string, string[]>;
  /** Apps deployed on each cluster. */
  appsByCluster: Map<string, string[]>;
  /** Apps calling each target (app id, center id, `center.service`, external id). */
  callersByTarget: Map<string, string[]>;
}

/** `<kind>-<id>` with every character that is unsafe in an id or a URL fragment replaced by `-`. */
export function anchorOf(kind: ElementKind, id: string): string {
  return `${kind}-${id}`.replace(/[^\p{L}\p{N}._-]+/gu, '-');
}

/** The cluster ids of an app's `deployedOn`. */
export function clustersOf(app: Application): string[] {
  return (app.deployedOn ?? []).map((d) => (typeof d === 'string' ? d : d.cluster));
}

/** Builds the registry from the merged model. */
export function buildRegistry(model: Model): Registry {
  const byKind = new Map<ElementKind, Map<string, ElementInfo>>();
  const add = (
    kind: ElementKind,
    id: string | undefined,
    el: TopLevel,
    lifecycle?: Lifecycle,
  ): void => {
    if (id === undefined || id === '') return;
    let map = byKind.get(kind);
    if (!map) byKind.set(kind, (map = new Map<string, ElementInfo>()));
    if (map.has(id)) return; // id-unique reports duplicates; the first one keeps the anchor
    const info = { kind, id, name: el.name ?? id, anchor: anchorOf(kind, id) };
    map.set(id, { ...info, lifecycle: lifecycle ?? el.lifecycle ?? 'current' });
  };
  registerBusiness(model, add);
  registerApplications(model, add);
  registerData(model, add);
  registerTechnology(model, add);
  registerPlanning(model, add);
  return { byKind, ...deriveRelations(model) };
}

type Add = (kind: ElementKind, id: string | undefined, el: TopLevel, lifecycle?: Lifecycle) => void;

function registerBusiness(m: Model, add: Add): void {
  const b = m.business ?? {};
  for (const p of b.parties ?? []) add('party', p.id, p);
  for (const c of b.competitors ?? []) add('competitor', c.id, c);
  for (const o of b.orgUnits ?? []) add('org', o.id, o);
  for (const s of b.operatingModel?.stages ?? []) add('stage', s.id, s);
  for (const p of b.processes ?? []) {
    add('process', p.id, p);
    for (const s of p.steps ?? []) add('step', `${p.id}.${s.id}`, s, p.lifecycle);
  }
  for (const r of b.roles ?? []) add('role', r.id, r);
  for (const f of b.functions ?? []) {
    add('module', f.id, f);
    for (const fn of f.functions ?? []) add('function', `${f.id}.${fn.id}`, fn, f.lifecycle);
  }
}

function registerApplications(m: Model, add: Add): void {
  for (const l of m.productLines ?? []) add('line', l.code, l);
  for (const s of m.subsystems ?? []) add('subsystem', `${s.productLine}${s.code}`, s);
  for (const l of m.businessLogic ?? []) add('logic', l.id, l);
  for (const a of m.applications ?? []) add('app', a.id, a);
  for (const e of m.externalSystems ?? []) add('ext', e.id, e);
  for (const c of m.serviceCenters ?? []) {
    add('center', c.id, c);
    for (const s of c.services ?? []) add('service', `${c.id}.${s.id}`, s, c.lifecycle);
  }
}

function registerData(m: Model, add: Add): void {
  const d = m.data ?? {};
  for (const c of d.categories ?? []) add('category', c.id, c);
  for (const e of d.entities ?? []) add('entity', e.id, e);
  for (const db of d.databases ?? []) add('db', db.id, db);
  for (const sm of d.stateMachines ?? []) {
    add('sm', sm.id, sm);
    for (const s of sm.states ?? []) add('state', `${sm.id}.${s.id}`, s, sm.lifecycle);
  }
}

function registerTechnology(m: Model, add: Add): void {
  const p = m.physical ?? {};
  for (const r of p.regions ?? []) add('region', r.id, r);
  for (const dc of p.datacenters ?? []) add('dc', dc.id, dc);
  for (const n of p.networks ?? []) add('network', n.id, n);
  for (const c of p.clusters ?? []) add('cluster', c.id, c);
  for (const d of p.domains ?? [])
    add('domain', domainKey(d), { ...d, name: d.name ?? domainKey(d) });
}

function registerPlanning(m: Model, add: Add): void {
  for (const g of m.domainModel?.glossary ?? [])
    add('term', g.term, { ...g, name: g.name ?? g.term });
  for (const c of m.domainModel?.concepts ?? []) add('concept', c.id, c);
  const pl = m.planning ?? {};
  for (const p of pl.principles ?? []) add('principle', p.id, p);
  for (const d of pl.decisions ?? [])
    add('decision', d.id, { ...d, name: d.name ?? d.title ?? d.id });
  for (const l of pl.layers ?? []) add('layer', l.id, l);
  for (const ph of pl.phases ?? []) {
    add('phase', ph.id, ph);
    for (const w of ph.workItems ?? []) add('workitem', `${ph.id}.${w.id}`, w, ph.lifecycle);
  }
}

/** The key of a domain entry: its host, or `address:port`. */
export function domainKey(d: { host?: string; address?: string; port?: number }): string {
  if (d.host) return d.host;
  return d.port === undefined ? (d.address ?? '') : `${d.address ?? ''}:${d.port}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

function deriveRelations(m: Model): Omit<Registry, 'byKind'> {
  const appsByDb = new Map<string, DbAccess[]>();
  const dbsByEntity = new Map<string, string[]>();
  const centersByApp = new Map<string, string[]>();
  const appsByCluster = new Map<string, string[]>();
  const callersByTarget = new Map<string, string[]>();
  for (const app of m.applications ?? []) {
    for (const u of app.uses ?? [])
      push(appsByDb, u.database, { app: app.id, access: u.access ?? 'read' });
    for (const c of clustersOf(app)) push(appsByCluster, c, app.id);
    for (const call of app.calls ?? []) push(callersByTarget, call.target, app.id);
    for (const r of app.routes ?? []) push(callersByTarget, r.target, app.id);
  }
  for (const db of m.data?.databases ?? [])
    for (const e of db.entities ?? []) push(dbsByEntity, e, db.id);
  for (const c of m.serviceCenters ?? []) {
    for (const a of c.implementedBy ?? []) push(centersByApp, a, c.id);
    for (const s of c.services ?? []) {
      const impl = s.implementedBy === undefined ? [] : [s.implementedBy].flat();
      for (const a of impl) push(centersByApp, a, c.id);
    }
  }
  return { appsByDb, dbsByEntity, centersByApp, appsByCluster, callersByTarget };
}
