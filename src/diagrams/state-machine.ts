import type { ModelGraph } from '../model/graph.js';
import type { StateMachine, Transition } from '../model/types.js';
import { toSpecs, type GenContext } from './budget.js';
import { words } from './i18n.js';
import {
  IdMap,
  MAX_LABEL,
  asList,
  clean,
  cmp,
  joinLabel,
  label,
  nameOf,
  slug,
  sortBy,
  svgText,
} from './text.js';
import type { DiagramSpec } from './types.js';

/** "trigger (after 30m) [guard] / service": the label of a transition or of the creation. */
function transitionLabel(t: {
  trigger?: string | undefined;
  after?: string | undefined;
  guard?: string | undefined;
  service?: string | undefined;
}): string {
  let text = clean(t.trigger ?? '', 200);
  if (t.after) text = text ? `${text} (${clean(t.after, 20)})` : `after ${clean(t.after, 20)}`;
  if (t.guard) text += ` [${clean(t.guard, 40)}]`;
  if (t.service) text += ` / ${clean(t.service, 80)}`;
  return clean(text, 60);
}

/** `from` → `to` pairs of a transition, `*` expanded to every non-final state but the target. */
function expand(t: Transition, nonFinal: string[]): string[] {
  return asList(t.from).flatMap((f) =>
    String(f) === '*' ? nonFinal.filter((s) => s !== t.to) : [String(f)],
  );
}

/** The stateDiagram-v2 text of one machine and whether `*` or edges had to be summarised. */
function machineSource(m: StateMachine, ctx: GenContext): { source: string; summarised: boolean } {
  const ids = new IdMap();
  const states = m.states ?? [];
  const finals = states.filter((s) => s.final === true).map((s) => s.id);
  const nonFinal = states.filter((s) => s.final !== true).map((s) => s.id);
  const transitions = m.transitions ?? [];
  const expanded =
    transitions.reduce((n, t) => n + expand(t, nonFinal).length, 0) + finals.length + 1;
  const collapse = expanded > ctx.budget.maxEdges;
  const lines = ['stateDiagram-v2'];
  const declared = new Set<string>();
  for (const s of states) {
    if (declared.has(s.id)) continue;
    declared.add(s.id);
    lines.push(
      `  state ${label(joinLabel(nameOf(s), s.value), MAX_LABEL, 'markdown')} as ${ids.id(`st:${s.id}`)}`,
    );
  }
  const referenced = transitions
    .flatMap((t) => [t.to, ...asList(t.from)].map(String))
    .concat(m.initial);
  for (const id of [...new Set(referenced)]
    .filter((r) => r !== '*' && !declared.has(r))
    .sort(cmp)) {
    lines.push(`  state ${label(id, MAX_LABEL, 'markdown')} as ${ids.id(`st:${id}`)}`);
  }
  const any = 'any:*';
  if (collapse && transitions.some((t) => asList(t.from).map(String).includes('*'))) {
    lines.push(
      `  state ${label(words(ctx.lang).anyState, MAX_LABEL, 'markdown')} as ${ids.id(any)}`,
    );
  }
  const edges: string[] = [];
  const text = (t: Parameters<typeof transitionLabel>[0]): string => {
    const l = transitionLabel(t);
    return l ? ` : ${svgText(l, 'transition')}` : '';
  };
  edges.push(`  [*] --> ${ids.id(`st:${m.initial}`)}${m.creation ? text(m.creation) : ''}`);
  for (const t of transitions) {
    const froms = collapse
      ? asList(t.from).map((f) => (String(f) === '*' ? any : `st:${String(f)}`))
      : expand(t, nonFinal).map((f) => `st:${f}`);
    for (const f of froms) edges.push(`  ${ids.id(f)} --> ${ids.id(`st:${t.to}`)}${text(t)}`);
  }
  for (const f of finals) edges.push(`  ${ids.id(`st:${f}`)} --> [*]`);
  const capped = edges.slice(0, ctx.budget.maxEdges);
  return {
    source: `${[...lines, ...capped].join('\n')}\n`,
    summarised: collapse || capped.length < edges.length,
  };
}

/**
 * Entity state diagrams: one stateDiagram-v2 per machine: `[*]` to the initial state (labelled
 * with the creation), transitions labelled "trigger / service", `*` expanded to every non-final
 * state (collapsed into one "any non-final state" above the edge budget), finals to `[*]`.
 */
export function stateMachines(graph: ModelGraph, ctx: GenContext): DiagramSpec[] {
  return sortBy(graph.model.data.stateMachines, (m) => m.id).flatMap((m) => {
    if ((m.states ?? []).length === 0) return [];
    const { source, summarised } = machineSource(m, ctx);
    const elements = [
      m.id,
      ...asList(m.entity).map(String),
      ...(m.states ?? []).map((s) => `${m.id}.${s.id}`),
    ];
    return toSpecs(
      ctx,
      {
        id: `state-machine-${slug(m.id)}`,
        kind: 'state-machine',
        subject: m.id,
        subjectName: clean(nameOf(m), 80),
      },
      [{ source, elements, summarised }],
    );
  });
}
