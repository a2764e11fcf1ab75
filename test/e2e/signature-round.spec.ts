import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, startBackend, installBridge, type Backend } from './harness/index';
import { axeProblems } from './harness/axe';
import { makeTestPki, pdfsig, TEST_PASSWORD, type TestPki } from '../helpers/signing/pki';
import { field, openStep, screenshotStep, stepsNav } from './wizard-helpers';

/*
 * The signature round between two workstations: two backends on two data folders (the
 * drafter's, with the convention; a signatory's, with no convention), each with its own
 * identities issued by one OpenSSL CA made now. The drafter finalizes and sends; the other
 * workstation opens the received PDF and signs; the drafter imports each signed copy back.
 */

const TITLE = 'Délégation de gestion Camino 2020 — MTES-MCTRCT DINUM';

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

/** The second workstation: its own backend and data folder, its own browser context on the same built app. */
async function secondWorkstation(browser: import('@playwright/test').Browser, origin: string, pki: TestPki, p12s: readonly string[]) {
  const backend = await startBackend({ origin });
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  await installBridge(context, backend.dispatch);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  for (const p12 of p12s) {
    backend.dialogs.nextOpenPath(p12);
    await backend.handlers['identity:import-p12']({ password: TEST_PASSWORD });
  }
  backend.dialogs.nextOpenPath(pki.caPem);
  await backend.handlers['trust:import']({});
  await page.goto(`${origin}/index.html`);
  return { backend, context, page, errors };
}

async function closeWorkstation(ws: { backend: Backend; context: BrowserContext; errors: string[] }): Promise<void> {
  await ws.context.close();
  await ws.backend.close();
  expect(ws.errors).toEqual([]);
}

/** Opens the received PDF on a workstation (« Signer un document reçu »), chosen in main's dialog. */
async function openReceived(page: Page, backend: Backend, path: string): Promise<void> {
  if (await page.getByRole('heading', { name: 'Signer un document reçu', level: 1 }).count() === 0) {
    await page.getByRole('button', { name: 'Signer un document reçu' }).click();
  }
  backend.dialogs.nextOpenPath(path);
  await page.getByRole('button', { name: 'Ouvrir le PDF reçu…' }).click();
  await expect(page.getByTestId('received-file')).toHaveText(`Document : ${path.split('/').at(-1)}`);
  await expect(page.getByRole('region', { name: /^Pages du document/ }).getByRole('img', { name: /^Page 1 sur \d+$/ })).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
}

async function expectAxeClean(page: Page, where: string): Promise<void> {
  expect(await axeProblems(page), `axe sur « ${where} »`).toEqual([]);
}

