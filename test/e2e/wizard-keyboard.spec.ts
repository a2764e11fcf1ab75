import { test, expect } from './harness/index';
import { validateConvention } from '../../shared/rules/validate';
import { field, focusedName, replaceText, stepsNav, tabTo } from './wizard-helpers';

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

/** Moves to the next step with the footer button, as a keyboard user does after the last field. */
async function nextStep(page: import('@playwright/test').Page, label: string) {
  await tabTo(page, `${label} →`);
  await page.keyboard.press('Enter');
  await expect(page.locator('#paraphe-stepper h2')).toContainText(label);
}

test('le même parcours au clavier seul, de l’ouverture à l’export signé', async ({ page, handlers }) => {
  test.setTimeout(240_000);
  const { id } = await handlers['convention:create']({ templateId: 'delegation-de-gestion', title: 'Parcours clavier' });
  await page.reload();
  await tabTo(page, 'Ouvrir');
  await page.keyboard.press('Enter');
  await expect(stepsNav(page)).toBeVisible();

  // 1. Informations générales
  await tabTo(page, /^Intitulé/);
  await replaceText(page, 'Convention de délégation de gestion saisie au clavier');
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toMatch(/^Nom court/);
  await replaceText(page, 'Parcours clavier');
  // The steps menu: one tab stop, arrows to move, Entrée to open.
  await tabTo(page, /^1\. Informations générales/, { back: true });
  await page.keyboard.press('ArrowDown');
  expect(await focusedName(page)).toMatch(/^2\. Parties/);
  await page.keyboard.press('Enter');
  await expect(page.locator('#paraphe-stepper h2')).toContainText('Parties');

  // 2. Parties
  await tabTo(page, 'Nom de l’entité 1');
  await page.keyboard.type('Ministère de la transition écologique');
  await tabTo(page, 'Nom du représentant 1');
  await page.keyboard.type('Brice HUET');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Directeur adjoint');
  await tabTo(page, 'Nom de l’entité 1');
  await page.keyboard.type('Direction interministérielle du numérique');
  await tabTo(page, 'Nom du représentant 1');
  await page.keyboard.type('Patrick SOULÉ');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Directeur adjoint');
  await expect(field(page, 'parties[1].representatives[0].title')).toHaveValue('Directeur adjoint');
  // Ctrl+Z takes the last field back, Ctrl+Y gives it again.
  await page.keyboard.press('Control+z');
  await expect(field(page, 'parties[1].representatives[0].title')).toHaveValue('');
  await page.keyboard.press('Control+y');
  await expect(field(page, 'parties[1].representatives[0].title')).toHaveValue('Directeur adjoint');

  // 3. Visas: Alt+↓ moves the visa being edited; a new one gets the focus.
  await page.keyboard.press('Alt+PageDown');
  await expect(page.locator('#paraphe-stepper h2')).toContainText('Visas');
  await tabTo(page, /^Visa 1/);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(field(page, 'visas[0].text')).toHaveValue(/^Vu le décret n°2012-1246/);
  // The text being edited keeps the focus, now as visa 2.
  await expect(field(page, 'visas[1].text')).toBeFocused();
  await tabTo(page, 'Ajouter un visa');
  await page.keyboard.press('Enter');
  await expect(field(page, 'visas[2].text')).toBeFocused();
  await page.keyboard.type('la délibération du 1er mars 2026,');
  await tabTo(page, 'Supprimer le visa 3', { back: true });
  await page.keyboard.press('Enter');
  await expect(field(page, 'visas[2].text')).toHaveCount(0);

  // 4. Préambule
  await nextStep(page, 'Préambule');
  await tabTo(page, 'Texte du préambule');
  await page.keyboard.type('Préambule saisi au clavier.');
  await page.keyboard.press('Escape');

  // 5. Articles: move one with its handle, write a nested list, leave with Échap.
  await nextStep(page, 'Articles');
  await tabTo(page, /^Article 1er : Objet de la délégation/);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByRole('list', { name: 'Articles de la convention' }).getByRole('button', { name: /^Article 2 : Objet de la délégation/ })).toBeVisible();
  await expect.poll(() => focusedName(page)).toMatch(/^Article 2 : Objet de la délégation/);
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => focusedName(page)).toMatch(/^Article 1er : Objet de la délégation/);
  await page.keyboard.press('Enter');
  await tabTo(page, 'Contenu de l’article 1');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Shift+8');
  await page.keyboard.type('premier point');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('sous-point');
  await page.keyboard.press('Escape');
  await expect(field(page, 'articles[0].body').locator('ul ul li')).toHaveText(['sous-point']);

  // 6. Budget: one UO with an AE and a CP line.
  await nextStep(page, 'Budget');
  await tabTo(page, 'Ajouter une UO');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Code de l’UO 1', { back: true });
  await page.keyboard.type('0113-PEBC-ELAB');
  await tabTo(page, 'Montant AE ligne 1');
  await page.keyboard.type('140 000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('au titre de 2026');
  await tabTo(page, 'Montant CP ligne 1');
  await page.keyboard.type('140 000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('au titre de 2026');
  await expect(page.getByText('Total des AE :')).toContainText('140 000 EUR (cent quarante mille euros)');

  // 7. Chorus, then 8–9.
  await nextStep(page, 'Références comptables');
  await tabTo(page, 'Préparer les références');
  await page.keyboard.press('Enter');
  await tabTo(page, /^Centre financier/, { back: false });
  await page.keyboard.type('0113-PEBC-ELAB');
  await nextStep(page, 'Annexes');
  await nextStep(page, 'Signataires');
  await tabTo(page, 'Nom du signataire 1');
  await page.keyboard.type('Brice HUET');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Directeur adjoint');
  await tabTo(page, 'Nom du signataire 2');
  await page.keyboard.type('Patrick SOULÉ');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Directeur adjoint');

  // 10–11. Relecture, then Finalisation with Entrée.
  await nextStep(page, 'Relecture');
  await expect(page.getByText(/erreurs? à corriger/)).toHaveCount(0);
  await nextStep(page, 'Finalisation');
  await tabTo(page, 'Finaliser la convention');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Convention finalisée', { exact: true })).toBeVisible(); // the step's alert; the banner above says « … : contenu verrouillé »
  const sha = await page.getByTestId('content-sha256').textContent();

  // 12. Signature by keyboard: an identity made in the form, the password, Entrée — twice.
  await nextStep(page, 'Signature');
  await tabTo(page, 'Préparer le PDF à signer');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: 'Signatures, dans l’ordre' })).toBeVisible();
  for (const [i, who] of [['Brice HUET', 'MTE'], ['Patrick SOULÉ', 'DINUM']].entries()) {
    const [name, org] = who as [string, string];
    if (i === 0) {
      await tabTo(page, 'Créer une identité de test');
      await page.keyboard.press('Enter');
    }
    await tabTo(page, 'Nom du titulaire');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(org);
    await page.keyboard.press('Tab');
    await page.keyboard.type(`clavier-${i}`);
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Identité de signature').locator('option:checked')).toContainText(name);
    await tabTo(page, 'Mot de passe de l’identité', { back: true });
    await page.keyboard.type(`clavier-${i}`);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `Signé par ${name}` })).toBeVisible({ timeout: 30_000 });
  }
  await expect(page.getByText('Toutes les signatures sont apposées')).toBeVisible();

  // 13. Export by keyboard.
  await tabTo(page, 'Vérifier et exporter', { back: true });
  await page.keyboard.press('Enter');
  await tabTo(page, 'Enregistrer le PDF signé et son rapport…');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Enregistré : / })).toBeVisible({ timeout: 30_000 });

  const record = await handlers['convention:get']({ id });
  expect(record.finalized?.contentSha256).toBe(sha);
  expect(record.summary.status).toBe('signed');
  const c = record.convention;
  expect(validateConvention(c).filter((f) => f.severity === 'error')).toEqual([]);
  expect(c.title).toBe('Convention de délégation de gestion saisie au clavier');
  expect(c.visas).toHaveLength(2);
  expect(c.preamble).toEqual([{ kind: 'paragraph', runs: [{ text: 'Préambule saisi au clavier.' }] }]);
  expect(c.articles[0]!.title).toBe('Objet de la délégation');
  expect(c.articles[0]!.body.at(-1)).toEqual({ kind: 'list', items: [{ runs: [{ text: 'premier point' }], children: [{ runs: [{ text: 'sous-point' }] }] }] });
  expect(c.budget.rows[0]!.ae[0]!.amountCents).toBe(14_000_000);
});
