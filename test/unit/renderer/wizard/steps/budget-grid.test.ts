import { describe, expect, it } from 'vitest';
import type { Budget, BudgetRow } from '../../../../../shared/model/convention';
import { validateConvention } from '../../../../../shared/rules/validate';
import {
  addYear, columnGroups, groupLines, linePath, moveFrom, nextYear, removeYear, rowStarts, uoHeight, withNewLine,
} from '../../../../../renderer/wizard/steps/budget-grid';
import { camino } from '../../../shared/fixture';

const row = (id: string, ae: Array<[number, number?]>, cp: Array<[number, number?]>): BudgetRow => ({
  id, uo: id.toUpperCase(),
  ae: ae.map(([amountCents, year], j) => ({ id: `${id}-ae${j}`, amountCents, label: 'x', ...(year ? { year } : {}) })),
  cp: cp.map(([amountCents, year], j) => ({ id: `${id}-cp${j}`, amountCents, label: 'x', ...(year ? { year } : {}) })),
});

describe('the budget grid', () => {
  it('has AE then CP for one year, and AE, CP year by year over several', () => {
    expect(columnGroups({})).toEqual([{ col: 'ae' }, { col: 'cp' }]);
    expect(columnGroups({ years: [2021, 2022] })).toEqual([{ col: 'ae', year: 2021 }, { col: 'cp', year: 2021 }, { col: 'ae', year: 2022 }, { col: 'cp', year: 2022 }]);
  });

  it('puts a UO’s lines side by side: as many rows as its longest group, at least one', () => {
    const groups = columnGroups({ years: [2021, 2022] });
    const a = row('a', [[1, 2021], [2, 2022], [3, 2021]], [[4, 2022]]);
    expect(groupLines(a, groups[0]!)).toEqual([0, 2]);
    expect(groupLines(a, groups[2]!)).toEqual([1]);
    expect(uoHeight(a, groups)).toBe(2);
    expect(uoHeight(row('e', [], []), groups)).toBe(1);
    expect(rowStarts([a, row('e', [], []), a], groups)).toEqual({ starts: [0, 2, 3], count: 5 });
    expect(linePath(1, 'cp', 2, 'amount')).toBe('budget.rows[1].cp[2].amountCents');
    expect(linePath(0, 'ae', 0, 'label')).toBe('budget.rows[0].ae[0].label');
  });

  it('moves like a spreadsheet: up and down in a column, the UO column from UO to UO, left of a second line to its UO', () => {
    const starts = [0, 2, 3];
    const [rows, cols] = [5, 7];
    expect(moveFrom({ r: 0, c: 1 }, 'ArrowDown', starts, rows, cols)).toEqual({ r: 1, c: 1 });
    expect(moveFrom({ r: 1, c: 1 }, 'Enter', starts, rows, cols)).toEqual({ r: 2, c: 1 });
    expect(moveFrom({ r: 2, c: 4 }, 'ShiftEnter', starts, rows, cols)).toEqual({ r: 1, c: 4 });
    expect(moveFrom({ r: 4, c: 3 }, 'ArrowDown', starts, rows, cols)).toBeNull();
    expect(moveFrom({ r: 0, c: 3 }, 'ArrowUp', starts, rows, cols)).toBeNull();
    expect(moveFrom({ r: 0, c: 0 }, 'ArrowDown', starts, rows, cols)).toEqual({ r: 2, c: 0 });
    expect(moveFrom({ r: 3, c: 0 }, 'ArrowUp', starts, rows, cols)).toEqual({ r: 2, c: 0 });
    expect(moveFrom({ r: 3, c: 0 }, 'ArrowDown', starts, rows, cols)).toBeNull();
    expect(moveFrom({ r: 1, c: 1 }, 'ArrowLeft', starts, rows, cols)).toEqual({ r: 0, c: 0 });
    expect(moveFrom({ r: 4, c: 1 }, 'ArrowLeft', starts, rows, cols)).toEqual({ r: 3, c: 0 });
    expect(moveFrom({ r: 1, c: 2 }, 'ArrowLeft', starts, rows, cols)).toEqual({ r: 1, c: 1 });
    expect(moveFrom({ r: 1, c: 6 }, 'ArrowRight', starts, rows, cols)).toBeNull();
    expect(moveFrom({ r: 0, c: 0 }, 'ArrowLeft', starts, rows, cols)).toBeNull();
    expect(moveFrom({ r: 0, c: 0 }, 'ArrowRight', starts, rows, cols)).toEqual({ r: 0, c: 1 });
  });

  it('adds a line after a given one, dated with its group’s year', () => {
    const a = row('a', [[1, 2021], [2, 2022]], []);
    const added = withNewLine(a, { col: 'ae', year: 2022 }, { id: 'n', amountCents: 0, label: '' }, 0);
    expect(added.ae.map((l) => [l.id, l.year])).toEqual([['a-ae0', 2021], ['n', 2022], ['a-ae1', 2022]]);
    expect(withNewLine(a, { col: 'cp' }, { id: 'm', amountCents: 0, label: '' }).cp).toEqual([{ id: 'm', amountCents: 0, label: '' }]);
  });

  it('adding the first year dates every amount with it; removing a year drops its amounts; removing the last undates them', () => {
    const c = camino();
    const one = addYear(c.budget, 2020);
    expect(one.years).toEqual([2020]);
    expect(one.rows.flatMap((r) => [...r.ae, ...r.cp]).every((l) => l.year === 2020)).toBe(true);
    expect(validateConvention({ ...c, budget: one })).toEqual([]);
    const two: Budget = addYear(addYear(one, 2022), 2021);
    expect(two.years).toEqual([2020, 2021, 2022]);
    expect(addYear(two, 2021)).toBe(two);
    const moved = { ...two, rows: two.rows.map((r) => ({ ...r, cp: r.cp.map((l, j) => (j === 0 ? { ...l, year: 2021 } : l)) })) };
    const without = removeYear(moved, 2021);
    expect(without.years).toEqual([2020, 2022]);
    expect(without.rows.map((r) => r.cp.length)).toEqual([1, 0]);
    const back = removeYear(removeYear(one, 2020), 2020);
    expect(back.years).toBeUndefined();
    expect(back.layout).toBeUndefined();
    expect(back.rows).toEqual(c.budget.rows);
    expect(nextYear(two, new Date('2026-05-01'))).toBe(2023);
    expect(nextYear(c.budget, new Date('2026-05-01'))).toBe(2026);
  });
});
