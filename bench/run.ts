/**
 * `npm run bench`: runs every benchmark module of this folder (each exports `run()`) and
 * prints its figures. Each module compares Paraphe with the peer its issue names, in the same
 * run (ratios: these machines are noisy). `npm run bench -- storage pdf` runs only those.
 * Each module runs in its own process, so that memory figures are its own.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const order = ['storage', 'pdf', 'sign', 'ipc', 'wizard', 'startup'];
const found = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

const only = process.argv.slice(2);
const chosen = only.length ? found.filter((m) => only.includes(m)) : found;
for (const name of only.filter((m) => !found.includes(m))) console.log(`Banc d'essai inconnu : ${name} (connus : ${found.join(', ')})`);

if (process.env.PARAPHE_BENCH_CHILD) {
  // One module in this process (started below): its memory figures are its own.
  for (const name of chosen) {
    const mod = (await import(`./${name}.ts`)) as { run?: () => Promise<void> };
    if (typeof mod.run !== 'function') throw new Error(`bench/${name}.ts n'exporte pas run()`);
    await mod.run();
  }
} else {
  // Each module in a fresh process: one module's heap (10,000 stored conventions) must not
  // inflate the next one's peak RSS or slow its garbage collection.
  let failed = 0;
  for (const name of chosen) {
    console.log(`\n== ${name}`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], {
      stdio: 'inherit',
      env: { ...process.env, PARAPHE_BENCH_CHILD: '1' },
    });
    if (child.status !== 0) {
      failed += 1;
      console.log(`bench/${name}.ts a échoué (code ${child.status ?? child.signal}).`);
    }
  }
  if (failed) process.exitCode = 1;
}

function rank(name: string): number {
  const i = order.indexOf(name);
  return i === -1 ? order.length : i;
}
