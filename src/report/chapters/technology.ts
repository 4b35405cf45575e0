/**
 * Chapter 7, technology architecture: regions and datacenters with their links, networks, the
 * cluster x product line matrix, the cluster inventory with its capacity plan, domain names.
 */
import type { Capacity, Cluster } from '../../model/types.js';
import { blocks, type ReportContext, type SectionDraft } from '../context.js';
import { domainKey } from '../registry.js';
import type { Cell, Row } from '../types.js';
import { matrixTables, mark, type MatrixRow } from './matrix.js';
import { joinText } from './refs.js';

/** Capacity targets as multiples of current load (method.md: implement 1.5x, design 5x, plan 20x). */
export const CAPACITY_TARGETS = { implemented: 1.5, designed: 5, planned: 20 } as const;

/** Builds chapter 7. */
export function buildTechnology(ctx: ReportContext): SectionDraft[] {
  return [
    {
      id: 'datacenters',
      title: ctx.t('sec.datacenters'),
      blocks: [
        ...ctx.figures('datacenters'),
        ...blocks(regionsTable(ctx), datacentersTable(ctx), linksTable(ctx)),
      ],
    },
    { id: 'networks', title: ctx.t('sec.networks'), blocks: blocks(networksTable(ctx)) },
    { id: 'cluster-matrix', title: ctx.t('sec.clusterMatrix'), blocks: clusterMatrix(ctx) },
    {
      id: 'clusters',
      title: ctx.t('sec.clusters'),
      blocks: [...ctx.figures('clusters'), ...blocks(clustersTable(ctx), capacityTable(ctx))],
    },
    { id: 'domains', title: ctx.t('sec.domains'), blocks: blocks(domainsTable(ctx)) },
  ];
}

const clusters = (ctx: ReportContext): Cluster[] => ctx.model.physical?.clusters ?? [];

function regionsTable(ctx: ReportContext) {
  const dcs = ctx.model.physical?.datacenters ?? [];
  const rows = (ctx.model.physical?.regions ?? []).map((r) =>
    ctx.row('region', r.id, [
      ctx.code(r.id),
      ctx.text(r.name ?? r.id),
      ctx.linksTo(
        'dc',
        dcs.filter((d) => d.region === r.id).map((d) => d.id),
      ),
    ]),
  );
  return ctx.table(
    ctx.t('tab.regions'),
    [ctx.t('col.id'), ctx.t('col.name'), ctx.t('col.datacenter')],
    rows,
  );
}

