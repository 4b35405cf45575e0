/**
 * Chapter 3, business architecture: main business, business model, parties, competitors,
 * organisation with headcount, operating cycle, process flows, function architecture and the
 * role x function permission matrix.
 */
import type { Process } from '../../model/types.js';
import { blocks, type ReportContext, type SectionDraft } from '../context.js';
import type { Link, Row } from '../types.js';
import { matrixTables, mark, type MatrixRow } from './matrix.js';
import { actorRef, joinText, list, performerRef } from './refs.js';

/** Builds chapter 3. */
export function buildBusiness(ctx: ReportContext): SectionDraft[] {
  const b = ctx.model.business ?? {};
  return [
    {
      id: 'main-business',
      title: ctx.t('sec.mainBusiness'),
      blocks: blocks(ctx.paragraph(b.mainBusiness)),
    },
    {
      id: 'business-model',
      title: ctx.t('sec.businessModel'),
      blocks: blocks(ctx.paragraph(b.businessModel)),
    },
    { id: 'parties', title: ctx.t('sec.parties'), blocks: blocks(partiesTable(ctx)) },
    { id: 'competitors', title: ctx.t('sec.competitors'), blocks: blocks(competitorsTable(ctx)) },
    {
      id: 'organisation',
      title: ctx.t('sec.organisation'),
      blocks: [...ctx.figures('org-chart'), ...blocks(orgTable(ctx))],
    },
    {
      id: 'operating-cycle',
      title: ctx.t('sec.operatingCycle'),
      blocks: [...ctx.figures('operating-cycle'), ...blocks(stagesTable(ctx))],
    },
    processesSection(ctx),
    {
      id: 'functions',
      title: ctx.t('sec.functions'),
      blocks: [...blocks(rolesTable(ctx)), ...permissionTables(ctx)],
    },
  ];
}

function partiesTable(ctx: ReportContext) {
  const rows = (ctx.model.business?.parties ?? []).map((p) =>
    ctx.row('party', p.id, [
      ctx.code(p.id),
      ctx.text(p.name ?? p.id),
      ctx.text(p.kind),
      ctx.plain(p.description),
    ]),
  );
  return ctx.table(
    ctx.t('tab.parties'),
    [ctx.t('col.id'), ctx.t('col.name'), ctx.t('col.kind'), ctx.t('col.description')],
    rows,
  );
}

function competitorsTable(ctx: ReportContext) {
  const rows = (ctx.model.business?.competitors ?? []).map((c) =>
    ctx.row('competitor', c.id, [
      ctx.text(c.name ?? c.id),
      ctx.text(joinText(c.strengths ?? [], '; ')),
      ctx.text(joinText(c.weaknesses ?? [], '; ')),
      ctx.plain(c.description),
    ]),
  );
  const headers = [
    ctx.t('col.name'),
    ctx.t('col.strengths'),
    ctx.t('col.weaknesses'),
    ctx.t('col.description'),
  ];
  return ctx.table(ctx.t('tab.competitors'), headers, rows);
}

