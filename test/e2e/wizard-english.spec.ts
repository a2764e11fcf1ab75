import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness/index';
import { SCREENS_DIR, expectAccessible, field } from './wizard-helpers';

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

const EN_SCREENS = join(SCREENS_DIR, 'en');

const stepsNavEn = (page: Page) => page.getByRole('navigation', { name: 'Steps of the agreement' });
const stepTitle = (page: Page) => page.locator('#paraphe-step-title-text');

/** Opens a step from the English menu and waits for its English title. */
async function openStepEn(page: Page, label: string): Promise<void> {
  await stepsNavEn(page).getByRole('button', { name: new RegExp(`^\\d+\\. ${label.replace(/[()]/g, '\\$&')}`) }).click();
  await expect(stepTitle(page)).toHaveText(label);
}

/**
 * The wizard's interface words: every text node (hidden ones too, e.g. a closed <details>) except
 * those inside lang="fr" (the document's text, main's and the validator's messages), plus every
 * aria-label, title and placeholder.
 */
async function wizardWords(page: Page): Promise<string> {
  // A string: the Node tsconfig used for tests has no DOM types.
  return page.evaluate<string>(`(() => {
    const root = document.querySelector('.paraphe-wizard');
    if (!root) return '';
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const skip = n.parentElement.closest('[lang="fr"], textarea, script, style');
      if (!skip || !root.contains(skip)) out.push(n.textContent);
    }
    for (const el of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const a of ['aria-label', 'title', 'placeholder']) out.push(el.getAttribute(a) || '');
    }
    return out.join('\\n');
  })()`);
}

