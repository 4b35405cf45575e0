import { PAGE, TEXT_BUDGET, chunk, type GenContext, type Part } from './budget.js';
import { words } from './i18n.js';
import { addTo, cmp, IdMap, label } from './text.js';

/** Node shapes used by the generators. */
export type Shape = 'box' | 'round' | 'stadium' | 'subroutine' | 'cylinder' | 'hexagon';

/** A node; `key` is `prefix:raw` (e.g. `app:100206`) and becomes a safe mermaid id. */
export interface FlowNode {
  key: string;
  /** Plain text: escaped by the renderer. */
  label: string;
  shape?: Shape;
  /** A class name from `Flow.classDefs`. */
  cls?: string;
  /** Key of the group (subgraph) holding the node. */
  group?: string;
  /** Model element ids the node stands for (for `DiagramSpec.elements`). */
  elements?: string[];
}

/** An edge between node or group keys. */
export interface FlowEdge {
  from: string;
  to: string;
  label?: string;
  /** `solid` arrow (default), `dotted` arrow, `line` without arrow head, `invisible` spacer. */
  style?: 'solid' | 'dotted' | 'line' | 'invisible';
  /** A key of `Flow.linkStyles`. */
  cls?: string;
}

/** A subgraph. */
export interface FlowGroup {
  key: string;
  label: string;
  parent?: string;
  elements?: string[];
}

/** A flowchart before text: nodes, groups and edges in emission order. */
export interface Flow {
  dir: 'TB' | 'LR';
  nodes: FlowNode[];
  edges: FlowEdge[];
  groups?: FlowGroup[];
  /** Class name → mermaid style (`fill:#fff,stroke:#333`), emitted only when used. */
  classDefs?: Record<string, string>;
  /** Edge class → mermaid link style, applied with `linkStyle`. */
  linkStyles?: Record<string, string>;
}

const SHAPES: Record<Shape, [string, string]> = {
  box: ['[', ']'],
  round: ['(', ')'],
  stadium: ['([', '])'],
  subroutine: ['[[', ']]'],
  cylinder: ['[(', ')]'],
  hexagon: ['{{', '}}'],
};

const ARROWS = { solid: '-->', dotted: '-.->', line: '---', invisible: '~~~' } as const;

/** The mermaid text of `flow`, with the model element ids it draws. */
export function renderFlow(flow: Flow): Part {
  const ids = new IdMap();
  const lines = [`flowchart ${flow.dir}`];
  const elements: string[] = [];
  const used = new Set([...flow.nodes.map((n) => n.cls), ...flow.edges.map((e) => e.cls)]);
  for (const [name, style] of Object.entries(flow.classDefs ?? {}).sort((a, b) =>
    cmp(a[0], b[0]),
  )) {
    if (used.has(name)) lines.push(`  classDef ${name} ${style}`);
  }
  const childGroups = new Map<string | undefined, FlowGroup[]>();
  for (const g of flow.groups ?? []) addTo(childGroups, g.parent, g);
  const childNodes = new Map<string | undefined, FlowNode[]>();
  for (const n of flow.nodes) addTo(childNodes, n.group, n);
  const emit = (parent: string | undefined, depth: number): void => {
    const pad = '  '.repeat(depth);
    for (const g of childGroups.get(parent) ?? []) {
      lines.push(`${pad}subgraph ${ids.id(g.key)}[${label(g.label)}]`);
      elements.push(...(g.elements ?? []));
      emit(g.key, depth + 1);
      lines.push(`${pad}end`);
    }
    for (const n of childNodes.get(parent) ?? []) {
      const [open, close] = SHAPES[n.shape ?? 'box'];
      lines.push(`${pad}${ids.id(n.key)}${open}${label(n.label, 90)}${close}`);
      elements.push(...(n.elements ?? []));
    }
  };
  emit(undefined, 1);
  const linkClasses = new Map<string, number[]>();
  flow.edges.forEach((e, i) => {
    const arrow = ARROWS[e.style ?? 'solid'];
    const text = e.label && e.style !== 'invisible' ? `|${label(e.label, 40)}|` : '';
    lines.push(`  ${ids.id(e.from)} ${arrow}${text} ${ids.id(e.to)}`);
    if (e.cls && flow.linkStyles?.[e.cls]) addTo(linkClasses, e.cls, i);
  });
  const byClass = new Map<string, string[]>();
  for (const n of flow.nodes) if (n.cls) addTo(byClass, n.cls, ids.id(n.key));
  for (const [cls, members] of [...byClass].sort((a, b) => cmp(a[0], b[0]))) {
    for (const some of chunk(members, 40)) lines.push(`  class ${some.join(',')} ${cls}`);
  }
  for (const [cls, idx] of [...linkClasses].sort((a, b) => cmp(a[0], b[0])))
    lines.push(`  linkStyle ${idx.join(',')} ${flow.linkStyles?.[cls]}`);
  return { source: `${lines.join('\n')}\n`, elements };
}

