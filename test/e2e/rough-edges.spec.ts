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

test('supprimer un visa, une annexe, un signataire ou une partie : « supprimé · Ctrl+Z pour annuler » partout ; une partie qui a des signataires demande d’abord', async ({ page, handlers }) => {
  await openNewConvention(page, handlers['convention:create'], 'Suppressions', 'exemple-camino-2020');
  const notice = page.getByTestId('removal-notice');

  // Visas: the notice, its « Annuler » takes the focus; Entrée brings the visa back.
  await openStep(page, 'Visas');
  const visa2 = await field(page, 'visas[1].text').inputValue();
  await page.getByRole('button', { name: 'Supprimer le visa 2' }).click();
  await expect(notice).toHaveText(/^Le visa 2 supprimé\. Ctrl\+Z pour annuler\.\s*Annuler$/);
  await expect(notice.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(field(page, 'visas[1].text')).toHaveValue(visa2);
  await expect(notice).toBeEmpty();

  // Annexes: the same words, Ctrl+Z takes it back and the notice goes.
  await openStep(page, 'Annexes');
  const annexes = page.getByRole('list', { name: 'Annexes de la convention' }).getByRole('button');
  const count = await annexes.count();
  await page.locator('.paraphe-section-actions').getByRole('button', { name: /^Supprimer Annexe 1/ }).click();
  await expect(notice).toContainText('supprimée. Ctrl+Z pour annuler.');
  await expect(annexes).toHaveCount(count - 1);
  await page.keyboard.press('Control+z');
  await expect(annexes).toHaveCount(count);
  await expect(notice).toBeEmpty();

  // Signatories.
  await openStep(page, 'Signataires');
  await page.getByRole('button', { name: /^Supprimer le signataire 3/ }).click();
  await expect(notice).toContainText(/^Le signataire 3.* supprimé\. Ctrl\+Z pour annuler\./);
  await page.keyboard.press('Control+z');

  // Parties: signatories sign for party 2, so the button asks first; the safe answer has the focus.
  await openStep(page, 'Parties');
  await page.getByRole('button', { name: 'Supprimer la partie 2' }).click();
  const confirm = page.getByTestId('confirm-remove-party');
  await expect(confirm).toContainText('pour cette partie');
  await expect(confirm.getByRole('button', { name: 'Non, garder la partie 2' })).toBeFocused();
  await expectAccessible(page, 'confirmation de suppression d’une partie');
  await screenshot(page, 'rough-05-supprimer-partie-fr');
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Supprimer la partie 2' })).toBeVisible();

  await page.getByRole('button', { name: 'Supprimer la partie 2' }).click();
  await confirm.getByRole('button', { name: 'Oui, supprimer la partie 2' }).click();
  await expect(page.getByRole('button', { name: 'Supprimer la partie 2' })).toHaveCount(0);
  await expect(notice).toContainText('Partie 2 supprimée. Ctrl+Z pour annuler.');
  await expectAccessible(page, 'partie supprimée');
  await screenshot(page, 'rough-06-partie-supprimee-fr');
  await notice.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByRole('button', { name: 'Supprimer la partie 2' })).toBeVisible();

  // In English.
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('row').filter({ hasText: 'Suppressions' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: /^2\. Parties/ }).click();
  await page.getByRole('button', { name: 'Delete party 2' }).click();
  await expect(page.getByTestId('confirm-remove-party').getByRole('button', { name: 'No, keep party 2' })).toBeFocused();
  await page.getByRole('button', { name: 'Yes, delete party 2' }).click();
  await expect(notice).toContainText('Party 2 deleted. Ctrl+Z to undo.');
  await expectAccessible(page, 'party deleted, in English');
  await screenshot(page, 'rough-07-party-deleted-en');
});

test('un nouveau visa commence par « Vu » ; taper « Vu » de nouveau ne fait pas « Vu Vu »', async ({ page, handlers }) => {
  await openNewConvention(page, handlers['convention:create'], 'Visas sans doublon', 'exemple-camino-2020');
  await openStep(page, 'Visas');
  const count = await page.locator('[id^="champ-visas-"][id$="-text"]').count();
  await page.getByRole('button', { name: 'Ajouter un visa' }).click();
  const added = field(page, `visas[${count}].text`);
  await expect(added).toBeFocused();
  await expect(added).toHaveValue('Vu ');
  await page.keyboard.type('Vu le décret n° 2012-1246 du 7 novembre 2012,');
  await expect(added).toHaveValue('Vu le décret n° 2012-1246 du 7 novembre 2012,');
  await expectAccessible(page, 'visas');

  // Pasted over the whole text, as from Word: one « Vu » kept, the rest untouched.
  await added.fill('Vu vu le code général des collectivités territoriales,');
  await expect(added).toHaveValue('Vu le code général des collectivités territoriales,');
  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(added).toHaveValue('Vu le code général des collectivités territoriales,');
  await screenshot(page, 'rough-08-visa-vu-en');
});

test('la barre d’outils du texte est un seul arrêt de tabulation : Tab passe au texte, ← → entre les outils', async ({ page, handlers }) => {
  await openNewConvention(page, handlers['convention:create'], 'Barre d’outils', 'exemple-camino-2020');
  await openStep(page, 'Préambule');
  const toolbar = page.getByRole('toolbar', { name: 'Mise en forme : Texte du préambule' });
  const tools = toolbar.getByRole('button');
  await tools.first().focus();
  // One key from the toolbar to the text.
  await page.keyboard.press('Tab');
  await expect(page.locator('.ProseMirror').first()).toBeFocused();
  // Back into the toolbar: the arrows move between the tools; the stop follows.
  await page.keyboard.press('Shift+Tab');
  await expect(tools.first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tools.nth(1)).toBeFocused();
  await expect(tools.first()).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(tools.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(tools.last()).toBeFocused();
  await expectAccessible(page, 'préambule, barre d’outils');
});
