import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * The real Electron app, where its binary exists. On machines where the Electron binary
 * cannot be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1), this spec is skipped and says why;
 * the same renderer and handlers are covered in Chromium by the other specs.
 */

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '../..');

/**
 * The Electron binary's path, or why there is none. Read the way `require('electron')` does
 * (path.txt beside its package), without requiring it: that would try to download the binary.
 */
function electronBinary(): { path: string } | { reason: string } {
  const pkg = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: 'binaire Electron non installé (npm a été lancé avec ELECTRON_SKIP_BINARY_DOWNLOAD=1) ; installez-le pour lancer ce test' };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const path = join(dist, relative);
  return existsSync(path) ? { path } : { reason: `binaire Electron introuvable : ${path}` };
}

const binary = electronBinary();
// Said out loud, not only in the report's annotations.
if ('reason' in binary) console.log(`[electron.spec] test Electron ignoré : ${binary.reason}`);

test.describe('Paraphe dans Electron', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');

  test('démarre, isole le rendu et crée une convention', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'paraphe-electron-'));
    const app = await electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
      env: { ...process.env, PARAPHE_USER_DATA_DIR: userData },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Conventions', level: 1 })).toBeVisible();
      // Sandboxed and isolated: no Node in the page, only the contract's functions.
      const globals = await page.evaluate(() => ({
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
        paraphe: Object.keys((globalThis as unknown as { paraphe: object }).paraphe).sort(),
      }));
      expect(globals.require).toBe('undefined');
      expect(globals.process).toBe('undefined');
      expect(globals.paraphe).toContain('conventionCreate');

      await page.getByRole('combobox', { name: /^Modèle/ }).selectOption('delegation-de-gestion');
      await page.getByRole('textbox', { name: /^Nom court \(facultatif\)/ }).fill('Convention Electron');
      await page.getByRole('button', { name: 'Créer' }).click();
      await expect(page.getByRole('rowheader', { name: 'Convention Electron' })).toBeVisible();

      // Navigation away and new windows are refused.
      await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.org'));
      expect(app.windows()).toHaveLength(1);

      const menu = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label));
      expect(menu).toEqual(expect.arrayContaining(['Fichier', 'Édition', 'Affichage', 'Aide']));

      // Served on the app's own scheme; pdf.js's module worker starts there and draws the draft.
      expect(page.url()).toBe('paraphe://app/index.html');
      await page.getByRole('row').filter({ hasText: 'Convention Electron' }).getByRole('button', { name: 'Ouvrir' }).click();
      await page.getByRole('navigation', { name: 'Étapes de la convention' }).getByRole('button', { name: /^\d+\. Relecture/ }).click();
      const preview = page.getByRole('region', { name: /^Aperçu du PDF/ });
      await expect(preview.getByRole('img', { name: /^Page 1 sur \d+$/ })).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
    } finally {
      await app.close();
    }
    expect((await readdir(join(userData, 'data'))).length).toBeGreaterThan(0);
    await rm(userData, { recursive: true, force: true });
  });
});
