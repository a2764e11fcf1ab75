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
