import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Convention } from '../../../shared/model/convention';
import { budgetBreakdown } from '../../../shared/rules/budget';
import { validateConvention } from '../../../shared/rules/validate';
import { exportWordToFile, importWordFile } from '../../../main/word/index';

/*
 * A budget over two years through Word: exported in either layout (LibreOffice reads the .docx
 * back into a PDF: the years, lines and totals are there), then imported again with its years.
 */

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const camino = JSON.parse(readFileSync(join(root, 'test/fixtures/json/exemple-camino-2020.json'), 'utf8')) as Convention;
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-word-years-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flat = (text: string) => text.replace(/[\u00a0\u202f\s]+/g, ' ');

/** The worked example over 2020 and 2021: each cell's first line in 2020, the others in 2021. */
function twoYears(layout: 'columns' | 'tables', words = false): Convention {
  const c = structuredClone(camino);
  c.budget.years = [2020, 2021];
  c.budget.layout = layout;
  for (const row of c.budget.rows) for (const col of [row.ae, row.cp]) col.forEach((l, j) => { l.year = j === 0 ? 2020 : 2021; });
  if (words) c.presentation = { ...c.presentation, amountsInWords: true };
  expect(validateConvention(c).filter((f) => f.severity === 'error')).toEqual([]);
  return c;
}

function libreOfficeText(docx: string): string {
  const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, docx], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`soffice : ${r.status} ${r.stderr}`);
  // One line per printed line, the table's columns side by side.
  return spawnSync('pdftotext', ['-layout', docx.replace(/\.docx$/, '.pdf'), '-'], { encoding: 'utf8' }).stdout.split('\n').map((l) => flat(l).trim()).join('\n');
}

const linesOf = (c: Convention) => c.budget.rows.map((r) => ({ uo: r.uo, ae: r.ae.map((l) => [l.year, l.amountCents, l.note ?? '', l.label]), cp: r.cp.map((l) => [l.year, l.amountCents, l.note ?? '', l.label]) }));

describe('a budget over several years in Word', () => {
  it.each(['columns', 'tables'] as const)('%s: exported (LibreOffice shows years and totals), imported back with its years, lines and layout', async (layout) => {
    const c = twoYears(layout);
    const docx = join(dir, `budget-${layout}.docx`);
    await exportWordToFile(c, docx, { draft: false });
    const text = libreOfficeText(docx);
    const t = budgetBreakdown(c.budget);
    expect(t.total).toEqual({ ae: 320_000_00, cp: 320_000_00 });
    if (layout === 'tables') {
      expect(text).toContain('Année 2020');
      expect(text).toContain('Année 2021');
      expect(text).toContain('Récapitulatif pluriannuel');
      expect(text).toMatch(/^Total 2020 240 000 EUR 240 000 EUR$/m);
    } else {
      expect(text).toMatch(/^2020 2020 2021 2021 Total Total$/m);
    }
    expect(text).toMatch(/^Total 240 000 EUR 240 000 EUR 80 000 EUR 80 000 EUR 320 000 EUR 320 000 EUR$/m);

    const { convention: back, findings } = await importWordFile(docx, { today: '2024-01-01' });
    expect(findings.filter((f) => f.path === 'budget')).toEqual([]);
    expect(back.budget.years).toEqual([2020, 2021]);
    expect(back.budget.layout).toBe(layout);
    expect(linesOf(back)).toEqual(linesOf(c));
    expect(budgetBreakdown(back.budget).byYear).toEqual(t.byYear);
    // The year titles and the summary are the budget's, not paragraphs of the article.
    const paragraphs = back.articles.flatMap((a) => a.body).filter((b) => b.kind === 'paragraph').map((b) => (b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''));
    expect(paragraphs.filter((p) => /^Année \d{4}$|^Récapitulatif pluriannuel$/.test(p))).toEqual([]);
    expect(back.articles.flatMap((a) => a.body).filter((b) => b.kind === 'budget-table')).toHaveLength(1);
  }, 180_000);

  it('with amounts in words, the totals are written out in the .docx too', async () => {
    const docx = join(dir, 'budget-words.docx');
    await exportWordToFile(twoYears('columns', true), docx, { draft: false });
    const text = libreOfficeText(docx);
    const prose = flat(text);
    expect(prose).toContain('Soit un total général de 320 000 EUR (trois cent vingt mille euros) en autorisations');
    expect(prose).toContain('Pour 2021, un total de 80 000 EUR (quatre-vingt mille euros)');
    // Imported back: the sentences are the option, not paragraphs of the article.
    const { convention: back } = await importWordFile(docx, { today: '2024-01-01' });
    expect(back.presentation?.amountsInWords).toBe(true);
    const texts = back.articles.flatMap((a) => a.body).map((b) => (b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''));
    expect(texts.filter((p) => /un total (général )?de/.test(p))).toEqual([]);
  }, 180_000);
});
