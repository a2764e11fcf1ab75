import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { budgetTotals, cellShowsTotal, linesTotal, rowTotals } from '../../../../shared/rules/budget';
import type { BudgetLine } from '../../../../shared/model/convention';
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
