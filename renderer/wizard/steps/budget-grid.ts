import type { Budget, BudgetLine, BudgetRow } from '../../../shared/model/convention';

/**
 * The budget step's grid, as plain data: which columns it has, which line each cell edits, and
 * where the arrow keys lead. The grid is the printed table: a UO column, then for each year
 * (one group without year for a budget of one year) the AE lines then the CP lines, each line
 * as three cells (amount, purpose, note). Lines of one UO share its rows: line 2 of AE sits
 * beside line 2 of CP.
 */

export type BudgetColumn = 'ae' | 'cp';
export type LineField = 'amount' | 'label' | 'note';

/** One group of columns: the AE or CP lines of one year (of the single budget when `year` is absent). */
export interface ColumnGroup {
  readonly col: BudgetColumn;
  readonly year?: number;
}

/** The grid's column groups, year by year, AE before CP, as the print's 'columns' layout. */
export function columnGroups(budget: Pick<Budget, 'years'>): ColumnGroup[] {
  const years = budget.years ?? [];
  if (years.length === 0) return [{ col: 'ae' }, { col: 'cp' }];
  return years.flatMap((year) => [{ col: 'ae' as const, year }, { col: 'cp' as const, year }]);
}

export const FIELDS: readonly LineField[] = ['amount', 'label', 'note'];

/** Indices in `row[col]` of the lines one group shows, in order. */
export function groupLines(row: BudgetRow, g: ColumnGroup): number[] {
  const out: number[] = [];
  row[g.col].forEach((l, j) => {
    if (g.year === undefined || l.year === g.year) out.push(j);
  });
  return out;
}

/** How many grid rows a UO takes: its longest group, and at least one. */
export function uoHeight(row: BudgetRow, groups: readonly ColumnGroup[]): number {
  return Math.max(1, ...groups.map((g) => groupLines(row, g).length));
}

/** Where the grid rows of each UO start, and the total number of line rows. */
export function rowStarts(rows: readonly BudgetRow[], groups: readonly ColumnGroup[]): { starts: number[]; count: number } {
  const starts: number[] = [];
  let at = 0;
  for (const row of rows) {
    starts.push(at);
    at += uoHeight(row, groups);
  }
  return { starts, count: at };
}

/** A cell of the grid: line row `r` (over all UOs) and column `c` (0 the UO, then three per group). */
export interface CellPos {
  readonly r: number;
  readonly c: number;
}

/** The UO a grid row belongs to. */
export function uoOfRow(starts: readonly number[], r: number): number {
  let i = 0;
  while (i + 1 < starts.length && starts[i + 1]! <= r) i += 1;
  return i;
}

/** The model path of a line's field: `budget.rows[0].ae[1].amountCents`. */
export function linePath(i: number, col: BudgetColumn, j: number, field: LineField): string {
  return `budget.rows[${i}].${col}[${j}].${field === 'amount' ? 'amountCents' : field}`;
}

export type GridKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Enter' | 'ShiftEnter';

/**
 * Where a key leads from a cell. Up and down (and Enter, Shift+Enter) keep the column; from the
 * UO column they go to the previous or next UO, whose cell spans its rows. Left and right move
 * along the row; left of a UO's second line is its UO. Null: the edge of the grid.
 */
export function moveFrom(pos: CellPos, key: GridKey, starts: readonly number[], rowCount: number, columnCount: number): CellPos | null {
  const uo = uoOfRow(starts, pos.r);
  switch (key) {
    case 'ArrowLeft':
      return pos.c > 0 ? { r: pos.c === 1 ? starts[uo]! : pos.r, c: pos.c - 1 } : null;
    case 'ArrowRight':
      return pos.c + 1 < columnCount ? { r: pos.r, c: pos.c + 1 } : null;
    case 'ArrowUp':
    case 'ShiftEnter':
      if (pos.c === 0) return uo > 0 ? { r: starts[uo - 1]!, c: 0 } : null;
      return pos.r > 0 ? { r: pos.r - 1, c: pos.c } : null;
    case 'ArrowDown':
    case 'Enter':
      if (pos.c === 0) return uo + 1 < starts.length ? { r: starts[uo + 1]!, c: 0 } : null;
      return pos.r + 1 < rowCount ? { r: pos.r + 1, c: pos.c } : null;
  }
}

/**
 * A new line for a group: dated with the group's year in a budget over several years. The
 * line is inserted after `after` (an index in `row[col]`) or at the end.
 */
export function withNewLine(row: BudgetRow, g: ColumnGroup, line: BudgetLine, after?: number): BudgetRow {
  const lines = [...row[g.col]];
  const dated = g.year === undefined ? line : { ...line, year: g.year };
  lines.splice(after === undefined ? lines.length : after + 1, 0, dated);
  return { ...row, [g.col]: lines };
}

/**
 * The budget with one more year. The first year turns a budget of one year into one over
 * several: its amounts become that year's. Years stay in chronological order.
 */
export function addYear(budget: Budget, year: number): Budget {
  const years = budget.years ?? [];
  if (years.includes(year)) return budget;
  if (years.length === 0) {
    const date = (l: BudgetLine) => ({ ...l, year });
    return { ...budget, years: [year], rows: budget.rows.map((r) => ({ ...r, ae: r.ae.map(date), cp: r.cp.map(date) })) };
  }
  return { ...budget, years: [...years, year].sort((a, b) => a - b) };
}

/**
 * The budget without a year: that year's amounts go with it. Removing the last year makes the
 * budget one of a single year again, its amounts kept and undated.
 */
export function removeYear(budget: Budget, year: number): Budget {
  const years = (budget.years ?? []).filter((y) => y !== year);
  if (years.length === 0) {
    const undate = ({ year: _y, ...l }: BudgetLine): BudgetLine => l;
    const { years: _years, layout: _layout, ...rest } = budget;
    return { ...rest, rows: budget.rows.map((r) => ({ ...r, ae: r.ae.map(undate), cp: r.cp.map(undate) })) };
  }
  const keep = (l: BudgetLine) => l.year !== year;
  return { ...budget, years, rows: budget.rows.map((r) => ({ ...r, ae: r.ae.filter(keep), cp: r.cp.filter(keep) })) };
}

/** The year offered when adding one: the year after the last, or the current year. */
export function nextYear(budget: Pick<Budget, 'years'>, today: Date): number {
  const years = budget.years ?? [];
  return years.length > 0 ? Math.max(...years) + 1 : today.getFullYear();
}
