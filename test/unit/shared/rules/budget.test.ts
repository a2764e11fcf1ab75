import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { budgetBreakdown, budgetTotals, budgetYears, cellShowsTotal, isMultiYear, linesOfYear, linesTotal, rowTotals, rowYearTotals } from '../../../../shared/rules/budget';
import type { Budget, BudgetLine } from '../../../../shared/model/convention';
import { camino } from '../fixture';

const line = (amountCents: number): BudgetLine => ({ id: `l${amountCents}`, amountCents, label: 'x' });

describe('budget totals', () => {
  it('computes the seed’s totals: 220 000 / 220 000 and 100 000 / 100 000', () => {
    const [pebc, cpri] = camino().budget.rows;
    expect(rowTotals(pebc!)).toEqual({ ae: 220_000_00, cp: 220_000_00 });
    expect(rowTotals(cpri!)).toEqual({ ae: 100_000_00, cp: 100_000_00 });
    expect(budgetTotals(camino().budget)).toEqual({ ae: 320_000_00, cp: 320_000_00 });
  });

  it('sums cents exactly, without float drift', () => {
    expect(linesTotal([line(10), line(20)])).toBe(30);
    expect(linesTotal([])).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1e11 }), { maxLength: 50 }), (amounts) => {
        const total = linesTotal(amounts.map(line));
        expect(total).toBe(amounts.reduce((a, b) => a + b, 0));
        expect(Number.isInteger(total)).toBe(true);
      }),
    );
  });

  it('gives zero for an empty budget', () => {
    expect(budgetTotals({ currency: 'EUR', rows: [] })).toEqual({ ae: 0, cp: 0 });
  });

  it('shows a cell total only when the cell has more than one line, as the seed does', () => {
    expect(cellShowsTotal([])).toBe(false);
    expect(cellShowsTotal([line(1)])).toBe(false);
    expect(cellShowsTotal([line(1), line(2)])).toBe(true);
  });
});

const dated = (id: string, year: number, amountCents: number): BudgetLine => ({ id, year, amountCents, label: `au titre de ${year}` });

/** A two-year budget: UO A 2021 AE 100 000 + 50 000, 2022 AE 70 000; CP 2021 60 000, 2022 160 000; UO B 2022 only. */
function twoYears(): Budget {
  return {
    currency: 'EUR',
    years: [2021, 2022],
    layout: 'columns',
    rows: [
      { id: 'a', uo: '0113-PEBC-ELAB', ae: [dated('a1', 2021, 100_000_00), dated('a2', 2021, 50_000_00), dated('a3', 2022, 70_000_00)], cp: [dated('c1', 2021, 60_000_00), dated('c2', 2022, 160_000_00)] },
      { id: 'b', uo: '0129-DINU-CPRI', ae: [dated('b1', 2022, 30_000_01)], cp: [dated('b2', 2022, 30_000_01)] },
    ],
  };
}

describe('budgets over several years', () => {
  it('tells a budget of several years from one of a single year', () => {
    expect(isMultiYear(camino().budget)).toBe(false);
    expect(budgetYears(camino().budget)).toEqual([]);
    expect(isMultiYear({ years: [] })).toBe(false);
    expect(isMultiYear(twoYears())).toBe(true);
    expect(budgetYears(twoYears())).toEqual([2021, 2022]);
  });

  it('totals each UO per year, each year over the UO, and the whole budget', () => {
    const b = twoYears();
    expect(linesOfYear(b.rows[0]!.ae, 2021).map((l) => l.id)).toEqual(['a1', 'a2']);
    expect(rowYearTotals(b.rows[0]!, 2021)).toEqual({ ae: 150_000_00, cp: 60_000_00 });
    expect(rowYearTotals(b.rows[1]!, 2021)).toEqual({ ae: 0, cp: 0 });
    const t = budgetBreakdown(b);
    expect(t.years).toEqual([2021, 2022]);
    expect(t.rows.map((r) => r.byYear)).toEqual([
      [{ ae: 150_000_00, cp: 60_000_00 }, { ae: 70_000_00, cp: 160_000_00 }],
      [{ ae: 0, cp: 0 }, { ae: 30_000_01, cp: 30_000_01 }],
    ]);
    expect(t.rows.map((r) => r.total)).toEqual([{ ae: 220_000_00, cp: 220_000_00 }, { ae: 30_000_01, cp: 30_000_01 }]);
    expect(t.byYear).toEqual([{ ae: 150_000_00, cp: 60_000_00 }, { ae: 100_000_01, cp: 190_000_01 }]);
    expect(t.total).toEqual({ ae: 250_000_01, cp: 250_000_01 });
  });

  it('leaves out of the years a line whose year is not one of the budget\'s (the validator reports it)', () => {
    const b = twoYears();
    b.rows[1]!.ae.push(dated('stray', 2030, 5_00), { id: 'none', amountCents: 7_00, label: 'sans année' });
    expect(budgetBreakdown(b).total.ae).toBe(250_000_01);
    expect(budgetTotals(b).ae).toBe(250_000_01 + 12_00);
  });

  it('for one year, the breakdown is the sums of the lines, with no year', () => {
    const t = budgetBreakdown(camino().budget);
    expect(t.years).toEqual([]);
    expect(t.byYear).toEqual([]);
    expect(t.rows.map((r) => r.total)).toEqual([{ ae: 220_000_00, cp: 220_000_00 }, { ae: 100_000_00, cp: 100_000_00 }]);
    expect(t.total).toEqual(budgetTotals(camino().budget));
  });

  it('property: grand total = sum of the year totals = sum of the UO totals = sum of every line, in exact cents', () => {
    const yearsArb = fc.uniqueArray(fc.integer({ min: 2000, max: 2040 }), { minLength: 1, maxLength: 6 }).map((ys) => [...ys].sort((a, b) => a - b));
    const budgetArb = yearsArb.chain((years) => {
      const lineArb = fc.record({ year: fc.constantFrom(...years), amountCents: fc.integer({ min: 1, max: 1e13 }) });
      const rowArb = fc.record({ ae: fc.array(lineArb, { maxLength: 6 }), cp: fc.array(lineArb, { maxLength: 6 }) });
      return fc.record({ years: fc.constant(years), rows: fc.array(rowArb, { maxLength: 8 }) });
    });
    fc.assert(
      fc.property(budgetArb, ({ years, rows }) => {
        let n = 0;
        const mk = (l: { year: number; amountCents: number }): BudgetLine => ({ id: `l${(n += 1)}`, label: 'x', ...l });
        const budget: Budget = { currency: 'EUR', years, rows: rows.map((r, i) => ({ id: `r${i}`, uo: `UO${i}`, ae: r.ae.map(mk), cp: r.cp.map(mk) })) };
        const t = budgetBreakdown(budget);
        const every = (col: 'ae' | 'cp') => rows.flatMap((r) => r[col]).reduce((s, l) => s + l.amountCents, 0);
        for (const col of ['ae', 'cp'] as const) {
          expect(t.total[col]).toBe(every(col));
          expect(t.byYear.reduce((s, y) => s + y[col], 0)).toBe(t.total[col]);
          expect(t.rows.reduce((s, r) => s + r.total[col], 0)).toBe(t.total[col]);
          t.rows.forEach((r) => expect(r.byYear.reduce((s, y) => s + y[col], 0)).toBe(r.total[col]));
          expect(Number.isSafeInteger(t.total[col])).toBe(true);
        }
        expect(t.total).toEqual(budgetTotals(budget));
      }),
    );
  });
});
