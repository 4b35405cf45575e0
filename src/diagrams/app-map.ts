import type { ModelGraph } from '../model/graph.js';
import type { Application, Model } from '../model/types.js';
import { PAGE, packEvenly, toSpecs, type GenContext } from './budget.js';
import { caption, words } from './i18n.js';
import {
  columns,
  gridEdges,
  renderSplit,
  type Flow,
  type FlowEdge,
  type FlowGroup,
  type FlowNode,
} from './flow.js';
import { appLabel } from './process.js';
import { addTo, clean, cmp, joinLabel, slug, sortBy } from './text.js';
import type { DiagramSpec } from './types.js';

/** Product line and subsystem codes of an app id (`100206` → `10`, `1002`); `??` when malformed. */
export function appCodes(id: string): { line: string; sub: string } {
  return /^\d{6}$/.test(id)
    ? { line: id.slice(0, 2), sub: id.slice(0, 4) }
    : { line: '??', sub: '????' };
}

/** Labels of product lines (by code) and subsystems (by line + subsystem code). */
export function lineNames(
  model: Model,
  ctx: GenContext,
): { line: (code: string) => string; sub: (code: string) => string } {
  const lines = new Map(model.productLines.map((p) => [p.code, p]));
  const subs = new Map(model.subsystems.map((s) => [`${s.productLine}${s.code}`, s]));
  const un = words(ctx.lang).unassigned;
  return {
    line: (code) =>
      joinLabel(code, lines.get(code)?.name !== undefined ? clean(lines.get(code)!.name, 200) : un),
    sub: (code) =>
      joinLabel(
        code.slice(2),
        subs.get(code)?.name !== undefined ? clean(subs.get(code)!.name, 200) : un,
      ),
  };
}

/** Apps grouped by product line code, then subsystem code, all sorted. */
export function groupApps(apps: Application[]): Map<string, Map<string, Application[]>> {
  const out = new Map<string, Map<string, Application[]>>();
  for (const app of sortBy(apps, (a) => a.id)) {
    const { line, sub } = appCodes(app.id);
    const subs = out.get(line) ?? new Map<string, Application[]>();
    addTo(subs, sub, app);
    out.set(line, subs);
  }
  return new Map(
    [...out]
      .sort((a, b) => cmp(a[0], b[0]))
      .map(([k, v]) => [k, new Map([...v].sort((a, b) => cmp(a[0], b[0])))]),
  );
}

const CLASS_DEFS = { app: 'fill:#eef3fb,stroke:#4a6fa5', sub: 'fill:#f4f4f4,stroke:#888' };

/** Subsystems a row of the overview holds, apps a row of a subsystem: a page's width of them. */
const SUBSYSTEMS_A_ROW = 4;
const APPS_A_ROW = 3;

/** The apps of the given lines as nested subgraphs line → subsystem → app. */
function detailFlow(
  grouped: Map<string, Map<string, Application[]>>,
  names: ReturnType<typeof lineNames>,
): Flow {
  const groups: FlowGroup[] = [];
  const nodes: FlowNode[] = [];
  for (const [line, subs] of grouped) {
    groups.push({ key: `pl:${line}`, label: names.line(line), elements: [line] });
    for (const [sub, apps] of subs) {
      groups.push({
        key: `ss:${sub}`,
        label: names.sub(sub),
        parent: `pl:${line}`,
        elements: [sub],
      });
      for (const app of apps) nodes.push(appNode(app, `ss:${sub}`));
    }
  }
  return { dir: 'TB', classDefs: CLASS_DEFS, groups, nodes, edges: [] };
}

const appNode = (app: Application, group: string): FlowNode => ({
  key: `app:${app.id}`,
  label: appLabel(app, app.id),
  cls: 'app',
  group,
  elements: [app.id],
});

/**
 * One product line's map for print: its subsystems in two columns (one when there are three or
 * fewer), each with its apps in rows of {@link APPS_A_ROW}. The line itself is not boxed: the
 * caption names it. Mermaid would otherwise stack the subsystems into one tall column.
 */
