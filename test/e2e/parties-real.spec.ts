import { spawnSync } from 'node:child_process';
import { test, expect } from './harness/index';
import { expectAccessible, field, openNewConvention, openStep, screenshotStep, waitSaved } from './wizard-helpers';

/*
 * Issue 13 in the wizard: what real conventions need of their parties (the article before an
 * entity's name, an entity represented apart, a representative known by function only, the
 * opening and designation words) and the State's bloc-marque, edited by keyboard, in French
 * and in English, and printed in the PDF.
 */

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

test('parties as real conventions write them, and the bloc-marque, by keyboard; the PDF prints them', async ({ page, handlers }) => {
  const id = await openNewConvention(page, handlers['convention:create'], 'Parties réelles', 'exemple-camino-2020');
  await openStep(page, 'Parties');

  // The délégataire: « La » before its name, chosen with the arrow keys.
  const article = field(page, 'parties[1].entities[0].determiner');
  await expect(page.getByLabel('Article devant le nom de l’entité 1').nth(1)).toBeVisible();
  await article.focus();
  await page.keyboard.press('ArrowDown');
  await expect(article).toHaveValue('La');

  // Its representative known by function only: the name emptied, the qualité alone.
  await field(page, 'parties[1].representatives[0].name').fill('');
  await field(page, 'parties[1].representatives[0].title').fill('Le directeur interministériel du numérique');

  // The délégant: its opening words, and its second entity represented apart.
  await field(page, 'parties[0].opening').focus();
  await page.keyboard.type("D'une part,");
  const add = page.getByRole('button', { name: 'Ajouter un représentant propre à l’entité 2 de la partie 1' });
  await add.focus();
  await page.keyboard.press('Enter');
  await expect(field(page, 'parties[0].entities[1].representatives[0].name')).toBeVisible();
  await field(page, 'parties[0].entities[1].representatives[0].name').fill('Stéphanie Dupuy-Lyon');
  await field(page, 'parties[0].entities[1].representatives[0].title').fill('Directrice générale');

  // The bloc-marque: the check box by the space bar, then one ministry.
  const toggle = page.getByRole('checkbox', { name: /Imprimer le bloc-marque en page 1/ });
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toBeChecked();
  await field(page, 'presentation.blocMarque.ministries[0]').fill('Ministère de la Transition écologique');
  await waitSaved(page);
  await expectAccessible(page, 'parties réelles');
  await screenshotStep(page, 90, 'parties-reelles');

  const stored = (await handlers['convention:get']({ id })).convention;
  expect(stored.parties[1]!.entities[0]!.determiner).toBe('La');
  expect(stored.parties[1]!.representatives[0]).toEqual({ name: '', title: 'Le directeur interministériel du numérique' });
  expect(stored.parties[0]!.opening).toBe("D'une part,");
  expect(stored.parties[0]!.entities[1]!.representatives).toEqual([{ name: 'Stéphanie Dupuy-Lyon', title: 'Directrice générale' }]);
  expect(stored.presentation?.blocMarque).toEqual({ ministries: ['Ministère de la Transition écologique'] });

  // The PDF the app makes reads as typed.
  const pdf = await handlers['pdf:render']({ conventionId: id });
  const text = spawnSync('pdftotext', ['-l', '1', pdf.path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  expect(text).toContain('RÉPUBLIQUE FRANÇAISE');
  expect(text).toContain('MINISTÈRE DE LA TRANSITION ÉCOLOGIQUE');
  expect(text).toContain("Entre D'une part, Secrétariat général des ministères");
  expect(text).toContain('Direction générale de l\'aménagement, du logement et de la nature, représentée par Stéphanie Dupuy-Lyon, Directrice générale ;');
  expect(text).toContain('La Direction Interministérielle du Numérique (DINUM)');
  expect(text).toContain('Représentée par le directeur interministériel du numérique,');

  // Turned off again: the bloc-marque is gone from the stored convention.
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).not.toBeChecked();
  await waitSaved(page);
  expect((await handlers['convention:get']({ id })).convention.presentation).toBeUndefined();

  // In English: the same fields, labelled in English.
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('row').filter({ hasText: 'Parties réelles' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: /^2\. Parties/ }).click();
  await expect(page.getByLabel('Article before the name of entity 1').first()).toBeVisible();
  await expect(page.getByLabel(/^Opening words of party 1/)).toHaveValue("D'une part,");
  await expect(page.getByRole('checkbox', { name: /Print the State brand block on page 1/ })).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Add a representative of entity 1 of party 2 itself' })).toBeVisible();
  await expectAccessible(page, 'parties, English');
});

test('signing after the « Fait le » date: a warning where the next signatory signs, in French then in English', async ({ page, handlers }) => {
  const { id } = await handlers['convention:create']({ templateId: 'exemple-camino-2020' });
  // Dated as the original: « Fait à Paris, …, le 26 mars 2020 » (a new convention is dated today).
  const draft = (await handlers['convention:get']({ id })).convention;
  await handlers['convention:save']({ convention: { ...draft, date: '2020-03-26' } });
  await handlers['convention:finalize']({ id });
  await handlers['signature:prepare']({ conventionId: id });
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'en date du 26 mars 2020' }).getByRole('button', { name: 'Ouvrir' }).click();
  await page.getByRole('button', { name: /^12\. Signature/ }).click();
  const notice = page.getByTestId('signing-date-notice');
  // Today is later than 26 March 2020, the date « Fait à Paris, … le 26 mars 2020 » prints.
  await expect(notice).toContainText('après la date imprimée « Fait … le 26 mars 2020 »');
  await expect(notice).toContainText('vérifiez cette date avec les autres signataires avant de signer');
  await expectAccessible(page, 'signature, date de signature');
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('row').filter({ hasText: 'en date du 26 mars 2020' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: /^12\. Signing/ }).click();
  await expect(notice).toContainText('after the date the document says it was made (26 mars 2020)');
});
