import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness/index';
import { closeModule } from '../../main/signing/pkcs11/index';
import { makeTestPki } from '../helpers/signing/pki';
import { generateOnToken, makeSoftToken, SOFTHSM_MODULE, softhsmAvailable } from '../helpers/signing/softhsm';
import { openStep, stepsNav } from './wizard-helpers';

/*
 * Agent cards in the app, with a SoftHSM2 token made now (keys generated on it): the
 * « Cartes et jetons » section of « Identités », then a signature in the wizard's Signature
 * step with the card's key, its PIN typed in the DSFR dialog.
 */

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

test.beforeEach(() => {
  test.skip(!softhsmAvailable(), 'softhsm2 et opensc (pkcs11-tool) absents : .ci/run les installe');
});

// makeSoftToken points this worker's SoftHSM at its token (SOFTHSM2_CONF): put it back after
// each test, so that the specs this worker runs next do not find a card they did not make.
const softhsmConf = process.env.SOFTHSM2_CONF;
test.afterEach(() => {
  closeModule(SOFTHSM_MODULE);
  if (softhsmConf === undefined) delete process.env.SOFTHSM2_CONF;
  else process.env.SOFTHSM2_CONF = softhsmConf;
});

/** A token whose RSA key and certificate (Brice HUET) were made now; the module re-reads SOFTHSM2_CONF. */
function cardWithKey(label: string) {
  const pki = makeTestPki();
  const token = makeSoftToken(label, `e2e-${process.pid}-Pin`);
  generateOnToken(token, pki, { id: '01', label: 'Signature', kind: 'rsa', cn: 'Brice HUET' });
  closeModule(SOFTHSM_MODULE);
  return { pki, token };
}

test('« Cartes et jetons » : la carte et son certificat de signature ; un logiciel de carte ajouté puis retiré', async ({ page, backend }) => {
  const { token } = cardWithKey('Carte e2e');
  await page.getByRole('button', { name: 'Identités et autorités de confiance' }).click();
  const section = page.getByRole('region', { name: 'Cartes et jetons' });
  const table = section.getByRole('table', { name: /Certificats de la carte « Carte e2e »/ });
  await expect(table.getByRole('rowheader', { name: /Brice HUET/ })).toBeVisible();
  await expect(table).toContainText('Autorité de test Paraphe');
  await expect(table).toContainText('Peut signer (clé vérifiée avec le code PIN)');

  const copy = join(token.dir, 'libcarte-e2e.so');
  copyFileSync(SOFTHSM_MODULE, copy);
  backend.dialogs.nextOpenPath(copy);
  await section.getByRole('button', { name: 'Ajouter le logiciel d’une carte (bibliothèque PKCS#11)…' }).click();
  await expect(section.getByRole('status')).toHaveText('Logiciel de carte ajouté : libcarte-e2e.so.');
  await section.getByRole('button', { name: 'Retirer le logiciel de carte libcarte-e2e.so' }).click();
  await expect(section.getByRole('status')).toHaveText('Logiciel de carte retiré : libcarte-e2e.so.');
  closeModule(copy);
});

test('Signature : la clé de la carte choisie, son code PIN dans la fenêtre DSFR, la convention signée', async ({ page, handlers }) => {
  test.setTimeout(90_000);
  const { token } = cardWithKey('Carte agent');
  const { id } = await handlers['convention:create']({ templateId: 'exemple-camino-2020' });
  await handlers['convention:finalize']({ id });
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'en date du 26 mars 2020' }).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(stepsNav(page)).toBeVisible();
  await openStep(page, 'Signature');
  await page.getByRole('button', { name: 'Préparer le PDF à signer' }).click();
  await page.getByLabel('Identité de signature').selectOption({ label: 'Brice HUET (MTES) — « Carte agent »' });
  await expect(page.getByLabel('Mot de passe de l’identité')).toHaveCount(0);
  await page.getByRole('button', { name: 'Signer en tant que Brice HUET' }).click();

  const dialog = page.getByRole('dialog', { name: 'Code PIN de la carte' });
  await expect(dialog).toContainText('Pour signer en tant que Brice HUET avec la carte « Carte agent », saisissez son code PIN.');
  // A wrong PIN: main's French message, nothing signed; then the right one.
  await dialog.getByLabel(/^Code PIN/).fill('faux-code');
  await dialog.getByRole('button', { name: 'Signer' }).click();
  await expect(page.getByRole('alert')).toContainText('Code PIN incorrect');
  await page.getByRole('button', { name: 'Signer en tant que Brice HUET' }).click();
  await dialog.getByLabel(/^Code PIN/).fill(token.pin);
  await dialog.getByRole('button', { name: 'Signer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Signé par Brice HUET' })).toBeVisible({ timeout: 30_000 });
  expect((await handlers['signature:state']({ conventionId: id })).signedCount).toBe(1);
  closeModule(SOFTHSM_MODULE);
});

test('Signer un document reçu : la clé de la carte, son code PIN, le PDF signé à côté du fichier reçu', async ({ page, backend }) => {
  const { token } = cardWithKey('Carte reçue');
  const { renderConvention } = await import('../../main/pdf/index');
  const { getTemplate } = await import('../../shared/templates/index');
  const received = join(token.dir, 'Camino – à signer par 1 Brice HUET.pdf');
  writeFileSync(received, (await renderConvention(getTemplate('exemple-camino-2020')!.build())).bytes);
  await page.getByRole('button', { name: 'Signer un document reçu' }).click();
  backend.dialogs.nextOpenPath(received);
  await page.getByRole('button', { name: 'Ouvrir le PDF reçu…' }).click();
  await expect(page.getByTestId('turn')).toHaveText('C’est au tour de Brice HUET (signataire 1) de signer.');
  await page.getByLabel('Identité de signature').selectOption({ label: 'Brice HUET (MTES) — « Carte reçue »' });
  await page.getByRole('button', { name: 'Signer et enregistrer à côté du fichier reçu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Code PIN de la carte' });
  await dialog.getByLabel(/^Code PIN/).fill(token.pin);
  await dialog.getByRole('button', { name: 'Signer' }).click();
  await expect(page.getByRole('status')).toContainText('Signé par Brice HUET et enregistré à côté du document reçu : Camino – signé par 1 Brice HUET.pdf.', { timeout: 30_000 });
  expect(existsSync(join(token.dir, 'Camino – signé par 1 Brice HUET.pdf'))).toBe(true);
  closeModule(SOFTHSM_MODULE);
});
