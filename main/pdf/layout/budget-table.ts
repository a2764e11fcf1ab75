import type { Budget, BudgetLine } from '../../../shared/model/convention';
import { cellShowsTotal, linesTotal } from '../../../shared/rules/budget';
import { formatAmount } from '../../../shared/rules/format';
import type { BlockContext } from './blocks';
import type { Flowable } from './flow';
import { PARAGRAPH_GAP, TABLE } from './style';
import { autoColumnWidths, layoutRow, TableFlowable, type CellContent } from './table';
import type { StyledRun } from './text';

/** One budget line: « **140 000 EUR (à rétablir)** au titre de … ». */
function budgetLineRuns(line: BudgetLine, currency: string): StyledRun[] {
  const amount = formatAmount(line.amountCents, currency) + (line.note?.trim() ? ` ${line.note.trim()}` : '');
  const runs: StyledRun[] = [{ text: amount, style: 'bold' }];
  if (line.label.trim()) runs.push({ text: ` ${line.label.trim()}`, style: 'regular' });
  return runs;
}

/** A budget cell: its lines, then « soit un total de : … » when it has more than one. */
export function budgetCell(lines: readonly BudgetLine[], currency: string): CellContent {
  const paragraphs = lines.map((l) => budgetLineRuns(l, currency));
  if (cellShowsTotal(lines)) {
    paragraphs.push([{ text: 'soit un total de : ', style: 'regular' }, { text: formatAmount(linesTotal(lines), currency), style: 'bold' }]);
  }
  return { paragraphs };
}

/**
 * The budget as in the seed: one row per UO, AE and CP columns, totals computed. On the pages
 * it continues on, its header says « (suite) » and a row cut by the page shows its UO again.
 */
export function budgetTable(budget: Budget, ctx: BlockContext): Flowable {
  const head = (t: string): CellContent => ({ paragraphs: [[{ text: t, style: 'bold' }]], align: 'center' });
  const body = budget.rows.map((row): CellContent[] => [
    { paragraphs: [[{ text: row.uo, style: 'bold' }]] },
    budgetCell(row.ae, budget.currency),
    budgetCell(row.cp, budget.currency),
  ]);
  const widths = autoColumnWidths([[head(''), head('AE'), head('CP')], ...body], ctx.width, TABLE, ctx, [0.24, 0.38, 0.38]);
  const header = layoutRow([head(''), head('AE'), head('CP')], ctx.x, widths, TABLE, ctx, true);
  const continuedHeader = layoutRow([head('(suite)'), head('AE'), head('CP')], ctx.x, widths, TABLE, ctx, true);
  const rows = body.map((cells) => {
    const row = layoutRow(cells, ctx.x, widths, TABLE, ctx);
    return { ...row, repeat: [row.cells[0]] };
  });
  return new TableFlowable(header, rows, ctx.x, widths, TABLE, { spaceBefore: 6, spaceAfter: PARAGRAPH_GAP + 4, continuedHeader });
}

/** How the budget prints beyond its lines. */
export interface BudgetPrintOptions {
  /** Totals also in words: « 220 000 EUR (deux cent vingt mille euros) ». */
  readonly amountsInWords: boolean;
}

/** The flowables of the budget-table block. */
export function budgetFlowables(budget: Budget, ctx: BlockContext, _opts: BudgetPrintOptions): Flowable[] {
  return [budgetTable(budget, ctx)];
}
