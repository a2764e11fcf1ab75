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
  // The caret is back in the text as the key is handled, not a frame later: a key typed at once is not lost.
  expect(await focusedName(page)).toMatch(/^Contenu de l’article 3/);
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
  expect(await focusedName(page)).toMatch(/^Contenu de l’article 3/);
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

  // Deleting the article a reference points to: the chip says so, the finding is above the text; undo restores.
  await list.getByRole('button', { name: /^Article 1er : Exécution financière/ }).click();
  await page.getByRole('button', { name: 'Supprimer Article 1er : Exécution financière de la délégation' }).click();
  await list.getByRole('button', { name: /^Article 3 : Obligations du délégataire/ }).click();
  await expect(chips(page, 2).last()).toHaveClass(/paraphe-ref--missing/);
  await expect(chips(page, 2).last()).toHaveText('article 1er');
  await expect(page.getByText('Le renvoi « article 1er » vise un article ou une annexe supprimé : choisissez sa nouvelle cible ou remplacez-le par du texte.').first()).toBeVisible();
  await expect(list.getByRole('button', { name: /^Article 3 : Obligations du délégataire/ })).toContainText('à compléter');
  await page.getByTestId('removal-notice').getByRole('button', { name: 'Annuler' }).click();
  await expect(list.getByRole('button', { name: /^Article 1er : Exécution financière de la délégation/ })).toBeVisible();
  await list.getByRole('button', { name: /^Article 4 : Obligations du délégataire/ }).click();
  await expect(chips(page, 3).last()).not.toHaveClass(/paraphe-ref--missing/);
  await expect(chips(page, 3)).toHaveText(['article 3', 'article 3', 'article 1er']);
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
  expect(await focusedName(page)).toMatch(/^Content of article 2/);
  await expect(menuEn).toHaveCount(0);
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

/** Pastes `html` into the editor of `selector` as a browser would (a paste event with clipboard data). */
async function paste(page: Page, selector: string, html: string): Promise<void> {
  await page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const data = new DataTransfer();
    data.setData('text/html', ${JSON.stringify(html)});
    data.setData('text/plain', 'texte');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

/** Puts the caret at the end of the first paragraph of the editor `selector` (Tiptap keeps itself on its element as `editor`). */
async function caretAtEndOfFirstParagraph(page: Page, selector: string): Promise<void> {
  await page.evaluate(`(() => {
    const editor = document.querySelector(${JSON.stringify(selector)}).editor;
    const first = editor.state.doc.firstChild;
    if (!first || first.type.name !== 'paragraph') throw new Error('no first paragraph');
    editor.commands.setTextSelection(first.nodeSize - 1);
    editor.view.focus();
  })()`);
}

test('coller du HTML de Word : ce qui est perdu est annoncé, un tableau collé dans une liste va après elle ; Tab dans la dernière case quitte le tableau', async ({ page, handlers }) => {
  test.setTimeout(90_000);
  const id = await openNewConvention(page, handlers['convention:create'], 'Collage fidèle');
  await openStep(page, 'Articles');
  await page.getByRole('list', { name: 'Articles de la convention' }).getByRole('button', { name: /^Article 4 : Déroulement des travaux/ }).click();
  const body = field(page, 'articles[3].body');
  await body.click();
  // Word's HTML: an underline, a link and a footnote call (whose « [1] » would stick to the word).
  await paste(page, '#' + (await body.getAttribute('id'))!, [
    '<p class=MsoNormal>Le délégataire <u>s’engage</u> à suivre le <a href="https://beta.gouv.fr/manifeste">manifeste</a>',
    '<a style="mso-footnote-id:ftn1" href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span>[1]</span></span></a> :</p>',
    '<ul><li>premier point</li></ul>',
  ].join(''));
  const notice = page.getByRole('status').filter({ hasText: 'ne sont pas conservés' });
  await expect(notice).toHaveText('Le soulignement, les liens et les appels de note ne sont pas conservés (le texte est gardé).');
  await expect(body.locator('p').first()).toHaveText('Le délégataire s’engage à suivre le manifeste :');
  await expect(body.locator('li')).toHaveText(['premier point']);

  // A paragraph and a table pasted inside the list item: the text stays there, the table goes after the list.
  await body.locator('li p').first().click();
  await page.keyboard.press('End');
  await paste(page, '#' + (await body.getAttribute('id'))!, '<p>, puis la suite</p><table><tr><td><p>Poste</p></td><td><p>Montant</p></td></tr></table>');
  await expect(page.getByRole('status').filter({ hasText: 'Le tableau collé dans la liste est placé après elle' })).toBeVisible();
  await expect(body.locator('li table')).toHaveCount(0);
  await expect(body.locator('table')).toHaveCount(1);
  await expect(body.locator('ul + * table, ul + table')).toHaveCount(1);
  await expect(body.locator('li').first()).toContainText('premier point');
  await expectAccessible(page, 'collage annoncé');
  await screenshot(page, 'articles-06-collage-fr');

  // Tab in the last cell leaves the table: no empty row is added (it would print in the PDF).
  await body.locator('td').last().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Après le tableau.');
  await expect(body.locator('tr')).toHaveCount(1);
  await expect(body.locator(':scope > p').last()).toHaveText('Après le tableau.');
  await page.keyboard.press('Escape');
  await waitSaved(page);
  const blocks = (await handlers['convention:get']({ id })).convention.articles[3]!.body;
  expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'list', 'table', 'paragraph']);
  const table = blocks[2]!;
  expect(table.kind === 'table' ? table.rows.length + (table.header ? 1 : 0) : 0).toBe(1);
  expect(JSON.stringify(blocks)).not.toContain('[1]');

  // In English: the same notice in English.
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('row').filter({ hasText: 'Collage fidèle' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: /^5\. Articles/ }).click();
  await page.getByRole('list', { name: 'Articles of the agreement' }).getByRole('button', { name: /^Article 4 : Déroulement des travaux/ }).click();
  // The caret at the end of the first paragraph: not by a click and Fin, which stops at the end
  // of the clicked line when the paragraph wraps (it did, once in a full run, at this width).
  await caretAtEndOfFirstParagraph(page, '#' + (await body.getAttribute('id'))!);
  await paste(page, '#' + (await body.getAttribute('id'))!, '<p>, <u style="color:red">souligné</u> (le style = sobre)</p>');
  await expect(page.getByRole('status').filter({ hasText: 'not kept' })).toHaveText('Underline is not kept (the text is).');
  // Only the tags' styles go: the same words in the text stay.
  await expect(body.locator('p').first()).toHaveText('Le délégataire s’engage à suivre le manifeste :, souligné (le style = sobre)');
  await expectAccessible(page, 'paste notice in English');
});
