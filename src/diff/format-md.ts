import { isSingleton } from './overview.js';
import { changeCounts, details, headline, kindLabel, problemCounts, subject } from './phrase.js';
import type { ProblemRef } from './problems.js';
import type { DiffReport } from './report.js';
import type { Area, CallEdgeChange, ElementChange } from './types.js';

/** Edges drawn at most; a PR comment is not the place for a full call graph. */
const MAX_EDGES = 40;

const TITLES: Record<Area, string> = {
  model: 'Document and overview',
  business: 'Business',
  applications: 'Applications',
  services: 'Service centers',
  data: 'Data',
  physical: 'Physical',
  domain: 'Domain model',
  planning: 'Planning',
};
const ICON = {
  added: '🆕',
  removed: '🗑️',
  changed: '✏️',
  renamed: '🏷️',
  reidentified: '🔀',
} as const;

/** Text safe inside a markdown table cell or list item. */
function esc(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}

function problemTable(list: readonly ProblemRef[]): string[] {
  const rows = list.map(({ diagnostic: d, element }) => {
    const where = d.file ? `\`${d.file}${d.line > 0 ? `:${d.line}` : ''}\`` : '';
    const [kind = '', id = ''] = element ? element.split(/:(.*)/s) : [];
    const el = element ? `${kindLabel(kind)} \`${esc(id)}\`` : '';
    const sev = d.severity === 'error' ? '❌ error' : '⚠️ warning';
    return `| ${sev} | \`${d.code}\` | ${el} | ${where} | ${esc(d.message)} |`;
  });
  return ['| | Rule | Element | Where | Message |', '|---|---|---|---|---|', ...rows];
}

/** Plain-text sentences with markdown emphasis: the element in bold, arrows as arrows. */
function changeItem(c: ElementChange): string[] {
  const id = c.change === 'reidentified' ? (c.previousId ?? '') : c.id;
  const who = subject({ kind: c.kind, id });
  const bold = isSingleton(c.kind)
    ? `**${kindLabel(c.kind)}**`
    : `**${kindLabel(c.kind)} \`${id.replace(/[\r\n`]+/g, ' ')}\`**`;
  const head = esc(headline(c))
    .replace(esc(who), () => bold)
    .replace(' is now ', ' is now `')
    .replace(/ is now `(\S+)/, ' is now `$1`');
  const arrow = (t: string): string => t.replace(/ -> /g, ' → ');
  return [`- ${ICON[c.change]} ${arrow(head)}`, ...details(c).map((d) => `  - ${arrow(esc(d))}`)];
}

function areaCounts(changes: readonly ElementChange[]): string {
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.change, (counts.get(c.change) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k === 'reidentified' ? 'id changed' : k}`).join(', ');
}

function nodeId(id: string): string {
  return `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** A small flowchart of the call edges that appeared (solid) or went away (dotted). */
export function callEdgeDiagram(edges: readonly CallEdgeChange[]): string[] {
  const shown = edges.slice(0, MAX_EDGES);
  const labels = new Map<string, string>();
  for (const e of shown) {
    labels.set(e.from, e.fromName ? `${e.from} ${e.fromName}` : e.from);
    labels.set(e.to, e.toName ? `${e.to} ${e.toName}` : e.to);
  }
  const quote = (s: string): string => s.replace(/"/g, '#quot;');
  return [
    '```mermaid',
    'flowchart LR',
    ...[...labels].map(([id, label]) => `  ${nodeId(id)}["${quote(label)}"]`),
    ...shown.map((e) =>
      e.change === 'added'
        ? `  ${nodeId(e.from)} -->|new| ${nodeId(e.to)}`
        : `  ${nodeId(e.from)} -.->|removed| ${nodeId(e.to)}`,
    ),
    '```',
    ...(edges.length > MAX_EDGES
      ? ['', `_${edges.length - MAX_EDGES} more changed call edges not drawn._`]
      : []),
  ];
}

/**
 * The PR comment: a summary line with counts, new problems first (open), fixed problems, the
 * changed call edges as a mermaid diagram, then one collapsible section per area of the model.
 */
export function formatMarkdown(report: DiffReport): string {
  const s = report.summary;
  const status = s.newErrors > 0 ? '❌' : '✅';
  const out: string[] = [
    `### ${status} archgen diff: ${changeCounts(s)}; ${problemCounts(s)}`,
    '',
    `Comparing \`${esc(report.base.label)}\` → \`${esc(report.head.label)}\`.`,
  ];
  const { introduced, fixed } = report.problems;
  if (introduced.length > 0) {
    out.push('', `#### New problems (${introduced.length})`, '', ...problemTable(introduced));
  }
  if (fixed.length > 0) {
    out.push('', '<details><summary>', `<b>Fixed problems (${fixed.length})</b>`, '</summary>', '');
    out.push(...problemTable(fixed), '', '</details>');
  }
  if (report.diff.callEdges.length > 0) {
    out.push('', `#### Call edges changed (${report.diff.callEdges.length})`, '');
    out.push(...callEdgeDiagram(report.diff.callEdges));
  }
  for (const area of report.diff.areas) {
    out.push(
      '',
      '<details><summary>',
      `<b>${TITLES[area.area]}</b>: ${areaCounts(area.changes)}`,
      '</summary>',
      '',
    );
    out.push(...area.changes.flatMap(changeItem), '', '</details>');
  }
  if (report.diff.areas.length === 0) out.push('', '_No element was added, removed or changed._');
  return `${out.join('\n')}\n`;
}
