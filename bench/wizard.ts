/**
 * The wizard in Chromium over a convention of 200 articles: how long from a keystroke in an
 * article body to the next paint, and how long a step switch takes (click to the new step
 * painted); and over a budget of 20 UO (the budget grid), how long from a keystroke in an amount
 * to the next paint. Goals: under 16 ms per keystroke, under 100 ms per step switch (median).
 * Needs the built renderer (`npm run build`); the real handlers serve `window.paraphe`.
 */
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { RENDERER_DIR } from '../test/e2e/harness/fixtures';
import { startBackend } from '../test/e2e/harness/backend';
import { installBridge } from '../test/e2e/harness/bridge';
import { serveStatic } from '../test/e2e/harness/static-server';
import type { Article, BudgetRow } from '../shared/model/convention';
import { formatAmount } from '../shared/rules/format';

const ARTICLES = 200;
const KEYSTROKES = 120;
const SWITCHES = 12;
const BUDGET_UOS = 20;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

// In the page: time from the event to the frame after it (rAF, then a task after that frame's paint).
const PROBE = `(() => {
  window.__paraphePaint = [];
  window.__parapheNextPaint = (t0) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => window.__paraphePaint.push(performance.now() - t0);
    ch.port2.postMessage(0);
  });
  document.addEventListener('keydown', (e) => window.__parapheNextPaint(e.timeStamp), true);
})()`;

async function takeSamples(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(`(() => { const x = window.__paraphePaint; window.__paraphePaint = []; return x; })()`);
}

