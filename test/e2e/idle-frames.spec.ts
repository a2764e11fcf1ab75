import { test, expect } from './harness/index';
import { openStep, stepsNav } from './wizard-helpers';
import { syntheticConvention } from '../fixtures/conventions';

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

/** Counts the page's requestAnimationFrame calls during `ms` of doing nothing. */
async function framesAskedWhileIdle(page: import('@playwright/test').Page, ms: number): Promise<number> {
  await page.evaluate('window.__rafCalls = 0');
  await page.waitForTimeout(ms);
  return page.evaluate<number>('window.__rafCalls');
}

// The DSFR engine used to ask for a frame on every frame (60 a second) while nothing changed:
// every keystroke then waited for the next frame, and a core stayed busy (renderer/dsfr-idle.ts).
test('une fenêtre au repos ne redessine pas : ni l’accueil ni l’étape Articles ne demandent d’image', async ({ page, backend }) => {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __rafCalls: number; requestAnimationFrame: (cb: (t: number) => void) => number };
    const raf = w.requestAnimationFrame.bind(globalThis);
    w.__rafCalls = 0;
    w.requestAnimationFrame = (cb) => {
      w.__rafCalls += 1;
      return raf(cb);
    };
  });
  const title = 'Convention de 200 articles au repos';
  await backend.services.store.create({ ...syntheticConvention(200, 300), title }, 'imported');
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: title })).toBeVisible();
  await page.waitForTimeout(300);
  expect(await framesAskedWhileIdle(page, 1000)).toBeLessThan(5);

  await page.getByRole('row').filter({ hasText: title }).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(stepsNav(page)).toBeVisible();
  await openStep(page, 'Articles');
  await page.locator('[contenteditable="true"]').first().click();
  await page.keyboard.type('Texte');
  // The model follows the editor after a pause, then autosaves: let that settle first.
  await expect(page.getByTestId('save-status')).toHaveText(/^Enregistré à /, { timeout: 15_000 });
  await page.waitForTimeout(300);
  expect(await framesAskedWhileIdle(page, 1000)).toBeLessThan(5);
});

// Typing lets the browser reveal the caret (ProseMirror's own scroll is skipped for plain text
// in RichTextEditor.tsx); Enter and other commands still go through ProseMirror's scroll.
test('en tapant au bas d’un long article, le curseur reste visible', async ({ page, backend }) => {
  const title = 'Convention pour le curseur';
  await backend.services.store.create({ ...syntheticConvention(20, 10), title }, 'imported');
  await page.reload();
  await page.getByRole('row').filter({ hasText: title }).getByRole('button', { name: 'Ouvrir' }).click();
  await openStep(page, 'Articles');
  const body = page.locator('[contenteditable="true"]').first();
  await body.click();
  await page.keyboard.press('Control+End');
  const caretInView = () =>
    page.evaluate<boolean>(`(() => {
      const r = getSelection().getRangeAt(0).getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.height > 0;
    })()`);
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Enter');
    await page.keyboard.type(`Ligne ${i + 1} du corps de l’article`);
  }
  expect(await caretInView()).toBe(true);
  await page.keyboard.type(' suite');
  expect(await caretInView()).toBe(true);
  await expect(body).toContainText('Ligne 40 du corps de l’article suite');
});

// The loop wakes when a DSFR component asks for it, and sleeps again once none does (the real
// engine, through its own state module: if a DSFR update changes that shape, this fails).
test('le moteur DSFR se réveille quand un composant le demande, puis se rendort', async ({ page }) => {
  await page.waitForTimeout(500);
  const outcome = await page.evaluate<{ afterRequest: { renders: number; nexts: number }; whileRendering: number; stopped: number; later: number }>(`(async () => {
    const frames = (n) => new Promise((resolve) => { let k = 0; const tick = () => (++k >= n ? resolve() : requestAnimationFrame(tick)); requestAnimationFrame(tick); });
    const state = window.dsfr.internals.state;
    const loop = state.getModule('render');
    let renders = 0;
    let nexts = 0;
    const instance = { render: () => { renders += 1; }, next: () => { nexts += 1; } };
    loop.request(instance);
    await frames(3);
    const afterRequest = { renders, nexts };
    state.add('render', instance);
    await frames(10);
    const whileRendering = renders;
    state.remove('render', instance);
    await frames(3);
    const stopped = renders;
    await frames(10);
    return { afterRequest, whileRendering, stopped, later: renders };
  })()`);
  expect(outcome.afterRequest).toEqual({ renders: 0, nexts: 1 });
  expect(outcome.whileRendering).toBeGreaterThanOrEqual(8);
  expect(outcome.later).toBe(outcome.stopped);
});

// The header's menu in a narrow window (a DSFR modal) still opens and closes.
test('fenêtre étroite : le menu de l’en-tête s’ouvre et se ferme', async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 800 });
  await page.reload();
  const menuButton = page.getByRole('button', { name: 'Menu' });
  await menuButton.click();
  const dialog = page.locator('.fr-header__menu.fr-modal--opened');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'English' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await expect(page.locator('.fr-header__menu.fr-modal--opened')).toHaveCount(0);
});
