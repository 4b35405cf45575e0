import type { ModelGraph } from '../model/graph.js';
import type { Application, Model } from '../model/types.js';
import { PAGE, toSpecs, type GenContext } from './budget.js';
import { longestPath, renderSplit, type Flow, type FlowGroup, type FlowNode } from './flow.js';
import { asList, clean, joinLabel, nameOf, slug, sortBy } from './text.js';
import type { DiagramSpec } from './types.js';

/** "100206 Purchaser web": how every diagram names an application. */
export function appLabel(app: Application | undefined, id: string): string {
  return app?.name ? `${id} ${clean(app.name, 200)}` : id;
}

/** Display names of everything a process step's `actor` may name: parties, roles, org units. */
function actorNames(model: Model): Map<string, string> {
  const names = new Map<string, string>();
  for (const list of [model.business.orgUnits, model.business.roles, model.business.parties]) {
    for (const el of list ?? []) names.set(el.id, nameOf(el));
  }
  return names;
}

/** Steps in a row a process flow may have and still run left to right on a page. */
const LR_STEPS = 6;

/**
 * Business processes: one flowchart per process, steps in swimlanes by actor, `next` edges,
 * each step annotated with the applications and services that perform it. Left to right, or
 * top-down when its longest run of steps would be wider than a page.
 */
export function processes(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  const model = graph.model;
  const apps = new Map(model.applications.map((a) => [a.id, a]));
  const actors = actorNames(model);
  return sortBy(model.business.processes, (p) => p.id).flatMap((proc) => {
    const steps = proc.steps ?? [];
    if (steps.length === 0) return [];
    const known = new Set(steps.map((s) => s.id));
    const groups: FlowGroup[] = [];
    const nodes: FlowNode[] = steps.map((s) => {
      const lane = s.actor !== undefined ? `lane:${s.actor}` : undefined;
      if (lane !== undefined && !groups.some((g) => g.key === lane)) {
        groups.push({ key: lane, label: actors.get(s.actor!) ?? s.actor!, elements: [s.actor!] });
      }
      const appIds = asList(s.app).map(String);
      const services = asList(s.service).map(String);
      return {
        key: `step:${s.id}`,
        label: joinLabel(nameOf(s), ...appIds.map((a) => appLabel(apps.get(a), a)), ...services),
        shape: 'round',
        ...(lane !== undefined ? { group: lane } : {}),
        elements: [`${proc.id}.${s.id}`, ...appIds, ...services],
      };
    });
    const flow: Flow = {
      dir: 'LR',
      groups,
      nodes,
      edges: steps.flatMap((s) =>
        [...new Set(s.next ?? [])]
          .filter((t) => known.has(t))
          .map((t) => ({ from: `step:${s.id}`, to: `step:${t}` })),
      ),
    };
    // A long flow runs down the page: across it, steps of two or three lines stop fitting a
    // landscape page after five or so. Parts hold what a page does.
    if (longestPath(flow) > LR_STEPS) flow.dir = 'TB';
    const parts = renderSplit(flow, ctx, Math.min(ctx.budget.maxNodes, PAGE.nodes)).map((p) => ({
      ...p,
      elements: [proc.id, ...p.elements],
    }));
    return toSpecs(
      ctx,
      {
        id: `process-${slug(proc.id)}`,
        kind: 'process',
        subject: proc.id,
        subjectName: clean(nameOf(proc), 80),
      },
      parts,
    );
  });
}
