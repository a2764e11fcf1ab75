#!/usr/bin/env node
// The `paraphe` command line. Runs the TypeScript sources directly through tsx so that
// `npx paraphe …` works right after `npm ci`, with no build step.
import { realpathSync } from 'node:fs';
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

try {
  // npx runs this file through a symlink in node_modules/.bin: resolve the real location.
  const here = dirname(realpathSync(fileURLToPath(import.meta.url)));
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import(pathToFileURL(join(here, '..', 'main', 'cli', 'index.ts')).href);
  const { createNodeCliIo } = await import(pathToFileURL(join(here, '..', 'main', 'cli', 'io.ts')).href);
  const code = await main(process.argv.slice(2), createNodeCliIo());
  process.exitCode = code;
} catch (error) {
  fail(error);
}
