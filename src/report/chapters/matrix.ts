/**
 * Matrices (role x function, front-end app x service center, app x entity CRUD, cluster x
 * product line) can have more columns than an A4 page holds. They are split into tables of at
 * most `MATRIX_COLUMNS` mark columns each, repeating the row heads.
 */
import type { ReportContext, TableDraft } from '../context.js';
import type { Cell, HeaderCell, Row } from '../types.js';

/** Mark columns per printed matrix table. */
export const MATRIX_COLUMNS = 10;

/** One matrix row: its head cells and one mark cell per column. */
export interface MatrixRow {
  head: Cell[];
  marks: Cell[];
  /** Set only when the row is the canonical place of its element (first part carries it). */
  element?: Row['element'];
}

/** The matrix as one or more table drafts (captions numbered `(i/n)` when split). */
export function matrixTables(
  ctx: ReportContext,
  caption: string,
  headHeaders: string[],
  columns: HeaderCell[],
  rows: MatrixRow[],
  note?: string,
): TableDraft[] {
  if (rows.length === 0 || columns.length === 0) return [];
  const parts = Math.ceil(columns.length / MATRIX_COLUMNS);
  const out: TableDraft[] = [];
  for (let p = 0; p < parts; p++) {
    const from = p * MATRIX_COLUMNS;
    const to = from + MATRIX_COLUMNS;
    const partRows: Row[] = rows.map((r) => {
      const row: Row = { cells: [...r.head, ...r.marks.slice(from, to)] };
      if (p === 0 && r.element) row.element = r.element;
      return row;
    });
    const title = parts > 1 ? `${caption} (${p + 1}/${parts})` : caption;
    const headers: HeaderCell[] = [
      ...headHeaders.map((text) => ({ text })),
      ...columns.slice(from, to),
    ];
    const table = ctx.table(title, headers, partRows, {
      matrix: true,
      wide: columns.length > 6,
      ...(note ? { note } : {}),
    });
    if (table) out.push(table);
  }
  return out;
}

/** A centred mark cell ('' when empty). */
export function mark(ctx: ReportContext, text: string, highlight = false): Cell {
  const cell = ctx.text(text);
  return highlight ? { ...cell, highlight } : cell;
}
