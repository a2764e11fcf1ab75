import { describe, expect, it } from 'vitest';
import { budgetCell } from '../../../../../main/pdf/layout/budget-table';

describe('budgetCell', () => {
  it('prints each line with its bold amount and the computed total only when there are several', () => {
    const two = budgetCell([
      { id: 'a', amountCents: 140_000_00, label: 'au titre de A' },
      { id: 'b', amountCents: 80_000_00, note: '(à rétablir)', label: 'au titre de B' },
    ], 'EUR');
    expect(two.paragraphs.map((p) => p.map((r) => `${r.style}:${r.text}`).join('|'))).toEqual([
      'bold:140\u202f000\u00a0EUR|regular: au titre de A',
      'bold:80\u202f000\u00a0EUR (à rétablir)|regular: au titre de B',
      'regular:soit un total de : |bold:220\u202f000\u00a0EUR',
    ]);
    expect(budgetCell([{ id: 'a', amountCents: 100_000_00, label: 'x' }], 'EUR').paragraphs).toHaveLength(1);
  });
});
