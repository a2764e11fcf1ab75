/**
 * Where the worker thread starts from. The built app has out/main/worker.cjs next to its own
 * bundle (scripts/build.mjs makes both); the sources (tsx for the bench, vitest, Playwright's
 * harness) start entry.ts through tsx's loader, registered inside the new thread.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How to start the worker: a file to run, or a bootstrap to evaluate. */
export type WorkerEntry =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'eval'; readonly code: string; readonly source: string };

/** Finds the worker's entry from this module's own location (`here`, a file URL). */
export function locateWorker(here: string = import.meta.url): WorkerEntry {
  // In the bundle, import.meta.url names out/main/index.cjs (see the banner in scripts/build.mjs).
  const built = fileURLToPath(new URL('./worker.cjs', here));
  if (existsSync(built)) return { kind: 'file', path: built };
  const source = fileURLToPath(new URL('./entry.ts', here));
  if (!existsSync(source)) {
    throw new Error(`Fil de travail introuvable : ni ${built} (construit) ni ${source} (sources). Relancez « npm run build ».`);
  }
  // `--import tsx` in a worker's execArgv does not reach its entry module (Node 20): the
  // bootstrap registers tsx's ESM hooks in the thread, then imports the TypeScript entry.
  const api = createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const code = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(source).href)}); });`;
  return { kind: 'eval', code, source };
}
