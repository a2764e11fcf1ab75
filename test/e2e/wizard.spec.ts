import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './harness/index';
import { makeTestPki, pdfsig, TEST_PASSWORD } from '../helpers/signing/pki';
import type { Block } from '../../shared/model/blocks';
import { budgetTotals } from '../../shared/rules/budget';
import { validateConvention } from '../../shared/rules/validate';
import { expectAccessible, field, openNewConvention, openStep, screenshotStep, stepsNav, waitSaved } from './wizard-helpers';

test.afterEach(({ pageErrors }) => {
  // CSP refusals and uncaught errors land here: the wizard must run clean.
  expect(pageErrors).toEqual([]);
});

test('une juriste rédige une délégation de gestion depuis le modèle vierge, la relit, la finalise, la fait signer trois fois', async ({ page, handlers, backend }) => {
  test.setTimeout(240_000);
  const id = await openNewConvention(page, handlers['convention:create'], 'Délégation Camino 2026');
  let shot = 0;
  const done = async (slug: string, where: string) => {
    await expectAccessible(page, where);
    await screenshotStep(page, ++shot, slug);
  };

  // 1. Informations générales
  await page.getByLabel('Intitulé', { exact: false }).first().fill('Convention de délégation de gestion relative au projet Camino');
  await page.getByLabel(/^Nom court/).fill('Délégation Camino 2026');
  await page.getByLabel(/^Lieu de signature/).fill('Paris');
  await page.getByLabel(/^Date/).fill('26032026');
  await page.getByLabel('Nombre d’originaux').fill('4');
  await expect(page.getByText('Imprimée « 26 mars 2026 ».')).toBeVisible();
  await done('informations-generales', 'Informations générales');

  // 2. Parties: the délégant has two entities; each party a representative and a designation.
  await openStep(page, 'Parties');
  await field(page, 'parties[0].entities[0].name').fill('Ministère de la transition écologique');
  await field(page, 'parties[0].entities[0].acronym').fill('MTE');
  await page.getByRole('button', { name: 'Ajouter une entité à la partie 1' }).click();
  await field(page, 'parties[0].entities[1].name').fill('Direction générale de l’aménagement, du logement et de la nature');
  await field(page, 'parties[0].entities[1].acronym').fill('DGALN');
  await field(page, 'parties[0].entities[1].address').fill('Tour Séquoia, 92055 La Défense cedex');
  await field(page, 'parties[0].representatives[0].name').fill('Brice HUET');
  await field(page, 'parties[0].representatives[0].title').fill('Directeur adjoint de l’eau et de la biodiversité');
  await field(page, 'parties[1].entities[0].name').fill('Direction interministérielle du numérique');
  await field(page, 'parties[1].entities[0].acronym').fill('DINUM');
  await field(page, 'parties[1].representatives[0].name').fill('Patrick SOULÉ');
  await field(page, 'parties[1].representatives[0].title').fill('Directeur adjoint');
  await page.getByRole('button', { name: 'Ajouter une dénomination à la partie 2' }).click();
  await field(page, 'parties[1].designations[1]').fill('la DINUM');
  await expect(page.getByText('Aperçu : Ci-après dénommée « le délégataire » ou « la DINUM »')).toBeVisible();
  await expect(stepsNav(page).getByRole('button', { name: /^2\. Parties/ })).toContainText('Complet');
  await done('parties', 'Parties');

  // 3. Visas: edit, add one, move it first, remove one — two remain, in the chosen order.
  await openStep(page, 'Visas');
  await page.getByRole('button', { name: 'Ajouter un visa' }).click();
  await expect(field(page, 'visas[2].text')).toBeFocused();
  await page.keyboard.type('le décret n°2020-1 du 1er janvier 2020 (à retirer),');
  await page.getByRole('button', { name: 'Supprimer le visa 3' }).click();
  await expect(field(page, 'visas[2].text')).toHaveCount(0);
  await field(page, 'visas[1].text').fill('Vu le décret n°2012-1246 du 7 novembre 2012 relatif à la gestion budgétaire et comptable publique,');
  await page.getByRole('button', { name: 'Monter le visa 2' }).click();
  await expect(field(page, 'visas[0].text')).toHaveValue(/^Vu le décret n°2012-1246/);
  await done('visas', 'Visas');

  // 4. Préambule
  await openStep(page, 'Préambule');
  await field(page, 'preamble').click();
  await page.keyboard.type('Le projet Camino simplifie les démarches du code minier. ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('Il est porté par la DGALN.');
  await page.keyboard.press('Control+b');
  await done('preambule', 'Préambule');

  // 5. Articles: keep three (one holds the budget table, one the Chorus references), add a nested list.
  await openStep(page, 'Articles');
  const articles = page.getByRole('list', { name: 'Articles de la convention' });
  for (const title of ['Publication de la délégation', 'Durée et résiliation de la convention', 'Modification du document', 'Déroulement des travaux', 'Obligations du délégataire']) {
    const n = await articles.getByRole('button', { name: new RegExp(`^Article \\d+ : ${title}`) }).textContent();
    const num = /Article (\d+)/.exec(n ?? '')?.[1];
    await articles.getByRole('button', { name: new RegExp(`^Article \\d+ : ${title}`) }).click();
    await page.getByRole('button', { name: `Supprimer Article ${num} : ${title}` }).click();
  }
  await expect(articles.getByRole('listitem')).toHaveCount(3);
  await expect(articles.getByRole('button', { name: /^Article 3 : Exécution financière de la délégation/ })).toBeVisible();
  // Move article 3 up and back down: numbers follow.
  await articles.getByRole('button', { name: /^Article 3 : Exécution financière/ }).click();
  await page.getByRole('button', { name: 'Monter Article 3 : Exécution financière de la délégation' }).click();
  await expect(articles.getByRole('button', { name: /^Article 2 : Exécution financière/ })).toBeVisible();
  await page.getByRole('button', { name: 'Descendre Article 2 : Exécution financière de la délégation' }).click();
  await expect(articles.getByRole('button', { name: /^Article 3 : Exécution financière/ })).toBeVisible();
  // Article 1: a nested list at the end of its body.
  await articles.getByRole('button', { name: /^Article 1er :/ }).click();
  const body = field(page, 'articles[0].body');
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '• Liste' }).click();
  await page.keyboard.type('une équipe projet :');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('un intrapreneur');
  await page.keyboard.press('Enter');
  await page.keyboard.type('deux développeurs');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('un suivi trimestriel.');
  await expect(body.locator('ul ul li')).toHaveCount(2);
  await done('articles', 'Articles');

  // 6. Budget: two UOs, several lines each; totals and words computed live.
  await openStep(page, 'Budget');
  await page.getByRole('button', { name: 'Ajouter une UO' }).click();
  await field(page, 'budget.rows[0].uo').fill('0113-pebc-elab');
  await expect(field(page, 'budget.rows[0].uo')).toHaveValue('0113-PEBC-ELAB');
  await field(page, 'budget.rows[0].ae[0].amountCents').fill('140 000');
  await field(page, 'budget.rows[0].ae[0].label').fill('au titre du financement DGALN 2026');
  await page.getByRole('button', { name: 'Ajouter une ligne en AE (UO 1)' }).click();
  await field(page, 'budget.rows[0].ae[1].amountCents').fill('80000');
  await field(page, 'budget.rows[0].ae[1].label').fill('au titre du fonds de transformation');
  await field(page, 'budget.rows[0].cp[0].amountCents').fill('abc');
  await expect(page.getByText('Montant non reconnu')).toBeVisible();
  await field(page, 'budget.rows[0].cp[0].amountCents').fill('100 000,50');
  await expect(page.getByText('Montant non reconnu')).toHaveCount(0);
  await field(page, 'budget.rows[0].cp[0].label').fill('au titre de 2026');
  await page.getByRole('button', { name: 'Ajouter une ligne en CP (UO 1)' }).click();
  await field(page, 'budget.rows[0].cp[1].amountCents').fill('119 999,50');
  await field(page, 'budget.rows[0].cp[1].label').fill('au titre de 2027');
  await expect(page.getByText('Soit un total de : 220 000 EUR (deux cent vingt mille euros)').first()).toBeVisible();
  await page.getByRole('button', { name: 'Ajouter une UO' }).click();
  await field(page, 'budget.rows[1].uo').fill('0129-DINU-DC01');
  await field(page, 'budget.rows[1].ae[0].amountCents').fill('30 000');
  await field(page, 'budget.rows[1].ae[0].label').fill('au titre de l’accompagnement');
  await page.getByRole('button', { name: 'Ajouter une ligne en AE (UO 2)' }).click();
  await field(page, 'budget.rows[1].ae[1].amountCents').fill('20 000');
  await field(page, 'budget.rows[1].ae[1].label').fill('au titre de l’hébergement');
  // CP above AE: the warning appears where it applies, then goes when corrected.
  await field(page, 'budget.rows[1].cp[0].amountCents').fill('60 000');
  await field(page, 'budget.rows[1].cp[0].label').fill('au titre de 2026');
  await expect(page.getByText(/dépassent les AE .* pour l'UO 0129-DINU-DC01/)).toBeVisible();
  await field(page, 'budget.rows[1].cp[0].amountCents').fill('50 000');
  await expect(page.getByText(/dépassent les AE/)).toHaveCount(0);
  await expect(page.getByText('Total des AE :')).toContainText('270 000 EUR (deux cent soixante-dix mille euros)');
  await done('budget', 'Budget');

  // 7. Références comptables
  await openStep(page, 'Références comptables');
  await page.getByRole('button', { name: 'Préparer les références de ces UO' }).click();
  await field(page, 'accounting[0].domaineFonctionnel').fill('0113-07');
  await field(page, 'accounting[0].centreFinancier').fill('0113-PEBC-ELAB');
  await field(page, 'accounting[0].activite').fill('011307PE0101');
  await field(page, 'accounting[0].centreCout').fill('DGALN01075');
  await field(page, 'accounting[1].domaineFonctionnel').fill('0129-01');
  await field(page, 'accounting[1].centreFinancier').fill('0129-DINU-DC01');
  await expect(stepsNav(page).getByRole('button', { name: /^7\. Références comptables/ })).toContainText('Complet');
  await done('references-comptables', 'Références comptables');

  // 8. Annexes
  await openStep(page, 'Annexes');
  await page.getByRole('button', { name: 'Ajouter une annexe' }).click();
  await expect(page.getByLabel('Titre de l’annexe 1')).toBeFocused();
  await page.keyboard.type('Le manifeste beta.gouv.fr');
  await field(page, 'annexes[0].body').click();
  await page.keyboard.type('Une startup d’État est une équipe autonome.');
  await done('annexes', 'Annexes');

  // 9. Signataires: the two of the template, then a third.
  await openStep(page, 'Signataires');
  await field(page, 'signatories[0].name').fill('Brice HUET');
  await field(page, 'signatories[0].title').fill('Directeur adjoint de l’eau et de la biodiversité');
  await field(page, 'signatories[1].name').fill('Patrick SOULÉ');
  await field(page, 'signatories[1].title').fill('Directeur adjoint');
  await page.getByRole('button', { name: 'Ajouter un signataire' }).click();
  await field(page, 'signatories[2].partyId').selectOption({ label: 'Le délégataire : Direction interministérielle du numérique' });
  await field(page, 'signatories[2].name').fill('Patrice GUYOT');
  await field(page, 'signatories[2].title').fill('L’adjoint à la Secrétaire générale');
  await done('signataires', 'Signataires');

  // 10. Relecture: nothing left to fix.
  await openStep(page, 'Relecture');
  await expect(page.getByText('Aucun problème détecté')).toBeVisible();
  // The PDF main renders, drawn page by page by pdf.js (worker bundled, no network).
  const preview = page.getByRole('region', { name: /^Aperçu du PDF/ });
  await expect(preview.getByRole('img', { name: /^Page 1 sur \d+$/ })).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
  const pages = Number(await preview.getAttribute('data-pages'));
  expect(pages).toBeGreaterThanOrEqual(2);
  await expect(preview.getByRole('img', { name: /^Page \d+ sur \d+$/ })).toHaveCount(pages);
  await waitSaved(page);
  await done('relecture', 'Relecture');

  // What main stored is what was drafted.
  const stored = (await handlers['convention:get']({ id })).convention;
  expect(validateConvention(stored).filter((f) => f.severity === 'error')).toEqual([]);
  expect(stored.parties.map((p) => p.entities.map((e) => e.acronym))).toEqual([['MTE', 'DGALN'], ['DINUM']]);
  expect(stored.visas.map((v) => v.text.slice(0, 30))).toEqual(['Vu le décret n°2012-1246 du 7 ', 'Vu le décret n°2004-1085 du 14']);
  expect(stored.preamble).toEqual([{ kind: 'paragraph', runs: [{ text: 'Le projet Camino simplifie les démarches du code minier. ' }, { text: 'Il est porté par la DGALN.', bold: true }] }]);
  expect(stored.articles.map((a) => a.title)).toEqual(['Objet de la délégation', 'Obligations du délégant', 'Exécution financière de la délégation']);
  const list = stored.articles[0]!.body.at(-1) as Extract<Block, { kind: 'list' }>;
  expect(list).toEqual({
    kind: 'list',
    items: [
      { runs: [{ text: 'une équipe projet :' }], children: [{ runs: [{ text: 'un intrapreneur' }] }, { runs: [{ text: 'deux développeurs' }] }] },
      { runs: [{ text: 'un suivi trimestriel.' }] },
    ],
  });
  expect(stored.budget.rows.map((r) => r.uo)).toEqual(['0113-PEBC-ELAB', '0129-DINU-DC01']);
  expect(budgetTotals(stored.budget)).toEqual({ ae: 27_000_000, cp: 27_000_000 });
  expect(stored.budget.rows[0]!.cp.map((l) => l.amountCents)).toEqual([10_000_050, 11_999_950]);
  expect(stored.accounting.map((a) => [a.uo, a.centreFinancier])).toEqual([['0113-PEBC-ELAB', '0113-PEBC-ELAB'], ['0129-DINU-DC01', '0129-DINU-DC01']]);
  expect(stored.annexes.map((a) => a.title)).toEqual(['Le manifeste beta.gouv.fr']);
  expect(stored.signatories.map((s) => [s.name, s.partyId === stored.parties[1]!.id])).toEqual([['Brice HUET', false], ['Patrick SOULÉ', true], ['Patrice GUYOT', true]]);

  // 11. Finalisation: the hash shown is the one main recorded.
  await openStep(page, 'Finalisation');
  await page.getByRole('button', { name: 'Finaliser la convention' }).click();
  await expect(page.getByText('Convention finalisée', { exact: true })).toBeVisible(); // the step's alert; the banner above says « … : contenu verrouillé »
  const sha = await page.getByTestId('content-sha256').textContent();
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  const record = await handlers['convention:get']({ id });
  expect(record.finalized?.contentSha256).toBe(sha);
  expect(record.summary.status).toBe('finalized');
  await done('finalisation', 'Finalisation');

  // 12. Signature: three identities issued by a CA made now with OpenSSL, imported through main's
  // dialog (scripted by the harness); three signatures in order; a wrong password is refused.
  const pki = makeTestPki();
  await openStep(page, 'Signature');
  await page.getByRole('button', { name: 'Préparer le PDF à signer' }).click();
  const table = page.getByRole('table', { name: 'Signatures, dans l’ordre' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(1)).toContainText('À signer maintenant');
  await expectAccessible(page, 'Signature');
  const signers = [
    { name: 'Brice HUET', p12: pki.rsa.p12 },
    { name: 'Patrick SOULÉ', p12: pki.ec.p12 },
    { name: 'Patrice GUYOT', p12: pki.rsa2.p12 },
  ];
  for (const [i, s] of signers.entries()) {
    const importForm = page.locator('details').filter({ hasText: 'Importer une identité (.p12, .pfx)' });
    if ((await importForm.getAttribute('open')) === null) await importForm.getByText('Importer une identité (.p12, .pfx)').click();
    backend.dialogs.nextOpenPath(s.p12);
    await page.getByLabel(/^Mot de passe du fichier/).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Choisir le fichier et importer' }).click();
    await expect(page.getByLabel('Identité de signature').locator('option:checked')).toContainText(s.name);
    if (i === 0) {
      await page.getByLabel('Mot de passe de l’identité').fill('pas-le-bon');
      await page.getByRole('button', { name: `Signer en tant que ${s.name}` }).click();
      await expect(page.getByRole('alert')).toContainText(/mot de passe/i);
    }
    await page.getByLabel('Mot de passe de l’identité').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: `Signer en tant que ${s.name}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Signé par ${s.name}` })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status').filter({ hasText: `Signé par ${s.name}` })).toContainText('Niveau de la signature : PAdES B-B (heure déclarée par ce poste, sans horodatage).');
    await expect(table.getByRole('row').nth(i + 1)).toContainText('Signé');
  }
  await expect(page.getByText('Toutes les signatures sont apposées')).toBeVisible();
  await done('signature', 'Signature');

  // 13. Export: the verifier's report on the signed file; pdfsig agrees on its own.
  await page.getByRole('button', { name: 'Vérifier et exporter' }).click();
  await expect(page.locator('#paraphe-stepper h2')).toContainText('Export');
  const report = page.locator('section[data-verdict]');
  await expect(report.locator('li[data-status]')).toHaveCount(3, { timeout: 30_000 });
  for (const li of await report.locator('li[data-status]').all()) expect(await li.getAttribute('data-status')).toMatch(/^(valid|untrusted)$/);
  // « Enregistrer… »: main's dialog (scripted by the harness) answers a file in the exports folder.
  await page.getByRole('button', { name: 'Enregistrer le PDF signé et son rapport…' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Enregistré : / })).toBeVisible({ timeout: 30_000 });
  const exported = (await readdir(backend.exportsDir)).filter((f) => f.endsWith('.pdf'));
  expect(exported).toHaveLength(1);
  const exportedPath = join(backend.exportsDir, exported[0]!);
  // pdfsig, with an NSS database that trusts the CA: three valid, trusted signatures.
  const sig = pdfsig(pki, exportedPath);
  expect([sig.valid, sig.trusted, sig.totalSigned]).toEqual([3, 3, 1]);
  for (const s of signers) expect(sig.text).toContain(s.name);
  // `paraphe verify` with the CA trusted: exit 0 (every signature valid, trusted, allowed changes only).
  const verify = spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/paraphe.mjs'), 'verify', exportedPath, '--trust', pki.caPem], { encoding: 'utf8' });
  expect(verify.stdout).toContain('Verdict');
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  await done('export', 'Export');
});
