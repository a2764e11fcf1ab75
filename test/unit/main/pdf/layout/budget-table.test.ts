import { describe, expect, it } from 'vitest';
import { loadMarianne, metricsOf } from '../../../../../main/pdf/fonts';
import type { BlockContext } from '../../../../../main/pdf/layout/blocks';
import { budgetCell, budgetFlowables } from '../../../../../main/pdf/layout/budget-table';
import { layoutConvention } from '../../../../../main/pdf/layout/document';
import { lineText } from '../../../../../main/pdf/layout/text';
import { A4, type Page, type TextBox } from '../../../../../main/pdf/layout/types';
import type { Budget, BudgetLine } from '../../../../../shared/model/convention';
import { smallConvention } from '../../../../fixtures/conventions';
import { fakeContext } from './fake-fonts';

const fonts = metricsOf(loadMarianne());
const ctx = (): BlockContext => ({ fonts, glyphs: fakeContext().glyphs, where: 'test', x: 56, width: 483 });
const NB = /[\u00a0\u202f]/g;
/** The text lines the flowables draw, top to bottom then left to right, spaces made plain. */
function linesOf(flowables: ReturnType<typeof budgetFlowables>): string[] {
  let top = 0;
  const boxes: TextBox[] = [];
  for (const f of flowables) {
    top += f.spaceBefore;
    boxes.push(...f.render(top).filter((b): b is TextBox => b.kind === 'text'));
    top += f.height + f.spaceAfter;
  }
  return boxes.sort((a, b) => a.y - b.y || a.x - b.x).map((b) => lineText(b).replace(NB, ' ')).filter((t) => t !== '');
}

const dated = (id: string, year: number, amountCents: number, label = `au titre de l’exercice ${year - 2000}`): BudgetLine => ({ id, year, amountCents, label });

function twoYears(layout: Budget['layout']): Budget {
  return {
    currency: 'EUR',
    years: [2021, 2022],
    ...(layout ? { layout } : {}),
    rows: [
      { id: 'a', uo: '0113-PEBC-ELAB', ae: [dated('a1', 2021, 140_000_00), dated('a2', 2021, 80_000_00), dated('a3', 2022, 50_000_00)], cp: [dated('c1', 2021, 100_000_00), dated('c2', 2022, 170_000_00)] },
      { id: 'b', uo: '0181-CPRI-ELAB', ae: [dated('b1', 2022, 30_000_00)], cp: [dated('b2', 2022, 30_000_00)] },
    ],
  };
}

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

  it('writes the total out in words when asked', () => {
    const cell = budgetCell([{ id: 'a', amountCents: 140_000_00, label: 'A' }, { id: 'b', amountCents: 80_000_00, label: 'B' }], 'EUR', { amountsInWords: true });
    expect(cell.paragraphs[2]!.map((r) => r.text).join('').replace(NB, ' ')).toBe('soit un total de : 220 000 EUR (deux cent vingt mille euros)');
  });
});

