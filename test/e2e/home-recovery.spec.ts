import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './harness/index';
import { installBridge, startBackend } from './harness/index';

test('un fichier endommagé au démarrage : la réparation est annoncée sur l’accueil', async ({ browser, rendererServer }) => {
  const root = await mkdtemp(join(tmpdir(), 'paraphe-recovery-'));
  try {
    // A first session saves a convention twice (so a last good copy exists), then quits.
    const first = await startBackend({ origin: rendererServer.origin, root });
    const created = await first.handlers['convention:create']({ templateId: 'delegation-de-gestion', title: 'Avant la panne' });
    await first.handlers['convention:rename']({ id: created.id, title: 'Après renommage' });
    await first.close({ keep: true });

    // The disk damages the convention's file: cut in the middle of its JSON.
    const record = join(root, 'data', 'conventions', created.id, 'record.json');
    const text = await readFile(record, 'utf8');
    await writeFile(record, text.slice(0, Math.floor(text.length / 2)));

    // The app starts again on the same folder.
    const second = await startBackend({ origin: rendererServer.origin, root });
    const context = await browser.newContext();
    try {
      await installBridge(context, second.dispatch);
      const page = await context.newPage();
      await page.goto(`${rendererServer.origin}/index.html`);
      const report = second.services.store.recovery;
      expect(report).not.toBeNull();
      const alert = page.getByRole('heading', { name: 'Des fichiers endommagés ont été réparés au démarrage' });
      await expect(alert).toBeVisible();
      await expect(page.getByText(report!.message)).toBeVisible();
      // What was recovered is still listed.
      await expect(page.getByRole('rowheader').first()).toBeVisible();
    } finally {
      await context.close();
      await second.close({ keep: true });
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
