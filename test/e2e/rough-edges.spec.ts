import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeFieldsPdf } from '../helpers/signing/make-pdf';
import { test, expect } from './harness/index';
import { SCREENS_DIR, expectAccessible, field, openNewConvention, openStep, stepsNav } from './wizard-helpers';

/*
 * The wizard's rough edges met by a first-time user (issue 15), each as she met it.
 */

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

const articleList = (page: Page, name = 'Articles de la convention') => page.getByRole('list', { name });

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

test('« Ajouter un article » ajoute à la fin tant qu’aucun article n’est choisi, puis « après l’article N »', async ({ page, handlers }) => {
  await openNewConvention(page, handlers['convention:create'], 'Articles dans l’ordre', 'exemple-camino-2020');
  await openStep(page, 'Articles');
  const entries = articleList(page).getByRole('button');
  const before = await entries.count();
  expect(before).toBeGreaterThan(2);

  // Nothing chosen yet: the new article goes last, its title field takes the focus.
  const add = page.getByRole('button', { name: 'Ajouter un article', exact: true });
  await expect(add).toBeVisible();
  await add.click();
  await expect(entries).toHaveCount(before + 1);
  await expect(field(page, `articles[${before}].title`)).toBeFocused();
  await page.keyboard.type('Dernier article');
  await expect(entries.nth(before)).toContainText('Dernier article');

  // Article 2 chosen from the list, by keyboard: the button says where the new one goes.
  await entries.nth(1).focus();
  await page.keyboard.press('Enter');
  const after = page.getByRole('button', { name: 'Ajouter un article après l’article 2' });
  await expect(after).toBeVisible();
  await expectAccessible(page, 'articles, article 2 choisi');
  await screenshot(page, 'rough-01-ajouter-apres-fr');
  await after.click();
  await expect(entries).toHaveCount(before + 2);
  await expect(field(page, 'articles[2].title')).toBeFocused();
  await page.keyboard.type('Article inséré');
  await expect(entries.nth(2)).toContainText('Article inséré');
  // The new one is now chosen: the next goes after it.
  await expect(page.getByRole('button', { name: 'Ajouter un article après l’article 3' })).toBeVisible();
  await expect(entries.nth(before + 1)).toContainText('Dernier article');

  // In English.
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('row').filter({ hasText: 'Articles dans l’ordre' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: /^5\. Articles/ }).click();
  await expect(page.getByRole('button', { name: 'Add an article', exact: true })).toBeVisible();
  await articleList(page, 'Articles of the agreement').getByRole('button').nth(0).click();
  await expect(page.getByRole('button', { name: 'Add an article after article 1' })).toBeVisible();
  await expectAccessible(page, 'articles in English');
  await screenshot(page, 'rough-02-add-after-en');
});

test('« Vérifier un PDF » : après une erreur, le rapport du fichier précédent disparaît', async ({ page, backend }) => {
  const good = join(backend.root, 'bon.pdf');
  await writeFile(good, await makeFieldsPdf({}));
  const bad = join(backend.root, 'abime.pdf');
  await writeFile(bad, 'ceci n’est pas un PDF');

  await page.getByRole('button', { name: 'Vérifier un PDF' }).click();
  backend.dialogs.nextOpenPath(good);
  await page.getByRole('button', { name: 'Choisir un PDF…' }).click();
  await expect(page.getByTestId('verify-file')).toHaveText('Fichier : bon.pdf');

  backend.dialogs.nextOpenPath(bad);
  await page.getByRole('button', { name: 'Choisir un PDF…' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('verify-file')).toHaveCount(0);
  await expect(page.getByText('bon.pdf')).toHaveCount(0);
  await expectAccessible(page, 'vérification après une erreur');

  // Cancelling keeps what is shown: here, nothing but the error's screen.
  backend.dialogs.nextOpenPath(good);
  await page.getByRole('button', { name: 'Choisir un PDF…' }).click();
  await expect(page.getByTestId('verify-file')).toHaveText('Fichier : bon.pdf');
  await expect(page.getByRole('alert')).toHaveCount(0);
  backend.dialogs.nextOpenPath(null);
  await page.getByRole('button', { name: 'Choisir un PDF…' }).click();
  await expect(page.getByTestId('verify-file')).toHaveText('Fichier : bon.pdf');
});

test('badges des étapes : « À compléter » tant qu’une étape vide n’a pas été vue ; le modèle vierge ne s’ouvre pas sur des erreurs', async ({ page, handlers }) => {
  await openNewConvention(page, handlers['convention:create'], 'Modèle vierge', 'delegation-de-gestion');
  const nav = stepsNav(page);
  const badge = (n: number, label: string) => nav.getByRole('button', { name: new RegExp(`^${n}\\. ${label}`) }).locator('.fr-badge');
  const errors = page.locator('.paraphe-wizard__step .fr-error-text');

  // Nothing typed yet: no red message on the page, no red count in the menu, no « Complet » on an empty step.
  await expect(errors).toHaveCount(0);
  await expect(badge(8, 'Annexes')).toHaveText('À compléter');
  await expect(badge(2, 'Parties')).toHaveText('À compléter');
  await expect(nav.locator('.fr-badge--error')).toHaveCount(0);
  await expectAccessible(page, 'modèle vierge à l’ouverture');
  await screenshot(page, 'rough-03-badges-fr');

  // A first visit of Parties: still calm. Typing there shows what the step still needs.
  await openStep(page, 'Parties');
  await expect(errors).toHaveCount(0);
  await field(page, 'parties[0].entities[0].name').fill('Ministère de la transition écologique');
  await expect(errors.first()).toBeVisible();
  await expect(badge(2, 'Parties')).toHaveText(/à corriger|Complet|à vérifier/);

  // The review shows everything: the empty annexes were seen there.
  await openStep(page, 'Relecture');
  await expect(badge(8, 'Annexes')).toHaveText('Complet');
  await openStep(page, 'Signataires');
  await expect(errors.first()).toBeVisible();

  // In English, a fresh draft says the same.
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await handlers['convention:create']({ templateId: 'delegation-de-gestion', title: 'Blank in English' });
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'Blank in English' }).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('button', { name: /^8\. Annexes/ }).locator('.fr-badge')).toHaveText('To complete');
  await expect(errors).toHaveCount(0);
  await expectAccessible(page, 'blank template in English');
  await screenshot(page, 'rough-04-badges-en');
});
