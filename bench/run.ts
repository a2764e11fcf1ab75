/**
 * `npm run bench`: runs every benchmark module and prints its figures. Each module compares
 * Paraphe with the peer its issue names, in the same run (ratios: these machines are noisy).
 * `npm run bench -- storage pdf` runs only the named ones.
 */
export {};

const modules = ['storage', 'pdf', 'sign', 'wizard'] as const;

const only = process.argv.slice(2);
const chosen = only.length ? modules.filter((m) => only.includes(m)) : modules;
for (const name of chosen) {
  let mod: { run: () => Promise<void> };
  try {
    mod = (await import(`./${name}.ts`)) as { run: () => Promise<void> };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(e).includes(`${name}.ts`)) {
      console.log(`\n== ${name}: pas encore de banc d'essai`);
      continue;
    }
    throw e;
  }
  console.log(`\n== ${name}`);
  await mod.run();
}
