import { mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness/index';
import { axeProblems } from './harness/axe';
import { DELIVER } from './harness/bridge';
import { NAVIGATE_CHANNEL } from '../../shared/ipc/push';
import { makeFieldsPdf } from '../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD } from '../helpers/signing/pki';
import { put, signWith, tempDir } from '../helpers/signing/sign';
import { startTestTsa } from '../helpers/signing/tsa';

/*
 * « Réglages de signature » by keyboard alone, in French then in English, against the real
 * handlers: a bad address refused with a message on its field (focused), the TSA tested through
 * main (a loopback `openssl ts -reply` server), the settings stored in the data folder.
 */

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

/** Tab forward until `name` has the focus (at most 60 presses), as a keyboard user would. */
async function tabTo(page: Page, role: 'button' | 'textbox' | 'radio', name: string | RegExp): Promise<void> {
  const target = page.getByRole(role, { name }).first();
  for (let i = 0; i < 60; i += 1) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`never reached by Tab: ${String(name)}`);
}

test('réglages de signature au clavier : adresse refusée en français, horodatage testé, réglages gardés ; puis en anglais ; axe', async ({ page, backend, handlers, dataDir }) => {
  test.setTimeout(120_000);
  await mkdir('test-results/screens', { recursive: true });
  const pki = makeTestPki();
  const tsa = await startTestTsa(pki);
  try {
    backend.dialogs.nextOpenPath(pki.caPem);
    await handlers['trust:import']({});

    // From the home header, by keyboard.
    await page.locator('body').focus();
    await tabTo(page, 'button', 'Réglages');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Réglages de signature', level: 1 })).toBeVisible();
    const tsaField = page.getByRole('textbox', { name: /Adresse de l’autorité d’horodatage/ });
    await expect(tsaField).toHaveValue('');
    await expect(page.getByRole('radio', { name: /B-B : signature simple/ })).toBeChecked();
    expect(await axeProblems(page)).toEqual([]);

    // A bad address: a level that needs a TSA, « horodatage.gouv.fr » typed, Enter submits.
    await tabTo(page, 'textbox', /Adresse de l’autorité d’horodatage/);
    await page.keyboard.type('horodatage.gouv.fr');
    await tabTo(page, 'radio', /B-B : signature simple/);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /B-T : signature horodatée/ })).toBeChecked();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Ce n’est pas une adresse web : écrivez-la en entier, par exemple https://horodatage.exemple.gouv.fr/tsa.')).toBeVisible();
    await expect(tsaField).toBeFocused();
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
    await page.screenshot({ path: 'test-results/screens/reglages-adresse-refusee.png', fullPage: true });
    expect(await axeProblems(page)).toEqual([]);

    // The loopback TSA: typed in, tested through main, then saved with « Refuser de signer ».
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(tsa.url);
    await tabTo(page, 'button', 'Tester l’horodatage');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText(/Horodatage reçu : \d{1,2} \p{L}+ \d{4}.*, délivré par « Horodatage de test tsa » \(réponse en [\d\s\u202f]+ ms\)\./u);
    expect(tsa.requests).toBe(1);
    await tabTo(page, 'radio', /Signer en B-B avec une mention visible/);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /Refuser de signer/ })).toBeChecked();
    await tabTo(page, 'button', 'Enregistrer les réglages');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Réglages enregistrés.');
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ tsaUrl: tsa.url, proxyUrl: null, level: 'B-T', offline: 'refuse' });
    await page.screenshot({ path: 'test-results/screens/reglages-enregistres.png', fullPage: true });

    // A proxy given in https is refused too, on its own field.
    await tabTo(page, 'textbox', /Proxy HTTP/);
    await page.keyboard.type('https://proxy.exemple.gouv.fr:3128');
    await page.keyboard.press('Enter');
    await expect(page.getByText('L’adresse doit commencer par http:// ou https:// (un proxy s’indique en http://).')).toBeVisible();
    await expect(page.getByRole('textbox', { name: /Proxy HTTP/ })).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');

    // Back home, English, and the settings again: read back from main, labelled in English.
    await tabTo(page, 'button', 'Retour aux conventions');
    await page.keyboard.press('Enter');
    await tabTo(page, 'button', 'English');
    await page.keyboard.press('Enter');
    await tabTo(page, 'button', 'Settings');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Signing settings', level: 1 })).toBeVisible();
    const enTsa = page.getByRole('textbox', { name: /Time-stamping authority \(TSA\) address/ });
    await expect(enTsa).toHaveValue(tsa.url);
    await expect(page.getByRole('radio', { name: /B-T: timestamped signature/ })).toBeChecked();
    await expect(page.getByRole('radio', { name: /Refuse to sign/ })).toBeChecked();
    await expect(page.getByText(/Not available in this version yet/)).toHaveCount(0);
    expect(await axeProblems(page)).toEqual([]);
    await tabTo(page, 'textbox', /Time-stamping authority/);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('ftp://tsa.example');
    await page.keyboard.press('Enter');
    await expect(page.getByText('The address must start with http:// or https:// (a proxy is written http://).')).toBeVisible();
    await expect(enTsa).toBeFocused();
    await page.screenshot({ path: 'test-results/screens/settings-english.png', fullPage: true });
    expect(await axeProblems(page)).toEqual([]);
    // Nothing stored by the refused address.
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).tsaUrl).toBe(tsa.url);
  } finally {
    await tsa.close();
  }
});

