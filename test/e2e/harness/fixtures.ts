import { test as base, expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { HandlersFor } from '../../../shared/ipc/define';
import type { contract } from '../../../shared/ipc/contract';
import { startBackend, type Backend } from './backend';
import { installBridge } from './bridge';
import { serveStatic, type StaticServer } from './static-server';

/** The built renderer the harness serves (`npm run build` makes it). */
export const RENDERER_DIR = process.env.PARAPHE_OUT_DIR ? join(resolve(process.env.PARAPHE_OUT_DIR), 'renderer') : join(import.meta.dirname, '../../../out/renderer');

/** What a harness test receives besides Playwright's own fixtures. */
export interface ParapheFixtures {
  /** The app, loaded, with `window.paraphe` wired to the real handlers. */
  page: Page;
  /** The real services over a temp folder, with scripted dialogs. */
  backend: Backend;
  /** The data folder the store writes to. */
  dataDir: string;
  /** The handler table ipcMain registers (use it to prepare state quickly). */
  handlers: HandlersFor<typeof contract>;
  /** Uncaught page errors and console errors (CSP refusals land here); checked empty by default. */
  pageErrors: string[];
}

/**
 * Playwright test with the Paraphe harness: the built renderer served on 127.0.0.1, Debian's
 * Chromium (see playwright.config.ts), and every contract function routed to the same
 * handler table and dispatch that ipcMain uses, over a real store in a temp folder.
 */
export const test = base.extend<ParapheFixtures, { rendererServer: StaticServer }>({
  rendererServer: [
    async ({}, use) => {
      if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
        throw new Error(`Renderer non construit (${RENDERER_DIR} manque) : lancez « npm run build » avant les tests e2e.`);
      }
      const server = await serveStatic(RENDERER_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  backend: async ({ context, rendererServer }, use) => {
    const backend = await startBackend({ origin: rendererServer.origin });
    await installBridge(context, backend.dispatch);
    await use(backend);
    await backend.close();
  },
  pageErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
  },
  page: async ({ page, backend, rendererServer, pageErrors }, use) => {
    void backend; // the bridge must be installed before the first navigation
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
    await page.goto(`${rendererServer.origin}/index.html`);
    await use(page);
  },
  dataDir: async ({ backend }, use) => use(backend.dataDir),
  handlers: async ({ backend }, use) => use(backend.handlers),
});

export { expect };
