import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness/index';
import { SCREENS_DIR, expectAccessible, field, focusedName, openNewConvention, openStep, tabTo, waitSaved } from './wizard-helpers';

/*
 * The budget step as a grid (issue 15): a two-year budget typed with the keyboard alone, the
 * totals following each keystroke, the print layout chosen; in French and in English; axe-clean.
 */

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

const status = (page: Page) => page.locator('.paraphe-budget-total');

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENS_DIR, name), fullPage: true });
}

test('a two-year budget typed with the keyboard alone: arrows, Tab, Ctrl+Entrée, live totals, print layout', async ({ page, handlers }) => {
  test.setTimeout(120_000);
  const id = await openNewConvention(page, handlers['convention:create'], 'Budget au clavier');
  await openStep(page, 'Budget');
  const grid = page.getByRole('grid', { name: 'Budget : une ligne par UO, ses montants en colonnes AE et CP' });
  await expect(grid).toBeVisible();
  await expect(page.getByText('Ctrl+Entrée ajoute une ligne', { exact: false })).toBeVisible();

  // Two years: the field proposes the next one after each.
  await tabTo(page, 'Année à ajouter');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('2026');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Retirer l’année 2026' })).toBeVisible();
  await expect(page.getByLabel('Année à ajouter')).toHaveValue('2027');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Retirer l’année 2027' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Autorisations d’engagement (AE) 2027' })).toBeVisible();

  // A UO: the button puts the caret in its code.
  await tabTo(page, 'Ajouter une UO');
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedName(page)).toBe('Code de l’UO 1');
  await page.keyboard.type('0113-pebc-elab');
  await expect(field(page, 'budget.rows[0].uo')).toHaveValue('0113-PEBC-ELAB');

  // → at the end of the code: the AE 2026 amount. Tab: its purpose.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedName(page)).toBe('Montant AE 2026 ligne 1, UO 0113-PEBC-ELAB');
  await page.keyboard.type('140 000');
  await expect(status(page)).toContainText('Total des AE : 140 000 EUR (cent quarante mille euros)');
  await page.keyboard.press('Tab');
  await page.keyboard.type('au titre du financement 2026');

  // Ctrl+Entrée: a second AE 2026 line under the first, its amount focused.
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => focusedName(page)).toBe('Montant AE 2026 ligne 2, UO 0113-PEBC-ELAB');
  await page.keyboard.type('80000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('au titre de l’avenant');
  await expect(grid.getByText('Soit un total de : 220 000 EUR (deux cent vingt mille euros)')).toBeVisible();

  // → → from the end of the purpose: the note, then the CP 2026 cell of line 2 (empty); ↑: CP line 1.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedName(page)).toBe('Mention AE 2026 ligne 2, UO 0113-PEBC-ELAB');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedName(page)).toBe('Pas de ligne CP 2026 pour l’UO 0113-PEBC-ELAB : Ctrl+Entrée en ajoute une');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedName(page)).toBe('Montant CP 2026 ligne 1, UO 0113-PEBC-ELAB');
  // An amount above one billion euros is flagged, then corrected.
  await page.keyboard.type('1 000 000 000,01');
  await expect(page.getByText(/dépasse un milliard d'euros/)).toBeVisible();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('100 000');
  await expect(page.getByText(/dépasse un milliard d'euros/)).toHaveCount(0);
  await page.keyboard.press('Tab');
  await page.keyboard.type('au titre du financement 2026');

  // On along the row to 2027: purpose → note → AE 2027 amount.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedName(page)).toBe('Montant AE 2027 ligne 1, UO 0113-PEBC-ELAB');
  await page.keyboard.type('50 000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('au titre de la seconde tranche');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedName(page)).toBe('Montant CP 2027 ligne 1, UO 0113-PEBC-ELAB');
  await page.keyboard.type('170 000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('au titre du solde');

  // Enter goes down a column; Shift+Enter up; ← at the start of a second line reaches its UO.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedName(page)).toBe('Pas de ligne CP 2027 pour l’UO 0113-PEBC-ELAB : Ctrl+Entrée en ajoute une');
  await page.keyboard.press('Shift+Enter');
  await expect.poll(() => focusedName(page)).toBe('Montant CP 2027 ligne 1, UO 0113-PEBC-ELAB');

  // Live totals per year and in all, the French way.
  await expect(status(page)).toContainText('Total 2026 : AE 220 000 EUR, CP 100 000 EUR');
  await expect(status(page)).toContainText('Total 2027 : AE 50 000 EUR, CP 170 000 EUR');
  await expect(status(page)).toContainText('Total des AE : 270 000 EUR (deux cent soixante-dix mille euros)');
  await expect(status(page)).toContainText('Total des CP : 270 000 EUR (deux cent soixante-dix mille euros)');
  await expect(grid.locator('tfoot')).toContainText('220 000 EUR');

  // The print layout, with the arrow keys of a radio group.
  await tabTo(page, 'Un tableau, colonnes AE et CP par année', { back: true });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Un tableau par année, puis un récapitulatif' })).toBeChecked();

  await expectAccessible(page, 'Budget (grille)');
  await shot(page, 'budget-grid-fr.png');
  await waitSaved(page);
  const { convention: c } = await handlers['convention:get']({ id });
  expect(c.budget.years).toEqual([2026, 2027]);
  expect(c.budget.layout).toBe('tables');
  const [row] = c.budget.rows;
  expect(row!.uo).toBe('0113-PEBC-ELAB');
  expect(row!.ae.map((l) => [l.year, l.amountCents, l.label])).toEqual([
    [2026, 140_000_00, 'au titre du financement 2026'],
    [2026, 80_000_00, 'au titre de l’avenant'],
    [2027, 50_000_00, 'au titre de la seconde tranche'],
  ]);
  expect(row!.cp.map((l) => [l.year, l.amountCents])).toEqual([[2026, 100_000_00], [2027, 170_000_00]]);
});

test('the budget grid in English: headers, names and totals in English, amounts as printed, axe-clean', async ({ page, handlers }) => {
  test.setTimeout(90_000);
  const { id } = await handlers['convention:create']({ templateId: 'exemple-camino-2020', title: 'Budget grid in English' });
  const record = await handlers['convention:get']({ id });
  const budget = record.convention.budget;
  const dated = budget.rows.map((r) => ({ ...r, ae: r.ae.map((l) => ({ ...l, year: 2020 })), cp: r.cp.map((l) => ({ ...l, year: 2020 })) }));
  await handlers['convention:save']({ convention: { ...record.convention, budget: { ...budget, years: [2020, 2021], rows: dated } } });
  await page.reload();
  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('row').filter({ hasText: 'Budget grid in English' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('navigation', { name: 'Steps of the agreement' }).getByRole('button', { name: /^\d+\. Budget/ }).click();

  const grid = page.getByRole('grid', { name: 'Budget: one row per UO, its amounts in AE and CP columns' });
  await expect(grid.getByRole('columnheader', { name: 'Commitment authorisations (AE) 2021' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Amount (EUR)' }).first()).toBeVisible();
  await expect(page.getByText('Ctrl+Enter adds a line', { exact: false })).toBeVisible();

  // Into the empty 2021 AE cell of the first UO by keyboard, add a line there and type an amount.
  await field(page, 'budget.rows[0].ae[0].amountCents').focus();
  await page.keyboard.press('End');
  for (let k = 0; k < 6; k += 1) await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedName(page)).toBe('No AE 2021 line for UO 0113-PEBC-ELAB: Ctrl+Enter adds one');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => focusedName(page)).toBe('Amount AE 2021 line 1, UO 0113-PEBC-ELAB');
  await page.keyboard.type('12 345,60');
  const total = page.locator('.paraphe-budget-total');
  await expect(total).toContainText('Total 2021: AE 12 345,60 EUR, CP 0 EUR');
  await expect(total.getByText('Total AE (as printed):')).toContainText('332 345,60 EUR (trois cent trente-deux mille trois cent quarante-cinq euros et soixante centimes)');
  await expect(page.getByRole('radio', { name: 'One table, AE and CP columns per year' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Remove the year 2021' })).toBeVisible();

  await expectAccessible(page, 'Budget grid (English)');
  await shot(page, 'budget-grid-en.png');
});

test('a four-year budget scrolls sideways with its UO column kept in view, and the keyboard never hides a cell under it', async ({ page, handlers }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const { id } = await handlers['convention:create']({ templateId: 'exemple-camino-2020', title: 'Budget sur quatre ans' });
  const record = await handlers['convention:get']({ id });
  const budget = record.convention.budget;
  const dated = budget.rows.map((r) => ({ ...r, ae: r.ae.map((l) => ({ ...l, year: 2024 })), cp: r.cp.map((l) => ({ ...l, year: 2027 })) }));
  await handlers['convention:save']({ convention: { ...record.convention, budget: { ...budget, years: [2024, 2025, 2026, 2027], rows: dated } } });
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'Budget sur quatre ans' }).getByRole('button', { name: 'Ouvrir' }).click();
  await openStep(page, 'Budget');
  const scroller = page.locator('.paraphe-budget-scroll');
  const uo = page.locator('.paraphe-budget-uo-cell').first();
  const box = async () => (await scroller.boundingBox())!;
  const wide = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(wide).toBeGreaterThan(1000);

  // By keyboard from the first AE 2024 amount to the CP 2027 amount: the grid scrolls, the UO stays.
  await field(page, 'budget.rows[0].ae[0].amountCents').focus();
  const cp = field(page, 'budget.rows[0].cp[0].amountCents');
  for (let k = 0; k < 40 && !(await cp.evaluate((el) => el === el.ownerDocument.activeElement)); k += 1) await page.keyboard.press('Tab');
  await expect(cp).toBeFocused();
  expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(500);
  const at = await box();
  const uoBox = (await uo.boundingBox())!;
  expect(Math.abs(uoBox.x - at.x)).toBeLessThan(2);
  await expect(uo.getByRole('textbox').first()).toBeInViewport();

  // Back to the left with Shift+Tab: each focused cell lies clear of the kept column.
  for (let k = 0; k < 6; k += 1) {
    await page.keyboard.press('Shift+Tab');
    const focused = await page.evaluate<{ x: number; inGrid: boolean }>(`(() => {
      const el = document.activeElement;
      return { x: el.getBoundingClientRect().x, inGrid: !!el.closest('.paraphe-budget-grid td') };
    })()`);
    if (focused.inGrid) expect(focused.x).toBeGreaterThanOrEqual(uoBox.x + uoBox.width - 2);
  }
  await expectAccessible(page, 'Budget sur quatre ans');
  await shot(page, 'budget-grid-4-years.png');
});