function orgTable(ctx: ReportContext) {
  const owned = new Map<string, Link[]>();
  const own = (owner: string | undefined, link: Link | undefined): void => {
    if (!owner || !link) return;
    owned.set(owner, [...(owned.get(owner) ?? []), link]);
  };
  for (const a of ctx.model.applications ?? []) own(a.owner, ctx.ref('app', a.id));
  for (const c of ctx.model.serviceCenters ?? []) own(c.owner, ctx.ref('center', c.id));
  for (const p of ctx.model.business?.processes ?? []) own(p.owner, ctx.ref('process', p.id));
  const units = ctx.model.business?.orgUnits ?? [];
  const rows: Row[] = units.map((o) =>
    ctx.row('org', o.id, [
      ctx.code(o.id),
      ctx.text(o.name ?? o.id),
      ctx.link('org', o.parent),
      ctx.num(o.headcount),
      ctx.links(owned.get(o.id) ?? []),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.parent'),
    { text: ctx.t('col.headcount'), num: true },
    ctx.t('col.owns'),
  ];
  return ctx.table(ctx.t('tab.orgUnits'), headers, rows);
}

function stagesTable(ctx: ReportContext) {
  const rows = (ctx.model.business?.operatingModel?.stages ?? []).map((s) =>
    ctx.row('stage', s.id, [
      ctx.text(s.name ?? s.id),
      ctx.linksTo('stage', s.next),
      ctx.plain(s.description),
    ]),
  );
  return ctx.table(
    ctx.t('tab.stages'),
    [ctx.t('col.name'), ctx.t('col.next'), ctx.t('col.description')],
    rows,
  );
}

function processesSection(ctx: ReportContext): SectionDraft {
  const processes = ctx.model.business?.processes ?? [];
  const centers = ctx.model.serviceCenters ?? [];
  const rows = processes.map((p) =>
    ctx.row('process', p.id, [
      ctx.code(p.id),
      ctx.text(p.name ?? p.id),
      ctx.link('org', p.owner),
      ctx.num(p.steps?.length ?? 0),
      ctx.linksTo(
        'center',
        centers.filter((c) => c.process === p.id).map((c) => c.id),
      ),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.owner'),
    { text: ctx.t('col.steps'), num: true },
    ctx.t('col.centers'),
  ];
  const subsections = processes.map((p) => processSubsection(ctx, p));
  // Process diagrams whose subject is no declared process still belong in this section.
  const unplaced = ctx.figures('process');
  return {
    id: 'processes',
    title: ctx.t('sec.processes'),
    blocks: [...blocks(ctx.table(ctx.t('tab.processes'), headers, rows)), ...unplaced],
    subsections,
  };
}

function processSubsection(ctx: ReportContext, p: Process): SectionDraft {
  const name = p.name ?? p.id;
  const rows = (p.steps ?? []).map((s) =>
    ctx.row('step', `${p.id}.${s.id}`, [
      ctx.code(s.id),
      ctx.text(s.name ?? s.id),
      ctx.links(s.actor ? [actorRef(ctx, s.actor)] : []),
      ctx.links((s.next ?? []).map((n) => ctx.ref('step', `${p.id}.${n}`) ?? n)),
      ctx.links([...list(s.app), ...list(s.service)].map((x) => performerRef(ctx, x))),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.step'),
    ctx.t('col.actor'),
    ctx.t('col.next'),
    ctx.t('col.performedBy'),
  ];
  return {
    id: p.id,
    title: name,
    blocks: blocks(
      ctx.paragraph(p.description),
      ...ctx.figures('process', p.id),
      ctx.table(ctx.t('tab.steps', { name }), headers, rows),
    ),
  };
}

function rolesTable(ctx: ReportContext) {
  const rows = (ctx.model.business?.roles ?? []).map((r) =>
    ctx.row('role', r.id, [
      ctx.code(r.id),
      ctx.text(r.name ?? r.id),
      ctx.link('party', r.party),
      ctx.plain(r.description),
    ]),
  );
  return ctx.table(
    ctx.t('tab.roles'),
    [ctx.t('col.id'), ctx.t('col.name'), ctx.t('col.party'), ctx.t('col.description')],
    rows,
  );
}

/** Rows = functions (grouped by module), columns = roles, ✓ where the role may use the function. */
function permissionTables(ctx: ReportContext) {
  const modules = ctx.model.business?.functions ?? [];
  const roleIds = [...(ctx.model.business?.roles ?? []).map((r) => r.id)];
  for (const m of modules)
    for (const f of m.functions ?? [])
      for (const r of f.roles ?? []) if (!roleIds.includes(r)) roleIds.push(r);
  const columns = roleIds.map((id) => {
    const ref = ctx.ref('role', id);
    return ref ? { text: ref.text, href: ref.href } : { text: id };
  });
  const rows: MatrixRow[] = [];
  for (const m of modules) {
    for (const f of m.functions ?? []) {
      const row = ctx.row('function', `${m.id}.${f.id}`, []);
      const granted = new Set(f.roles ?? []);
      rows.push({
        head: [ctx.link('module', m.id), ctx.text(f.name ?? f.id)],
        marks: roleIds.map((r) => mark(ctx, granted.has(r) ? ctx.t('ui.yes') : '')),
        ...(row.element ? { element: row.element } : {}),
      });
    }
  }
  const moduleRows = modules.map((m) =>
    ctx.row('module', m.id, [
      ctx.text(m.name ?? m.id),
      ctx.link('party', m.party),
      ctx.num(m.functions?.length ?? 0),
    ]),
  );
  const moduleTable = ctx.table(
    ctx.t('tab.functions'),
    [ctx.t('col.module'), ctx.t('col.party'), { text: ctx.t('col.function'), num: true }],
    moduleRows,
  );
  return [
    ...blocks(moduleTable),
    ...matrixTables(
      ctx,
      ctx.t('tab.permissions'),
      [ctx.t('col.module'), ctx.t('col.function')],
      columns,
      rows,
    ),
  ];
}
