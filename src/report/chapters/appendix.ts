/** The appendix: model statistics (elements per kind) and the validation report. */
import type { Diagnostic } from '../../diagnostics/types.js';
import { blocks, type ReportContext, type SectionDraft } from '../context.js';
import type { ElementKind, Row } from '../types.js';

/** Builds the appendix. The validation report is always printed: "no problems" is news too. */
export function buildAppendix(ctx: ReportContext): SectionDraft[] {
  const stats: Row[] = [];
  let total = 0;
  for (const [kind, map] of ctx.registry.byKind) {
    if (map.size === 0) continue;
    total += map.size;
    stats.push({
      cells: [ctx.text(ctx.t(`kind.${kind satisfies ElementKind}`)), ctx.num(map.size)],
    });
  }
  if (stats.length > 0)
    stats.push({ cells: [ctx.text(ctx.t('ui.total')), ctx.num(total)], highlight: true });
  return [
    {
      id: 'statistics',
      title: ctx.t('sec.statistics'),
      blocks: blocks(
        ctx.table(
          ctx.t('tab.statistics'),
          [ctx.t('col.element'), { text: ctx.t('col.number'), num: true }],
          stats,
        ),
      ),
    },
    { id: 'validation', title: ctx.t('sec.validation'), blocks: validationBlocks(ctx) },
    // The appendix is built last: a diagram of a kind no chapter places still gets printed.
    { id: 'diagrams', title: ctx.t('sec.otherDiagrams'), blocks: ctx.unplacedFigures() },
  ];
}

/** `file:line:column`, or what is known of it. Lines and columns are 1-based; 0 = unknown. */
function where(d: Diagnostic): string {
  if (!d.file) return '';
  if (d.line <= 0) return d.file;
  return `${d.file}:${d.line}${d.column > 0 ? `:${d.column}` : ''}`;
}

function validationBlocks(ctx: ReportContext) {
  const diags = ctx.diagnostics;
  if (diags.length === 0) return blocks(ctx.paragraph(ctx.t('ui.noProblems')));
  const errors = diags.filter((d) => d.severity === 'error').length;
  const summary = ctx.t('ui.diagnosticsSummary', { errors, warnings: diags.length - errors });
  const rows: Row[] = diags.map((d) => ({
    cells: [
      {
        ...ctx.text(ctx.t(d.severity === 'error' ? 'sev.error' : 'sev.warn')),
        ...(d.severity === 'error' ? { highlight: true } : {}),
      },
      ctx.code(d.code),
      ctx.code(where(d)),
      ctx.text(
        [d.message, d.hint, d.suggest?.length ? `(${d.suggest.join(', ')})` : undefined]
          .filter(Boolean)
          .join(' '),
      ),
    ],
  }));
  const headers = [
    ctx.t('col.severity'),
    ctx.t('col.code'),
    ctx.t('col.where'),
    ctx.t('col.message'),
  ];
  return blocks(ctx.paragraph(summary), ctx.table(ctx.t('tab.diagnostics'), headers, rows));
}
