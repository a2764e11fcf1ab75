import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness/index';
import { SCREENS_DIR, expectAccessible, field, focusedName, openNewConvention, openStep, tabTo, waitSaved } from './wizard-helpers';

/*
 * Articles as French legal texts number them (issue 13): « Article 1er », numbered
 * sub-articles (« 3.1 ») and references to other articles that follow moves, inserted and
 * edited by keyboard alone, in French and in English.
 */

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

const chips = (page: Page, n: number) => field(page, `articles[${n}].body`).locator('[data-paraphe="reference"]');

test('renvoi inséré au clavier, sous-article numéroté, numéros qui suivent le déplacement des articles (français puis anglais)', async ({ page, handlers }) => {
  test.setTimeout(120_000);
  const id = await openNewConvention(page, handlers['convention:create'], 'Renvois et sous-articles');
  // « Mise en forme » in step 1: a new convention prints « Article 1er »; the other choices are off.
  const layout = page.getByRole('region', { name: 'Mise en forme' });
  await expect(layout.getByRole('radio', { name: 'Article 1er (usage juridique français)' })).toBeChecked();
  await expect(layout.getByRole('checkbox', { name: /^Couper les mots en fin de ligne/ })).not.toBeChecked();
  await expect(layout.getByRole('checkbox', { name: /^Écrire aussi les montants du budget en lettres/ })).not.toBeChecked();
  await expectAccessible(page, 'informations générales, mise en forme');
  await openStep(page, 'Articles');
  const list = page.getByRole('list', { name: 'Articles de la convention' });
  await expect(list.getByRole('button', { name: /^Article 1er : Objet de la délégation/ })).toBeVisible();

  // Article 3 of the blank template cites the budget's article 2 by reference: chips, not text.
  await list.getByRole('button', { name: /^Article 3 : Obligations du délégataire/ }).click();
  await expect(chips(page, 2)).toHaveText(['article 2', 'article 2']);

  // By keyboard: into the text, to its end, then Maj+Tab to the toolbar, Fin to « Renvoi… ».
  await tabTo(page, 'Contenu de l’article 3');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Voir aussi l’');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('End');
  expect(await focusedName(page)).toBe('Renvoi…');
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: 'Viser un article ou une annexe' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Article 1er : Objet de la délégation', 'Article 2 : Obligations du délégant', 'Article 3 : Obligations du délégataire',
    'Article 4 : Déroulement des travaux', 'Article 5 : Exécution financière de la délégation', 'Article 6 : Modification du document',
    'Article 7 : Durée et résiliation de la convention', 'Article 8 : Publication de la délégation',
  ]);
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  // A digit jumps to the article of that number; Entrée inserts it where the caret was.
  await page.keyboard.press('5');
  await expect(menu.getByRole('menuitem', { name: /^Article 5 :/ })).toBeFocused();
  await expectAccessible(page, 'menu des renvois');
  await screenshot(page, 'articles-01-menu-renvoi-fr');
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(chips(page, 2)).toHaveText(['article 2', 'article 2', 'article 5']);
  await expect(page.getByText('Renvoi « article 5 » inséré.')).toBeAttached();
  // The caret is back in the text, after the chip: typing goes on.
  await page.keyboard.type('.');
  await expect(field(page, 'articles[2].body').locator('p').last()).toHaveText(/Voir aussi l’article 5\.$/);

  // A numbered sub-article: a new heading, numbered from the toolbar (Début, →, Entrée).
  await page.keyboard.press('Enter');
  await page.keyboard.type('Suivi des travaux');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  expect(await focusedName(page)).toBe('Sous-article numéroté');
  await page.keyboard.press('Enter');
  const sub = field(page, 'articles[2].body').locator('h3[data-numbered="true"]');
  await expect(sub).toHaveText('3.1\u00a0Suivi des travaux');
  await expect(page.getByRole('button', { name: 'Sous-article numéroté' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await waitSaved(page);

  // Stored as the model says: a run with `ref` (its current text), a heading with `numbered`.
  const saved = (await handlers['convention:get']({ id })).convention;
  const body = saved.articles[2]!.body;
  const runs = body.flatMap((b) => (b.kind === 'paragraph' ? b.runs : []));
  expect(runs.filter((r) => r.ref).map((r) => [r.text, saved.articles.findIndex((a) => a.id === r.ref!.target)])).toEqual([
    ['article 2', 1], ['article 2', 1], ['article 5', 4],
  ]);
  expect(body[body.length - 1]).toEqual({ kind: 'heading', runs: [{ text: 'Suivi des travaux' }], numbered: true });

  // Article 5 moves first (Alt+↑ four times): everything renumbers, in the list and in the chips.
  await list.getByRole('button', { name: /^Article 5 : Exécution financière/ }).focus();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Alt+ArrowUp');
  await expect(list.getByRole('button', { name: /^Article 1er : Exécution financière de la délégation/ })).toBeVisible();
  await list.getByRole('button', { name: /^Article 4 : Obligations du délégataire/ }).click();
  await expect(chips(page, 3)).toHaveText(['article 3', 'article 3', 'article 1er']);
  await expect(field(page, 'articles[3].body').locator('h3[data-numbered="true"]')).toHaveText('4.1\u00a0Suivi des travaux');
  await expectAccessible(page, 'articles renumérotés');
  await screenshot(page, 'articles-02-renumerotes-fr');
  await waitSaved(page);

  // The same in English: the tools and the menu speak English, the document's words stay French.
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('row').filter({ hasText: 'Renvois et sous-articles' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: /^5\. Articles/ }).click();
  const listEn = page.getByRole('list', { name: 'Articles of the agreement' });
  await listEn.getByRole('button', { name: /^Article 2 : Objet de la délégation/ }).click();
  await tabTo(page, /^Content of article 2/);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Selon l’');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('End');
  expect(await focusedName(page)).toBe('Cross-reference…');
  await page.keyboard.press('Enter');
  const menuEn = page.getByRole('menu', { name: 'Refer to an article or annex' });
  await expect(menuEn.getByRole('menuitem').first()).toHaveText('Article 1er : Exécution financière de la délégation');
  await expectAccessible(page, 'cross-reference menu');
  await screenshot(page, 'articles-03-menu-renvoi-en');
  await page.keyboard.press('Enter');
  // The former article 1 already cited the budget's article, now article 3.
  await expect(chips(page, 1)).toHaveText(['article 3', 'article 1er']);
  await expect(page.getByText('Cross-reference “article 1er” inserted.')).toBeAttached();
  // Échap closes the menu without inserting, and gives the text its focus back.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(menuEn).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menuEn).toHaveCount(0);
  await expect(field(page, 'articles[1].body')).toBeFocused();
  await expect(chips(page, 1)).toHaveCount(2);
  await page.getByRole('toolbar', { name: /^Formatting: Content of article 2/ }).getByRole('button', { name: 'Numbered sub-article' }).waitFor();
  await expectAccessible(page, 'articles in English');
  await screenshot(page, 'articles-04-en');

  // « Article 1 » chosen by keyboard in the Layout section: the headings and chips follow.
  await page.getByRole('button', { name: /^1\. General information/ }).click();
  const layoutEn = page.getByRole('region', { name: 'Layout' });
  await layoutEn.getByRole('radio', { name: 'Article 1er (French legal usage)' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(layoutEn.getByRole('radio', { name: 'Article 1', exact: true })).toBeChecked();
  await layoutEn.getByRole('checkbox', { name: /^Also write the budget amounts in words/ }).focus();
  await page.keyboard.press('Space');
  await expect(layoutEn.getByRole('checkbox', { name: /^Also write the budget amounts in words/ })).toBeChecked();
  await expectAccessible(page, 'general information, layout');
  await screenshot(page, 'articles-05-layout-en');
  await expect.poll(async () => (await handlers['convention:get']({ id })).convention.presentation).toEqual({ firstArticle: '1', amountsInWords: true });
  await page.getByRole('button', { name: /^5\. Articles/ }).click();
  await expect(listEn.getByRole('button', { name: /^Article 1 : Exécution financière de la délégation/ })).toBeVisible();
  await listEn.getByRole('button', { name: /^Article 2 : Objet de la délégation/ }).click();
  await expect(chips(page, 1)).toHaveText(['article 3', 'article 1']);
});
