import { mkdir } from 'node:fs/promises';
import { test, expect } from './harness/index';
import { axeProblems } from './harness/axe';

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

test('l’accueil et la corbeille n’ont aucune violation axe sérieuse ou critique', async ({ page, handlers }) => {
  await handlers['convention:create']({ templateId: 'exemple-camino-2020' });
  const trashed = await handlers['convention:create']({ templateId: 'delegation-de-gestion', shortTitle: 'Ancienne délégation' });
  await handlers['convention:trash']({ id: trashed.id });
  await page.reload();
  await expect(page.getByRole('rowheader').first()).toBeVisible();
  await mkdir('test-results/screens', { recursive: true });
  await page.screenshot({ path: 'test-results/screens/home.png', fullPage: true });
  expect(await axeProblems(page)).toEqual([]);

  await page.getByRole('button', { name: 'Corbeille (1)' }).click();
  await expect(page.getByRole('rowheader', { name: 'Ancienne délégation' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/trash.png', fullPage: true });
  expect(await axeProblems(page)).toEqual([]);
});

test('au clavier seul : créer, renommer, mettre à la corbeille', async ({ page, handlers }) => {
  // From the top of the page, Tab until the template list is focused.
  const focusByTab = async (name: RegExp) => {
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      // Runs in the page; the Node tsconfig has no DOM types, hence the small structural type.
      const label = await page.evaluate(() => {
        type El = { getAttribute(n: string): string | null; textContent: string | null; labels?: ArrayLike<{ textContent: string | null }> };
        const el = (globalThis as unknown as { document: { activeElement: El | null } }).document.activeElement;
        if (!el) return '';
        const labelled = el.labels?.[0]?.textContent;
        return (labelled || el.getAttribute('aria-label') || el.textContent || '').trim();
      });
      if (name.test(label)) return;
    }
    throw new Error(`« ${name} » introuvable au clavier`);
  };
  await focusByTab(/^Modèle/);
  await page.keyboard.press('ArrowDown'); // second template
  await focusByTab(/^Nom court \(facultatif\)/);
  await page.keyboard.type('Au clavier');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('« Au clavier » a été créée.');

  // « Renommer » is the first entry of the row's « Autres actions » menu (the ARIA menu button pattern).
  await focusByTab(/^Autres actions$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Renommer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Nouveau nom court de « Au clavier »')).toBeFocused();
  await page.keyboard.press('Escape'); // Escape cancels
  await expect(page.getByLabel('Nouveau nom court de « Au clavier »')).toHaveCount(0);
  await focusByTab(/^Autres actions$/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(' (v2)');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Nom court changé en « Au clavier (v2) ».');

  await focusByTab(/^Autres actions$/);
  await page.keyboard.press('ArrowUp'); // opens on the last entry
  await expect(page.getByRole('menuitem', { name: 'Mettre à la corbeille' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('« Au clavier (v2) » a été placée dans la corbeille.');
  expect((await handlers['trash:list']()).map((s) => s.shortTitle)).toEqual(['Au clavier (v2)']);
});

test('English: the same list, in English, and the choice is kept', async ({ page, handlers }) => {
  await handlers['convention:create']({ templateId: 'delegation-de-gestion', shortTitle: 'Délégation' });
  await page.reload();
  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(page.getByRole('heading', { name: 'Agreements', level: 1 })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Délégation' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Agreements', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Français' }).first().click();
  await expect(page.getByRole('heading', { name: 'Conventions', level: 1 })).toBeVisible();
});