function datacentersTable(ctx: ReportContext) {
  const rows = (ctx.model.physical?.datacenters ?? []).map((d) =>
    ctx.row('dc', d.id, [
      ctx.code(d.id),
      ctx.text(d.name ?? d.id),
      ctx.link('region', d.region),
      ctx.text(d.kind),
      ctx.text(d.location),
      ctx.linksTo(
        'cluster',
        clusters(ctx)
          .filter((c) => c.datacenter === d.id)
          .map((c) => c.id),
      ),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.region'),
    ctx.t('col.kind'),
    ctx.t('col.location'),
    ctx.t('col.clusters'),
  ];
  return ctx.table(ctx.t('tab.datacenters'), headers, rows);
}

function linksTable(ctx: ReportContext) {
  const rows: Row[] = (ctx.model.physical?.datacenters ?? []).flatMap((d) =>
    (d.links ?? []).map((l) => ({
      cells: [ctx.link('dc', d.id), ctx.link('dc', l.to), ctx.text(l.kind), ctx.text(l.bandwidth)],
    })),
  );
  return ctx.table(
    ctx.t('tab.dcLinks'),
    [ctx.t('col.from'), ctx.t('col.to'), ctx.t('col.kind'), ctx.t('col.bandwidth')],
    rows,
  );
}

function networksTable(ctx: ReportContext) {
  const rows = (ctx.model.physical?.networks ?? []).map((n) =>
    ctx.row('network', n.id, [
      ctx.code(n.id),
      ctx.text(n.name ?? n.id),
      ctx.text(n.zone),
      ctx.code(n.cidr),
      ctx.linksTo(
        'cluster',
        clusters(ctx)
          .filter((c) => c.network === n.id)
          .map((c) => c.id),
      ),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.zone'),
    ctx.t('col.cidr'),
    ctx.t('col.clusters'),
  ];
  return ctx.table(ctx.t('tab.networks'), headers, rows);
}

/** Rows = clusters, columns = product lines: ✓ when the cluster serves the line, plus its deployed app count. */
function clusterMatrix(ctx: ReportContext) {
  const lines = ctx.model.productLines ?? [];
  const columns = lines.map((l) => ({
    text: l.name ?? l.code,
    href: ctx.ref('line', l.code)?.href ?? '',
  }));
  const rows: MatrixRow[] = clusters(ctx).map((c) => {
    const apps = ctx.registry.appsByCluster.get(c.id) ?? [];
    return {
      head: [ctx.link('cluster', c.id), ctx.text(c.kind)],
      marks: lines.map((l) => {
        const n = apps.filter((a) => a.startsWith(l.code)).length;
        const serves = (c.productLines ?? []).includes(l.code);
        return mark(
          ctx,
          joinText([serves ? ctx.t('ui.yes') : undefined, n > 0 ? String(n) : undefined], ' '),
        );
      }),
    };
  });
  return matrixTables(
    ctx,
    ctx.t('tab.clusterMatrix'),
    [ctx.t('col.clusters'), ctx.t('col.kind')],
    columns,
    rows,
    ctx.t('ui.clusterMatrixNote'),
  );
}

function clustersTable(ctx: ReportContext) {
  const rows = clusters(ctx).map((c) =>
    ctx.row('cluster', c.id, [
      ctx.code(c.id),
      ctx.text(c.name ?? c.id),
      ctx.text(joinText([c.kind, c.namespace], ' / ')),
      ctx.link('dc', c.datacenter),
      ctx.link('network', c.network),
      ctx.linksTo('line', c.productLines),
      ctx.text(joinText(c.middleware ?? [])),
      ctx.linksTo('app', ctx.registry.appsByCluster.get(c.id)),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.kind'),
    ctx.t('col.datacenter'),
    ctx.t('col.network'),
    ctx.t('col.productLine'),
    ctx.t('col.middleware'),
    ctx.t('col.deployed'),
  ];
  return ctx.table(ctx.t('tab.clusters'), headers, rows);
}

/** `planned / current` as a short multiple (`20`, `1.5`, `0.33`); undefined without both numbers. */
export function ratio(value: number | undefined, current: number | undefined): number | undefined {
  if (value === undefined || current === undefined || current <= 0) return undefined;
  return Math.round((value / current) * 100) / 100;
}

function ratioCell(ctx: ReportContext, cap: Capacity, key: keyof typeof CAPACITY_TARGETS): Cell {
  const r = ratio(cap[key], cap.current);
  if (r === undefined) return ctx.num(undefined);
  return {
    kind: 'text',
    text: `${r}×`,
    num: true,
    ...(r < CAPACITY_TARGETS[key] ? { highlight: true } : {}),
  };
}

function capacityTable(ctx: ReportContext) {
  const rows = clusters(ctx)
    .filter((c) => c.capacity !== undefined)
    .map((c) => {
      const cap = c.capacity ?? {};
      return {
        cells: [
          ctx.link('cluster', c.id),
          ctx.text(cap.unit ?? 'nodes'),
          ctx.num(cap.current),
          ctx.num(cap.implemented),
          ratioCell(ctx, cap, 'implemented'),
          ctx.num(cap.designed),
          ratioCell(ctx, cap, 'designed'),
          ctx.num(cap.planned),
          ratioCell(ctx, cap, 'planned'),
        ],
      };
    });
  const n = (key: Parameters<ReportContext['t']>[0]) => ({ text: ctx.t(key), num: true });
  const headers = [
    { text: ctx.t('col.clusters') },
    { text: ctx.t('col.unit') },
    n('col.current'),
    n('col.implemented'),
    n('col.ratio'),
    n('col.designed'),
    n('col.ratio'),
    n('col.planned'),
    n('col.ratio'),
  ];
  return ctx.table(ctx.t('tab.capacity'), headers, rows, { note: ctx.t('ui.capacityNote') });
}

function domainsTable(ctx: ReportContext) {
  const apps = ctx.model.applications ?? [];
  const rows = (ctx.model.physical?.domains ?? []).map((d) => {
    const key = domainKey(d);
    const target = d.target
      ? [ctx.ref('cluster', d.target) ?? ctx.ref('app', d.target) ?? d.target]
      : [];
    return ctx.row('domain', key, [
      ctx.code(key),
      ctx.text(d.visibility),
      ctx.links(target),
      ctx.text(d.plan),
      ctx.code(d.redirect),
      ctx.linksTo(
        'app',
        apps.filter((a) => (a.domains ?? []).includes(key)).map((a) => a.id),
      ),
    ]);
  });
  const headers = [
    ctx.t('col.host'),
    ctx.t('col.visibility'),
    ctx.t('col.target'),
    ctx.t('col.plan'),
    ctx.t('col.redirect'),
    ctx.t('col.apps'),
  ];
  return ctx.table(ctx.t('tab.domains'), headers, rows);
}
