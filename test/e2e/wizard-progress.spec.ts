import { test, expect } from './harness/index';
import { openStep, stepsNav } from './wizard-helpers';
import { syntheticConvention } from '../fixtures/conventions';

test.afterEach(({ pageErrors }) => {
  expect(pageErrors).toEqual([]);
});

interface Progress {
  task: string;
  phase: string;
  done: number;
  total: number;
}

test('la relecture d’une convention de plus de 100 pages suit la mise en page, page par page, jusqu’au bout', async ({ page, backend }) => {
  const title = 'Convention très longue (200 articles)';
  await backend.services.store.create({ ...syntheticConvention(200, 300), title }, 'imported');
  await page.reload();
  await page.getByRole('row').filter({ hasText: title }).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(stepsNav(page)).toBeVisible();

  // What the page receives through window.paraphe.onProgress, and every line the progress shows.
  await page.evaluate(`(() => {
    window.__progress = [];
    window.__progressTexts = [];
    window.paraphe.onProgress((p) => window.__progress.push(p));
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="task-progress"] p')?.textContent;
      if (text && window.__progressTexts.at(-1) !== text) window.__progressTexts.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);

  await openStep(page, 'Relecture');
  const preview = page.getByRole('region', { name: /^Aperçu du PDF/ });
  await expect(preview.getByRole('img', { name: /^Page 1 sur \d+$/ })).toHaveAttribute('data-drawn', 'true', { timeout: 45_000 });
  const pages = Number(await preview.getAttribute('data-pages'));
  expect(pages).toBeGreaterThan(100);

  const events = await page.evaluate<Progress[]>('window.__progress');
  expect(events[0]).toEqual({ task: 'render', phase: 'layout', done: 0, total: 0 });
  const draws = events.filter((e) => e.phase === 'draw');
  expect(draws.length).toBeGreaterThan(1);
  expect(draws.map((e) => e.done)).toEqual([...draws.map((e) => e.done)].sort((a, b) => a - b));
  expect(events.at(-1)).toEqual({ task: 'render', phase: 'draw', done: pages, total: pages });

  // 106 pages take well over the 150 ms after which the line appears; it is gone once the PDF is shown.
  const texts = await page.evaluate<string[]>('window.__progressTexts');
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts) expect(t).toMatch(/^Mise en page( : page \d+ sur \d+|…)$/);
  await expect(page.getByTestId('task-progress')).toBeEmpty();
});
