import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
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

/**
 * Bundles a child script of these tests (`<name>.ts` beside this file) with the real storage
 * code into `<outDir>/<name>.mjs`, so that each start of the child costs a plain `node` start
 * rather than a TypeScript loader's. Returns the bundle's path.
 */
export async function bundleChild(name: string, outDir: string, options: { minify?: boolean } = {}): Promise<string> {
  const outfile = join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: options.minify ?? false,
    outfile,
    logLevel: 'error',
  });
  return outfile;
}