/**
 * Invisible links that lay sibling nodes or groups out as a grid instead of one long row or
 * column: `keys` cut into rows of `cols`, each row chained in order. Which way a chain runs
 * follows the layout direction (mermaid turns a subgraph without outside links a quarter turn).
 */
export function gridEdges(keys: readonly string[], cols: number): FlowEdge[] {
  const edges: FlowEdge[] = [];
  for (const row of chunk(keys, cols))
    for (let i = 1; i < row.length; i++)
      edges.push({ from: row[i - 1]!, to: row[i]!, style: 'invisible' });
  return edges;
}

/**
 * Invisible links that lay sibling groups (or nodes) at the top level of a top-down chart out in
 * `cols` columns, filled down then across: each column is a chain, which mermaid runs down the
 * page. Mermaid places unlinked chains right to left in the order they are declared, so `order`
 * (the keys as they must be declared) puts the last column first.
 */
export function columns(
  keys: readonly string[],
  cols: number,
): { edges: FlowEdge[]; order: string[] } {
  const cut = chunk(keys, Math.ceil(keys.length / Math.max(1, cols)));
  return { edges: gridEdges(keys, cut[0]?.length ?? 1), order: cut.reverse().flat() };
}

/** Grid columns for `n` items: about square, at most `max`. */
export function gridCols(n: number, max = 6): number {
  return Math.max(1, Math.min(max, Math.ceil(Math.sqrt(n))));
}

/** True when `flow` fits the node and edge budget. */
export function fits(flow: Flow, ctx: GenContext, maxNodes = ctx.budget.maxNodes): boolean {
  return (
    flow.nodes.length + (flow.groups?.length ?? 0) <= maxNodes &&
    flow.edges.length <= ctx.budget.maxEdges
  );
}

/**
 * The nodes on the longest path of `flow`'s edges (invisible ones included, edges that close a
 * cycle not): how many ranks a layered layout gives it.
 */
export function longestPath(flow: Flow): number {
  const out = new Map<string, string[]>();
  for (const e of flow.edges) addTo(out, e.from, e.to);
  const depth = new Map<string, number>();
  const onPath = new Set<string>();
  // Depth first without recursion (a process may have thousands of steps): a node's depth is
  // known once all its successors' are; a successor still on the path closes a cycle.
  for (const root of flow.nodes) {
    const stack: { key: string; next: number }[] = [{ key: root.key, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next === 0) {
        if (depth.has(top.key)) {
          stack.pop();
          continue;
        }
        onPath.add(top.key);
      }
      const succ = out.get(top.key) ?? [];
      const child = succ[top.next++];
      if (child !== undefined) {
        if (!depth.has(child) && !onPath.has(child)) stack.push({ key: child, next: 0 });
        continue;
      }
      const below = succ.reduce((n, c) => Math.max(n, onPath.has(c) ? 0 : (depth.get(c) ?? 0)), 0);
      depth.set(top.key, below + 1);
      onPath.delete(top.key);
      stack.pop();
    }
  }
  return Math.max(0, ...depth.values());
}

/** True when `flow` fits the budget and prints legibly on one page ({@link PAGE}). */
export function fitsPage(flow: Flow, ctx: GenContext): boolean {
  return (
    fits(flow, ctx, Math.min(ctx.budget.maxNodes, PAGE.nodes)) && flow.edges.length <= PAGE.edges
  );
}

/**
 * Renders `flow`, split when it is over budget: nodes are cut, in their given order, into
 * consecutive parts; an edge that leaves a part ends at a stub node "see part k"; edges over
 * the budget are dropped and the part marked summarised. Every part is within budget.
 */