/** Which of these words the wizard's interface holds (whole words: « Complet » is not in “Complete”). */
async function wordsShown(page: Page, words: readonly string[]): Promise<string[]> {
  const text = await wizardWords(page);
  return words.filter((w) => new RegExp(`(?<!\\p{L})${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u').test(text));
}

/** None of these French interface words may remain. */
async function expectNoFrenchChrome(page: Page, where: string, words: readonly string[]): Promise<void> {
  expect(await wordsShown(page, words), `interface française restée sur « ${where} »`).toEqual([]);
}

// Words of the wizard's frame, present on every step in French.
const FRAME_FR = ['Étapes de la convention', 'Étape suivante', 'Rétablir', 'Historique', 'Fermer', 'Complet', 'Clavier :', 'sur 13'];

test('the whole wizard in English: every step titled and labelled in English, axe-clean, amounts as printed, French document text kept', async ({ page, handlers, backend }) => {
  test.setTimeout(240_000);
  const { id } = await handlers['convention:create']({ templateId: 'exemple-camino-2020', title: 'Camino in English' });
  const signatories = (await handlers['convention:get']({ id })).convention.signatories.map((s) => s.name);
  expect(signatories.length).toBeGreaterThanOrEqual(2);
  await page.reload();

  // The switch is on the home screen; the wizard then opens in English.
  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('row').filter({ hasText: 'Camino in English' }).getByRole('button', { name: 'Open' }).click();
  await expect(stepsNavEn(page)).toBeVisible();

  let shot = 0;
  const done = async (slug: string, where: string) => {
    await expectAccessible(page, where);
    await mkdir(EN_SCREENS, { recursive: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(EN_SCREENS, `${String(++shot).padStart(2, '0')}-${slug}.png`), fullPage: true });
  };

  // 1. General information: frame and fields in English, the printed date in French (the document's).
  await expect(stepTitle(page)).toHaveText('General information');
  await expect(page.locator('#paraphe-stepper h2')).toContainText('Step 1 of 13');
  await expect(page.locator('#paraphe-stepper')).toContainText('Next step:');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'History' })).toBeVisible();
  await expect(page.getByLabel(/^Place of signature/)).toBeVisible();
  await page.getByLabel('Number of originals').fill('3');
  await expect(page.getByTestId('save-status')).toHaveText(/^Saved at \d{2}:\d{2}$/, { timeout: 15_000 });
  // A second pause in the same sitting: its autosave joins the same version (counted in History below).
  await page.getByLabel('Number of originals').fill('4');
  await expect(page.getByTestId('save-status')).not.toHaveText(/^Saved at/);
  await expect(page.getByTestId('save-status')).toHaveText(/^Saved at \d{2}:\d{2}$/, { timeout: 15_000 });
  await expect(page.getByText(/^Printed in French as “\d{1,2}(er)? [a-zéû]+ \d{4}”\.$/)).toBeVisible();
  await expectNoFrenchChrome(page, 'General information', [...FRAME_FR, 'Annuler', 'Nature de l’acte', 'Intitulé', 'Nom court', 'Lieu de signature', 'Nombre d’originaux', 'Imprimée', 'Enregistré']);
  await done('general-information', 'General information');

  // History: versions and log, English dates and actions; the version summaries are main's (French).
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('heading', { name: 'Versions' })).toBeVisible();
  await expect(history.getByRole('heading', { name: 'Log' })).toBeVisible();
  await expect(history.getByText(/— Created/).first()).toBeVisible();
  await expect(history.getByText(/\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}/).first()).toBeVisible();
  await expect(history.getByText('Current', { exact: true })).toBeVisible();
  await expect(history.getByRole('listitem').filter({ hasText: /^Version 2/ })).toContainText(
    /^Version 2 — saved on \d{1,2} [A-Z][a-z]+ \d{4} (at|from \d{2}:\d{2} to) \d{2}:\d{2} \(2 autosaves\) — /,
  );
  await expectNoFrenchChrome(page, 'History', ['Journal', 'Actuelle', 'Restaurer la version', 'Création', 'Modification', 'enregistrée', 'enregistrements automatiques']);
  await page.getByRole('button', { name: 'History' }).click();

  // 2. Parties: roles and the « ci-après dénommé(e) » preview, which prints in French.
  await openStepEn(page, 'Parties');
  await expect(page.getByRole('button', { name: 'Add an entity to party 1' })).toBeVisible();
  await expect(page.getByLabel('Role of party 1')).toHaveValue('delegant');
  await expect(page.getByLabel('Role of party 1').locator('option:checked')).toHaveText('Delegator (délégant)');
  await expect(page.getByText(/^Preview \(printed in French\): Ci-après dénommée? « /).first()).toBeVisible();
  await expectNoFrenchChrome(page, 'Parties', [...FRAME_FR, 'Rôle de la partie', 'Ajouter une entité', 'Retirer', 'Sigle', 'Adresse', 'Qualité', 'Aperçu :', 'Le délégant :', 'Entités (']);
  await done('parties', 'Parties');

  // 3. Recitals: moving one is announced in English.
  await openStepEn(page, 'Recitals (visas)');
  await expect(page.getByRole('list', { name: 'Recitals (visas) of the agreement' })).toBeVisible();
  const first = await field(page, 'visas[0].text').inputValue();
  await page.getByRole('button', { name: 'Move down recital 1' }).click();
  await expect(page.getByText('recital 1 moved to position 2 of', { exact: false })).toBeAttached();
  await expect(field(page, 'visas[1].text')).toHaveValue(first);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(field(page, 'visas[0].text')).toHaveValue(first);
  await expectNoFrenchChrome(page, 'Recitals', [...FRAME_FR, 'Monter', 'Descendre', 'Déplacer', 'Supprimer', 'Ajouter un visa', 'déplacé en position']);
  await done('recitals', 'Recitals');

  // 4. Preamble: the editor's toolbar and hint in English, the text itself stays French (lang="fr").
  await openStepEn(page, 'Preamble');
  await expect(page.getByRole('toolbar', { name: 'Formatting: Text of the preamble' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Bold' })).toHaveAttribute('title', 'Bold (Ctrl+B)');
  await expect(page.getByText('Esc: leave the text')).toBeVisible();
  await expect(field(page, 'preamble')).toHaveAttribute('lang', 'fr');
  await expect(page.getByLabel('Formula introducing the articles')).toBeVisible();
  await expectNoFrenchChrome(page, 'Preamble', [...FRAME_FR, 'Gras', 'Italique', 'Retrait', 'Insérer', 'Échap', 'Mise en forme', 'Formule d’introduction']);
  await done('preamble', 'Preamble');

  // 5. Articles: the document's headings (« Article 1 : … ») beside English controls.
  await openStepEn(page, 'Articles');
  const articles = page.getByRole('list', { name: 'Articles of the agreement' });
  await expect(articles.getByRole('button', { name: /^Article 1 : / })).toBeVisible();
  await expect(page.getByLabel('Title of article 1')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Move down Article 1 : / })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Budget table' })).toBeVisible();
  await expectNoFrenchChrome(page, 'Articles', [...FRAME_FR, 'Monter', 'Descendre', 'Titre de l’article', 'Contenu', 'Ajouter un article', 'à compléter', 'Tableau budgétaire', 'Références comptables']);
  await done('articles', 'Articles');

  // 6. Budget: labels in English, totals in euros and in French words as the document prints them.
  await openStepEn(page, 'Budget');
  await expect(page.getByText('Amounts are shown as the French document prints them', { exact: false })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Commitment authorisations (AE)' }).first()).toBeVisible();
  const totalAe = page.getByRole('status').getByText('Total AE (as printed):');
  await expect(totalAe).toContainText(/EUR \(.+ euros?\)$/);
  await expect(totalAe.locator('strong')).toHaveAttribute('lang', 'fr');
  const amount = field(page, 'budget.rows[0].ae[0].amountCents');
  const typed = await amount.inputValue();
  await amount.fill('abc');
  await expect(page.getByText('Amount not recognised: type digits, with a comma before the cents')).toBeVisible();
  await amount.fill(typed);
  await expect(page.getByText('Amount not recognised')).toHaveCount(0);
  await expectNoFrenchChrome(page, 'Budget', [...FRAME_FR, 'Autorisations d’engagement', 'Crédits de paiement', 'Soit un total de', 'Total des AE', 'Ajouter une UO', 'Montant AE', 'En euros', 'Retirer la ligne']);
  await done('budget', 'Budget');

  await openStepEn(page, 'Accounting references');
  await expect(page.getByRole('heading', { name: /^Chorus references — UO / }).first()).toBeVisible();
  await expect(page.getByLabel('Financial centre').first()).toBeVisible();
  await done('accounting-references', 'Accounting references');

  await openStepEn(page, 'Annexes');
  await expect(page.getByRole('list', { name: 'Annexes of the agreement' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add an annex' })).toBeVisible();
  await done('annexes', 'Annexes');

  await openStepEn(page, 'Signatories');
  await expect(page.getByRole('list', { name: 'Signatories, in signing order' })).toBeVisible();
  await expect(page.getByLabel('Name of signatory 1')).toHaveValue(signatories[0]!);
  await expect(page.getByText(/^Leave empty to print “/).first()).toBeVisible();
  await done('signatories', 'Signatories');

  // 10. Review: nothing to fix; the PDF (French) drawn, its pages named in English.
  await openStepEn(page, 'Review');
  await expect(page.getByText('No problem found: the agreement is complete.')).toBeVisible();
  const preview = page.getByRole('region', { name: /^PDF preview: / });
  await expect(preview.getByRole('img', { name: /^Page 1 of \d+$/ })).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Refresh the preview' })).toBeVisible();
  await expectNoFrenchChrome(page, 'Review', [...FRAME_FR, 'Aperçu du PDF', 'Actualiser', 'Points à reprendre', 'Aucun problème', ' sur ']);
  await done('review', 'Review');

  await openStepEn(page, 'Finalisation');
  await page.getByRole('button', { name: 'Finalise the agreement' }).click();
  await expect(page.getByRole('heading', { name: 'Agreement finalised', exact: true })).toBeVisible();
  expect((await handlers['convention:get']({ id })).summary.status).toBe('finalized');
  await done('finalisation', 'Finalisation');
  // History marks the locked version.
  await page.getByRole('button', { name: 'History' }).click();
  await expect(history.getByRole('listitem').filter({ hasText: /^Version 2/ })).toContainText('Finalised');
  await expectNoFrenchChrome(page, 'History (finalised)', ['Finalisée', 'Actuelle']);
  await page.getByRole('button', { name: 'History' }).click();

  // 12. Signing: one test identity per signatory, made in the English form, then signed in order.
  await openStepEn(page, 'Signing');
  await page.getByRole('button', { name: 'Prepare the PDF for signing' }).click();
  const table = page.getByRole('table', { name: 'Signatures, in order' });
  await expect(table.getByRole('row').nth(1)).toContainText('To sign now');
  await expect(table.getByRole('columnheader', { name: 'Signatory' })).toBeVisible();
  await expectNoFrenchChrome(page, 'Signing', [...FRAME_FR, 'Signatures, dans l’ordre', 'Signataire', 'À signer maintenant', 'En attente', 'Identité de signature', 'Mot de passe', 'Signer en tant que', 'Créer une identité', 'Importer une identité', 'Choisissez']);
  await expectAccessible(page, 'Signing (prepared)');
  for (const [i, name] of signatories.entries()) {
    const create = page.locator('details').filter({ hasText: 'Create a test identity' });
    if ((await create.getAttribute('open')) === null) await create.getByText('Create a test identity').click();
    await page.getByLabel('Holder’s name').fill(name);
    await page.getByLabel('Organisation').fill('Paraphe');
    await page.locator('#test-id-mdp').fill(`english-${i}`);
    await page.getByRole('button', { name: 'Create the test identity' }).click();
    await expect(page.getByLabel('Signing identity').locator('option:checked')).toContainText(`${name} (Paraphe) — test identity`);
    await page.getByLabel('Password of the identity').fill(`english-${i}`);
    await page.getByRole('button', { name: `Sign as ${name}` }).click();
    await expect(table.getByRole('row').nth(i + 1)).toContainText('Signed', { timeout: 30_000 });
    // The outcome in English; main's sentence about the certificate stays French, marked as such.
    const outcome = page.getByRole('status').filter({ hasText: `Signed by ${name}.` });
    await expect(outcome).toBeVisible();
    await expect(outcome).toContainText('Signature level: PAdES B-B (time given by this computer, no timestamp).');
    await expect(outcome.locator('[lang="fr"]')).not.toBeEmpty();
    await expectNoFrenchChrome(page, 'Signing (signed)', ['Signé par']);
  }
  await expect(page.getByRole('heading', { name: 'All signatures are in place' })).toBeVisible();
  await done('signing', 'Signing');

  // 13. Export: the verdicts in English; the verifier's own sentences stay French (marked lang="fr").
  await page.getByRole('button', { name: 'Verify and export' }).click();
  await expect(stepTitle(page)).toHaveText('Export');
  const report = page.locator('section[data-verdict]');
  await expect(report.getByRole('heading', { name: 'Verification report' })).toBeVisible({ timeout: 30_000 });
  await expect(report.locator('li[data-status]')).toHaveCount(signatories.length, { timeout: 30_000 });
  // Self-signed test identities: intact, not trusted.
  await expect(report.locator('li[data-status="untrusted"]').first()).toContainText('intact, but the certificate is not recognised as trusted');
  await expect(report.getByText(/, on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Save the signed PDF and its report…' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved: .+\.pdf and its report .+\.$/ })).toBeVisible({ timeout: 30_000 });
  expect((await readdir(backend.exportsDir)).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
  await expectNoFrenchChrome(page, 'Export', [...FRAME_FR, 'Rapport de vérification', 'intègre', 'Enregistrer le PDF signé', 'PDF signé conservé', 'empreinte', ', le ', 'Enregistré :', 'et son rapport']);
  await done('export', 'Export');

  // Back to French: the same screen speaks French again, as the French specs expect.
  await page.getByRole('button', { name: 'Français' }).first().click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(stepTitle(page)).toHaveText('Export');
  await expect(page.getByRole('navigation', { name: 'Étapes de la convention' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Rapport de vérification' })).toBeVisible();
  // The same look-up finds the French words once they are back: the checks above could fail.
  const exportFr = ['Étapes de la convention', 'Rétablir', 'Historique', 'Fermer', 'Clavier :', 'sur 13', 'Rapport de vérification', 'intègre', 'Enregistrer le PDF signé', 'PDF signé conservé'];
  expect(await wordsShown(page, exportFr)).toEqual(exportFr);
});

test('the validator’s findings speak the interface language: English in English (not marked French), French again in French', async ({ page, handlers }) => {
  test.setTimeout(120_000);
  // The blank template: entities, representatives and signatories still to fill in.
  await handlers['convention:create']({ templateId: 'delegation-de-gestion', title: 'Findings in English' });
  await page.reload();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('row').filter({ hasText: 'Findings in English' }).getByRole('button', { name: 'Open' }).click();
  await expect(stepsNavEn(page)).toBeVisible();

  // A field's own finding appears in English as soon as the title is emptied, and goes once it is back.
  const title = field(page, 'title');
  await title.fill('');
  const titleMessage = page.getByText('Give the agreement a title.', { exact: true });
  await expect(titleMessage).toBeVisible();
  await expect(titleMessage).not.toHaveAttribute('lang', 'fr');
  await expect(page.locator('.paraphe-wizard [lang="fr"]').filter({ hasText: 'Donnez un titre' })).toHaveCount(0);
  await title.fill('Findings in English');
  await expect(titleMessage).toHaveCount(0);

  // Parties: calm on a first visit (nothing typed there yet); once left and opened again, the blank
  // entity and representative say what to do, in English, under their fields.
  await openStepEn(page, 'Parties');
  await expect(page.getByText('Enter the name of the entity, or remove it.')).toHaveCount(0);
  await openStepEn(page, 'General information');
  await openStepEn(page, 'Parties');
  await expect(page.getByText('Enter the name of the entity, or remove it.').first()).toBeVisible();
  await expect(page.getByText('Warning: Enter the title of the representative (e.g. “Director General”).').first()).toBeVisible();

  // Review: the list of findings, each an English link to its step and field; nothing in it marked French.
  await openStepEn(page, 'Review');
  const errorLink = page.getByRole('link', { name: 'Parties (party 1, entity 1) — Enter the name of the entity, or remove it.' });
  await expect(errorLink).toBeVisible();
  await expect(page.getByRole('link', { name: 'Signatories (signatory 2) — Enter the name of signatory 2.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Articles (article 4) — Article 4 has no content.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Budget — An article shows the budget table, but no UO has been entered.' })).toBeVisible();
  const findingsPanel = page.locator('.paraphe-review__findings');
  await expect(findingsPanel.locator('.paraphe-findings li')).toHaveCount(12);
  await expect(findingsPanel.locator('[lang="fr"]')).toHaveCount(0);
  const frenchFindingWords = ['Indiquez', 'Donnez', 'Ajoutez', 'supprimez-la', 'représentant', 'signataire', 'n’a pas de contenu', "n'a pas de contenu", 'aucune UO'];
  await expectNoFrenchChrome(page, 'Review (findings)', [...FRAME_FR, ...frenchFindingWords]);
  await expectAccessible(page, 'Review (findings in English)');
  // The link still leads to the field that fixes it.
  await errorLink.click();
  await expect(stepTitle(page)).toHaveText('Parties');
  await expect(field(page, 'parties[0].entities[0].name')).toBeFocused();

  // Back to French: the same findings in French, marked as such.
  await page.getByRole('button', { name: 'Français' }).first().click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByText("Donnez le nom de l'entité ou supprimez-la.").first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Étapes de la convention' }).getByRole('button', { name: /^\d+\. Relecture/ }).click();
  const frenchLink = page.getByRole('link', { name: "Parties (partie 1, entité 1) — Donnez le nom de l'entité ou supprimez-la." });
  await expect(frenchLink).toBeVisible();
  await expect(frenchLink.locator('[lang="fr"]')).toHaveText("Donnez le nom de l'entité ou supprimez-la.");
  await expect(page.getByRole('link', { name: "Articles (article 4) — L'article 4 n'a pas de contenu." })).toBeVisible();
  await expect(page.locator('.paraphe-review__findings .paraphe-findings li')).toHaveCount(12);
  // The French words the English check looks for are really found here: that check could fail.
  expect(await wordsShown(page, ['Relecture', 'Étapes de la convention'])).toEqual(['Relecture', 'Étapes de la convention']);
});
