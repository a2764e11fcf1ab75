import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './harness/index';

/** The home list's row for a title. */
const row = (page: import('@playwright/test').Page, title: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });
/** Chooses an entry of a row's « Autres actions » menu. */
async function rowAction(page: import('@playwright/test').Page, title: string, action: string): Promise<void> {
  await row(page, title).getByRole('button', { name: 'Autres actions' }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
}

test.afterEach(({ pageErrors }) => {
  // CSP refusals and uncaught errors show up here: the home screen must run clean.
  expect(pageErrors).toEqual([]);
});

test('crée une convention depuis un modèle, la renomme, la retrouve après rechargement', async ({ page, handlers }) => {
  await expect(page.getByRole('heading', { name: 'Conventions', level: 1 })).toBeVisible();
  await expect(page.getByText('Aucune convention pour le moment')).toBeVisible();

  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption('delegation-de-gestion');
  await page.getByRole('textbox', { name: /^Nom court \(facultatif\)/ }).fill('Convention test e2e');
  await page.getByRole('button', { name: 'Créer' }).click();
  await expect(page.getByRole('status')).toContainText('« Convention test e2e » a été créée.');
  const created = row(page, 'Convention test e2e');
  await expect(created).toContainText('Convention');
  await expect(created).toContainText('Brouillon');
  // « 28 novembre 2026 à 14 h 32 »: the French way, in the page's time zone.
  await expect(created.locator('time')).toHaveText(/^(1er|\d{1,2}) [a-zéû]+ \d{4} à \d{1,2} h \d{2}$/);

  await rowAction(page, 'Convention test e2e', 'Renommer');
  const field = page.getByLabel('Nouveau nom court de « Convention test e2e »');
  await expect(field).toBeFocused();
  await field.fill('Convention renommée');
  await field.press('Enter');
  await expect(page.getByRole('status')).toContainText('Nom court changé en « Convention renommée ».');

  await page.reload();
  await expect(row(page, 'Convention renommée')).toBeVisible();
  await expect(row(page, 'Convention test e2e')).toHaveCount(0);

  // What the page shows is what main stored.
  const stored = await handlers['convention:list']();
  // The home form names the short name (« Nom court »); the printed title stays the template's.
  expect(stored.map((s) => s.shortTitle)).toEqual(['Convention renommée']);
  expect(stored[0]!.title).toBe('Convention de délégation de gestion');
  const audit = await handlers['convention:audit']({ id: stored[0]!.id });
  expect(audit.map((a) => a.action)).toEqual(['created', 'renamed']);
});

test('importe un JSON puis l’exporte : le fichier écrit est la convention', async ({ page, backend, handlers }) => {
  // A convention JSON as another Paraphe would export it: the worked example.
  const summary = await handlers['convention:create']({ templateId: 'exemple-camino-2020' });
  const original = (await handlers['convention:get']({ id: summary.id })).convention;
  await handlers['convention:trash']({ id: summary.id });
  await handlers['trash:empty']();
  const file = join(backend.root, 'a-importer.json');
  await writeFile(file, JSON.stringify(original, null, 2));
  await page.reload();

  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByRole('status')).toContainText(`« ${original.shortTitle} » a été importée.`);
  const imported = row(page, original.shortTitle);
  await expect(imported).toBeVisible();

  await rowAction(page, original.shortTitle, 'Exporter');
  await expect(page.getByRole('status')).toContainText('Convention exportée dans');
  const asked = backend.dialogs.asked.at(-1);
  expect(asked?.kind).toBe('save');
  const written = join(backend.exportsDir, asked!.defaultName!);
  const exported = JSON.parse(await readFile(written, 'utf8')) as typeof original;
  // Same content; the store may have given the import a fresh id.
  expect({ ...exported, id: 'x' }).toEqual({ ...original, id: 'x' });
  const [listed] = await handlers['convention:list']();
  expect(exported.id).toBe(listed!.id);
  expect((await handlers['convention:audit']({ id: listed!.id })).map((a) => a.action)).toEqual(['imported', 'exported']);
});

