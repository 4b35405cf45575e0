import type { ModelGraph } from '../model/graph.js';
import type { Application } from '../model/types.js';
import { PAGE, toSpecs, type GenContext } from './budget.js';
import { appCodes, lineNames } from './app-map.js';
import { words } from './i18n.js';
import {
  gridCols,
  gridEdges,
  renderSplit,
  type Flow,
  type FlowEdge,
  type FlowGroup,
  type FlowNode,
} from './flow.js';
import { appLabel } from './process.js';
import { addTo, cmp, joinLabel, nameOf, sortBy } from './text.js';
import type { DiagramSpec } from './types.js';

const CLASS_DEFS = { layer: 'fill:#eef3fb,stroke:#4a6fa5', app: 'fill:#fff,stroke:#888' };

/**
 * Layered architecture: `planning.layers` stacked top-down in the order the model lists them.
 * Layers hold the apps whose `layer` names them; when those do not fit the budget or a page,
 * each layer shows its product lines with their app counts, or only its own app count.
 */
export function layers(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const list = graph.model.planning.layers ?? [];
  if (list.length === 0) return [];
  const w = words(ctx.lang);
  const ids = new Set(list.map((l) => l.id));
  const members = new Map<string, Application[]>();
  for (const app of sortBy(graph.model.applications, (a) => a.id)) {
    if (app.layer !== undefined && ids.has(app.layer)) addTo(members, app.layer, app);
  }
  const assigned = [...members.values()].reduce((n, apps) => n + apps.length, 0);
  const most = Math.min(ctx.budget.maxNodes, PAGE.gridNodes);
  const detailed = assigned > 0 && assigned + list.length <= most;
  // Too many apps for a page: each layer shows its product lines with their app counts.
  const names = lineNames(graph.model, ctx);
  const byLine = (apps: Application[]): Map<string, Application[]> => {
    const out = new Map<string, Application[]>();
    for (const app of apps) addTo(out, appCodes(app.id).line, app);
    return out;
  };
  const lineCount = [...members.values()].reduce((n, apps) => n + byLine(apps).size, 0);
  const perLine = assigned > 0 && !detailed && lineCount + list.length <= most;
  const groups: FlowGroup[] = [];
  const nodes: FlowNode[] = [];
  for (const layer of list) {
    if (
      groups.some((g) => g.key === `ly:${layer.id}`) ||
      nodes.some((n) => n.key === `ly:${layer.id}`)
    )
      continue;
    const apps = members.get(layer.id) ?? [];
    if (detailed && apps.length > 0) {
      groups.push({ key: `ly:${layer.id}`, label: nameOf(layer), elements: [layer.id] });
      for (const app of apps)
        nodes.push({
          key: `app:${app.id}`,
          label: appLabel(app, app.id),
          cls: 'app',
          group: `ly:${layer.id}`,
          elements: [app.id],
        });
    } else if (perLine && apps.length > 0) {
      groups.push({ key: `ly:${layer.id}`, label: nameOf(layer), elements: [layer.id] });
      for (const [line, lineApps] of [...byLine(apps)].sort((a, b) => cmp(a[0], b[0])))
        nodes.push({
          key: `lyl:${layer.id}/${line}`,
          label: joinLabel(names.line(line), w.apps(lineApps.length)),
          cls: 'app',
          group: `ly:${layer.id}`,
          elements: [line, ...lineApps.map((a) => a.id)],
        });
    } else {
      const count = assigned > 0 ? w.apps(apps.length) : undefined;
      nodes.push({
        key: `ly:${layer.id}`,
        label: joinLabel(nameOf(layer), count),
        cls: 'layer',
        elements: [layer.id, ...apps.map((a) => a.id)],
      });
    }
  }
  // Invisible links keep the layers stacked in model order.
  const order = [...new Set(list.map((l) => `ly:${l.id}`))];
  const edges: FlowEdge[] = order
    .slice(1)
    .map((key, i) => ({ from: order[i]!, to: key, style: 'invisible' }));
  // Inside a layer, apps go in rows (a grid) rather than one column as tall as the layer's apps.
  for (const g of groups) {
    const keys = nodes.filter((n) => n.group === g.key).map((n) => n.key);
    edges.push(...gridEdges(keys, gridCols(keys.length)));
  }
  const flow: Flow = { dir: 'TB', classDefs: CLASS_DEFS, groups, nodes, edges };
  return toSpecs(
    ctx,
    { id: 'layers', kind: 'layers', summarised: assigned > 0 && !detailed },
    renderSplit(flow, ctx),
  );
}
