import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import type { Page } from '@playwright/test';
import { test, expect } from './harness/index';
import { SCREENS_DIR, expectAccessible, openNewConvention, openStep, stepsNav } from './wizard-helpers';

/*
 * The wizard's rough edges (issue 15), third part: the Relecture and Signature steps show the
 * document in a viewer with zoom, « Ajuster à la largeur » and page thumbnails; the findings of
 * a Word import come back each time the draft opens until they are dismissed.
 */

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

const scaleOf = async (region: ReturnType<Page['getByRole']>) => Number(await region.getAttribute('data-scale'));
const widthOf = async (page: Page, region: ReturnType<Page['getByRole']>) => (await region.getByRole('img').first().boundingBox())!.width;

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

/** Zoom, fit to width and thumbnails, as a keyboard user and a mouse user meet them. */
async function exerciseViewer(page: Page, region: ReturnType<Page['getByRole']>, words: { zoomIn: string; zoomOut: string; fit: string; thumbs: string; hide: string; goTo: (n: number, count: number) => string }) {
  await expect(region.getByRole('img').first()).toHaveAttribute('data-drawn', 'true', { timeout: 45_000 });
  const pages = Number(await region.getAttribute('data-pages'));
  expect(pages).toBeGreaterThan(2);
  const fit = page.getByRole('button', { name: words.fit });
  await expect(fit).toHaveAttribute('aria-pressed', 'true');
  const fitted = await scaleOf(region);
  const fittedWidth = await widthOf(page, region);

  // Zoom in: larger than the fitted page, the area scrolls sideways; « Ajuster à la largeur » is off.
  await page.getByRole('button', { name: words.zoomIn }).click();
  await expect.poll(() => scaleOf(region)).toBeGreaterThan(fitted);
  await expect(fit).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => widthOf(page, region)).toBeGreaterThan(fittedWidth * 1.05);
  await expect(page.getByTestId('zoom-level')).toHaveText(new RegExp(`${Math.round((await scaleOf(region)) * 100)}`));
  // Zoom out until smaller than fitted (the steps are fixed, the fitted zoom is the area's).
  const zoomOut = page.getByRole('button', { name: words.zoomOut });
  for (let i = 0; i < 4 && (await scaleOf(region)) >= fitted; i += 1) {
    const before = await scaleOf(region);
    await zoomOut.click();
    await expect.poll(() => scaleOf(region)).toBeLessThan(before);
  }
  expect(await scaleOf(region)).toBeLessThan(fitted);
  await expect.poll(() => widthOf(page, region)).toBeLessThan(fittedWidth * 0.95);
  // Back to the width of the area.
  await fit.click();
  await expect(fit).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => scaleOf(region)).toBe(fitted);

  // Thumbnails: one per page, ↓ moves between them (one tab stop), Entrée shows that page.
  const thumbs = page.getByRole('navigation', { name: words.thumbs });
  await expect(thumbs.getByRole('button')).toHaveCount(pages);
  await thumbs.getByRole('button', { name: words.goTo(1, pages) }).focus();
  await expect(thumbs.locator('[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = thumbs.getByRole('button', { name: words.goTo(3, pages) });
  await expect(third).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(region.locator('[data-page="3"]')).toBeFocused();
  await expect(third).toHaveAttribute('aria-current', 'page');
  await expect(region.getByRole('img').nth(2)).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
  // Fin goes to the last thumbnail.
  await third.focus();
  await page.keyboard.press('End');
  await expect(thumbs.getByRole('button', { name: words.goTo(pages, pages) })).toBeFocused();
  return { pages, hide: page.getByRole('button', { name: words.hide }), thumbs };
}

test('Relecture : l’aperçu se zoome, s’ajuste à la largeur et a des miniatures utilisables au clavier', async ({ page, handlers }) => {
  test.setTimeout(180_000);
  await openNewConvention(page, handlers['convention:create'], 'Aperçu zoomable', 'exemple-camino-2020');
  await openStep(page, 'Relecture');
  const preview = page.getByRole('region', { name: /^Aperçu du PDF/ });
  const { hide, thumbs } = await exerciseViewer(page, preview, {
    zoomIn: 'Zoom avant', zoomOut: 'Zoom arrière', fit: 'Ajuster à la largeur', thumbs: 'Miniatures des pages', hide: 'Masquer les miniatures',
    goTo: (n, count) => `Aller à la page ${n} sur ${count}`,
  });
  await expectAccessible(page, 'aperçu avec miniatures');
  await screenshot(page, 'rough3-01-apercu-fr');
  await hide.click();
  await expect(thumbs).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Afficher les miniatures' })).toHaveAttribute('aria-expanded', 'false');

  // In English.
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByRole('row').filter({ hasText: 'Aperçu zoomable' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: /^10\. Review/ }).click();
  await exerciseViewer(page, page.getByRole('region', { name: /^PDF preview: / }), {
    zoomIn: 'Zoom in', zoomOut: 'Zoom out', fit: 'Fit to width', thumbs: 'Page thumbnails', hide: 'Hide thumbnails',
    goTo: (n, count) => `Go to page ${n} of ${count}`,
  });
  await expectAccessible(page, 'preview in English');
  await screenshot(page, 'rough3-02-preview-en');
});

test('Signature : l’étape montre le document en signature, avec la même visionneuse', async ({ page, handlers }) => {
  test.setTimeout(180_000);
  const { id } = await handlers['convention:create']({ templateId: 'exemple-camino-2020', shortTitle: 'Signature visible' });
  await handlers['convention:finalize']({ id });
  const prepared = await handlers['signature:prepare']({ conventionId: id });
  expect(prepared.file?.signed).toBe(false);
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'Signature visible' }).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(stepsNav(page)).toBeVisible();
  await openStep(page, 'Signature');
  await expect(page.getByRole('heading', { name: 'Le document à signer' })).toBeVisible();
  const region = page.getByRole('region', { name: `Document en signature : ${prepared.file!.label}` });
  await exerciseViewer(page, region, {
    zoomIn: 'Zoom avant', zoomOut: 'Zoom arrière', fit: 'Ajuster à la largeur', thumbs: 'Miniatures des pages', hide: 'Masquer les miniatures',
    goTo: (n, count) => `Aller à la page ${n} sur ${count}`,
  });
  // What is shown is the file being signed: its pages are those of the stored PDF.
  const stored = await handlers['convention:signing-document']({ id });
  const pdf = Buffer.from(stored!.base64, 'base64').toString('latin1');
  const pageCount = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  await expect(region).toHaveAttribute('data-pages', String(pageCount));
  await expectAccessible(page, 'document en signature');
  await screenshot(page, 'rough3-03-signature-fr');

  await page.getByRole('button', { name: 'English' }).first().click();
  await expect(page.getByRole('heading', { name: 'The document to sign' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Document being signed: / }).getByRole('img').first()).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Fit to width' })).toBeVisible();
  await expectAccessible(page, 'document being signed');
  await screenshot(page, 'rough3-04-signing-en');
});

