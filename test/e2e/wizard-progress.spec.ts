import { test, expect, type Backend } from './harness/index';
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
  callId: string;
}

/** The call ids the page sent with its `pdf:preview` calls, in order (the backend's record of dispatch). */
function previewCallIds(backend: Backend): string[] {
  return backend.ipc.flatMap((r) => (r.kind === 'call' && r.channel === 'pdf:preview' && typeof r.callId === 'string' ? [r.callId] : []));
}

/** Records every line the progress shows, with the call id it names (window.__shown). */
const RECORD_SHOWN = `(() => {
  window.__shown = [];
  new MutationObserver(() => {
    const box = document.querySelector('[data-testid="task-progress"]');
    const text = box?.querySelector('p')?.textContent;
    const last = window.__shown.at(-1);
    if (text && (last?.text !== text || last?.callId !== box.dataset.callId)) window.__shown.push({ text, callId: box.dataset.callId });
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

test('la relecture d’une convention de plus de 100 pages suit la mise en page, page par page, jusqu’au bout', async ({ page, backend }) => {
  const title = 'Convention très longue (400 articles)';
  await backend.services.store.create({ ...syntheticConvention(400, 300), title }, 'imported');
  await page.reload();
  await page.getByRole('row').filter({ hasText: title }).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(stepsNav(page)).toBeVisible();

  // What the window receives through window.paraphe.onProgress (every call's), and every line the progress shows.
  await page.evaluate(`(() => {
    window.__progress = [];
    window.paraphe.onProgress((p) => window.__progress.push(p));
  })()`);
  await page.evaluate(RECORD_SHOWN);

  await openStep(page, 'Relecture');
  const preview = page.getByRole('region', { name: /^Aperçu du PDF/ });
  await expect(preview.getByRole('img', { name: /^Page 1 sur \d+$/ })).toHaveAttribute('data-drawn', 'true', { timeout: 45_000 });
  const pages = Number(await preview.getAttribute('data-pages'));
  expect(pages).toBeGreaterThan(100);

  // One render call, whose id the page made up and sent with it: every event is tagged with it.
  const [callId] = previewCallIds(backend);
  expect(previewCallIds(backend)).toEqual([callId]);
  expect(callId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  const events = await page.evaluate<Progress[]>('window.__progress');
  expect(events[0]).toEqual({ task: 'render', phase: 'layout', done: 0, total: 0, callId });
  const draws = events.filter((e) => e.phase === 'draw');
  expect(draws.length).toBeGreaterThan(1);
  expect(draws.map((e) => e.done)).toEqual([...draws.map((e) => e.done)].sort((a, b) => a - b));
  expect(events.at(-1)).toEqual({ task: 'render', phase: 'draw', done: pages, total: pages, callId });
  expect(events.filter((e) => e.callId !== callId)).toEqual([]);

  // 199 pages take well over the 150 ms after which the line appears; it is gone once the PDF is shown.
  const shown = await page.evaluate<Array<{ text: string; callId: string }>>('window.__shown');
  expect(shown.length).toBeGreaterThan(0);
  for (const s of shown) expect(s).toEqual({ text: expect.stringMatching(/^Mise en page( : page \d+ sur \d+|…)$/), callId });
  await expect(page.getByTestId('task-progress')).toBeEmpty();
});

test('une autre mise en page lancée dans la même fenêtre ne se mêle pas à la barre de la relecture', async ({ page, backend }) => {
  // Two long renders in one window: another one (started here by hand, as the verify screen or a
  // signature would) is in the worker when the review refreshes its preview, which waits its turn.
  // Both long enough, warm, to outlast the bar's 150 ms on a fast machine (200 articles took 130 ms).
  const title = 'Convention relue (600 articles)';
  await backend.services.store.create({ ...syntheticConvention(600, 300), id: 'fixture-relue', title }, 'imported');
  const other = await backend.services.store.create({ ...syntheticConvention(800, 300), id: 'fixture-autre', title: 'Autre convention (800 articles)' }, 'imported');
  await page.reload();
  await page.getByRole('row').filter({ hasText: title }).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(stepsNav(page)).toBeVisible();
  await openStep(page, 'Relecture');
  const preview = page.getByRole('region', { name: /^Aperçu du PDF/ });
  await expect(preview.getByRole('img', { name: /^Page 1 sur \d+$/ })).toHaveAttribute('data-drawn', 'true', { timeout: 45_000 });
  const pages = Number(await preview.getAttribute('data-pages'));

  await page.evaluate(RECORD_SHOWN);
  await page.evaluate(`(() => {
    window.__other = [];
    window.__otherDone = window.paraphe.pdfPreview({ conventionId: ${JSON.stringify(other.summary.id)} }, { onProgress: (p) => window.__other.push(p) });
  })()`);
  await page.getByRole('button', { name: 'Actualiser l’aperçu' }).click();
  // The review waits for the other render (one worker thread, one task at a time), then draws its own.
  await expect(page.getByText('Génération du PDF…')).toBeVisible();
  await expect(preview.getByRole('img', { name: /^Page 1 sur \d+$/ })).toHaveAttribute('data-drawn', 'true', { timeout: 60_000 });
  const otherResult = await page.evaluate<{ ok: boolean; value: { pageCount: number } }>('window.__otherDone');
  expect(otherResult.ok).toBe(true);
  const otherPages = otherResult.value.pageCount;
  expect(otherPages).toBeGreaterThan(pages);

  const heard = await page.evaluate<Progress[]>('window.__other');
  const otherId = heard[0]!.callId;

  // The two calls overlapped: the review's call reached main before the other render's last step was pushed.
  const ids = previewCallIds(backend);
  expect(ids).toHaveLength(3); // the first preview, the other render, the refresh
  const reviewId = ids.at(-1)!;
  expect(new Set(ids).size).toBe(3);
  expect(ids).toContain(otherId);
  const reviewCall = backend.ipc.findIndex((r) => r.kind === 'call' && r.callId === reviewId);
  const otherLastPush = backend.ipc.map((r) => r.kind === 'push' && (r.payload as Progress).callId === otherId).lastIndexOf(true);
  expect(reviewCall).toBeGreaterThan(-1);
  expect(reviewCall).toBeLessThan(otherLastPush);

  // The review's bar showed its own render only: its call id, its page count, never the other's.
  const shown = await page.evaluate<Array<{ text: string; callId: string }>>('window.__shown');
  expect(shown.length).toBeGreaterThan(0);
  for (const s of shown) {
    expect(s.callId).toBe(reviewId);
    expect(s.text).toMatch(new RegExp(`^Mise en page( : page \\d+ sur ${pages}|…)$`));
  }

  // The other call's listener heard its own steps only, to its last page.
  expect(heard.filter((p) => p.callId !== otherId)).toEqual([]);
  expect(heard.at(-1)).toEqual({ task: 'render', phase: 'draw', done: otherPages, total: otherPages, callId: otherId });

  await expect(page.getByTestId('task-progress')).toBeEmpty();
});
