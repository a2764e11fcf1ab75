import type { Budget, BudgetLine, BudgetRow } from '../../../shared/model/convention';
import { budgetBreakdown, cellShowsTotal, linesOfYear, linesTotal, type BudgetBreakdown, type Totals } from '../../../shared/rules/budget';
import { formatAmount } from '../../../shared/rules/format';
import { amountInWords } from '../../../shared/rules/words';
import { heading, paragraph, type BlockContext } from './blocks';
import type { Flowable } from './flow';
import { BODY, PARAGRAPH_GAP, SECTION_HEADING, TABLE } from './style';
import { autoColumnWidths, layoutRow, TableFlowable, type CellContent, type TableRow } from './table';
import { contentWidths, type StyledRun } from './text';
import { structNode } from './types';

/** How the budget prints beyond its lines. */
export interface BudgetPrintOptions {
  /** Totals also in words: « 220 000 EUR (deux cent vingt mille euros) ». */
  readonly amountsInWords: boolean;
}

const PLAIN: BudgetPrintOptions = { amountsInWords: false };

/** « 220 000 EUR », or « 220 000 EUR (deux cent vingt mille euros) » when totals are written out. */
function totalText(cents: number, currency: string, opts: BudgetPrintOptions): string {
  return opts.amountsInWords ? `${formatAmount(cents, currency)} (${amountInWords(cents)})` : formatAmount(cents, currency);
}

/** One budget line: « **140 000 EUR (à rétablir)** au titre de … ». */
function budgetLineRuns(line: BudgetLine, currency: string): StyledRun[] {
  const amount = formatAmount(line.amountCents, currency) + (line.note?.trim() ? ` ${line.note.trim()}` : '');
  const runs: StyledRun[] = [{ text: amount, style: 'bold' }];
  if (line.label.trim()) runs.push({ text: ` ${line.label.trim()}`, style: 'regular' });
  return runs;
}

/** A cell with nothing in it for a year prints a dash, not a blank that looks forgotten. */
const NOTHING: CellContent = { paragraphs: [[{ text: '—', style: 'regular' }]], align: 'center' };

/** A budget cell: its lines, then « soit un total de : … » when it has more than one. */
export function budgetCell(lines: readonly BudgetLine[], currency: string, opts: BudgetPrintOptions = PLAIN): CellContent {
  const paragraphs = lines.map((l) => budgetLineRuns(l, currency));
  if (cellShowsTotal(lines)) {
    paragraphs.push([{ text: 'soit un total de : ', style: 'regular' }, { text: totalText(linesTotal(lines), currency, opts), style: 'bold' }]);
  }
  return { paragraphs };
}

const head = (...lines: string[]): CellContent => ({ paragraphs: lines.map((t) => [{ text: t, style: 'bold' as const }]), align: 'center' });
const bold = (t: string): CellContent => ({ paragraphs: [[{ text: t, style: 'bold' }]] });

/**
 * A bordered budget table: on the pages it continues on, its header says « (suite) » in the
 * UO column, and a row cut by the page shows its UO again.
 */
function uoTable(header: readonly CellContent[], body: ReadonlyArray<readonly CellContent[]>, ctx: BlockContext, weights?: readonly number[], keepSmall = false): Flowable {
  const widths = weights ? autoColumnWidths([header, ...body], ctx.width, TABLE, ctx, weights) : uoFirstWidths([header, ...body], ctx);
  const continued = [head('(suite)'), ...header.slice(1)];
  const node = structNode('Table');
  const rows: TableRow[] = body.map((cells) => {
    const row = layoutRow(cells, ctx.x, widths, TABLE, ctx, false, node);
    return { ...row, repeat: [row.cells[0]] };
  });
  const headerRow = layoutRow(header, ctx.x, widths, TABLE, ctx, true, node);
  const height = headerRow.height + rows.reduce((h, r) => h + r.height, 0);
  return new TableFlowable(headerRow, rows, ctx.x, widths, TABLE, {
    spaceBefore: 6,
    spaceAfter: PARAGRAPH_GAP + 4,
    continuedHeader: layoutRow(continued, ctx.x, widths, TABLE, ctx, true),
    // A short table with a total row stays whole: its total never starts a page alone.
    ...(keepSmall && height <= KEEP_WHOLE ? { keepTogether: true } : {}),
  });
}

/** Height up to which a table of a budget over several years is kept on one page (about a third). */
const KEEP_WHOLE = 260;

/**
 * Widths of a table with many columns: the UO column as wide as its longest code on one line
 * (a code cut at its hyphen reads as two), the others sized from their content in what is left.
 */
function uoFirstWidths(rows: ReadonlyArray<readonly CellContent[]>, ctx: BlockContext): number[] {
  let uo = 0;
  for (const row of rows) {
    for (const runs of row[0]?.paragraphs ?? []) uo = Math.max(uo, contentWidths(runs, TABLE.text.size, ctx).max);
  }
  const first = Math.min(uo + 2 * TABLE.padding + 0.01, ctx.width / 3);
  return [first, ...autoColumnWidths(rows.map((r) => r.slice(1)), ctx.width - first, TABLE, ctx)];
}