function lineFlow(subs: Map<string, Application[]>, names: ReturnType<typeof lineNames>): Flow {
  const keys = [...subs.keys()].map((sub) => `ss:${sub}`);
  const grid = columns(keys, keys.length > 3 ? 2 : 1);
  const groups: FlowGroup[] = grid.order.map((key) => ({
    key,
    label: names.sub(key.slice(3)),
    elements: [key.slice(3)],
  }));
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [...grid.edges];
  for (const [sub, apps] of subs) {
    nodes.push(...apps.map((app) => appNode(app, `ss:${sub}`)));
    edges.push(
      ...gridEdges(
        apps.map((a) => `app:${a.id}`),
        APPS_A_ROW,
      ),
    );
  }
  return { dir: 'TB', classDefs: CLASS_DEFS, groups, nodes, edges };
}

/**
 * Application map: product line → subsystem → application subgraphs. Above the budget or a
 * page: an overview of product lines, one under the other, with their subsystems and app
 * counts in rows (in parts of whole lines above a page), and one map per product line.
 */
export function appMap(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const model = graph.model;
  if (model.applications.length === 0) return [];
  const names = lineNames(model, ctx);
  const grouped = groupApps(model.applications);
  const whole = detailFlow(grouped, names);
  if (whole.nodes.length + (whole.groups?.length ?? 0) <= pageGrid(ctx.budget.maxNodes)) {
    return toSpecs(ctx, { id: 'app-map', kind: 'app-map' }, renderSplit(whole, ctx));
  }
  const w = words(ctx.lang);
  /** The overview of `lines`: each line's subsystems with app counts, in rows; lines stacked. */
  const overviewOf = (lines: [string, Map<string, Application[]>][]): Flow => {
    const flow: Flow = { dir: 'TB', classDefs: CLASS_DEFS, groups: [], nodes: [], edges: [] };
    for (const [line, subs] of lines) {
      flow.groups!.push({ key: `pl:${line}`, label: names.line(line), elements: [line] });
      for (const [sub, apps] of subs) {
        flow.nodes.push({
          key: `ss:${sub}`,
          label: joinLabel(names.sub(sub), w.apps(apps.length)),
          cls: 'sub',
          group: `pl:${line}`,
          elements: [sub, ...apps.map((a) => a.id)],
        });
      }
      const keys = [...subs.keys()].map((sub) => `ss:${sub}`);
      flow.edges.push(...gridEdges(keys, SUBSYSTEMS_A_ROW));
    }
    const lineKeys = flow.groups!.map((g) => g.key);
    flow.edges.push(...gridEdges(lineKeys, lineKeys.length));
    return flow;
  };
  // More subsystems than a page holds: the overview in parts of whole lines.
  const most = pageGrid(ctx.budget.maxOverviewNodes);
  const overviewSpecs = toSpecs(
    ctx,
    { id: 'app-map', kind: 'app-map', summarised: true },
    packEvenly(
      [...grouped].map((line) => [line]),
      (lines) => lines.reduce((n, [, subs]) => n + 1 + subs.size, 0) <= most,
    ).flatMap((lines) => renderSplit(overviewOf(lines), ctx, most)),
  );
  if (overviewSpecs.length === 1)
    overviewSpecs[0]!.title = caption(ctx.lang, 'app-map', undefined, w.overview);
  const head = { id: overviewSpecs[0]!.id, title: overviewSpecs[0]!.title };
  const perLine = [...grouped].flatMap(([line, subs]) =>
    toSpecs(
      ctx,
      {
        id: `app-map-${slug(line)}`,
        kind: 'app-map',
        subject: line,
        subjectName: names.line(line),
      },
      renderSplit(lineFlow(subs, names), ctx, pageGrid(ctx.budget.maxNodes)).map((p) => ({
        ...p,
        elements: [line, ...p.elements],
      })),
      head,
    ),
  );
  for (const spec of overviewSpecs)
    spec.links = [...(spec.links ?? []), ...perLine.map((s) => ({ id: s.id, title: s.title }))];
  return [...overviewSpecs, ...perLine];
}

/** The most boxes a chart laid out as a grid may hold: the budget's, or what fits a page. */
const pageGrid = (budget: number): number => Math.min(budget, PAGE.gridNodes);
