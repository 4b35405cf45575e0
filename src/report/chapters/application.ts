/**
 * Chapter 4, application architecture: product lines, subsystems, the application catalogue by
 * id, application map, interfaces (call graph, external systems), the business-logic x
 * application duplication table and the layered architecture.
 */
import type { Application } from '../../model/types.js';
import { blocks, type ReportContext, type SectionDraft } from '../context.js';
import { clustersOf } from '../registry.js';
import type { Cell, Link, Row } from '../types.js';
import { joinText, list, targetRef } from './refs.js';

/** Builds chapter 4. */
export function buildApplication(ctx: ReportContext): SectionDraft[] {
  return [
    {
      id: 'product-lines',
      title: ctx.t('sec.productLines'),
      blocks: blocks(productLinesTable(ctx)),
    },
    { id: 'subsystems', title: ctx.t('sec.subsystems'), blocks: blocks(subsystemsTable(ctx)) },
    { id: 'catalogue', title: ctx.t('sec.catalogue'), blocks: blocks(catalogueTable(ctx)) },
    { id: 'app-map', title: ctx.t('sec.appMap'), blocks: ctx.figures('app-map') },
    {
      id: 'interfaces',
      title: ctx.t('sec.interfaces'),
      blocks: [...ctx.figures('call-graph'), ...blocks(externalsTable(ctx))],
    },
    { id: 'duplication', title: ctx.t('sec.duplication'), blocks: blocks(duplicationTable(ctx)) },
    {
      id: 'layers',
      title: ctx.t('sec.layers'),
      blocks: [...ctx.figures('layers'), ...blocks(layersTable(ctx))],
    },
  ];
}

const byId = (a: Application, b: Application): number => a.id.localeCompare(b.id);

function productLinesTable(ctx: ReportContext) {
  const apps = ctx.model.applications ?? [];
  const rows = (ctx.model.productLines ?? []).map((l) =>
    ctx.row('line', l.code, [
      ctx.code(l.code),
      ctx.code(l.id),
      ctx.text(l.name ?? l.id ?? l.code),
      ctx.linksTo(
        'subsystem',
        (ctx.model.subsystems ?? [])
          .filter((s) => s.productLine === l.code)
          .map((s) => `${l.code}${s.code}`),
      ),
      ctx.num(apps.filter((a) => a.id.startsWith(l.code)).length),
      ctx.link('org', l.owner),
    ]),
  );
  const headers = [
    ctx.t('col.code'),
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.subsystems'),
    { text: ctx.t('col.apps'), num: true },
    ctx.t('col.owner'),
  ];
  return ctx.table(ctx.t('tab.productLines'), headers, rows);
}

function subsystemsTable(ctx: ReportContext) {
  const apps = [...(ctx.model.applications ?? [])].sort(byId);
  const rows = (ctx.model.subsystems ?? []).map((s) => {
    const code = `${s.productLine}${s.code}`;
    return ctx.row('subsystem', code, [
      ctx.code(code),
      ctx.text(s.name ?? code),
      ctx.link('line', s.productLine),
      ctx.linksTo(
        'app',
        apps.filter((a) => a.id.startsWith(code)).map((a) => a.id),
      ),
    ]);
  });
  return ctx.table(
    ctx.t('tab.subsystems'),
    [ctx.t('col.code'), ctx.t('col.name'), ctx.t('col.productLine'), ctx.t('col.apps')],
    rows,
  );
}

const ACCESS: Record<string, string> = { read: 'R', write: 'W', readwrite: 'RW' };

