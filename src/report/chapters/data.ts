/**
 * Chapter 6, data architecture: categories, high-level E-R and E-R per category, entity and
 * database catalogues, data ownership with the app x entity CRUD matrix, entity state machines.
 */
import { blocks, type ReportContext, type SectionDraft } from '../context.js';
import { matrixTables, mark, type MatrixRow } from './matrix.js';
import { joinText, ownerRef } from './refs.js';
import { stateMachineSection } from './states.js';

/** Builds chapter 6. */
export function buildData(ctx: ReportContext): SectionDraft[] {
  return [
    { id: 'categories', title: ctx.t('sec.categories'), blocks: blocks(categoriesTable(ctx)) },
    { id: 'er-overview', title: ctx.t('sec.erOverview'), blocks: ctx.figures('er-overview') },
    { id: 'er-category', title: ctx.t('sec.erCategory'), blocks: ctx.figures('er-category') },
    { id: 'entities', title: ctx.t('sec.entities'), blocks: blocks(entitiesTable(ctx)) },
    { id: 'databases', title: ctx.t('sec.databases'), blocks: blocks(databasesTable(ctx)) },
    { id: 'crud', title: ctx.t('sec.crud'), blocks: crudTables(ctx) },
    stateMachineSection(ctx),
  ];
}

function categoriesTable(ctx: ReportContext) {
  const entities = ctx.model.data?.entities ?? [];
  const rows = (ctx.model.data?.categories ?? []).map((c) => {
    const mine = entities.filter((e) => e.category === c.id);
    const dbs = [...new Set(mine.flatMap((e) => ctx.registry.dbsByEntity.get(e.id) ?? []))];
    return ctx.row('category', c.id, [
      ctx.code(c.id),
      ctx.text(c.name ?? c.id),
      ctx.num(mine.length),
      ctx.linksTo('db', dbs),
      ctx.plain(c.description),
    ]);
  });
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    { text: ctx.t('col.entities'), num: true },
    ctx.t('col.databases'),
    ctx.t('col.description'),
  ];
  return ctx.table(ctx.t('tab.categories'), headers, rows);
}

function entitiesTable(ctx: ReportContext) {
  const rows = (ctx.model.data?.entities ?? []).map((e) =>
    ctx.row('entity', e.id, [
      ctx.code(e.id),
      ctx.text(e.name ?? e.id),
      ctx.link('category', e.category),
      ctx.code(e.table),
      ctx.links(ownerRef(ctx, e.ownedBy)),
      ctx.linksTo('db', ctx.registry.dbsByEntity.get(e.id)),
      ctx.code(joinText((e.attributes ?? []).filter((a) => a.pk).map((a) => a.name))),
      ctx.num(e.attributes?.length ?? 0),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.category'),
    ctx.t('col.table'),
    ctx.t('col.ownedBy'),
    ctx.t('col.databases'),
    ctx.t('col.primaryKey'),
    { text: ctx.t('col.attributes'), num: true },
  ];
  return ctx.table(ctx.t('tab.entities'), headers, rows);
}

function databasesTable(ctx: ReportContext) {
  const rows = (ctx.model.data?.databases ?? []).map((d) =>
    ctx.row('db', d.id, [
      ctx.code(d.id),
      ctx.text(d.name ?? d.id),
      ctx.text(joinText([d.engine, d.kind, d.schema], ' / ')),
      ctx.link('line', d.productLine),
      ctx.links(ownerRef(ctx, d.ownedBy)),
      ctx.linksTo('entity', d.entities),
      ctx.link('cluster', d.cluster),
      ctx.linksTo(
        'app',
        (ctx.registry.appsByDb.get(d.id) ?? []).map((u) => u.app),
      ),
      ctx.plain(d.note ?? d.description),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.engine'),
    ctx.t('col.productLine'),
    ctx.t('col.ownedBy'),
    ctx.t('col.entities'),
    ctx.t('col.clusters'),
    ctx.t('col.usedBy'),
    ctx.t('col.note'),
  ];
  return ctx.table(ctx.t('tab.databases'), headers, rows);
}

/** CRUD letters for a database access: reading is R, writing (or both) is full CRUD. */
export function crudLetters(access: 'read' | 'write' | 'readwrite' | undefined): string {
  return (access ?? 'read') === 'read' ? 'R' : 'CRUD';
}

/** Whether `app` is the owner of `ownedBy` (the app itself or a center it implements). */
function ownsIt(ctx: ReportContext, app: string, ownedBy: string | undefined): boolean {
  if (!ownedBy) return false;
  return ownedBy === app || (ctx.registry.centersByApp.get(app) ?? []).includes(ownedBy);
}

/**
 * One CRUD matrix per database: its entities x the apps that use it (C/R/U/D from the access in
 * `uses`), the owner marked. Per database, because one matrix over every entity and every app
 * would be unreadable at the scale of the method's case (10,000 tables).
 */
function crudTables(ctx: ReportContext) {
  const owner = ctx.t('ui.ownerMark');
  const entities = new Map((ctx.model.data?.entities ?? []).map((e) => [e.id, e]));
  return (ctx.model.data?.databases ?? []).flatMap((db) => {
    const access = new Map<string, string>();
    for (const u of ctx.registry.appsByDb.get(db.id) ?? []) {
      const letters = crudLetters(u.access);
      access.set(u.app, access.get(u.app) === 'CRUD' ? 'CRUD' : letters);
    }
    const apps = [...access.keys()].sort();
    const columns = apps.map((id): { text: string; href: string } => ({
      text: id,
      href: ctx.ref('app', id)?.href ?? '',
    }));
    const rows: MatrixRow[] = (db.entities ?? []).map((id) => {
      const ownedBy = entities.get(id)?.ownedBy;
      return {
        head: [ctx.link('entity', id), ctx.links(ownerRef(ctx, ownedBy))],
        marks: apps.map((a) => {
          const owns = ownsIt(ctx, a, ownedBy);
          return mark(ctx, joinText([access.get(a), owns ? owner : undefined], ' '), owns);
        }),
      };
    });
    const caption = ctx.t('tab.crud', { name: db.name ?? db.id });
    const heads = [ctx.t('col.entity'), ctx.t('col.ownedBy')];
    return matrixTables(ctx, caption, heads, columns, rows, ctx.t('ui.crudNote'));
  });
}
