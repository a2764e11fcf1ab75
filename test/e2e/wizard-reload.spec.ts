import { test, expect } from './harness/index';
import { expectAccessible, field, openStep, openNewConvention, stepsNav, waitSaved } from './wizard-helpers';

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

test('recharger en cours de rédaction ne perd rien de ce qui était affiché « Enregistré »', async ({ page, handlers }) => {
  const id = await openNewConvention(page, handlers['convention:create'], 'Brouillon à recharger');
  await expect(page.getByTestId('save-status')).toHaveText('');

  await page.getByLabel(/^Lieu de signature/).fill('Lyon');
  await openStep(page, 'Articles');
  const body = field(page, 'articles[0].body');
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Texte ajouté avant rechargement.');
  await waitSaved(page);
  const shownAsSaved = (await handlers['convention:get']({ id })).convention;
  expect(shownAsSaved.place).toBe('Lyon');
  expect(shownAsSaved.articles[0]!.body.at(-1)).toEqual({ kind: 'paragraph', runs: [{ text: 'Texte ajouté avant rechargement.' }] });

  // A change made just before the reload is not shown as saved: it may be lost, nothing else may.
  await openStep(page, 'Informations générales');
  await page.getByLabel(/^Lieu de signature/).fill('Marseille');
  await expect(page.getByTestId('save-status')).not.toHaveText(/^Enregistré/);
  await page.reload();

  await page.getByRole('row').filter({ hasText: 'Brouillon à recharger' }).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(stepsNav(page)).toBeVisible();
  await expect(page.getByLabel(/^Lieu de signature/)).toHaveValue(/^(Lyon|Marseille)$/);
  await openStep(page, 'Articles');
  await expect(field(page, 'articles[0].body')).toContainText('Texte ajouté avant rechargement.');
  const after = (await handlers['convention:get']({ id })).convention;
  expect(after.articles[0]!.body.at(-1)).toEqual({ kind: 'paragraph', runs: [{ text: 'Texte ajouté avant rechargement.' }] });
});

test('annuler et rétablir (Ctrl+Z, Ctrl+Y et boutons), enregistrés comme le reste', async ({ page, handlers }) => {
  const id = await openNewConvention(page, handlers['convention:create'], 'Annuler rétablir');
  const place = page.getByLabel(/^Lieu de signature/);
  await place.fill('Lyon');
  await page.getByLabel('Nombre d’originaux').fill('3');
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Nombre d’originaux')).toHaveValue('2');
  await page.keyboard.press('Control+z');
  await expect(place).toHaveValue('Paris');
  await page.keyboard.press('Control+y');
  await expect(place).toHaveValue('Lyon');
  await page.getByRole('button', { name: 'Rétablir' }).click();
  await expect(page.getByLabel('Nombre d’originaux')).toHaveValue('3');
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByLabel('Nombre d’originaux')).toHaveValue('2');
  await waitSaved(page);
  const stored = (await handlers['convention:get']({ id })).convention;
  expect([stored.place, stored.originals]).toEqual(['Lyon', 2]);
});

test('un lien de la relecture ouvre l’étape et met le curseur dans le champ à corriger', async ({ page, handlers }) => {
  await openNewConvention(page, handlers['convention:create'], 'Liens de relecture');
  await openStep(page, 'Relecture');
  await page.getByRole('link', { name: /^Signataires \(signataire 2\) — Indiquez le nom du signataire 2/ }).click();
  await expect(page.locator('#paraphe-stepper h2')).toContainText('Signataires');
  await expect(field(page, 'signatories[1].name')).toBeFocused();
  await openStep(page, 'Relecture');
  await page.getByRole('link', { name: /^Articles \(article 4\)/ }).click();
  await expect(field(page, 'articles[3].body')).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Article 4 : Déroulement des travaux' })).toBeVisible();
});

test('l’historique liste les versions et le journal, et restaure une version', async ({ page, handlers }) => {
  const id = await openNewConvention(page, handlers['convention:create'], 'Historique');
  const place = page.getByLabel(/^Lieu de signature/);
  await place.fill('Lyon');
  await waitSaved(page);
  await place.fill('Marseille');
  await waitSaved(page);
  await page.getByRole('button', { name: 'Historique' }).click();
  const panel = page.getByRole('region', { name: 'Historique' });
  // Both changes fall in one sitting: the autosaves make one version (main/storage/autosave.ts),
  // and its line says when the sitting ran and how many saves it joined.
  const joined = panel.getByRole('listitem').filter({ hasText: /^Version 2/ });
  await expect(joined).toContainText('Actuelle');
  await expect(joined).toContainText(
    /^Version 2 — enregistrée le (1er|\d{1,2}) [a-zéû]+ \d{4} (à|de \d{1,2} h \d{2} à) \d{1,2} h \d{2} \(2 enregistrements automatiques\) — /,
  );
  await expect(panel.getByRole('listitem').filter({ hasText: /^Version 3/ })).toHaveCount(0);
  await expect(panel.getByRole('listitem').filter({ hasText: /^Version 1 — (1er|\d{1,2}) [a-zéû]+ \d{4} à \d{1,2} h \d{2} — Création/ })).toHaveCount(1);
  await expect(panel.getByRole('list').last()).toContainText('(2 enregistrements automatiques)');
  const stored = await handlers['convention:versions']({ id });
  expect(stored.map((v) => [v.version, v.autosave?.saves ?? null])).toEqual([[2, 2], [1, null]]);
  await expect(panel).toContainText('Création');
  await panel.getByRole('button', { name: 'Comparer la version 1 à l’actuelle' }).click();
  const diff = panel.getByRole('region', { name: 'Différences entre la version 1 et la version 2' });
  await expect(diff.locator('del')).toHaveText([/^− Fait à Paris, le .+ \d{4}, en 2 originaux$/]);
  await expect(diff.locator('ins')).toHaveText([/^\+ Fait à Marseille, le .+ \d{4}, en 2 originaux$/]);
  await expectAccessible(page, 'Historique');
  await panel.getByRole('button', { name: 'Restaurer la version 1' }).click();
  await expect(page.getByLabel(/^Lieu de signature/)).toHaveValue('Paris');
  const record = await handlers['convention:get']({ id });
  expect(record.convention.place).toBe('Paris');
  expect(record.summary.version).toBe(3);
  const audit = await handlers['convention:audit']({ id });
  expect(audit.map((a) => a.action)).toContain('restored-version');
  // The restore is a version of its own, marked as a return to version 1, not as autosaves.
  await page.getByRole('button', { name: 'Historique' }).click();
  const restored = page.getByRole('region', { name: 'Historique' }).getByRole('listitem').filter({ hasText: /^Version 3/ });
  await expect(restored).toContainText('Retour à la version 1');
  await expect(restored).toContainText('Actuelle');
  await expect(restored).not.toContainText('enregistrements automatiques');
  await expect(page.getByRole('region', { name: 'Historique' }).getByText('Retour à la version', { exact: false })).toHaveCount(1);
});
