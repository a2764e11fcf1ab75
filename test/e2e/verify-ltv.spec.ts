/**
 * « Vérifier un PDF » on signatures that last: a B-LTA file made now against a TSA
 * (`openssl ts -reply`) and an OCSP responder (`openssl ocsp`) on 127.0.0.1 shows, per
 * signature, the level reached and what it proves, the signature timestamp and the revocation
 * data, and the document timestamp as its own item; « Prolonger la validité… » is refused in
 * French without a TSA setting, then, with one, writes a new file whose report (two document
 * timestamps) replaces the old one. French, then English; axe clean.
 */
import { X509Certificate } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness/index';
import { axeProblems } from './harness/axe';
import { openPkcs12, signBytes, verifyPdf } from '../../main/signing';
import { makeFieldsPdf } from '../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD } from '../helpers/signing/pki';
import { startTestRevocation } from '../helpers/signing/ocsp';
import { put, tempDir } from '../helpers/signing/sign';
import { startTestTsa } from '../helpers/signing/tsa';

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

/** A French date and time as the app writes them: « 3 décembre 2026 à 14 h 05 ». */
const FRENCH_TIME = /\d{1,2}(er)? \p{L}+ \d{4} à \d{1,2} h \d{2}/u;

test('un PDF B-LTA : niveau, horodatage, révocation et horodatage du document ; validité prolongée ; en anglais ; axe', async ({ page, backend, handlers }) => {
  test.setTimeout(180_000);
  await mkdir('test-results/screens', { recursive: true });
  const pki = makeTestPki();
  const rev = await startTestRevocation(pki);
  const own = rev.issueTsa('Horodatage de test');
  const signer = rev.issue('Alice MARTIN');
  // OpenSSL 3.0 cannot backdate: let the certificates' first second pass.
  await new Promise((r) => setTimeout(r, 1100));
  const tsa = await startTestTsa(pki, own);
  try {
    const anchors = [new X509Certificate(readFileSync(pki.caPem))];
    const signed = await signBytes(await makeFieldsPdf(), {
      identity: openPkcs12(readFileSync(signer.p12), TEST_PASSWORD),
      trustAnchors: anchors,
      timestamp: { url: tsa.url, timeoutMs: 20_000 },
      validationData: { timeoutMs: 10_000 },
      archiveTimestamp: true,
    });
    expect(signed.result.level).toBe('B-LTA');
    const file = put(tempDir('paraphe-verify-ltv-'), 'convention-archivee.pdf', Buffer.concat(signed.chunks as Buffer[]));
    backend.dialogs.nextOpenPath(pki.caPem);
    await handlers['trust:import']({});

    await page.getByRole('button', { name: 'Vérifier un PDF' }).click();
    backend.dialogs.nextOpenPath(file);
    await page.getByRole('button', { name: 'Choisir un PDF…' }).click();
    await expect(page.getByTestId('verify-file')).toHaveText('Fichier : convention-archivee.pdf');
    await expect(page.getByTestId('verdict')).toHaveText('Valide');
    const report = page.locator('section[data-verdict]');
    const signature = report.locator('li[data-status]').first();
    await expect(signature.getByTestId('level')).toContainText('B-LTA : un horodatage du document scelle aussi les données de révocation');
    const stamp = signature.getByTestId('timestamp');
    await expect(stamp).toContainText('par « Horodatage de test »');
    await expect(stamp).toContainText(FRENCH_TIME);
    await expect(signature.getByTestId('revocation')).toContainText(/^réponse OCSP : certificat non révoqué, émise le /);
    await expect(signature.getByTestId('revocation')).toContainText(FRENCH_TIME);
    await expect(signature.getByText('Date déclarée par le signataire')).toBeVisible();
    // The document timestamp is its own item, not a signature.
    await expect(report.getByRole('heading', { level: 4, name: /^Signature 1 — / })).toBeVisible();
    await expect(report.getByRole('heading', { level: 3, name: '1 horodatage du document' })).toBeVisible();
    // Their own attribute: `section[data-verdict] li[data-status]` still counts the signatures only.
    const stamps = page.getByTestId('document-timestamps').locator('li[data-timestamp-status]');
    await expect(stamps).toHaveCount(1);
    await expect(stamps.first()).toHaveAttribute('data-timestamp-status', 'valid');
    await expect(report.locator('li[data-status]')).toHaveCount(1);
    const docHeading = stamps.first().getByRole('heading', { level: 4 });
    await expect(docHeading).toContainText(/^Horodatage du document 1 — .*, Horodatage de test/);
    await expect(docHeading).toContainText(FRENCH_TIME);
    await expect(page.getByRole('heading', { name: 'Prolonger la validité', level: 2 })).toBeVisible();
    // The document timestamp's field is not offered among the fields to sign.
    const fields = page.getByRole('table', { name: 'Champs de signature' });
    await expect(fields.getByRole('row', { name: /signature-1/ })).toContainText('Signé');
    await expect(fields).not.toContainText('Horodatage du document');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/verifier-b-lta.png', fullPage: true });

    // No TSA in the settings: main says where to set one; no dialog, nothing written.
    const before = tsa.requests;
    await page.getByRole('button', { name: 'Prolonger la validité…' }).click();
    await expect(page.getByRole('alert')).toContainText('Aucune autorité d’horodatage n’est réglée : indiquez son adresse dans « Réglages de signature »');
    expect(backend.dialogs.asked.filter((d) => d.kind === 'save')).toEqual([]);
    expect(tsa.requests).toBe(before);

    // With the test TSA set: the save dialog (keyboard: Enter on the focused button), then the new file's report.
    await handlers['settings:set']({ tsaUrl: tsa.url, proxyUrl: null, level: 'B-LTA', offline: 'refuse' });
    await page.getByRole('button', { name: 'Prolonger la validité…' }).focus();
    await page.keyboard.press('Enter');
    const done = page.getByRole('status').filter({ hasText: 'Validité prolongée et enregistrée' });
    await expect(done).toContainText('convention-archivee-archive.pdf', { timeout: 60_000 });
    await expect(done).toContainText(FRENCH_TIME);
    await expect(page.getByTestId('verify-file')).toHaveText('Fichier : convention-archivee-archive.pdf');
    await expect(stamps).toHaveCount(2);
    await expect(stamps.nth(1).getByRole('heading', { level: 4 })).toContainText(/^Horodatage du document 2 — /);
    await expect(page.getByTestId('verdict')).toHaveText('Valide');
    expect(tsa.requests).toBe(before + 1);
    expect(backend.dialogs.asked.filter((d) => d.kind === 'save').map((d) => d.title)).toEqual(['Enregistrer le PDF à la validité prolongée']);
    // The written file, read from disk by the verifier on its own.
    expect(await readdir(backend.exportsDir)).toEqual(['convention-archivee-archive.pdf']);
    const written = verifyPdf(readFileSync(join(backend.exportsDir, 'convention-archivee-archive.pdf')), { trustAnchors: anchors });
    expect([written.verdict, written.signatures[0]?.level, written.documentTimestamps.length]).toEqual(['valid', 'B-LTA', 2]);
    expect(await axeProblems(page)).toEqual([]);

    // English: the same report in English words (main's own messages stay French).
    await page.getByRole('button', { name: 'English' }).first().click();
    await expect(page.getByRole('heading', { name: 'Verify a PDF', level: 1 })).toBeVisible();
    await expect(signature.getByText('Level reached')).toBeVisible();
    await expect(signature.getByTestId('level')).toContainText('B-LTA: a document timestamp also seals the revocation data');
    await expect(signature.getByText('Signature timestamp')).toBeVisible();
    await expect(stamp).toContainText('by “Horodatage de test”');
    await expect(signature.getByTestId('revocation')).toContainText(/^OCSP response: certificate not revoked, issued /);
    await expect(report.getByRole('heading', { level: 3, name: '2 document timestamps' })).toBeVisible();
    await expect(stamps.first().getByRole('heading', { level: 4 })).toContainText(/^Document timestamp 1 — \d{1,2} \p{L}+ \d{4}.*, Horodatage de test/u);
    await expect(page.getByRole('button', { name: 'Extend validity…' })).toBeEnabled();
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/verify-b-lta-en.png', fullPage: true });
  } finally {
    await tsa.close();
    await rev.close();
  }
});
