import type { ModelGraph } from '../model/graph.js';
import type { Application, Model } from '../model/types.js';
import { toSpecs, type GenContext } from './budget.js';
import { caption, words } from './i18n.js';
import { renderSplit, type Flow, type FlowGroup, type FlowNode } from './flow.js';
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
      for (const app of apps)
        nodes.push({
          key: `app:${app.id}`,
          label: appLabel(app, app.id),
          cls: 'app',
          group: `ss:${sub}`,
          elements: [app.id],
        });
    }
  }
  return { dir: 'TB', classDefs: CLASS_DEFS, groups, nodes, edges: [] };
}

/**
 * Application map: product line → subsystem → application subgraphs. Above the budget: an
 * overview of product lines and subsystems with app counts, and one map per product line.
 */
export function appMap(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const model = graph.model;
  if (model.applications.length === 0) return [];
  const names = lineNames(model, ctx);
  const grouped = groupApps(model.applications);
  const whole = detailFlow(grouped, names);
  if (whole.nodes.length + (whole.groups?.length ?? 0) <= ctx.budget.maxNodes) {
    return toSpecs(ctx, { id: 'app-map', kind: 'app-map' }, renderSplit(whole, ctx));
  }
  const w = words(ctx.lang);
  const overview: Flow = { dir: 'TB', classDefs: CLASS_DEFS, groups: [], nodes: [], edges: [] };
  for (const [line, subs] of grouped) {
    overview.groups!.push({ key: `pl:${line}`, label: names.line(line), elements: [line] });
    for (const [sub, apps] of subs) {
      const label = joinLabel(names.sub(sub), w.apps(apps.length));
      overview.nodes.push({
        key: `ss:${sub}`,
        label,
        cls: 'sub',
        group: `pl:${line}`,
        elements: [sub, ...apps.map((a) => a.id)],
      });
    }
  }
  const overviewSpecs = toSpecs(
    ctx,
    { id: 'app-map', kind: 'app-map', summarised: true },
    renderSplit(overview, ctx, ctx.budget.maxOverviewNodes),
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
      renderSplit(detailFlow(new Map([[line, subs]]), names), ctx),
      head,
    ),
  );
  for (const spec of overviewSpecs)
    spec.links = [...(spec.links ?? []), ...perLine.map((s) => ({ id: s.id, title: s.title }))];
  return [...overviewSpecs, ...perLine];
}
