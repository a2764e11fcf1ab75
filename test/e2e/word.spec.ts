import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import type { Page } from '@playwright/test';
import { exportWord, importWord } from '../../main/word/index';
import { test, expect } from './harness/index';
import { SCREENS_DIR, expectAccessible, openNewConvention, openStep, stepsNav } from './wizard-helpers';

/*
 * Word in and out through the interface: « Importer un document Word » on the home screen opens
 * the new draft with what the reader noticed; « Exporter en Word » on a row and in the Export
 * step writes a .docx where main's dialog says.
 */

const row = (page: Page, title: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

/** A .docx typed as a person would: title, parties, a visa, two articles, no « Fait à … » line. */
async function typedDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [{
      children: [
        new Paragraph({ text: 'Convention de test importée', heading: HeadingLevel.TITLE }),
        new Paragraph('Entre'),
        new Paragraph('La Direction A, située 1 rue de Paris, 75001 Paris, représentée par Mme Dupont'),
        new Paragraph('Et'),
        new Paragraph('La Direction B, située 2 rue de Lyon, 69001 Lyon, représentée par M. Martin'),
        new Paragraph('Vu le code général de la propriété des personnes publiques ;'),
        new Paragraph('Il a été convenu ce qui suit :'),
        new Paragraph({ text: 'Article 1 : Objet', heading: HeadingLevel.HEADING_1 }),
        new Paragraph('La présente convention a pour objet de tester.'),
        new Paragraph({ text: 'Article 2 : Durée', heading: HeadingLevel.HEADING_1 }),
        new Paragraph('Elle dure un an.'),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

test('importe un .docx exporté par Paraphe : le brouillon s’ouvre dans l’assistant avec ses constats', async ({ page, handlers, backend }) => {
  // The worked example written by main's own export, then removed from the store.
  const seed = await handlers['convention:create']({ templateId: 'exemple-camino-2020' });
  const original = (await handlers['convention:get']({ id: seed.id })).convention;
  await handlers['convention:trash']({ id: seed.id });
  await handlers['trash:empty']();
  const bytes = await exportWord(original, { draft: true });
  const file = join(backend.root, 'camino.docx');
  await writeFile(file, bytes);
  // What the reader will notice in it, to compare with what the page says.
  const expected = (await importWord(bytes, { fileName: 'camino.docx' })).findings.length;
  await page.reload();

  await expect(page.getByRole('button', { name: 'Importer un document Word' })).toBeVisible();
  await screenshot(page, 'word-01-accueil-fr');
  backend.dialogs.nextOpenPath(file);
  await page.getByRole('button', { name: 'Importer un document Word' }).click();

  await expect(stepsNav(page)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(original.title);
  const notice = page.getByTestId('word-import-findings');
  await expect(notice).toContainText(expected === 0 ? 'aucun constat à relire' : `${expected} constat${expected > 1 ? 's' : ''} à relire`);
  await expect(page.getByRole('status').filter({ hasText: 'a été importée depuis Word' })).toBeVisible();
  expect(backend.dialogs.asked.at(-1)).toMatchObject({ kind: 'open', title: 'Importer un document Word' });

  const stored = await handlers['convention:list']();
  expect(stored).toHaveLength(1);
  const imported = (await handlers['convention:get']({ id: stored[0]!.id })).convention;
  expect(imported.articles.length).toBe(original.articles.length);
  await expectAccessible(page, 'assistant après import Word');
});

test('un import Word avec un constat : « 1 constat à relire », le lien mène au champ ; fermer l’encadré', async ({ page, backend }) => {
  const file = join(backend.root, 'saisie.docx');
  await writeFile(file, await typedDocx());
  backend.dialogs.nextOpenPath(file);
  await page.getByRole('button', { name: 'Importer un document Word' }).click();

  const notice = page.getByTestId('word-import-findings');
  await expect(notice.getByRole('heading', { level: 2 })).toHaveText('Importée depuis Word : 1 constat à relire');
  await expect(notice).toBeFocused();
  await expect(notice).toContainText('« Fait à …, le … » n’a pas été trouvée');
  await expectAccessible(page, 'constats d’import Word');
  await screenshot(page, 'word-02-constats-fr');

  // The finding's link: keyboard, to the general step's field.
  await notice.getByRole('link').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#paraphe-stepper h2')).toContainText('Informations générales');

  await notice.getByRole('button', { name: 'Fermer les constats d’import' }).click();
  await expect(notice).toHaveCount(0);
});

test('annuler l’import Word ne fait rien ; un fichier refusé est dit en français, rien n’est créé', async ({ page, backend, handlers }) => {
  backend.dialogs.nextOpenPath(null);
  await page.getByRole('button', { name: 'Importer un document Word' }).click();
  await expect.poll(() => backend.dialogs.asked.length).toBe(1);
  await expect(page.getByRole('heading', { name: 'Conventions', level: 1 })).toBeVisible();
  await expect(page.getByTestId('notice')).toBeEmpty();
  expect(await handlers['convention:list']()).toEqual([]);

  const bad = join(backend.root, 'ancien.docx');
  await writeFile(bad, 'ceci n’est pas un document Word');
  backend.dialogs.nextOpenPath(bad);
  await page.getByRole('button', { name: 'Importer un document Word' }).click();
  await expect(page.getByRole('alert')).toContainText('ancien.docx');
  await expect(page.getByRole('heading', { name: 'Conventions', level: 1 })).toBeVisible();
  expect(await handlers['convention:list']()).toEqual([]);
});

test('« Exporter en Word » depuis la liste : un .docx est écrit, l’annulation n’écrit rien', async ({ page, handlers, backend }) => {
  await handlers['convention:create']({ templateId: 'exemple-camino-2020', shortTitle: 'Camino Word' });
  await page.reload();

  backend.dialogs.nextSavePath(null);
  await row(page, 'Camino Word').getByRole('button', { name: 'Autres actions' }).click();
  await page.getByRole('menuitem', { name: 'Exporter en Word' }).click();
  await expect(page.getByRole('status')).toContainText('Export Word annulé : aucun fichier n’a été écrit.');

  const before = backend.dialogs.asked.length;
  await row(page, 'Camino Word').getByRole('button', { name: 'Autres actions' }).click();
  await page.getByRole('menuitem', { name: 'Exporter en Word' }).click();
  await expect(page.getByRole('status')).toContainText('Document Word enregistré : ');
  expect(backend.dialogs.asked.length).toBe(before + 1);
  const asked = backend.dialogs.asked.at(-1)!;
  await expect(page.getByRole('status')).toContainText(`Document Word enregistré : ${asked.defaultName}`);
  expect(asked.defaultName).toMatch(/\.docx$/);
  const written = await readFile(join(backend.exportsDir, asked.defaultName!));
  expect(written.subarray(0, 2).toString('latin1')).toBe('PK');
});

test('« Exporter en Word » dans l’étape Export, en français puis en anglais', async ({ page, handlers, backend }) => {
  await openNewConvention(page, handlers['convention:create'], 'Export Word assistant', 'exemple-camino-2020');
  await openStep(page, 'Export');
  const button = page.getByRole('button', { name: 'Exporter en Word' });
  await expect(page.getByText('le document porte la mention « Projet »')).toBeVisible();
  await button.focus();
  const before = backend.dialogs.asked.length;
  await page.keyboard.press('Enter');
  // The save dialog is asked once the pending edits are saved: wait for the outcome first.
  await expect(page.getByTestId('word-export-outcome')).toContainText('Document Word enregistré : ');
  expect(backend.dialogs.asked.length).toBe(before + 1);
  const asked = backend.dialogs.asked.at(-1)!;
  await expect(page.getByTestId('word-export-outcome')).toHaveText(`Document Word enregistré : ${asked.defaultName}`);
  const written = await readFile(join(backend.exportsDir, asked.defaultName!));
  expect(written.subarray(0, 2).toString('latin1')).toBe('PK');
  await expectAccessible(page, 'étape Export, Word');
  await screenshot(page, 'word-03-export-fr');

  // English: the same buttons, on the home screen and in the step.
  await page.getByRole('button', { name: 'Close' }).or(page.getByRole('button', { name: 'Fermer' })).first().click();
  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(page.getByRole('button', { name: 'Import a Word document' })).toBeVisible();
  // On the home screen it is in the row's « More actions » menu.
  const assistantRow = page.getByRole('row').filter({ hasText: 'Export Word assistant' });
  await assistantRow.getByRole('button', { name: 'More actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'Export to Word' })).toBeVisible();
  await expectAccessible(page, 'home in English');
  await screenshot(page, 'word-04-home-en');
  await page.keyboard.press('Escape');
  await assistantRow.getByRole('button', { name: 'Open' }).click();
  await stepsNav(page).or(page.getByRole('navigation', { name: /steps/i })).first().waitFor();
  await page.getByRole('button', { name: /^\d+\. Export/ }).click();
  await page.getByRole('button', { name: 'Export to Word' }).click();
  await expect(page.getByTestId('word-export-outcome')).toContainText('Word document saved: ');
  await expectAccessible(page, 'Export step in English');
  await screenshot(page, 'word-05-export-en');
});
