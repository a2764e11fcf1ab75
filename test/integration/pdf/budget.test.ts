import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConvention } from '../../../main/pdf/index';
import type { BudgetLine, Convention } from '../../../shared/model/convention';
import { validateConvention } from '../../../shared/rules/validate';
import { smallConvention } from '../../fixtures/conventions';
import { keepArtifact, normalize, run, workFile } from './tools';

/* The budget as a reader's tool (pdftotext) sees it: two years as columns or as tables, totals in words. */

const dated = (id: string, year: number, amountCents: number, label: string): BudgetLine => ({ id, year, amountCents, label });

function twoYearConvention(layout: 'columns' | 'tables', words: boolean): Convention {
  const c = smallConvention();
  c.budget = {
    currency: 'EUR',
    years: [2021, 2022],
    layout,
    rows: [{
      id: 'b1', uo: '0113-PEBC-ELAB',
      ae: [dated('a1', 2021, 140_000_00, 'au titre du financement'), dated('a2', 2021, 80_000_00, 'au titre de l’avenant'), dated('a3', 2022, 60_000_00, 'au titre de la seconde tranche')],
      cp: [dated('c1', 2021, 140_000_00, 'au titre du financement'), dated('c2', 2022, 140_000_00, 'au titre du solde')],
    }],
  };
  if (words) c.presentation = { ...c.presentation, amountsInWords: true };
  return c;
}

async function pdfText(c: Convention, name: string, layout = false): Promise<string> {
  expect(validateConvention(c).filter((f) => f.severity === 'error')).toEqual([]);
  const r = await renderConvention(c);
  const file = workFile(name);
  writeFileSync(file, r.bytes);
  keepArtifact(file, name);
  const out = run('pdftotext', [...(layout ? ['-layout'] : []), file, '-']).stdout;
  // With -layout, one normalized line per printed line (the columns side by side).
  return layout ? out.split('\n').map(normalize).filter(Boolean).join('\n') : normalize(out);
}

describe('budgets in the PDF (pdftotext)', () => {
  it('columns: the years above AE and CP, each year’s lines, the UO total and the years’ totals', async () => {
    const text = await pdfText(twoYearConvention('columns', false), 'budget-columns.pdf', true);
    expect(text).toMatch(/^2021 2021 2022 2022 Total Total$/m);
    expect(text).toMatch(/^Total 220 000 EUR 140 000 EUR 60 000 EUR 140 000 EUR 280 000 EUR 280 000 EUR$/m);
    for (const s of ['2021', '2022', 'AE', 'CP', 'Total', '0113-PEBC-ELAB', '140 000 EUR', '60 000 EUR', '280 000 EUR', '220 000 EUR']) expect(text).toContain(s);
    expect(text).not.toContain('Année 2021');
    expect(text).not.toContain('en toutes lettres');
    expect(text).not.toMatch(/euros\)/);
  });

  it('tables: one table per year with its total, then the summary', async () => {
    const text = await pdfText(twoYearConvention('tables', false), 'budget-tables.pdf', true);
    const at = (s: string) => text.indexOf(s);
    expect(at('Année 2021')).toBeGreaterThan(0);
    expect(at('Année 2022')).toBeGreaterThan(at('Année 2021'));
    expect(at('Récapitulatif pluriannuel')).toBeGreaterThan(at('Année 2022'));
    expect(text.slice(at('Année 2021'), at('Année 2022'))).toContain('soit un total de : 220 000 EUR');
    expect(text.slice(at('Année 2021'), at('Année 2022'))).toMatch(/^Total 2021 220 000 EUR 140 000 EUR$/m);
    expect(text.slice(at('Année 2022'), at('Récapitulatif'))).toMatch(/^Total 2022 60 000 EUR 140 000 EUR$/m);
    const summary = text.slice(at('Récapitulatif'));
    expect(summary).toMatch(/^2021 2021 2022 2022 Total Total$/m);
    expect(summary).toMatch(/^0113-PEBC-ELAB 220 000 EUR 140 000 EUR 60 000 EUR 140 000 EUR 280 000 EUR 280 000 EUR$/m);
    expect(summary).toMatch(/^Total 220 000 EUR 140 000 EUR 60 000 EUR 140 000 EUR 280 000 EUR 280 000 EUR$/m);
  });

  it.each(['columns', 'tables'] as const)('%s with amounts in words: the totals also in words', async (layout) => {
    const text = await pdfText(twoYearConvention(layout, true), `budget-${layout}-words.pdf`);
    expect(text).toContain('(deux cent vingt mille euros)');
    expect(text).toContain("Pour 2021, un total de 220 000 EUR (deux cent vingt mille euros) en autorisations d'engagement et de 140 000 EUR (cent quarante mille euros) en crédits de paiement ;");
    expect(text).toContain("Soit un total général de 280 000 EUR (deux cent quatre-vingt mille euros) en autorisations d'engagement et de 280 000 EUR (deux cent quatre-vingt mille euros) en crédits de paiement.");
  });

  it('a budget of one year with amounts in words: « soit un total de : 220 000 EUR (deux cent vingt mille euros) »', async () => {
    const c = smallConvention();
    c.presentation = { ...c.presentation, amountsInWords: true };
    const text = await pdfText(c, 'budget-one-year-words.pdf');
    expect(text).toContain('soit un total de : 220 000 EUR (deux cent vingt mille euros)');
    expect(text).toContain("Soit un total de 220 000 EUR (deux cent vingt mille euros) en autorisations d'engagement et de 140 000 EUR (cent quarante mille euros) en crédits de paiement.");
    const plain = await pdfText(smallConvention(), 'budget-one-year.pdf');
    expect(plain).toContain('soit un total de : 220 000 EUR');
    expect(plain).not.toContain('euros');
  });
});
