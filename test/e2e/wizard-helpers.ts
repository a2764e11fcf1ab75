import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { axeProblems } from './harness/axe';
import { expect, type Page } from '@playwright/test';
import { fieldId } from '../../renderer/wizard/model/steps';

/** Where the journey's screenshots go: one PNG per step, named by step. */
export const SCREENS_DIR = join(import.meta.dirname, '../../test-results/screens');

/** The input editing a model path (ids are derived from the path, see renderer/wizard/model/steps.ts). */
export const field = (page: Page, path: string) => page.locator(`#${fieldId(path)}`);

/** The steps menu. */
export const stepsNav = (page: Page) => page.getByRole('navigation', { name: 'Étapes de la convention' });

/** Opens a step from the menu and waits for its title. */
export async function openStep(page: Page, label: string): Promise<void> {
  await stepsNav(page).getByRole('button', { name: new RegExp(`^\\d+\\. ${label}`) }).click();
  await expect(page.locator('#paraphe-stepper h2')).toContainText(label);
}

/** Waits until the header says the draft is saved (main acknowledged the last change). */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText(/^Enregistré à \d{1,2} h \d{2}$/, { timeout: 15_000 });
}

/** Runs axe on the page as it is: no serious or critical violation is allowed. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await axeProblems(page), `axe sur « ${where} »`).toEqual([]);
}

/** Saves a full-page screenshot of the current step as `<nn>-<slug>.png`. */
export async function screenshotStep(page: Page, n: number, slug: string): Promise<void> {
  await mkdir(SCREENS_DIR, { recursive: true });
  // From the top, so that the sticky steps menu is drawn where a person sees it first.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENS_DIR, `${String(n).padStart(2, '0')}-${slug}.png`), fullPage: true });
}

/** Creates a convention from a template through the real handlers and opens it in the wizard. */
export async function openNewConvention(
  page: Page,
  create: (input: { templateId: string; title?: string }) => Promise<{ id: string }>,
  title: string,
  templateId = 'delegation-de-gestion',
): Promise<string> {
  const { id } = await create({ templateId, title });
  await page.reload();
  await page.getByRole('row').filter({ hasText: title }).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(stepsNav(page)).toBeVisible();
  return id;
}

/** The accessible name of the focused element, roughly as a screen reader says it. */
export async function focusedName(page: Page): Promise<string> {
  // A string: the Node tsconfig used for tests has no DOM types.
  return page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el) return '';
    const labelled = el.getAttribute('aria-labelledby');
    const byId = labelled ? labelled.split(' ').map((i) => document.getElementById(i)?.textContent ?? '').join(' ') : '';
    const labels = el.labels;
    return (el.getAttribute('aria-label') || byId || (labels && labels[0] ? labels[0].textContent : '') || el.textContent || '').replace(/\\s+/g, ' ').trim();
  })()`);
}

/** Presses Tab (or Maj+Tab) until the focused element's name matches: the keyboard user's way of getting somewhere. */
export async function tabTo(page: Page, name: string | RegExp, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const matches = (n: string) => (typeof name === 'string' ? n.startsWith(name) : name.test(n));
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 150); i += 1) {
    const n = await focusedName(page);
    if (matches(n)) return;
    seen.push(n);
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`« ${String(name)} » introuvable au clavier ; parcouru : ${seen.slice(-25).join(' | ')}`);
}

/** Types into the focused field, replacing what it holds. */
export async function replaceText(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}