describe('budgetFlowables', () => {
  it('a budget of one year is the one table of the seed, with no sentence after it', () => {
    const c = smallConvention();
    const out = budgetFlowables(c.budget, ctx(), { amountsInWords: false });
    expect(out).toHaveLength(1);
    const lines = linesOf(out);
    expect(lines.slice(0, 2)).toEqual(['AE', 'CP']);
    expect(lines).toContain('soit un total de : 220 000 EUR');
    expect(lines.join(' ')).not.toMatch(/Total|Année|2022/);
  });

  it('columns: AE and CP per year, the UO totals in the last columns, the years’ totals and the grand total in the last row', () => {
    const out = budgetFlowables(twoYears('columns'), ctx(), { amountsInWords: false });
    expect(out).toHaveLength(1);
    const boxes = out[0]!.render(0).filter((b): b is TextBox => b.kind === 'text');
    const at = (text: string) => boxes.filter((b) => lineText(b).replace(NB, ' ') === text);
    // Header: a year above AE and CP, twice, then « Total » above AE and CP.
    const heads = at('AE').map((b) => b.x).sort((a, b) => a - b);
    expect(heads).toHaveLength(3);
    expect(at('2021')).toHaveLength(2);
    expect(at('2022')).toHaveLength(2);
    expect(at('Total')).toHaveLength(3);
    // Lines of a year sit in that year's column; a year without lines shows a dash.
    const x2022Ae = heads[1]!;
    const line50 = boxes.find((b) => lineText(b).startsWith('50\u202f000'))!;
    expect(Math.abs(line50.x - x2022Ae)).toBeLessThan(80);
    expect(at('—')).toHaveLength(2);
    // Totals: UO A 270 000 AE / 270 000 CP; 2021 220 000 / 100 000; 2022 80 000 / 200 000; all 300 000 / 300 000.
    const totalRow = boxes.filter((b) => b.y >= at('Total').sort((a, b) => b.y - a.y)[0]!.y - 1).sort((a, b) => a.x - b.x).map((b) => lineText(b).replace(NB, ' '));
    expect(totalRow).toEqual(['Total', '220 000 EUR', '100 000 EUR', '80 000 EUR', '200 000 EUR', '300 000 EUR', '300 000 EUR']);
    expect(at('270 000 EUR')).toHaveLength(2);
    // A cell of several lines keeps its « soit un total de », even in a narrow column.
    expect(boxes.map((b) => lineText(b)).join(' ').replace(NB, ' ')).toMatch(/soit un\s+total de :\s+220 000 EUR/);
  });

  it('the default layout over several years is columns', () => {
    expect(linesOf(budgetFlowables(twoYears(undefined), ctx(), { amountsInWords: false }))).toEqual(linesOf(budgetFlowables(twoYears('columns'), ctx(), { amountsInWords: false })));
  });

  it('tables: one AE/CP table per year with its total, then the summary of totals', () => {
    const lines = linesOf(budgetFlowables(twoYears('tables'), ctx(), { amountsInWords: false }));
    const i2021 = lines.indexOf('Année 2021');
    const i2022 = lines.indexOf('Année 2022');
    const iSum = lines.indexOf('Récapitulatif pluriannuel');
    expect(i2021).toBe(0);
    expect(i2022).toBeGreaterThan(i2021);
    expect(iSum).toBeGreaterThan(i2022);
    const y2021 = lines.slice(i2021, i2022);
    expect(y2021).toContain('soit un total de : 220 000 EUR');
    expect(y2021.join(' ')).not.toContain('50 000 EUR');
    expect(y2021.slice(-3)).toEqual(['Total 2021', '220 000 EUR', '100 000 EUR']);
    expect(lines.slice(i2022, iSum).slice(-3)).toEqual(['Total 2022', '80 000 EUR', '200 000 EUR']);
    const summary = lines.slice(iSum);
    expect(summary.slice(-7)).toEqual(['Total', '220 000 EUR', '100 000 EUR', '80 000 EUR', '200 000 EUR', '300 000 EUR', '300 000 EUR']);
    // The summary gives amounts only, never the lines' labels.
    expect(summary.join(' ')).not.toContain('au titre de');
  });

  it('with amounts in words, the cells’ totals and the totals after the table say them in words', () => {
    const one = linesOf(budgetFlowables(smallConvention().budget, ctx(), { amountsInWords: true })).join(' ');
    expect(one).toContain('soit un total de : 220 000 EUR (deux cent vingt mille euros)');
    expect(one).toContain("Soit un total de 220 000 EUR (deux cent vingt mille euros) en autorisations d'engagement et de 140 000 EUR (cent quarante mille euros) en crédits de paiement.");
    for (const layout of ['columns', 'tables'] as const) {
      const text = linesOf(budgetFlowables(twoYears(layout), ctx(), { amountsInWords: true })).join(' ');
      expect(text).toContain('Pour 2021, un total de 220 000 EUR (deux cent vingt mille euros) en autorisations');
      expect(text).toContain('Pour 2022, un total de 80 000 EUR (quatre-vingt mille euros)');
      expect(text).toContain("Soit un total général de 300 000 EUR (trois cent mille euros) en autorisations d'engagement et de 300 000 EUR (trois cent mille euros) en crédits de paiement.");
    }
  });
});

describe('budget tables over several pages', () => {
  const texts = (p: Page) => p.boxes.filter((b): b is TextBox => b.kind === 'text' && b.y < A4.height - A4.bottom);
  it.each(['columns', 'tables'] as const)('%s: continue with « (suite) » and show the UO of a row cut by the page', (layout) => {
    const c = smallConvention();
    c.budget = twoYears(layout);
    const row = c.budget.rows[0]!;
    row.ae = [...row.ae, ...Array.from({ length: 60 }, (_, i) => dated(`x${i}`, 2021, 1_000_00 + i, `au titre de la tranche ${i + 1} du programme`))];
    const doc = layoutConvention(c, fonts);
    const pages = doc.pages.filter((p) => texts(p).some((b) => lineText(b).includes('tranche')));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      const lines = texts(p);
      const ae = lines.filter((b) => lineText(b) === 'AE').sort((a, b) => a.x - b.x)[0]!;
      expect(ae).toBeDefined();
      expect(lines.some((b) => lineText(b) === '(suite)')).toBe(i > 0);
      const uoColumn = lines.filter((b) => b.y > ae.y + 1 && b.x < ae.x - 30).sort((a, b) => a.y - b.y);
      expect(lineText(uoColumn[0]!)).toBe(row.uo);
    });
  });
});