/** A .docx as a person types one: no « Fait à …, le … » line, so the reader has one finding. */
async function typedDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [{
      children: [
        new Paragraph({ text: 'Convention relative au partage de données', heading: HeadingLevel.TITLE }),
        new Paragraph('Entre'),
        new Paragraph('La Direction du budget, située 139 rue de Bercy, 75012 Paris, représentée par Mme Durand'),
        new Paragraph('Et'),
        new Paragraph('La Direction du numérique, située 20 avenue de Ségur, 75007 Paris, représentée par M. Petit'),
        new Paragraph('Vu le code des relations entre le public et l’administration ;'),
        new Paragraph('Il a été convenu ce qui suit :'),
        new Paragraph({ text: 'Article 1 : Objet', heading: HeadingLevel.HEADING_1 }),
        new Paragraph('La présente convention organise le partage des données.'),
        new Paragraph({ text: 'Article 2 : Durée', heading: HeadingLevel.HEADING_1 }),
        new Paragraph('Elle est conclue pour deux ans.'),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

test('import Word : les constats sont gardés avec le brouillon et reviennent à chaque ouverture jusqu’à « J’ai relu »', async ({ page, handlers, backend }) => {
  const file = join(backend.root, 'partage.docx');
  await writeFile(file, await typedDocx());
  backend.dialogs.nextOpenPath(file);
  await page.getByRole('button', { name: 'Importer un document Word' }).click();
  const notice = page.getByTestId('word-import-findings');
  await expect(notice.getByRole('heading', { level: 2 })).toHaveText('Importée depuis Word : 1 constat à relire');
  const [summary] = await handlers['convention:list']();
  const kept = await handlers['convention:import-findings']({ id: summary!.id });
  expect(kept).toMatchObject({ source: 'partage.docx', findings: [expect.objectContaining({ path: expect.any(String) })] });
  const findingText = kept!.findings[0]!.message;

  // Closed, then the draft opened again: the findings are back, read from the draft.
  await notice.getByRole('button', { name: 'Fermer les constats d’import' }).click();
  await expect(notice).toHaveCount(0);
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('row').filter({ hasText: 'Convention relative au partage de données' }).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(notice.getByRole('heading', { level: 2 })).toHaveText('Importée depuis Word : 1 constat à relire');
  await expect(notice).toBeFocused();
  await expect(notice).toContainText(/Document « partage\.docx », importé le (1er|\d{1,2}) [a-zéû]+ \d{4} à \d{1,2} h \d{2}\./);
  await expect(notice).toContainText('reviennent à chaque ouverture');
  await expect(notice).toContainText(findingText.slice(0, 30));
  await expectAccessible(page, 'constats gardés, à la réouverture');
  await screenshot(page, 'rough3-05-constats-gardes-fr');

  // In English, after a reload too.
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'English' }).first().click();
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'Convention relative au partage de données' }).getByRole('button', { name: 'Open' }).click();
  await expect(notice.getByRole('heading', { level: 2 })).toHaveText('Imported from Word: 1 finding to review');
  await expect(notice).toContainText('Document “partage.docx”, imported on');
  await expectAccessible(page, 'kept findings in English');
  await screenshot(page, 'rough3-06-kept-findings-en');

  // Dismissed: gone now and at the next opening; main no longer returns them.
  await notice.getByRole('button', { name: 'I reviewed these findings: stop showing them' }).click();
  await expect(notice).toHaveCount(0);
  await expect.poll(() => handlers['convention:import-findings']({ id: summary!.id })).toBeNull();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('row').filter({ hasText: 'Convention relative au partage de données' }).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('navigation', { name: 'Steps of the agreement' })).toBeVisible();
  await page.waitForTimeout(500); // the stored findings are asked when the draft opens
  await expect(notice).toHaveCount(0);
  // Both reports stay in the draft's files: what was found, then that it was read.
  const files = (await handlers['convention:get']({ id: summary!.id })).files.filter((f) => f.kind === 'report');
  expect(files.map((f) => f.label)).toEqual(['Constats de l’import Word', 'Constats de l’import Word']);
});
