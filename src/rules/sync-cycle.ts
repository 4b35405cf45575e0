import type { CallEdge, ModelGraph } from '../model/graph.js';
import type { Rule } from './types.js';

/** Most cycles reported; past it one `truncated` finding says the listing stopped. */
export const MAX_CYCLES = 100;

/** Synchronous call graph among apps: `from → to → first call site`, neighbours sorted. */
type Adjacency = Map<string, Map<string, CallEdge>>;

function callGraph(graph: ModelGraph): Adjacency {
  const adj: Adjacency = new Map();
  for (const edge of graph.calls) {
    const from = edge.from.id;
    if (!edge.sync || typeof from !== 'string') continue;
    for (const to of edge.appTargets) {
      if (!graph.apps.has(to)) continue;
      let out = adj.get(from);
      if (!out) adj.set(from, (out = new Map<string, CallEdge>()));
      if (!out.has(to)) out.set(to, edge);
    }
  }
  for (const [v, out] of adj) adj.set(v, new Map([...out].sort((a, b) => cmp(a[0], b[0]))));
  return adj;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Tarjan's strongly connected components of the subgraph on `nodes`, iteratively. */
function components(adj: Adjacency, nodes: readonly string[]): string[][] {
  const inSet = new Set(nodes);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string, work: [string, string[], number][]): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) ?? 0);
    stack.push(v);
    onStack.add(v);
    work.push([v, [...(adj.get(v)?.keys() ?? [])].filter((w) => inSet.has(w)), 0]);
  };
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: [string, string[], number][] = [];
    visit(root, work);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v, next] = top;
      const w = next[top[2]++];
      if (w !== undefined) {
        if (!index.has(w)) visit(w, work);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(v)!));
      if (low.get(v) !== index.get(v)) continue;
      const comp: string[] = [];
      for (let u = stack.pop(); u !== undefined; u = u === v ? undefined : stack.pop()) {
        onStack.delete(u);
        comp.push(u);
      }
      out.push(comp.sort(cmp));
    }
  }
  return out;
}

/**
 * Elementary cycles (Johnson 1975, iterative), each once, starting at its smallest app id.
 * `emit` returns false to stop the search.
 */
function cycles(adj: Adjacency, emit: (cycle: string[]) => boolean): void {
  for (const [v, out] of adj) if (out.has(v) && !emit([v])) return;
  const queue = components(adj, [...adj.keys()].sort(cmp)).filter((c) => c.length > 1);
  while (queue.length > 0) {
    const comp = queue.shift()!;
    const inComp = new Set(comp);
    const start = comp[0]!;
    const next = (v: string): string[] =>
      [...(adj.get(v)?.keys() ?? [])].filter((w) => w !== v && inComp.has(w));
    const blocked = new Set([start]);
    const closed = new Set<string>();
    const waiting = new Map<string, Set<string>>();
    const path = [start];
    const work: [string, string[], number][] = [[start, next(start), 0]];
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v, nbrs] = top;
      const w = nbrs[top[2]++];
      if (w === start) {
        if (!emit([...path])) return;
        for (const p of path) closed.add(p);
      } else if (w !== undefined && !blocked.has(w)) {
        path.push(w);
        work.push([w, next(w), 0]);
        closed.delete(w);
        blocked.add(w);
      } else if (w === undefined) {
        if (closed.has(v)) {
          for (const todo = [v]; todo.length > 0;) {
            const u = todo.pop()!;
            if (!blocked.delete(u)) continue;
            todo.push(...(waiting.get(u) ?? []));
            waiting.delete(u);
          }
        } else for (const n of nbrs) (waiting.get(n) ?? waiting.set(n, new Set()).get(n)!).add(v);
        work.pop();
        path.pop();
      }
    }
    queue.push(...components(adj, comp.slice(1)).filter((c) => c.length > 1));
    queue.sort((a, b) => cmp(a[0]!, b[0]!));
  }
}

const site = (e: CallEdge): (string | number)[] => [
  e.kind === 'call' ? 'calls' : 'routes',
  e.index,
  'target',
];
const hop = (e: CallEdge, to: string): string =>
  e.resolved.kind === 'app' ? to : `${e.target} (${to})`;

/** Synchronous call cycles: one slow or failing app stalls every app on the cycle. */
export const syncCycle: Rule = {
  meta: {
    id: 'sync-cycle',
    description:
      'A cycle of synchronous calls among apps and service centers: one finding per elementary cycle, with the call sites.',
    defaultSeverity: 'warn',
    messages: {
      cycle: 'cycle of synchronous calls: {{path}}',
      truncated:
        'more cycles of synchronous calls exist: listing stopped after {{max}}; break the cycles above first',
    },
  },
  check(graph, ctx) {
    const adj = callGraph(graph);
    let count = 0;
    cycles(adj, (cycle) => {
      const edges = cycle.map((v, i) => adj.get(v)!.get(cycle[(i + 1) % cycle.length]!)!);
      const first = edges[0]!;
      if (++count > MAX_CYCLES) {
        ctx.report({
          messageId: 'truncated',
          data: { max: MAX_CYCLES },
          node: first.from,
          path: site(first),
        });
        return false;
      }
      const hops = edges.map((e, i) => hop(e, cycle[(i + 1) % cycle.length]!));
      ctx.report({
        messageId: 'cycle',
        data: { path: [cycle[0]!, ...hops].join(' → ') },
        node: first.from,
        path: site(first),
        related: edges.slice(1).map((e, i) => ({
          node: e.from,
          path: site(e),
          message: `\`${e.from.id}\` calls ${hops[i + 1]!} here`,
        })),
      });
      return true;
    });
  },
};

export default syncCycle;