function catalogueTable(ctx: ReportContext) {
  const rows: Row[] = [...(ctx.model.applications ?? [])].sort(byId).map((a) => {
    const line = ctx.ref('line', a.id.slice(0, 2));
    const sub = ctx.ref('subsystem', a.id.slice(0, 4));
    const dbs = (a.uses ?? []).map((u): Link | string => {
      const ref = ctx.ref('db', u.database);
      const access = ACCESS[u.access ?? 'read'] ?? '';
      return ref ? { ...ref, text: `${ref.text} (${access})` } : `${u.database} (${access})`;
    });
    const calls = [
      ...(a.calls ?? []).map((c) => c.target),
      ...(a.routes ?? []).map((r) => r.target),
    ];
    const cells: Cell[] = [
      ctx.code(a.id),
      ctx.text(a.name ?? a.id),
      ctx.text(list(a.kind).join(', ')),
      ctx.text(joinText([a.language, joinText(a.tech ?? [])], ' · ')),
      ctx.links([line ?? a.id.slice(0, 2), sub ?? a.id.slice(0, 4)]),
      ctx.lifecycle(a.lifecycle),
      ctx.linksTo('center', ctx.registry.centersByApp.get(a.id)),
      ctx.links(calls.map((t) => targetRef(ctx, t))),
      ctx.links(dbs),
      ctx.linksTo('cluster', clustersOf(a)),
    ];
    return ctx.row('app', a.id, cells);
  });
  const headers = [
    'col.id',
    'col.name',
    'col.kind',
    'col.languageTech',
    'col.lineSubsystem',
    'col.lifecycle',
    'col.centers',
    'col.calls',
    'col.databases',
    'col.clusters',
  ] as const;
  return ctx.table(
    ctx.t('tab.catalogue'),
    headers.map((h) => ctx.t(h)),
    rows,
  );
}

function externalsTable(ctx: ReportContext) {
  const rows = (ctx.model.externalSystems ?? []).map((e) =>
    ctx.row('ext', e.id, [
      ctx.code(e.id),
      ctx.text(e.name ?? e.id),
      ctx.link('party', e.party),
      ctx.code(joinText([e.host, e.port === undefined ? undefined : String(e.port)], ':')),
      ctx.text(e.protocol),
      ctx.linksTo('app', ctx.registry.callersByTarget.get(e.id)),
    ]),
  );
  const headers = [
    ctx.t('col.id'),
    ctx.t('col.name'),
    ctx.t('col.party'),
    ctx.t('col.host'),
    ctx.t('col.protocol'),
    ctx.t('col.calledBy'),
  ];
  return ctx.table(ctx.t('tab.externals'), headers, rows);
}

/** One row per piece of business logic: the apps implementing it and how often it is repeated. */
export function duplicationRows(ctx: ReportContext): { id: string; apps: string[] }[] {
  const implementers = new Map<string, string[]>();
  for (const l of ctx.model.businessLogic ?? []) implementers.set(l.id, []);
  for (const a of [...(ctx.model.applications ?? [])].sort(byId)) {
    for (const id of a.logic ?? []) {
      const apps = implementers.get(id) ?? [];
      if (!apps.includes(a.id)) apps.push(a.id);
      implementers.set(id, apps);
    }
  }
  // Most repeated first: that is where one change costs the most edits.
  return [...implementers]
    .map(([id, apps]) => ({ id, apps }))
    .sort((x, y) => y.apps.length - x.apps.length);
}

function duplicationTable(ctx: ReportContext) {
  const centers = ctx.model.serviceCenters ?? [];
  const logic = new Map((ctx.model.businessLogic ?? []).map((l) => [l.id, l]));
  const rows = duplicationRows(ctx).map(({ id, apps }) => {
    const l = logic.get(id);
    const dup = apps.length > 1;
    const target = l?.process
      ? centers.filter((c) => c.process === l.process).map((c) => c.id)
      : [];
    return ctx.row(
      'logic',
      id,
      [
        ctx.text(l?.name ?? id),
        ctx.link('process', l?.process),
        ctx.linksTo('app', apps),
        ctx.num(apps.length, dup),
        ctx.linksTo('center', target),
      ],
      dup,
    );
  });
  const headers = [
    ctx.t('col.logic'),
    ctx.t('col.process'),
    ctx.t('col.implementedBy'),
    { text: ctx.t('col.count'), num: true },
    ctx.t('col.targetCenter'),
  ];
  return ctx.table(ctx.t('tab.duplication'), headers, rows, { note: ctx.t('ui.duplicationNote') });
}

function layersTable(ctx: ReportContext) {
  const apps = [...(ctx.model.applications ?? [])].sort(byId);
  const rows = (ctx.model.planning?.layers ?? []).map((l) =>
    ctx.row('layer', l.id, [
      ctx.text(l.name ?? l.id),
      ctx.plain(l.description),
      ctx.linksTo(
        'app',
        apps.filter((a) => a.layer === l.id).map((a) => a.id),
      ),
    ]),
  );
  return ctx.table(
    ctx.t('tab.layers'),
    [ctx.t('col.layer'), ctx.t('col.description'), ctx.t('col.apps')],
    rows,
  );
}