export function renderSplit(flow: Flow, ctx: GenContext, maxNodes = ctx.budget.maxNodes): Part[] {
  const whole = renderFlow(flow);
  if (fits(flow, ctx, maxNodes) && whole.source.length <= TEXT_BUDGET) return [whole];
  const groupOf = new Map((flow.groups ?? []).map((g) => [g.key, g]));
  const chunks = packNodes(flow.nodes, groupOf, Math.max(1, Math.floor((maxNodes * 2) / 3)));
  const partOf = new Map<string, number>();
  chunks.forEach((nodes, i) => nodes.forEach((n) => partOf.set(n.key, i)));
  // Links between groups (a grid of subgraphs) stay in the parts that hold both groups.
  const betweenGroups = flow.edges.filter((e) => groupOf.has(e.from) && groupOf.has(e.to));
  // Each part's edges, in their given order: one pass over the edges, not one per part.
  const edgesOf = chunks.map((): FlowEdge[] => []);
  for (const e of flow.edges) {
    const a = partOf.get(e.from);
    const b = partOf.get(e.to);
    if (a !== undefined) edgesOf[a]?.push(e);
    if (b !== undefined && b !== a) edgesOf[b]?.push(e);
  }
  return chunks.map((nodes, i) => {
    const stubs = new Map<number, FlowNode>();
    const edges: FlowEdge[] = [];
    let summarised = false;
    for (const e of edgesOf[i] ?? []) {
      const a = partOf.get(e.from);
      const b = partOf.get(e.to);
      const other = a === i ? b : a;
      let edge = e;
      if (other !== undefined && other !== i) {
        const room = maxNodes - nodes.length - stubs.size - groupCount(nodes, groupOf);
        if (!stubs.has(other) && room <= 0) {
          summarised = true;
          continue;
        }
        const stub = stubs.get(other) ?? {
          key: `part:${other + 1}`,
          label: words(ctx.lang).toPart(other + 1),
          shape: 'round' as const,
        };
        stubs.set(other, stub);
        edge = a === i ? { ...e, to: stub.key } : { ...e, from: stub.key };
      }
      if (edges.length >= ctx.budget.maxEdges) summarised = true;
      else edges.push(edge);
    }
    const keep = new Set<string>();
    for (const n of nodes)
      for (let g = n.group; g !== undefined && !keep.has(g); g = groupOf.get(g)?.parent)
        keep.add(g);
    const part = renderFlow({
      ...flow,
      nodes: [...nodes, ...[...stubs.entries()].sort((x, y) => x[0] - y[0]).map(([, s]) => s)],
      groups: (flow.groups ?? []).filter((g) => keep.has(g.key)),
      edges: [
        ...edges.filter((e) => !groupOf.has(e.from) && !groupOf.has(e.to)),
        ...betweenGroups.filter((e) => keep.has(e.from) && keep.has(e.to)),
      ],
    });
    return summarised ? { ...part, summarised } : part;
  });
}

/** Cuts `nodes` in order into chunks costing at most `size`: a node plus the groups it opens. */
function packNodes(nodes: FlowNode[], groupOf: Map<string, FlowGroup>, size: number): FlowNode[][] {
  const out: FlowNode[][] = [];
  let current: FlowNode[] = [];
  let open = new Set<string>();
  const opened = (n: FlowNode): string[] => {
    const fresh: string[] = [];
    for (
      let g = n.group;
      g !== undefined && !open.has(g) && !fresh.includes(g);
      g = groupOf.get(g)?.parent
    )
      fresh.push(g);
    return fresh;
  };
  for (const n of nodes) {
    let fresh = opened(n);
    if (current.length > 0 && current.length + open.size + 1 + fresh.length > size) {
      out.push(current);
      current = [];
      open = new Set();
      fresh = opened(n);
    }
    current.push(n);
    for (const g of fresh) open.add(g);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The number of distinct groups (with ancestors) that `nodes` sit in. */
function groupCount(nodes: FlowNode[], groupOf: Map<string, FlowGroup>): number {
  const seen = new Set<string>();
  for (const n of nodes)
    for (let g = n.group; g !== undefined && !seen.has(g); g = groupOf.get(g)?.parent) seen.add(g);
  return seen.size;
}
