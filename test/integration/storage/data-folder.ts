import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore, type ConventionStore } from '../../../main/storage/index';

/** The folders of one test: a temp `root`, the data folder `dir` inside it, and the store the test opened, if any. */
export interface DataFolder {
  root: string;
  dir: string;
  /** Set by the test when it opens a store: closed after the test even when it fails. */
  store: ConventionStore | undefined;
}

/**
 * Before each test, a fresh temp root (readable by other users: some tests run a child as
 * `nobody`) holding `data/`, filled through a store by `fill`; after it, the test's store is
 * closed and everything removed. What lies beside `data/` in the root is the test's own.
 */
export function useDataFolder(prefix: string, fill: (store: ConventionStore) => Promise<void>): DataFolder {
  const folder: DataFolder = { root: '', dir: '', store: undefined };
  beforeEach(async () => {
    folder.root = mkdtempSync(join(tmpdir(), prefix));
    chmodSync(folder.root, 0o755);
    folder.dir = join(folder.root, 'data');
    const s = await openStore(folder.dir);
    await fill(s);
    await s.close();
  });
  afterEach(async () => {
    await folder.store?.close().catch(() => undefined);
    folder.store = undefined;
    rmSync(folder.root, { recursive: true, force: true });
  });
  return folder;
}
