#!/usr/bin/env node
// The `paraphe` command line. Runs the JavaScript bundles that `npm ci` (the `prepare` script)
// and `npm run build` write to out/cli/, one per command, each with its compiled code cached
// (scripts/build.mjs, main/cli/compiled.ts), so that a call starts like a native tool. Without a bundle, or when a source file is newer than it (an
// edit not built yet), it runs the TypeScript sources through tsx: slower, same behaviour.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const debug = process.env.PARAPHE_DEBUG === '1';

function fail(error) {
  if (error && error.name === 'UserError' && typeof error.message === 'string') {
    process.stderr.write(`paraphe : ${error.message}\n`);
  } else {
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `paraphe : erreur inattendue (${detail.split('\n')[0]}). Relancez avec PARAPHE_DEBUG=1 pour le détail, puis signalez le problème.\n`,
    );
  }
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}

process.on('unhandledRejection', fail);
// `paraphe template show … | head`: the reader left; stop quietly as other Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  fail(error);
});

/**
 * Why the bundle in out/cli/ cannot be used, or null when it is current. PARAPHE_CLI=bundle
 * skips the freshness check (the benchmark, which has just built it, while others edit).
 */
function bundleProblem(root) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, 'out', 'cli', 'sources.json'), 'utf8'));
  } catch {
    return 'out/cli/ absent (npm run build le construit)';
  }
  if (process.env.PARAPHE_CLI === 'bundle') return null;
  // About 100 stat calls, well under a millisecond: cheaper than running stale code.
  for (const source of manifest.sources) {
    let mtime;
    try {
      mtime = statSync(join(root, source)).mtimeMs;
    } catch {
      return `${source} a disparu depuis la construction`;
    }
    if (mtime > manifest.builtAt) return `${source} modifié depuis la construction`;
  }
  return null;
}

/** The CLI's `main` and `createNodeCliIo`: from the bundle, else from the sources via tsx. */
async function load(root) {
  const problem = bundleProblem(root);
  if (problem === null) return createRequire(import.meta.url)(join(root, 'out', 'cli', 'paraphe.cjs'));
  if (debug) process.stderr.write(`paraphe : ${problem} ; exécution depuis les sources TypeScript.\n`);
  const { register } = await import('tsx/esm/api');
  register();
  const [{ main }, { createNodeCliIo }] = await Promise.all([
    import(pathToFileURL(join(root, 'main', 'cli', 'index.ts')).href),
    import(pathToFileURL(join(root, 'main', 'cli', 'io.ts')).href),
  ]);
  return { main, createNodeCliIo };
}

try {
  // npx runs this file through a symlink in node_modules/.bin: resolve the real location.
  const root = join(dirname(realpathSync(fileURLToPath(import.meta.url))), '..');
  const { main, createNodeCliIo } = await load(root);
  process.exitCode = await main(process.argv.slice(2), createNodeCliIo());
} catch (error) {
  fail(error);
}