test('deux postes : finaliser, envoyer, signer ailleurs dans l’ordre, importer chaque exemplaire ; pdfsig valide l’export', async ({ page, backend, handlers, browser, rendererServer }) => {
  test.setTimeout(150_000);
  const pki = makeTestPki();
  // The drafter trusts the CA and holds Patrice GUYOT's identity (the third signs on her workstation).
  backend.dialogs.nextOpenPath(pki.caPem);
  await handlers['trust:import']({});
  backend.dialogs.nextOpenPath(pki.rsa2.p12);
  await handlers['identity:import-p12']({ password: TEST_PASSWORD });
  const other = await secondWorkstation(browser, rendererServer.origin, pki, [pki.rsa.p12, pki.ec.p12]);

  const { id } = await handlers['convention:create']({ templateId: 'exemple-camino-2020' });
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'en date du 26 mars 2020' }).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(stepsNav(page)).toBeVisible();

  // 1. Finalized: every step read-only under a banner; main refuses a save sent directly.
  await openStep(page, 'Finalisation');
  await page.getByRole('button', { name: 'Finaliser la convention' }).click();
  await expect(page.getByText('Convention finalisée', { exact: true })).toBeVisible();
  await openStep(page, 'Informations générales');
  const banner = page.getByTestId('locked-banner');
  await expect(banner).toContainText('Convention finalisée : contenu verrouillé');
  await expect(page.getByLabel(/^Lieu de signature/)).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Annuler', exact: true })).toBeDisabled();
  await openStep(page, 'Articles');
  await expect(page.locator('.paraphe-editor__content').first()).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByRole('button', { name: 'Ajouter un article' })).toBeDisabled();
  const stored = await handlers['convention:get']({ id });
  await expect(handlers['convention:save']({ convention: { ...stored.convention, place: 'Lyon' }, origin: 'autosave' })).rejects.toMatchObject({ code: 'convention-locked' });
  expect((await handlers['convention:get']({ id })).summary).toMatchObject({ status: 'finalized', version: stored.summary.version });
  await openStep(page, 'Informations générales');
  await screenshotStep(page, 30, 'convention-verrouillee');
  await expectAxeClean(page, 'convention verrouillée');

  // 2. Send to signatory 1: main's save dialog writes « … – à signer par 1 Brice HUET.pdf ».
  await openStep(page, 'Signature');
  await page.getByRole('button', { name: 'Préparer le PDF à signer' }).click();
  const table = page.getByRole('table', { name: 'Signatures, dans l’ordre' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await page.getByLabel(/^Envoyer pour signature/).check({ force: true }); // DSFR draws the label over the radio
  await page.getByRole('button', { name: 'Enregistrer le PDF à envoyer à Brice HUET…' }).click();
  const sent1 = join(backend.exportsDir, `${TITLE} – à signer par 1 Brice HUET.pdf`);
  await expect(page.getByRole('status').filter({ hasText: 'PDF enregistré' })).toContainText(`${TITLE} – à signer par 1 Brice HUET.pdf`);
  await expect(page.getByTestId('awaiting')).toHaveText(/^En attente de la signature de Brice HUET \(envoyé le (1er|\d{1,2}) \p{L}+ \d{4} à \d{1,2} h \d{2}\)$/u);
  await expect(table.getByRole('row').nth(1)).toContainText('Envoyé, en attente');
  expect(backend.dialogs.asked.at(-1)).toMatchObject({ kind: 'save', defaultName: `${TITLE} – à signer par 1 Brice HUET.pdf` });
  await screenshotStep(page, 31, 'signature-envoyer');
  await expectAxeClean(page, 'Signature, envoi');

  // 3. The other workstation: the received PDF, whose turn, out of order refused, signed beside it.
  await openReceived(other.page, other.backend, sent1);
  await expect(other.page.getByTestId('turn')).toHaveText('C’est au tour de Brice HUET (signataire 1) de signer.');
  await expect(other.page.locator('section[data-verdict]')).toHaveAttribute('data-verdict', 'unsigned');
  await other.page.getByLabel(/^Champ à signer/).selectOption({ label: '2. Patrick SOULÉ' });
  await other.page.getByLabel('Identité de signature').selectOption({ label: 'Patrick SOULÉ (MTES)' });
  await other.page.getByLabel('Mot de passe de l’identité').fill(TEST_PASSWORD);
  await other.page.getByRole('button', { name: 'Signer et enregistrer à côté du fichier reçu' }).click();
  await expect(other.page.getByRole('alert')).toContainText('Brice HUET (signataire 1) doit signer d’abord');
  await expect(other.page.getByTestId('other-holder')).toHaveCount(0);
  await other.page.getByLabel(/^Champ à signer/).selectOption({ label: '1. Brice HUET' });
  // Patrick SOULÉ's certificate on Brice HUET's field: said before signing, not refused (a delegate may sign).
  await expect(other.page.getByTestId('other-holder')).toHaveText('Ce certificat est au nom de Patrick SOULÉ, et ce champ est prévu pour Brice HUET. Si vous ne signez pas à sa place (intérim, délégation), choisissez votre propre identité ou le champ à votre nom.');
  await other.page.getByLabel('Identité de signature').selectOption({ label: 'Brice HUET (MTES)' });
  await expect(other.page.getByTestId('other-holder')).toHaveCount(0);
  await other.page.getByLabel('Mot de passe de l’identité').fill(TEST_PASSWORD);
  await other.page.getByRole('button', { name: 'Signer et enregistrer à côté du fichier reçu' }).click();
  const signed1Name = `${TITLE} – signé par 1 Brice HUET.pdf`;
  await expect(other.page.getByRole('status')).toContainText(`Signé par Brice HUET et enregistré à côté du document reçu : ${signed1Name}.`, { timeout: 30_000 });
  await expect(other.page.getByTestId('turn')).toHaveText('C’est au tour de Patrick SOULÉ (signataire 2) de signer.');
  await expect(other.page.locator('section[data-verdict] li[data-status]')).toHaveAttribute('data-status', 'valid');
  expect(readFileSync(sent1).length).toBeLessThan(readFileSync(join(backend.exportsDir, signed1Name)).length);
  await other.page.getByRole('button', { name: 'Agrandir' }).click();
  await expect(other.page.getByText('Zoom : 160 %')).toBeVisible();
  await other.page.evaluate('window.scrollTo(0, 0)');
  await other.page.screenshot({ path: 'test-results/screens/32-document-recu-signe.png', fullPage: true });
  await expectAxeClean(other.page, 'Signer un document reçu');

  // 4. Back to the drafter: imported (the audit says so); again: nothing changes; another convention's copy dropped: refused.
  backend.dialogs.nextOpenPath(join(backend.exportsDir, signed1Name));
  await page.getByRole('button', { name: 'Choisir l’exemplaire signé…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'importé' })).toHaveText('Exemplaire signé par Brice HUET importé.');
  await expect(table.getByRole('row').nth(1)).toContainText('Signé');
  await expect(page.getByTestId('awaiting')).toHaveCount(0);
  expect((await handlers['convention:audit']({ id })).at(-1)).toMatchObject({ action: 'signed', detail: `Exemplaire signé par Brice HUET importé (${signed1Name})` });
  backend.dialogs.nextOpenPath(join(backend.exportsDir, signed1Name));
  await page.getByRole('button', { name: 'Choisir l’exemplaire signé…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'déjà importé' })).toHaveText('Cet exemplaire était déjà importé : rien n’a changé.');
  const second = await handlers['convention:create']({ templateId: 'exemple-camino-2020', title: 'Une autre convention' });
  await handlers['convention:finalize']({ id: second.id });
  backend.dialogs.nextSavePath(join(backend.root, 'autre.pdf'));
  await handlers['signature:send']({ conventionId: second.id });
  const before = await handlers['convention:get']({ id });
  const foreign = readFileSync(join(backend.root, 'autre.pdf')).toString('base64');
  // What the browser hands a drop: a DataTransfer holding the file (the Node tsconfig has no DOM types, hence globalThis).
  const dropped = await page.evaluateHandle((b64) => {
    const g = globalThis as unknown as {
      atob(s: string): string;
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
    };
    const bin = g.atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
    const dt = new g.DataTransfer();
    dt.items.add(new g.File([bytes], 'autre.pdf', { type: 'application/pdf' }));
    return dt;
  }, foreign);
  await page.getByTestId('import-copy').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByRole('alert')).toContainText('« autre.pdf » n’a pas été importé : ce fichier n’est pas issu du PDF finalisé de cette convention');
  expect(await handlers['convention:get']({ id })).toEqual(before);

  // A partly signed copy can be exported at any time, labelled as such.
  await openStep(page, 'Export');
  await expect(page.getByTestId('partial')).toContainText('Exemplaire partiellement signé : 1 signature sur 3.');
  await expect(page.getByRole('button', { name: 'Enregistrer l’exemplaire partiellement signé et son rapport…' })).toBeEnabled();
  await screenshotStep(page, 33, 'export-partiel');
  await expectAxeClean(page, 'Export partiel');

  // 5. Signatory 2 on the other workstation, then signatory 3 here.
  await openStep(page, 'Signature');
  await page.getByLabel(/^Envoyer pour signature/).check({ force: true }); // DSFR draws the label over the radio
  await page.getByRole('button', { name: 'Enregistrer le PDF à envoyer à Patrick SOULÉ…' }).click();
  const sent2 = join(backend.exportsDir, `${TITLE} – à signer par 2 Patrick SOULÉ.pdf`);
  await expect(page.getByTestId('awaiting')).toContainText('En attente de la signature de Patrick SOULÉ');
  await openReceived(other.page, other.backend, sent2);
  await expect(other.page.getByTestId('turn')).toHaveText('C’est au tour de Patrick SOULÉ (signataire 2) de signer.');
  await other.page.getByLabel('Identité de signature').selectOption({ label: 'Patrick SOULÉ (MTES)' });
  await other.page.getByLabel('Mot de passe de l’identité').fill(TEST_PASSWORD);
  await other.page.getByRole('button', { name: 'Signer et enregistrer à côté du fichier reçu' }).click();
  const signed2Name = `${TITLE} – signé par 2 Patrick SOULÉ.pdf`;
  await expect(other.page.getByRole('status')).toContainText(signed2Name, { timeout: 30_000 });
  backend.dialogs.nextOpenPath(join(backend.exportsDir, signed2Name));
  await page.getByRole('button', { name: 'Choisir l’exemplaire signé…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'importé' })).toHaveText('Exemplaire signé par Patrick SOULÉ importé.');
  await expect(page.getByLabel(/^Signer sur ce poste/)).toBeChecked();
  await expect(page.getByLabel('Identité de signature').locator('option:checked')).toHaveText('Patrice GUYOT (MTES)');
  await page.getByLabel('Mot de passe de l’identité').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Signer en tant que Patrice GUYOT' }).click();
  await expect(page.getByText('Toutes les signatures sont apposées')).toBeVisible({ timeout: 30_000 });
  expect((await handlers['convention:get']({ id })).summary.status).toBe('signed');
  await expect(banner).toContainText('Convention signée : contenu verrouillé');

  // 6. The export: three valid signatures trusted by pdfsig, the last covering the whole file.
  await page.getByRole('button', { name: 'Vérifier et exporter' }).click();
  await expect(page.locator('section[data-verdict] li[data-status]')).toHaveCount(3, { timeout: 30_000 });
  backend.dialogs.nextSavePath(join(backend.root, 'signee.pdf'));
  await page.getByRole('button', { name: 'Enregistrer le PDF signé et son rapport…' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Enregistré : / })).toBeVisible({ timeout: 30_000 });
  const sig = pdfsig(pki, join(backend.root, 'signee.pdf'));
  expect([sig.signatures, sig.valid, sig.trusted, sig.totalSigned], sig.text).toEqual([3, 3, 3, 1]);
  for (const name of ['Brice HUET', 'Patrick SOULÉ', 'Patrice GUYOT']) expect(sig.text).toContain(name);

  // 7. « Rouvrir pour modification »: says what is lost, asks (cancel keeps it locked), then a new version; nothing deleted.
  const files = (await handlers['convention:get']({ id })).files;
  await openStep(page, 'Informations générales');
  await banner.getByRole('button', { name: 'Rouvrir pour modification' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Rouvrir la convention pour modification ?' });
  await expect(dialog).toContainText('Les 3 signatures déjà apposées ne vaudront plus pour le nouveau texte.');
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await screenshotStep(page, 34, 'rouvrir-pour-modification');
  await expectAxeClean(page, 'Rouvrir pour modification');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(banner.getByRole('button', { name: 'Rouvrir pour modification' })).toBeFocused();
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Rouvrir et créer une nouvelle version' }).click();
  await expect(page.getByTestId('locked-banner')).toHaveCount(0);
  await expect(page.getByLabel(/^Lieu de signature/)).toBeEnabled();
  await page.getByLabel(/^Lieu de signature/).fill('Lyon');
  await expect(page.getByTestId('save-status')).toHaveText(/^Enregistré à /, { timeout: 15_000 });
  const after = await handlers['convention:get']({ id });
  expect(after.summary.status).toBe('draft');
  expect(after.files).toEqual(files);
  expect((await handlers['convention:versions']({ id })).map((v) => v.summary).slice(0, 2)).toEqual([expect.stringContaining('Lieu'), 'Rouverte pour modification']);
  await expect(field(page, 'place')).toHaveValue('Lyon');

  await closeWorkstation(other);
});

test('en anglais : écran verrouillé, envoi et import, document reçu ; captures et axe', async ({ page, backend, handlers, browser, rendererServer }) => {
  test.setTimeout(180_000);
  const pki = makeTestPki();
  const other = await secondWorkstation(browser, rendererServer.origin, pki, [pki.rsa.p12]);
  const { id } = await handlers['convention:create']({ templateId: 'exemple-camino-2020' });
  await handlers['convention:finalize']({ id });
  await handlers['signature:send']({ conventionId: id });
  const sent = join(backend.exportsDir, `${TITLE} – à signer par 1 Brice HUET.pdf`);
  await page.reload();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('row').filter({ hasText: 'en date du 26 mars 2020' }).getByRole('button', { name: 'Open' }).click();
  const banner = page.getByTestId('locked-banner');
  await expect(banner).toContainText('Agreement finalised: content locked');
  await expect(page.getByRole('textbox').first()).toBeDisabled();
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: 'test-results/screens/30-convention-verrouillee-en.png', fullPage: true });
  await expectAxeClean(page, 'locked (EN)');
  await banner.getByRole('button', { name: 'Reopen for changes' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Reopen the agreement for changes?' })).toContainText('No signature has been applied yet.');
  await page.screenshot({ path: 'test-results/screens/34-rouvrir-pour-modification-en.png', fullPage: true });
  await expectAxeClean(page, 'reopen (EN)');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();

  const stepsEn = page.getByRole('navigation', { name: 'Steps of the agreement' });
  await stepsEn.getByRole('button', { name: /^\d+\. Signing/ }).click();
  await expect(page.getByTestId('awaiting')).toHaveText(/^Waiting for Brice HUET’s signature \(sent on \d{1,2} \p{L}+ \d{4}(,| at) \d{2}:\d{2}\)$/u);
  await expect(page.getByLabel(/^Send for signature/)).toBeChecked();
  await expect(page.getByRole('button', { name: 'Choose the signed copy…' })).toBeVisible();
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: 'test-results/screens/31-signature-envoyer-en.png', fullPage: true });
  await expectAxeClean(page, 'Signature (EN)');

  // The other workstation in English: the received document.
  await other.page.getByRole('button', { name: 'English' }).first().click();
  await other.page.getByRole('button', { name: 'Sign a received document' }).click();
  other.backend.dialogs.nextOpenPath(sent);
  await other.page.getByRole('button', { name: 'Open the received PDF…' }).click();
  await expect(other.page.getByTestId('turn')).toHaveText('It is Brice HUET’s turn to sign (signatory 1).');
  await expect(other.page.getByRole('region', { name: /^Pages of the document/ }).getByRole('img').first()).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
  await other.page.screenshot({ path: 'test-results/screens/32-document-recu-en.png', fullPage: true });
  await expectAxeClean(other.page, 'received (EN)');
  await other.page.getByLabel('Identity password').fill(TEST_PASSWORD);
  await other.page.getByRole('button', { name: 'Sign and save next to the received file' }).click();
  await expect(other.page.getByRole('status')).toContainText('Signed by Brice HUET and saved next to the received document', { timeout: 30_000 });

  // Imported in English; the partly signed export is labelled.
  backend.dialogs.nextOpenPath(join(backend.exportsDir, `${TITLE} – signé par 1 Brice HUET.pdf`));
  await page.getByRole('button', { name: 'Choose the signed copy…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'imported' })).toHaveText('Copy signed by Brice HUET imported.');
  await stepsEn.getByRole('button', { name: /^\d+\. Export/ }).click();
  await expect(page.getByTestId('partial')).toContainText('Partly signed copy: 1 signature of 3.');
  await page.screenshot({ path: 'test-results/screens/33-export-partiel-en.png', fullPage: true });
  await expectAxeClean(page, 'partial export (EN)');
  await closeWorkstation(other);
});
