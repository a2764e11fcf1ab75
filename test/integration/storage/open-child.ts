/**
 * Opens a data folder, prints what the store offers as one JSON line, and closes it: the
 * titles listed, the recovery report, and the error when it cannot open. Run as another user
 * by unreadable.test.ts (root reads files whatever their permissions).
 * Usage: node open-child.mjs <dataDir>
 */
import { UserError } from '../../../shared/errors';
import { openStore } from '../../../main/storage/index';

const [dataDir] = process.argv.slice(2) as [string];
try {
  const store = await openStore(dataDir);
  const titles = (await store.list()).map((s) => s.title).sort();
  const recovery = store.recovery;
  await store.close();
  process.stdout.write(`${JSON.stringify({ titles, recovery })}\n`);
} catch (e) {
  process.stdout.write(`${JSON.stringify({ error: e instanceof UserError ? { code: e.code, message: e.message } : String(e) })}\n`);
}
