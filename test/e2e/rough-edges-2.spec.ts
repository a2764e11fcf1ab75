import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness/index';
import { SCREENS_DIR, expectAccessible, field, openNewConvention, waitSaved } from './wizard-helpers';

/*
 * The wizard's rough edges met by a first-time user (issue 15), second part: dates typed the
 * French way in a Chromium whose locale is English, the « Intitulé » / « Nom court » pair,
 * and the home list (search, filters, sort, a menu per row, « À propos »).
 */

// The browser (and what a native date input would follow) is American English.
test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

const row = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const rowNames = (page: Page) => page.getByRole('rowheader').allInnerTexts();

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

test('dates : JJ/MM/AAAA dans un Chromium anglais, « 15042026 » est le 15 avril 2026, calendrier au clavier, date impossible refusée', async ({ page, handlers }) => {
  expect(await page.evaluate('navigator.language')).toBe('en-US');
  const id = await openNewConvention(page, handlers['convention:create'], 'Dates à la française');
  const date = field(page, 'date');
  // Not the native date input, whose order follows the browser's locale.
  await expect(date).toHaveAttribute('type', 'text');
  await expect(page.getByText('Format JJ/MM/AAAA, ex. 15/04/2026.').first()).toBeVisible();

  // Typed without slashes: 15 April, not 4 December; written back with slashes on leaving.
  await date.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('15042026');
  await expect(page.getByText('Imprimée « 15 avril 2026 ».')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(date).toHaveValue('15/04/2026');
  await waitSaved(page);
  expect((await handlers['convention:get']({ id })).convention.date).toBe('2026-04-15');

  // An impossible date: refused with a French message that says what to do; the model keeps 15 April.
  await date.fill('31/02/2026');
  await expect(page.getByRole('alert').filter({ hasText: 'Le 31/02/2026 n’existe pas' })).toContainText('saisissez une date réelle au format JJ/MM/AAAA');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Imprimée « 15 avril 2026 ».')).toBeVisible();
  await expectAccessible(page, 'date impossible');
  await screenshot(page, 'rough2-01-date-impossible-fr');
  // Incomplete: said once the field is left.
  await date.fill('1504');
  await expect(page.getByText('Date incomplète')).toHaveCount(0);
  await date.press('Tab');
  await expect(page.getByText(/^Date incomplète : saisissez le jour, le mois et l’année/)).toBeVisible();

  // The calendar, by keyboard: it opens on the date held, the arrows and Page move, Entrée chooses.
  await date.fill('15/04/2026');
  await expect(page.getByText('Date incomplète')).toHaveCount(0);
  await page.keyboard.press('Tab');
  const open = page.getByRole('button', { name: 'Choisir « Date » dans le calendrier' });
  await expect(open).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Calendrier : Date' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('avril 2026');
  await expect(dialog.getByRole('gridcell', { name: 'mercredi 15 avril 2026' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('gridcell', { name: 'jeudi 16 avril 2026' })).toBeFocused();
  await page.keyboard.press('PageDown');
  await expect(dialog.getByRole('heading')).toHaveText('mai 2026');
  await expect(dialog.getByRole('gridcell', { name: 'samedi 16 mai 2026' })).toBeFocused();
  await expectAccessible(page, 'calendrier ouvert');
  await screenshot(page, 'rough2-02-calendrier-fr');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
  await expect(date).toHaveValue('16/05/2026');
  await expect(page.getByText('Imprimée « 16 mai 2026 ».')).toBeVisible();
  // Échap closes without choosing; Tab stays inside the open dialog.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+PageUp');
  await expect(dialog.getByRole('gridcell', { name: 'vendredi 16 mai 2025' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Fermer le calendrier' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Mois précédent' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
  await expect(date).toHaveValue('16/05/2026');
  // By mouse: its button opens and closes it; a click elsewhere closes it too.
  await open.click();
  await expect(dialog).toBeVisible();
  await open.click();
  await expect(dialog).toHaveCount(0);
  await open.click();
  await page.locator('#paraphe-stepper h2').click();
  await expect(dialog).toHaveCount(0);
  await waitSaved(page);
  expect((await handlers['convention:get']({ id })).convention.date).toBe('2026-05-16');

  // In English: the same French order, the calendar and the messages in English.
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('row').filter({ hasText: 'Dates à la française' }).getByRole('button', { name: 'Open' }).click();
  await expect(date).toHaveValue('16/05/2026');
  await expect(page.getByText('French format DD/MM/YYYY, e.g. 15/04/2026.').first()).toBeVisible();
  await date.fill('30/02/2026');
  await expect(page.getByRole('alert').filter({ hasText: '30/02/2026 does not exist' })).toBeVisible();
  await date.fill('01/05/2026');
  await page.getByRole('button', { name: 'Choose “Date” in the calendar' }).click();
  await expect(page.getByRole('dialog', { name: 'Calendar: Date' }).getByRole('heading')).toHaveText('May 2026');
  await expect(page.getByRole('gridcell', { name: /^Friday,? 1 May 2026$/ })).toBeFocused();
  await expectAccessible(page, 'calendar in English');
  await screenshot(page, 'rough2-03-calendar-en');
  await page.keyboard.press('Escape');
  await waitSaved(page).catch(() => undefined); // the English status has other words
  await expect.poll(async () => (await handlers['convention:get']({ id })).convention.date).toBe('2026-05-01');
});

test('noms : « Intitulé » imprimé et « Nom court » de la liste ; le formulaire d’accueil remplit le nom court', async ({ page, handlers }) => {
  await page.getByRole('combobox', { name: /^Modèle/ }).selectOption('delegation-de-gestion');
  const name = page.getByRole('textbox', { name: /^Nom court \(facultatif\)/ });
  await expect(name).toBeVisible();
  await expect(page.getByText('Le nom de la convention dans la liste et les noms de fichiers')).toBeVisible();
  await name.fill('Délégation Camino 2026');
  await page.getByRole('button', { name: 'Créer' }).click();
  await expect(page.getByRole('status')).toContainText('« Délégation Camino 2026 » a été créée.');
  // The list shows what the hint says: the short name, and the printed title beside it.
  const created = row(page, 'Délégation Camino 2026');
  await expect(created.getByRole('cell').first()).toHaveText('Convention de délégation de gestion');
  const [summary] = await handlers['convention:list']();
  expect(summary).toMatchObject({ shortTitle: 'Délégation Camino 2026', title: 'Convention de délégation de gestion' });

  // In the wizard: the pair, each saying where it goes.
  await created.getByRole('button', { name: 'Ouvrir' }).click();
  await expect(field(page, 'title')).toHaveValue('Convention de délégation de gestion');
  await expect(field(page, 'shortTitle')).toHaveValue('Délégation Camino 2026');
  await expect(page.getByText('Le titre imprimé en page de garde')).toBeVisible();
  await expect(page.getByText('Le nom de la convention dans la liste des conventions, en pied de page et dans les noms de fichiers')).toBeVisible();
  await field(page, 'shortTitle').fill('Camino 2026');
  await field(page, 'title').fill('Convention de délégation de gestion relative au projet Camino');
  await waitSaved(page);
  await expectAccessible(page, 'intitulé et nom court');
  await screenshot(page, 'rough2-04-noms-fr');
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await expect(row(page, 'Camino 2026').getByRole('cell').first()).toHaveText('Convention de délégation de gestion relative au projet Camino');

  // English.
  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(page.getByRole('textbox', { name: /^Short name \(optional\)/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Short name' })).toBeVisible();
  await row(page, 'Camino 2026').getByRole('button', { name: 'Open' }).click();
  await expect(page.getByLabel(/^Short name/)).toHaveValue('Camino 2026');
  await expect(page.getByText('The agreement’s name in the list of agreements, in the footer and in file names')).toBeVisible();
  await expectAccessible(page, 'names in English');
  await screenshot(page, 'rough2-05-names-en');
});

test('liste d’accueil : recherche, filtres, tri, une action principale et un menu par ligne, « À propos »', async ({ page, handlers, backend }) => {
  const camino = await handlers['convention:create']({ templateId: 'exemple-camino-2020', shortTitle: 'Camino 2020' });
  // Its own date (a template starts on today's).
  const content = (await handlers['convention:get']({ id: camino.id })).convention;
  await handlers['convention:save']({ convention: { ...content, date: '2020-03-26' } });
  await handlers['convention:finalize']({ id: camino.id });
  await handlers['convention:create']({ templateId: 'delegation-de-gestion', shortTitle: 'Appui numérique' });
  await handlers['convention:create']({ templateId: 'delegation-de-gestion', shortTitle: 'Zonage des risques' });
  const facets = await handlers['convention:facets']();
  const caminoParty = facets.find((f) => f.id === camino.id)!.parties.find((p) => /numérique/i.test(p))!;
  expect(caminoParty).toBeTruthy();
  await page.reload();
  await expect(page.getByRole('rowheader')).toHaveCount(3);
  const count = page.getByTestId('list-count');
  await expect(count).toHaveText('3 conventions');

  // Search: the short name, the title, a party; without accents.
  const search = page.getByRole('searchbox', { name: /^Rechercher/ });
  await search.fill('numerique');
  // « Appui numérique » by its name, Camino by its party (« Direction interministérielle du numérique »).
  await expect.poll(async () => (await rowNames(page)).sort()).toEqual(['Appui numérique', 'Camino 2020'])
  await expect(count).toHaveText('2 conventions sur 3');
  await search.fill('26 mars 2020');
  await expect.poll(() => rowNames(page)).toEqual(['Camino 2020']);
  await search.fill('introuvable');
  await expect(page.getByText('Aucune convention ne correspond à la recherche ou aux filtres')).toBeVisible();
  await page.getByRole('button', { name: 'Effacer la recherche et les filtres' }).click();
  await expect(page.getByRole('rowheader')).toHaveCount(3);

  // Filters: status, party, year.
  await page.getByRole('combobox', { name: 'État', exact: true }).selectOption({ label: 'Finalisée' });
  await expect.poll(() => rowNames(page)).toEqual(['Camino 2020']);
  await page.getByRole('combobox', { name: 'État', exact: true }).selectOption({ label: 'Toutes' });
  await page.getByRole('combobox', { name: 'Partie', exact: true }).selectOption({ label: caminoParty });
  await expect.poll(() => rowNames(page)).toEqual(['Camino 2020']);
  await page.getByRole('combobox', { name: 'Partie', exact: true }).selectOption({ label: 'Toutes' });
  await page.getByRole('combobox', { name: 'Année', exact: true }).selectOption('2020');
  await expect.poll(() => rowNames(page)).toEqual(['Camino 2020']);
  await page.getByRole('combobox', { name: 'Année', exact: true }).selectOption({ label: 'Toutes' });

  // Sort: by name, by the convention's date (newest first), by last change (the default).
  await page.getByRole('combobox', { name: 'Trier par', exact: true }).selectOption({ label: 'Nom court (A → Z)' });
  await expect.poll(() => rowNames(page)).toEqual(['Appui numérique', 'Camino 2020', 'Zonage des risques']);
  await page.getByRole('combobox', { name: 'Trier par', exact: true }).selectOption({ label: 'Date de la convention (récente d’abord)' });
  await expect.poll(async () => (await rowNames(page)).at(-1)).toBe('Camino 2020');
  await page.getByRole('combobox', { name: 'Trier par', exact: true }).selectOption({ label: 'Dernière modification' });
  await expect.poll(() => rowNames(page)).toEqual(['Zonage des risques', 'Appui numérique', 'Camino 2020']);
  await expectAccessible(page, 'liste avec filtres');
  await screenshot(page, 'rough2-06-liste-fr');

  // One main action per row, the others in a menu (the ARIA menu button pattern, by keyboard).
  const r = row(page, 'Appui numérique');
  await expect(r.getByRole('button')).toHaveText(['Ouvrir', 'Autres actions']);
  const menuButton = r.getByRole('button', { name: 'Autres actions' });
  await menuButton.focus();
  await expect(menuButton).toHaveAttribute('aria-haspopup', 'menu');
  await page.keyboard.press('ArrowDown');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveText(['Renommer', 'Dupliquer', 'Créer un avenant', 'Exporter', 'Exporter en Word', 'Mettre à la corbeille']);
  await expect(menu.getByRole('menuitem', { name: 'Renommer' })).toBeFocused();
  await page.keyboard.press('ArrowUp'); // wraps to the last
  await expect(menu.getByRole('menuitem', { name: 'Mettre à la corbeille' })).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Dupliquer' })).toBeFocused();
  await page.keyboard.press('e'); // first letter: « Exporter »
  await expect(menu.getByRole('menuitem', { name: 'Exporter', exact: true })).toBeFocused();
  await expectAccessible(page, 'menu d’une ligne ouvert');
  await screenshot(page, 'rough2-07-menu-fr');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  // Entrée opens on the first entry; choosing « Dupliquer » does it and gives the focus back.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('« Copie de Appui numérique » a été créée.');
  await expect(page.getByRole('rowheader')).toHaveCount(4);

  // « À propos »: the version and the data folder, no longer at the foot of the page.
  await expect(page.getByText(/^Données : /)).toHaveCount(0);
  const about = page.getByRole('button', { name: 'À propos' });
  await expect(about).toHaveAttribute('aria-expanded', 'false');
  await about.click();
  await expect(about).toHaveAttribute('aria-expanded', 'true');
  const info = (await handlers['app:info']()) as { version: string; dataDir: string };
  await expect(page.getByTestId('about-panel')).toContainText(`Version${info.version}`);
  await expect(page.getByTestId('data-dir')).toHaveText(info.dataDir);
  expect(info.dataDir.startsWith(backend.root)).toBe(true);
  await expectAccessible(page, 'à propos');
  await screenshot(page, 'rough2-08-a-propos-fr');

  // English.
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('searchbox', { name: /^Search/ }).fill('camino');
  await expect.poll(() => rowNames(page)).toEqual(['Camino 2020']);
  await expect(page.getByTestId('list-count')).toHaveText('1 of 4 agreements');
  await row(page, 'Camino 2020').getByRole('button', { name: 'More actions' }).click();
  await expect(page.getByRole('menu').getByRole('menuitem')).toHaveText(['Rename', 'Duplicate', 'Create an amendment', 'Export', 'Export to Word', 'Move to trash']);
  await page.keyboard.press('Escape');
  // « À propos » stayed open; it closes as it opened.
  await expect(page.getByText('Data folder')).toBeVisible();
  await expect(page.getByText('Back this folder up to lose nothing.')).toBeVisible();
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByTestId('about-panel')).toBeHidden();
  await expectAccessible(page, 'home list in English');
  await screenshot(page, 'rough2-09-list-en');
});