test('un fichier qui n’est pas une convention est refusé en français, rien n’est écrit', async ({ page, backend, handlers }) => {
  const file = join(backend.root, 'pas-une-convention.json');
  await writeFile(file, '{"bonjour": "le monde"}');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByRole('alert')).toContainText('« pas-une-convention.json » n\'a pas été importé');
  expect(await handlers['convention:list']()).toEqual([]);

  const garbage = join(backend.root, 'tronque.json');
  await writeFile(garbage, '{"schemaVersion": 1, "id": ');
  await page.getByTestId('import-file').setInputFiles(garbage);
  await expect(page.getByRole('alert')).toContainText('n\'est pas un fichier JSON lisible');
  expect(await handlers['convention:list']()).toEqual([]);
});

test('met à la corbeille, restaure, puis vide la corbeille', async ({ page, handlers }) => {
  await handlers['convention:create']({ templateId: 'delegation-de-gestion', shortTitle: 'À jeter' });
  await handlers['convention:create']({ templateId: 'delegation-de-gestion', shortTitle: 'À garder' });
  await page.reload();

  await rowAction(page, 'À jeter', 'Mettre à la corbeille');
  await expect(page.getByRole('status')).toContainText('« À jeter » a été placée dans la corbeille.');
  await expect(row(page, 'À jeter')).toHaveCount(0);

  await page.getByRole('button', { name: 'Corbeille (1)' }).click();
  await expect(page.getByRole('heading', { name: 'Corbeille', level: 1 })).toBeVisible();
  await row(page, 'À jeter').getByRole('button', { name: 'Restaurer' }).click();
  await expect(page.getByRole('status')).toContainText('« À jeter » a été restaurée.');
  await expect(page.getByText('La corbeille est vide.')).toBeVisible();
  await page.getByRole('button', { name: 'Retour aux conventions' }).click();
  await expect(row(page, 'À jeter')).toBeVisible();

  // Trash again, then empty for good after the confirmation.
  await rowAction(page, 'À jeter', 'Mettre à la corbeille');
  await page.getByRole('button', { name: 'Corbeille (1)' }).click();
  await page.getByRole('button', { name: 'Vider la corbeille' }).click();
  await page.getByRole('button', { name: 'Supprimer définitivement' }).click();
  await expect(page.getByRole('status')).toContainText('1 convention supprimée définitivement.');
  expect((await handlers['convention:list']()).map((s) => s.shortTitle)).toEqual(['À garder']);
  expect(await handlers['trash:list']()).toEqual([]);
});

test('duplique une convention et en crée un avenant', async ({ page, handlers }) => {
  const base = await handlers['convention:create']({ templateId: 'exemple-camino-2020', shortTitle: 'Convention de base' });
  await page.reload();
  await rowAction(page, 'Convention de base', 'Dupliquer');
  await expect(page.getByRole('status')).toContainText('« Copie de Convention de base » a été créée.');
  await rowAction(page, 'Convention de base', 'Créer un avenant');
  await expect(page.getByRole('status')).toContainText('« Avenant n°1 — Convention de base » a été créé.');
  const avenant = (await handlers['convention:list']()).find((s) => s.kind === 'avenant');
  expect(avenant).toBeDefined();
  const stored = await handlers['convention:get']({ id: avenant!.id });
  expect(stored.convention.avenant?.base.conventionId).toBe(base.id);
  await expect(row(page, avenant!.shortTitle)).toContainText('Avenant');
  // An avenant is not itself amended from the home list.
  await row(page, avenant!.shortTitle).getByRole('button', { name: 'Autres actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'Renommer' })).toBeFocused();
  await expect(page.getByRole('menuitem', { name: 'Créer un avenant' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  expect(await handlers['convention:list']()).toHaveLength(3);
});
