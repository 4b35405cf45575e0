/**
 * Chapter 5, SOA / service architecture: service centers, their services and protocols, the
 * front-end application x service center matrix, discovery and asynchronous messaging.
 */
import type { AppKind, Application, Protocol, ServiceCenter } from '../../model/types.js';
import { blocks, type ReportContext, type SectionDraft } from '../context.js';
import type { Row } from '../types.js';
import { matrixTables, mark, type MatrixRow } from './matrix.js';
import { joinText, list, targetRef } from './refs.js';

/** Front-end kinds (model.md) plus jobs, which the method's matrix also lists. */
const MATRIX_KINDS: readonly AppKind[] = ['web', 'mobile', 'gateway', 'api', 'admin', 'job'];

/** Builds chapter 5. */
export function buildSoa(ctx: ReportContext): SectionDraft[] {
  return [
    {
      id: 'centers',
      title: ctx.t('sec.centers'),
      blocks: [...ctx.figures('soa'), ...blocks(centersTable(ctx), servicesTable(ctx))],
    },
    { id: 'frontend', title: ctx.t('sec.frontendMatrix'), blocks: frontendMatrix(ctx) },
    {
      id: 'discovery',
      title: ctx.t('sec.discovery'),
      blocks: blocks(discoveryTable(ctx), messagingTable(ctx)),
    },
  ];
}

function centersTable(ctx: ReportContext) {
  const rows = (ctx.model.serviceCenters ?? []).map((c) =>
    ctx.row('center', c.id, [
      ctx.code(c.id),
      ctx.text(c.name ?? c.id),
      ctx.link('process', c.process),
      ctx.linksTo('app', c.implementedBy),
      ctx.linksTo('center', c.dependsOn),
      ctx.num(c.services?.length ?? 0),
      ctx.lifecycle(c.lifecycle),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.process'),
    ctx.t('col.implementedBy'),
    ctx.t('col.dependsOn'),
    { text: ctx.t('col.services'), num: true },
    ctx.t('col.lifecycle'),
  ];
  return ctx.table(ctx.t('tab.centers'), headers, rows);
}

function servicesTable(ctx: ReportContext) {
  const rows: Row[] = [];
  for (const c of ctx.model.serviceCenters ?? []) {
    for (const s of c.services ?? []) {
      rows.push(
        ctx.row('service', `${c.id}.${s.id}`, [
          ctx.link('center', c.id),
          ctx.code(s.id),
          ctx.text(s.name ?? s.id),
          ctx.text(s.protocol),
          ctx.code(joinText([...(s.operations ?? []), s.channel], ', ')),
          ctx.linksTo(
            'app',
            s.implementedBy === undefined ? c.implementedBy : list(s.implementedBy),
          ),
        ]),
      );
    }
  }
  const headers = [
    ctx.t('col.center'),
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.protocol'),
    ctx.t('col.operations'),
    ctx.t('col.implementedBy'),
  ];
  return ctx.table(ctx.t('tab.services'), headers, rows);
}

/** The center a call or route target reaches, if any. */
function centerOf(ctx: ReportContext, target: string): string | undefined {
  const id = target.includes('.') ? target.slice(0, target.indexOf('.')) : target;
  return ctx.element('center', id) ? id : undefined;
}

/** Protocols an app uses towards each service center (routes count as http unless they say). */
export function centerUse(ctx: ReportContext, app: Application): Map<string, Set<string>> {
  const use = new Map<string, Set<string>>();
  const add = (target: string, protocol: Protocol | undefined): void => {
    const center = centerOf(ctx, target);
    if (!center) return;
    const set = use.get(center) ?? new Set<string>();
    set.add(protocol ?? 'http');
    use.set(center, set);
  };
  for (const c of app.calls ?? []) add(c.target, c.protocol);
  for (const r of app.routes ?? []) add(r.target, r.protocol);
  return use;
}

function frontendMatrix(ctx: ReportContext) {
  const centers: ServiceCenter[] = ctx.model.serviceCenters ?? [];
  const apps = [...(ctx.model.applications ?? [])]
    .filter((a) => list(a.kind).some((k) => MATRIX_KINDS.includes(k)))
    .sort((a, b) => a.id.localeCompare(b.id));
  const columns = centers.map((c) => ({
    text: c.name ?? c.id,
    href: ctx.ref('center', c.id)?.href ?? '',
  }));
  const rows: MatrixRow[] = apps.map((a) => {
    const use = centerUse(ctx, a);
    return {
      head: [ctx.link('app', a.id), ctx.text(list(a.kind).join(', '))],
      marks: centers.map((c) => mark(ctx, [...(use.get(c.id) ?? [])].join(', '))),
    };
  });
  return matrixTables(
    ctx,
    ctx.t('tab.frontendMatrix'),
    [ctx.t('col.apps'), ctx.t('col.kind')],
    columns,
    rows,
    ctx.t('ui.frontendNote'),
  );
}

function discoveryTable(ctx: ReportContext) {
  const rows = (ctx.model.serviceCenters ?? [])
    .filter((c) => c.discovery !== undefined)
    .map((c) => ({
      cells: [ctx.link('center', c.id), ctx.text(c.discovery), ctx.linksTo('app', c.implementedBy)],
    }));
  return ctx.table(
    ctx.t('tab.discovery'),
    [ctx.t('col.center'), ctx.t('col.discovery'), ctx.t('col.implementedBy')],
    rows,
  );
}

/** Asynchronous channels: mq services and every call marked asynchronous. */
function messagingTable(ctx: ReportContext) {
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const c of ctx.model.serviceCenters ?? []) {
    for (const s of c.services ?? []) {
      if (s.protocol !== 'mq' && s.channel === undefined && s.sync !== false) continue;
      const id = `${c.id}.${s.id}`;
      seen.add(id);
      rows.push({
        cells: [
          ctx.link('service', id),
          ctx.code(s.channel),
          ctx.text(s.protocol),
          ctx.linksTo(
            'app',
            s.implementedBy === undefined ? c.implementedBy : list(s.implementedBy),
          ),
          ctx.linksTo('app', ctx.registry.callersByTarget.get(id)),
        ],
      });
    }
  }
  for (const a of ctx.model.applications ?? []) {
    for (const call of a.calls ?? []) {
      const async = call.sync === false || (call.sync === undefined && call.protocol === 'mq');
      if (!async || seen.has(call.target)) continue;
      seen.add(call.target);
      rows.push({
        cells: [
          ctx.links([targetRef(ctx, call.target)]),
          ctx.code(call.detail),
          ctx.text(call.protocol),
          ctx.text(''),
          ctx.linksTo('app', ctx.registry.callersByTarget.get(call.target)),
        ],
      });
    }
  }
  const headers = [
    ctx.t('col.service'),
    ctx.t('col.channel'),
    ctx.t('col.protocol'),
    ctx.t('col.implementedBy'),
    ctx.t('col.calledBy'),
  ];
  return ctx.table(ctx.t('tab.messaging'), headers, rows);
}