/** UO | AE | CP, one row per UO: the seed's table, or one year's of a budget over several. */
function aeCpTable(rows: readonly BudgetRow[], currency: string, ctx: BlockContext, opts: BudgetPrintOptions, year?: { year: number; totals: Totals }): Flowable {
  const cellOf = (lines: readonly BudgetLine[]) => (year && lines.length === 0 ? NOTHING : budgetCell(lines, currency, opts));
  const pick = (lines: readonly BudgetLine[]) => (year ? linesOfYear(lines, year.year) : lines);
  const body = rows.map((row): CellContent[] => [bold(row.uo), cellOf(pick(row.ae)), cellOf(pick(row.cp))]);
  if (year) body.push([bold(`Total ${year.year}`), bold(formatAmount(year.totals.ae, currency)), bold(formatAmount(year.totals.cp, currency))]);
  return uoTable([head(''), head('AE'), head('CP')], body, ctx, [0.24, 0.38, 0.38], year !== undefined);
}

/**
 * UO | AE and CP of each year | AE and CP in all, with a last row of the years' totals and the
 * grand total. `cell` fills a year's cell of a UO: its lines, or its total alone.
 */
function yearColumnsTable(
  budget: Budget,
  t: BudgetBreakdown,
  ctx: BlockContext,
  cell: (row: BudgetRow, i: number, year: number, k: number, col: 'ae' | 'cp') => CellContent,
): Flowable {
  const money = (cents: number) => bold(formatAmount(cents, budget.currency));
  const header = [head(''), ...t.years.flatMap((y) => [head(String(y), 'AE'), head(String(y), 'CP')]), head('Total', 'AE'), head('Total', 'CP')];
  const body = budget.rows.map((row, i): CellContent[] => [
    bold(row.uo),
    ...t.years.flatMap((y, k) => [cell(row, i, y, k, 'ae'), cell(row, i, y, k, 'cp')]),
    money(t.rows[i]!.total.ae),
    money(t.rows[i]!.total.cp),
  ]);
  body.push([bold('Total'), ...t.byYear.flatMap((y) => [money(y.ae), money(y.cp)]), money(t.total.ae), money(t.total.cp)]);
  return uoTable(header, body, ctx, undefined, true);
}

/** The totals written out under the table(s): each year's, then the grand total. */
function totalsInWords(budget: Budget, t: BudgetBreakdown, ctx: BlockContext): Flowable[] {
  const words = (cents: number) => totalText(cents, budget.currency, { amountsInWords: true });
  const sentence = (lead: string, totals: Totals, end: string): StyledRun[] => [
    { text: lead, style: 'regular' },
    { text: words(totals.ae), style: 'bold' },
    { text: " en autorisations d'engagement et de ", style: 'regular' },
    { text: words(totals.cp), style: 'bold' },
    { text: ` en crédits de paiement${end}`, style: 'regular' },
  ];
  const out = t.years.map((y, k) => paragraph(sentence(`Pour ${y}, un total de `, t.byYear[k]!, ' ;'), BODY, ctx, { spaceAfter: 2, keepWithNext: true }));
  out.push(paragraph(sentence(t.years.length > 0 ? 'Soit un total général de ' : 'Soit un total de ', t.total, '.'), BODY, ctx));
  return out;
}

/**
 * The flowables of the budget-table block. A budget of one year prints the seed's table (UO,
 * AE, CP). Over several years, `layout` chooses: AE and CP columns per year with the UO's
 * total in the last columns and the years' totals in the last row (`columns`, the default), or
 * one such table per year then a summary of the totals (`tables`). With amounts in words, the
 * cells' totals say their amount in words and the totals follow the table in a sentence.
 */
export function budgetFlowables(budget: Budget, ctx: BlockContext, opts: BudgetPrintOptions): Flowable[] {
  const t = budgetBreakdown(budget);
  const out: Flowable[] = [];
  if (t.years.length === 0) out.push(aeCpTable(budget.rows, budget.currency, ctx, opts));
  else if (budget.layout === 'tables') {
    t.years.forEach((year, k) => {
      out.push(heading([{ text: `Année ${year}`, style: 'bold' }], SECTION_HEADING, ctx, { spaceBefore: 8, spaceAfter: 0, role: 'H3' }));
      out.push(aeCpTable(budget.rows, budget.currency, ctx, opts, { year, totals: t.byYear[k]! }));
    });
    out.push(heading([{ text: 'Récapitulatif pluriannuel', style: 'bold' }], SECTION_HEADING, ctx, { spaceBefore: 8, spaceAfter: 0, role: 'H3' }));
    out.push(yearColumnsTable(budget, t, ctx, (_row, i, _year, k, col) => {
      const cents = t.rows[i]!.byYear[k]![col];
      return cents === 0 ? NOTHING : bold(formatAmount(cents, budget.currency));
    }));
  } else {
    out.push(yearColumnsTable(budget, t, ctx, (row, _i, year, _k, col) => {
      const lines = linesOfYear(row[col], year);
      return lines.length === 0 ? NOTHING : budgetCell(lines, budget.currency, opts);
    }));
  }
  if (opts.amountsInWords) out.push(...totalsInWords(budget, t, ctx));
  return out;
}