/** Runs the wizard benchmark and prints its figures. */
export async function run(): Promise<void> {
  if (!existsSync(`${RENDERER_DIR}/index.html`)) {
    console.log('renderer non construit : lancez « npm run build » avant « npm run bench -- wizard ».');
    return;
  }
  const server = await serveStatic(RENDERER_DIR);
  const backend = await startBackend({ origin: server.origin });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const h = backend.handlers;
    const summary = await h['convention:create']({ templateId: 'exemple-camino-2020', title: 'Banc 200 articles' });
    const record = await h['convention:get']({ id: summary.id });
    const model = record.convention.articles;
    const articles: Article[] = Array.from({ length: ARTICLES }, (_, i) => {
      const a = model[i % model.length]!;
      return { ...a, id: `bench-article-${i}`, title: `${a.title} (${i + 1})` };
    });
    await h['convention:save']({ convention: { ...record.convention, articles } });

    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    await installBridge(context, backend.dispatch);
    const page = await context.newPage();
    await page.goto(`${server.origin}/index.html`);
    await page.getByRole('row').filter({ hasText: 'Banc 200 articles' }).getByRole('button', { name: 'Ouvrir' }).click();
    const nav = page.getByRole('navigation', { name: 'Étapes de la convention' });
    await nav.waitFor();
    await page.evaluate(PROBE);

    // Step switches: click → the new step painted.
    const stepTimes: Record<string, number[]> = {};
    const order = ['Articles', 'Budget', 'Articles', 'Informations générales'];
    for (let i = 0; i < SWITCHES; i += 1) {
      const label = order[i % order.length]!;
      const t = await page.evaluate<number>(`new Promise((resolve) => {
        const btn = [...document.querySelectorAll('[data-step]')].find((b) => b.textContent.includes(${JSON.stringify(label)}));
        const t0 = performance.now();
        btn.click();
        requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => resolve(performance.now() - t0); ch.port2.postMessage(0); });
      })`);
      (stepTimes[label] ??= []).push(t);
      await page.waitForTimeout(150);
    }

    // The floor of this measure on this machine: keys that nothing handles still wait for the next frame.
    await page.locator('#paraphe-stepper').click();
    await takeSamples(page);
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Shift');
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(200);
    const floor = await takeSamples(page);

    // Keystrokes in the body of article 100.
    await nav.getByRole('button', { name: /^5\. Articles/ }).click();
    await page.getByRole('button', { name: /^Article 100 :/ }).click();
    const body = page.locator('#champ-articles-99-body');
    await body.click();
    await page.keyboard.press('Control+End');
    await takeSamples(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }).metrics.map((m) => [m.name, m.value]));
    const before = await metric();
    for (let i = 0; i < KEYSTROKES; i += 1) {
      await page.keyboard.type('abcdefghij'[i % 10]!);
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(300);
    const after = await metric();
    // Where the main thread spent its time while typing, per keystroke (Chromium's own counters).
    const per = (name: string) => ((after[name]! - before[name]!) * 1000) / KEYSTROKES;
    const split = `script ${per('ScriptDuration').toFixed(1)} ms, style ${per('RecalcStyleDuration').toFixed(1)} ms, layout ${per('LayoutDuration').toFixed(1)} ms, tâches ${per('TaskDuration').toFixed(1)} ms`;
    const keys = (await takeSamples(page)).slice(0, KEYSTROKES);
    const typed = await body.innerText();
    if (!typed.includes('abcdefghij')) throw new Error('les frappes ne sont pas arrivées dans l’article 100');

    // The budget grid: a keystroke in an amount of UO 10 of 20 (a digit typed, then erased: each
    // keystroke changes the amount, its totals and the findings).
    const budgetSummary = await h['convention:create']({ templateId: 'exemple-camino-2020', title: 'Banc budget 20 UO' });
    const budgetRecord = await h['convention:get']({ id: budgetSummary.id });
    const seedRows = budgetRecord.convention.budget.rows;
    const rows: BudgetRow[] = Array.from({ length: BUDGET_UOS }, (_, i) => {
      const r = seedRows[i % seedRows.length]!;
      const code = `0113-B${String(i).padStart(3, '0')}-ELAB`;
      const line = (l: BudgetRow['ae'][number], k: string) => ({ ...l, id: `${l.id}-${i}-${k}` });
      return { ...r, id: `bench-uo-${i}`, uo: code, ae: r.ae.map((l) => line(l, 'ae')), cp: r.cp.map((l) => line(l, 'cp')) };
    });
    const accounting = rows.map((r, i) => ({ ...budgetRecord.convention.accounting[0]!, id: `bench-ref-${i}`, uo: r.uo }));
    await h['convention:save']({ convention: { ...budgetRecord.convention, budget: { ...budgetRecord.convention.budget, rows }, accounting } });
    await page.goto(`${server.origin}/index.html`);
    await page.getByRole('row').filter({ hasText: 'Banc budget 20 UO' }).getByRole('button', { name: 'Ouvrir' }).click();
    await nav.waitFor();
    await page.evaluate(PROBE);
    await nav.getByRole('button', { name: /^6\. Budget/ }).click();
    const amount = page.locator('#champ-budget-rows-9-cp-0-amountCents');
    await amount.click();
    await page.keyboard.press('End');
    await takeSamples(page);
    const budgetBefore = await metric();
    for (let i = 0; i < KEYSTROKES; i += 1) {
      await page.keyboard.press(i % 2 === 0 ? '5' : 'Backspace');
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(300);
    const budgetAfter = await metric();
    const budgetPer = (name: string) => ((budgetAfter[name]! - budgetBefore[name]!) * 1000) / KEYSTROKES;
    const budgetSplit = `script ${budgetPer('ScriptDuration').toFixed(1)} ms, style ${budgetPer('RecalcStyleDuration').toFixed(1)} ms, layout ${budgetPer('LayoutDuration').toFixed(1)} ms, tâches ${budgetPer('TaskDuration').toFixed(1)} ms`;
    const budgetKeys = (await takeSamples(page)).slice(0, KEYSTROKES);
    await amount.press('5');
    await page.waitForTimeout(300);
    const live = await page.locator('.paraphe-budget-total').innerText();
    const typedCp = rows[9]!.cp[0]!.amountCents * 10 + 500;
    const expectedCp = rows.reduce((sum, r) => sum + r.cp.reduce((s, l) => s + l.amountCents, 0), 0) - rows[9]!.cp[0]!.amountCents + typedCp;
    const plain = (x: string) => x.replace(/[\u202f\u00a0]/g, ' ');
    if (!plain(live).includes(`Total des CP : ${plain(formatAmount(expectedCp))}`)) {
      throw new Error(`le total des CP n’a pas suivi les frappes dans la grille du budget : ${live}`);
    }

    console.log(`convention de ${ARTICLES} articles, Chromium ${browser.version()}`);
    console.log(`plancher de la mesure (touche sans effet, même page) : médiane ${ms(median(floor))}`);
    console.log(`frappe → image suivante (corps de l'article 100, ${keys.length} frappes) : médiane ${ms(median(keys))}, p95 ${ms(quantile(keys, 0.95))} (objectif < 16 ms)`);
    console.log(`  temps du fil principal par frappe : ${split}`);
    console.log(`frappe → image suivante (montant d'une UO dans la grille du budget, ${BUDGET_UOS} UO, ${budgetKeys.length} frappes) : médiane ${ms(median(budgetKeys))}, p95 ${ms(quantile(budgetKeys, 0.95))} (objectif < 16 ms)`);
    console.log(`  temps du fil principal par frappe : ${budgetSplit}`);
    for (const [label, xs] of Object.entries(stepTimes)) {
      console.log(`changement d'étape → « ${label} » : médiane ${ms(median(xs))}, max ${ms(Math.max(...xs))} (${xs.length} fois, objectif < 100 ms)`);
    }
    const all = Object.values(stepTimes).flat();
    console.log(`changement d'étape, toutes étapes : médiane ${ms(median(all))}`);
    await context.close();
  } finally {
    await browser.close();
    await backend.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
