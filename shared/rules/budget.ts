import type { Budget, BudgetLine, BudgetRow } from '../model/convention';

/** Sum of a cell's lines, in cents. */
export function linesTotal(lines: readonly BudgetLine[]): number {
  return lines.reduce((sum, line) => sum + line.amountCents, 0);
}

/** AE and CP totals of one UO row: « soit un total de : 220 000 EUR ». */
export function rowTotals(row: BudgetRow): { ae: number; cp: number } {
  return { ae: linesTotal(row.ae), cp: linesTotal(row.cp) };
}

/** AE and CP totals over every UO of the budget. */
export function budgetTotals(budget: Budget): { ae: number; cp: number } {
  return budget.rows.reduce(
    (acc, row) => {
      const t = rowTotals(row);
      return { ae: acc.ae + t.ae, cp: acc.cp + t.cp };
    },
    { ae: 0, cp: 0 },
  );
}

/** A cell prints its total only when it has more than one line, as in the seed. */
export function cellShowsTotal(lines: readonly BudgetLine[]): boolean {
  return lines.length > 1;
}

/** AE and CP amounts, in cents. */
export interface Totals {
  readonly ae: number;
  readonly cp: number;
}

/** The years of a budget over several years, in the order given; none for a budget of one year. */
export function budgetYears(budget: Pick<Budget, 'years'>): readonly number[] {
  return budget.years ?? [];
}

/** True when the budget gives its amounts year by year (`years` set and not empty). */
export function isMultiYear(budget: Pick<Budget, 'years'>): boolean {
  return budgetYears(budget).length > 0;
}

/** The lines of a cell that belong to one year. */
export function linesOfYear(lines: readonly BudgetLine[], year: number): BudgetLine[] {
  return lines.filter((l) => l.year === year);
}

/** AE and CP totals of one UO for one year. */
export function rowYearTotals(row: BudgetRow, year: number): Totals {
  return { ae: linesTotal(linesOfYear(row.ae, year)), cp: linesTotal(linesOfYear(row.cp, year)) };
}

const add = (a: Totals, b: Totals): Totals => ({ ae: a.ae + b.ae, cp: a.cp + b.cp });
const ZERO: Totals = { ae: 0, cp: 0 };

/** Every total a budget prints: per UO and year, per UO, per year, and the grand total. */
export interface BudgetBreakdown {
  /** The budget's years; empty for a budget of one year. */
  readonly years: readonly number[];
  /** One entry per UO row, in order: its totals per year (same order as `years`) and over all. */
  readonly rows: ReadonlyArray<{ readonly uo: string; readonly byYear: readonly Totals[]; readonly total: Totals }>;
  /** Totals of each year over every UO (same order as `years`). */
  readonly byYear: readonly Totals[];
  readonly total: Totals;
}

/**
 * The totals of a budget, in integer cents. Over several years, a UO's total is the sum of its
 * years and the grand total the sum of the years' totals (a line whose year is not one of the
 * budget's is left out: the validator reports it); for one year, the sums of the lines.
 */
export function budgetBreakdown(budget: Budget): BudgetBreakdown {
  const years = budgetYears(budget);
  if (years.length === 0) {
    const rows = budget.rows.map((r) => ({ uo: r.uo, byYear: [], total: rowTotals(r) }));
    return { years, rows, byYear: [], total: rows.reduce((acc, r) => add(acc, r.total), ZERO) };
  }
  const rows = budget.rows.map((r) => {
    const byYear = years.map((y) => rowYearTotals(r, y));
    return { uo: r.uo, byYear, total: byYear.reduce(add, ZERO) };
  });
  const byYear = years.map((_, k) => rows.reduce((acc, r) => add(acc, r.byYear[k]!), ZERO));
  return { years, rows, byYear, total: byYear.reduce(add, ZERO) };
}