test('un document reçu signé quand l’autorité ne répond pas : signé en B-B, la mention s’affiche avec le résultat', async ({ page, backend, handlers }) => {
  test.setTimeout(120_000);
  const pki = makeTestPki();
  backend.dialogs.nextOpenPath(pki.caPem);
  await handlers['trust:import']({});
  backend.dialogs.nextOpenPath(pki.rsa.p12);
  await handlers['identity:import-p12']({ password: TEST_PASSWORD });
  // Nothing listens on port 9 of the loopback: the TSA is « injoignable ».
  await handlers['settings:set']({ tsaUrl: 'http://127.0.0.1:9/tsa', proxyUrl: null, level: 'B-T', offline: 'b-b-with-notice' });
  const received = put(tempDir('paraphe-settings-e2e-'), 'Convention – à signer par 1 Brice HUET.pdf', await makeFieldsPdf());

  await page.getByRole('button', { name: 'Signer un document reçu' }).click();
  backend.dialogs.nextOpenPath(received);
  await page.getByRole('button', { name: 'Ouvrir le PDF reçu…' }).click();
  await expect(page.getByTestId('turn')).toHaveText('C’est au tour de Brice HUET (signataire 1) de signer.');
  await page.getByLabel('Identité de signature').selectOption({ label: 'Brice HUET (MTES)' });
  await page.getByLabel('Mot de passe de l’identité').fill(TEST_PASSWORD);
  await page.getByLabel('Mot de passe de l’identité').press('Enter');
  const status = page.getByRole('status').filter({ hasText: 'Signé par Brice HUET' });
  await expect(status).toContainText('Niveau de la signature : B-B.', { timeout: 30_000 });
  await expect(status).toContainText('Horodatage indisponible (serveur injoignable) : signature apposée sans horodatage (niveau B-B).');
  await mkdir('test-results/screens', { recursive: true });
  await page.screenshot({ path: 'test-results/screens/recu-sans-horodatage.png', fullPage: true });
  expect(await axeProblems(page)).toEqual([]);
});

test('le menu « Fichier › Réglages de signature… » ouvre l’écran (le message que main envoie à la fenêtre)', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // What main/electron/menu.ts sends with webContents.send, delivered as the preload receives it.
  await page.evaluate(([fn, channel]) => (globalThis as unknown as Record<string, (n: string, m: unknown) => void>)[fn]!(channel, { to: 'settings' }), [DELIVER, NAVIGATE_CHANNEL] as const);
  await expect(page.getByRole('heading', { name: 'Réglages de signature', level: 1 })).toBeVisible();
});

test('« Vérifier un PDF › Contresigner » au niveau des réglages : horodaté (B-T) par l’autorité de test', async ({ page, backend, handlers }) => {
  test.setTimeout(120_000);
  const pki = makeTestPki();
  const tsa = await startTestTsa(pki);
  try {
    backend.dialogs.nextOpenPath(pki.caPem);
    await handlers['trust:import']({});
    backend.dialogs.nextOpenPath(pki.ec.p12);
    await handlers['identity:import-p12']({ password: TEST_PASSWORD });
    await handlers['settings:set']({ tsaUrl: tsa.url, proxyUrl: null, level: 'B-T', offline: 'refuse' });
    const signedOnce = put(tempDir('paraphe-settings-e2e-'), 'convention-signee.pdf', signWith(await makeFieldsPdf(), pki.rsa, { signatory: 1 }));

    await page.getByRole('button', { name: 'Vérifier un PDF' }).click();
    backend.dialogs.nextOpenPath(signedOnce);
    await page.getByRole('button', { name: 'Choisir un PDF…' }).click();
    await expect(page.getByTestId('verify-file')).toHaveText('Fichier : convention-signee.pdf');
    await page.getByLabel('Mot de passe de l’identité').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Contresigner et enregistrer…' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Signé par Patrick SOULÉ' });
    await expect(status).toContainText('Niveau de la signature : B-T.', { timeout: 30_000 });
    await expect(status).not.toContainText('Horodatage indisponible');
    expect(tsa.requests).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
  } finally {
    await tsa.close();
  }
});
