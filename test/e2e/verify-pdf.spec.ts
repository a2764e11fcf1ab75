import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './harness/index';
import { axeProblems } from './harness/axe';
import { makeFieldsPdf } from '../helpers/signing/make-pdf';
import { makeTestPki, pdfsig, TEST_PASSWORD } from '../helpers/signing/pki';
import { put, signWith, tempDir } from '../helpers/signing/sign';

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

test('une autorité et une identité importées, un PDF signé vérifié puis contresigné ; pdfsig confirme', async ({ page, backend, handlers }) => {
  test.setTimeout(120_000);
  // A CA and leaves made now by OpenSSL; a PDF with three signature fields, the first signed by Brice HUET.
  const pki = makeTestPki();
  const dir = tempDir('paraphe-verify-e2e-');
  const signedOnce = put(dir, 'convention-signee.pdf', signWith(await makeFieldsPdf(), pki.rsa, { signatory: 1 }));
  await mkdir('test-results/screens', { recursive: true });

  // « Identités et autorités de confiance »: the CA and Patrick SOULÉ's .p12 through main's dialogs.
  await page.getByRole('button', { name: 'Identités et autorités de confiance' }).click();
  await expect(page.getByRole('heading', { name: 'Identités et autorités de confiance', level: 1 })).toBeVisible();
  await expect(page.getByText('Aucune autorité de confiance')).toBeVisible();
  backend.dialogs.nextOpenPath(pki.caPem);
  await page.getByRole('button', { name: 'Ajouter une autorité (PEM, DER)…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Autorité ajoutée' })).toContainText('Autorité ajoutée : Autorité de test Paraphe.');
  await expect(page.getByRole('table', { name: /Certificats d’autorité/ }).getByRole('rowheader')).toContainText('Autorité de test Paraphe');

  // A wrong password is refused with main's French message; the right one imports.
  await page.getByLabel(/^Mot de passe du fichier/).fill('pas-le-bon');
  backend.dialogs.nextOpenPath(pki.ec.p12);
  await page.getByRole('button', { name: 'Choisir le fichier et importer…' }).click();
  await expect(page.getByRole('alert')).toContainText(/mot de passe/i);
  await page.getByLabel(/^Mot de passe du fichier/).fill(TEST_PASSWORD);
  backend.dialogs.nextOpenPath(pki.ec.p12);
  await page.getByRole('button', { name: 'Choisir le fichier et importer…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Identité importée : Patrick SOULÉ.' })).toBeVisible();
  const identities = page.getByRole('table', { name: 'Identités de signature importées' });
  await expect(identities.getByRole('rowheader', { name: 'Patrick SOULÉ' })).toBeVisible();
  await expect(identities).toContainText('Autorité de test Paraphe');
  // Validity in French words, e.g. « du 28 novembre 2026 au 28 décembre 2026 ».
  await expect(identities).toContainText(/du \d{1,2}(er)? \p{L}+ \d{4} au \d{1,2}(er)? \p{L}+ \d{4}/u);

  // A test identity: made, badged, then removed after a confirmation (cancel first keeps it).
  await page.getByLabel('Nom et prénom').fill('Camille ESSAI');
  await page.getByLabel('Organisation', { exact: true }).fill('DINUM');
  await page.getByLabel('Mot de passe à choisir').fill('essai-essai');
  await page.getByRole('button', { name: 'Créer l’identité de test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Identité de test créée : Camille ESSAI.' })).toBeVisible();
  await expect(identities.getByRole('row', { name: /Camille ESSAI/ })).toContainText('Identité de test');
  await page.screenshot({ path: 'test-results/screens/identites.png', fullPage: true });
  expect(await axeProblems(page)).toEqual([]);
  await page.getByRole('button', { name: 'Supprimer l’identité de Camille ESSAI' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Supprimer l’identité de Camille ESSAI ?');
  await expect(page.getByRole('alertdialog').getByRole('button', { name: 'Annuler' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  expect((await handlers['identity:list']({})).length).toBe(2);
  await page.getByRole('button', { name: 'Supprimer l’identité de Camille ESSAI' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Supprimer définitivement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Identité supprimée : Camille ESSAI.' })).toBeVisible();
  expect((await handlers['identity:list']({})).map((i) => i.certificate.commonName)).toEqual(['Patrick SOULÉ']);

  // « Vérifier un PDF »: cancelling writes nothing; then the once-signed PDF's report.
  await page.getByRole('button', { name: 'Retour aux conventions' }).click();
  await page.getByRole('button', { name: 'Vérifier un PDF' }).click();
  await expect(page.getByRole('heading', { name: 'Vérifier un PDF', level: 1 })).toBeVisible();
  backend.dialogs.nextOpenPath(null);
  await page.getByRole('button', { name: 'Choisir un PDF…' }).click();
  await expect(page.getByRole('status')).toContainText('Aucun fichier choisi.');
  backend.dialogs.nextOpenPath(signedOnce);
  await page.getByRole('button', { name: 'Choisir un PDF…' }).click();
  await expect(page.getByTestId('verify-file')).toHaveText('Fichier : convention-signee.pdf');
  const report = page.locator('section[data-verdict]');
  await expect(report.locator('li[data-status]')).toHaveCount(1);
  await expect(report.locator('li[data-status]')).toHaveAttribute('data-status', 'valid');
  await expect(report.getByRole('heading', { level: 4 })).toContainText('Signature 1 — champ « signature-1 »');
  await expect(report).toContainText('Brice HUET');
  // The field's own signatory, beside the certificate's holder: the same person, no warning.
  await expect(report.getByTestId('expected-signatory')).toHaveText('Brice HUET, Secrétaire général adjoint (le délégant)');
  await expect(report.getByTestId('other-name')).toHaveCount(0);
  await expect(report).toContainText(/\d{4} à \d{1,2} h \d{2}/); // signing time, French way
  await expect(report).toContainText('Le contenu signé n’a pas été altéré.');
  const fields = page.getByRole('table', { name: 'Champs de signature' });
  await expect(fields.getByRole('row')).toHaveCount(4);
  await expect(fields.getByRole('row', { name: /signature-1/ })).toContainText('Signé');
  await expect(fields.getByRole('row', { name: /signature-2/ })).toContainText('À signer');

  // Counter-sign as Patrick SOULÉ: a wrong password first, then the right one; main saves in exportsDir.
  await expect(page.getByLabel('Identité de signature').locator('option:checked')).toHaveText('Patrick SOULÉ (MTES)');
  await page.getByLabel('Mot de passe de l’identité').fill('pas-le-bon');
  await page.getByRole('button', { name: 'Contresigner et enregistrer…' }).click();
  await expect(page.getByRole('alert')).toContainText(/mot de passe/i);
  await page.getByLabel('Mot de passe de l’identité').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Contresigner et enregistrer…' }).click();
  await expect(page.getByRole('status')).toContainText('Signé par Patrick SOULÉ et enregistré', { timeout: 30_000 });
  await expect(report.locator('li[data-status]')).toHaveCount(2);
  for (const li of await report.locator('li[data-status]').all()) await expect(li).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('verdict')).toHaveText('Valide');
  await expect(report).toContainText('Patrick SOULÉ');
  await expect(fields.getByRole('row', { name: /signature-2/ })).toContainText('Signé');

  // The written file, checked by poppler on its own with an NSS database trusting the CA.
  const written = (await readdir(backend.exportsDir)).filter((f) => f.endsWith('.pdf'));
  expect(written).toHaveLength(1);
  const sig = pdfsig(pki, join(backend.exportsDir, written[0]!));
  // Two signed fields out of three (pdfsig lists the empty one too), the last covering the whole file.
  expect([sig.signatures, sig.valid, sig.trusted, sig.totalSigned], sig.text).toEqual([3, 2, 2, 1]);
  expect(sig.text).toContain('Patrick SOULÉ');

  await page.screenshot({ path: 'test-results/screens/verifier-un-pdf.png', fullPage: true });
  expect(await axeProblems(page)).toEqual([]);
});

test('une autorité retirée après confirmation ; les deux écrans existent en anglais', async ({ page, backend, handlers }) => {
  const pki = makeTestPki();
  backend.dialogs.nextOpenPath(pki.caPem);
  await page.getByRole('button', { name: 'Identités et autorités de confiance' }).click();
  await page.getByRole('button', { name: 'Ajouter une autorité (PEM, DER)…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Autorité ajoutée' })).toContainText('Autorité ajoutée : Autorité de test Paraphe.');
  await page.getByRole('button', { name: 'Retirer l’autorité Autorité de test Paraphe' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Retirer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Autorité retirée' })).toContainText('Autorité retirée : Autorité de test Paraphe.');
  await expect(page.getByText('Aucune autorité de confiance')).toBeVisible();
  expect(await handlers['trust:list']({})).toEqual([]);

  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(page.getByRole('heading', { name: 'Identities and trusted authorities', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Back to agreements' }).click();
  await page.getByRole('button', { name: 'Verify a PDF' }).click();
  await expect(page.getByRole('heading', { name: 'Verify a PDF', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose a PDF…' })).toBeEnabled();
});

test('un champ signé par un autre que le signataire prévu : le rapport le dit, en français puis en anglais', async ({ page, backend }) => {
  // Brice HUET's field signed with Patrice GUYOT’s certificate (an interim, or a mistake).
  const pki = makeTestPki();
  const dir = tempDir('paraphe-verify-other-');
  const file = put(dir, 'signee-par-un-autre.pdf', signWith(await makeFieldsPdf(), pki.rsa2, { signatory: 1 }));
  await page.getByRole('button', { name: 'Vérifier un PDF' }).click();
  backend.dialogs.nextOpenPath(file);
  await page.getByRole('button', { name: 'Choisir un PDF…' }).click();
  const report = page.locator('section[data-verdict]');
  await expect(report.locator('li[data-status]')).toHaveCount(1);
  await expect(report.getByTestId('expected-signatory')).toContainText('Brice HUET, Secrétaire général adjoint (le délégant)');
  await expect(report.getByTestId('other-name')).toHaveText('Certificat à un autre nom : signé par Patrice GUYOT pour Brice HUET.');
  expect(await axeProblems(page)).toEqual([]);

  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(report.getByTestId('other-name')).toHaveText('Certificate in another name: signed by Patrice GUYOT for Brice HUET.');
  await expect(report.getByRole('term').filter({ hasText: 'Expected signatory' })).toBeVisible();
});
