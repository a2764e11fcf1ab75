import { isAscii } from 'node:buffer';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The `paraphe` command line runs from out/cli/ (scripts/build.mjs, `npm run build` and the
 * `prepare` script of `npm ci`): a dispatcher and one bundle per command, each run with V8's
 * code cache (main/cli/compiled.ts). `--version` must load next to nothing, `verify` neither
 * the PDF engine, the fonts, React, node-forge nor pkcs11js; a cache V8 refuses is compiled
 * past and rewritten.
 */

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'bin', 'paraphe.mjs');
const outdir = join(root, 'out', 'cli');
let meta: Metafile;
let commands: Record<string, string>;
let dir: string;

beforeAll(async () => {
  const { buildCli } = (await import(join(root, 'scripts', 'build.mjs'))) as { buildCli: () => Promise<{ metafile: Metafile; commands: Record<string, string> }> };
  const built = await buildCli();
  commands = built.commands;
  // Outputs are named as written (out/cli.<pid>.tmp/…, then swapped in): keep the part under out/cli/.
  const rel = (p: string) => p.replace(/^.*?out\/cli\.\d+\.tmp\//, '');
  meta = {
    inputs: built.metafile.inputs,
    outputs: Object.fromEntries(
      Object.entries(built.metafile.outputs).map(([k, o]) => [rel(k), { ...o, imports: o.imports.map((i) => ({ ...i, path: rel(i.path) })) }]),
    ),
  };
  dir = await mkdtemp(join(tmpdir(), 'paraphe-cli-bundle-'));
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Every source (project file or package) in the bundle `output` (relative to out/cli): self-contained, it loads no other. */
function inputsOf(output: string): string[] {
  const o = meta.outputs[output];
  if (!o) throw new Error(`${output} n'a pas été construit`);
  expect(o.imports.filter((i) => !i.external)).toEqual([]);
  return Object.keys(o.inputs);
}

const heavy = /node_modules\/(pdf-lib|@pdf-lib\/fontkit|node-forge|react|react-dom|pkcs11js|zod)\/|main\/pdf\/|main\/signing\/stamp-font/;

describe('the bundled command line (out/cli/)', () => {
  it('is built, with the list of sources it was built from', () => {
    expect(existsSync(join(outdir, 'paraphe.cjs'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(outdir, 'sources.json'), 'utf8')) as { builtAt: number; sources: string[] };
    expect(manifest.sources).toContain('main/cli/index.ts');
    expect(manifest.sources).toContain('main/pdf/layout/flow.ts');
    expect(manifest.sources.every((s) => !s.includes('node_modules'))).toBe(true);
    // ASCII only, read as Latin-1 (main/cli/compiled.ts): the typographic rules' « » ’ € escaped.
    for (const file of ['paraphe.cjs', ...Object.values(commands)]) expect(isAscii(readFileSync(join(outdir, file))), file).toBe(true);
  });

  it('--version and --help load the dispatcher alone: no package, no command', () => {
    const inputs = inputsOf('paraphe.cjs');
    expect(inputs).toContain('main/cli/index.ts');
    expect(inputs.filter((i) => i.includes('node_modules'))).toEqual([]);
    expect(inputs.filter((i) => /main\/cli\/commands\/(?!index)/.test(i))).toEqual([]);
  });

  it('verify loads neither the PDF engine, the fonts, pdf-lib, node-forge, zod, React nor pkcs11js', () => {
    const inputs = inputsOf(commands.verify!);
    expect(inputs).toContain('main/signing/verify/verify-pdf.ts');
    expect(inputs.filter((i) => heavy.test(i))).toEqual([]);
  });

  it('zod comes with its French and English messages only, and the bundled validate speaks French', () => {
    const locales = Object.keys(meta.inputs).filter((i) => /node_modules\/zod\/v4\/locales\//.test(i));
    expect(locales.sort()).toEqual(['node_modules/zod/v4/locales/en.js', 'node_modules/zod/v4/locales/fr.js']);
    const bad = join(dir, 'titre-nombre.json');
    const show = spawnSync(process.execPath, [bin, 'template', 'show', 'exemple-camino-2020'], { encoding: 'utf8', env: { ...process.env, PARAPHE_CLI: 'bundle' } });
    writeFileSync(bad, JSON.stringify({ ...(JSON.parse(show.stdout) as object), title: 5 }));
    const r = spawnSync(process.execPath, [bin, 'validate', bad], { encoding: 'utf8', env: { ...process.env, PARAPHE_CLI: 'bundle' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^title : Entrée invalide : chaîne de caractères attendu, nombre reçu/m);
    // render checks with zod jitless (main/cli/zod-jitless.ts): the same findings, the same words.
    const render = spawnSync(process.execPath, [bin, 'render', bad, '-o', join(dir, 'jamais.pdf')], { encoding: 'utf8', env: { ...process.env, PARAPHE_CLI: 'bundle' } });
    expect(render.status).toBe(1);
    expect(render.stdout).toBe(r.stdout);
    expect(existsSync(join(dir, 'jamais.pdf'))).toBe(false);
  });

  it('render does load the PDF engine (the check above can fail)', () => {
    const inputs = inputsOf(commands.render!);
    expect(inputs.filter((i) => heavy.test(i))).toEqual(expect.arrayContaining(['main/pdf/layout/flow.ts', 'main/pdf/fonts.ts']));
  });

  it('validate and render build the model with zod/mini: zod classic (its methods on every schema) stays out', () => {
    for (const name of ['validate', 'render']) {
      const inputs = inputsOf(commands[name]!);
      expect(inputs.some((i) => i.includes('node_modules/zod/v4/mini/')), name).toBe(true);
      expect(inputs.filter((i) => i.includes('node_modules/zod/v4/classic/')), name).toEqual([]);
    }
  });

  it('a real `paraphe --version` reads the bundle: two small files, nothing from node_modules, no tsx', async () => {
    // A preload that records every module Node loads, ES (resolve hook) and CommonJS
    // (require.cache), and every file read whole (the command bundles are read, then compiled).
    const log = join(dir, 'loaded.txt');
    const hook = join(dir, 'record.mjs');
    await writeFile(
      hook,
      `import { register, createRequire } from 'node:module';
import fs, { appendFileSync } from 'node:fs';
register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs';
export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith('file:')) appendFileSync(process.env.PARAPHE_LOADED, r.url + '\\\\n'); return r; }\`));
const read = fs.readFileSync;
fs.readFileSync = function (p, ...rest) { if (typeof p === 'string') appendFileSync(process.env.PARAPHE_LOADED, p + '\\n'); return read.call(this, p, ...rest); };
process.on('exit', () => appendFileSync(process.env.PARAPHE_LOADED, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n'));
`,
    );
    const r = spawnSync(process.execPath, ['--import', hook, bin, '--version'], { encoding: 'utf8', env: { ...process.env, PARAPHE_LOADED: log, PARAPHE_DEBUG: '1', PARAPHE_CLI: 'bundle' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`paraphe ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
    const loaded = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].filter((u) => !u.endsWith('record.mjs'));
    expect(loaded.filter((u) => u.includes('node_modules'))).toEqual([]);
    expect(loaded.filter((u) => u.includes('/out/cli/')).length).toBeLessThanOrEqual(3);
    expect(loaded.some((u) => u.endsWith('/out/cli/paraphe.cjs'))).toBe(true);
    expect(loaded.filter((u) => u.includes('/out/cli/commands/'))).toEqual([]);
  });

  it('a real `paraphe render` loads the Node modules it needs before V8 flags are set (Node’s compiled cache of them still usable)', async () => {
    // A preload that notes which of Node's own modules are loaded after the first V8 flag is
    // set (main/cli/compiled.ts): those are compiled from their source, node:crypto 2.5 ms slower.
    const log = join(dir, 'after-flags.txt');
    const spy = join(dir, 'flag-spy.cjs');
    await writeFile(
      spy,
      `const v8 = require('node:v8');
const set = v8.setFlagsFromString;
let at;
v8.setFlagsFromString = function (flag) { if (at === undefined) at = process.moduleLoadList.length; return set.call(this, flag); };
process.on('exit', () => require('node:fs').writeFileSync(process.env.PARAPHE_AFTER_FLAGS, JSON.stringify(at === undefined ? null : process.moduleLoadList.slice(at))));
`,
    );
    const json = join(dir, 'camino-flags.json');
    const show = spawnSync(process.execPath, [bin, 'template', 'show', 'exemple-camino-2020'], { encoding: 'utf8', env: { ...process.env, PARAPHE_CLI: 'bundle' } });
    writeFileSync(json, show.stdout);
    const r = spawnSync(process.execPath, ['--require', spy, bin, 'render', json, '-o', join(dir, 'flags.pdf'), '--date', '2020-03-26'], {
      encoding: 'utf8',
      env: { ...process.env, PARAPHE_CLI: 'bundle', PARAPHE_AFTER_FLAGS: log },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const after = JSON.parse(readFileSync(log, 'utf8')) as string[] | null;
    expect(after).not.toBeNull();
    expect(after!.filter((m) => m.startsWith('NativeModule '))).toEqual([]);
  });

  it('the build caches the compiled code of template, validate and render; a render uses it and gives the same bytes', () => {
    for (const name of ['template', 'validate', 'render']) expect(existsSync(join(outdir, `${commands[name]!}.${process.version}-${process.arch}.v8cache`))).toBe(true);
    // Marianne's four faces, kept decompressed by the training render (main/pdf/fonts.ts, keepFacesIn).
    expect(readdirSync(join(outdir, 'fonts')).filter((f) => f.endsWith('.otf'))).toHaveLength(4);
    const json = join(dir, 'camino.json');
    const show = spawnSync(process.execPath, [bin, 'template', 'show', 'exemple-camino-2020'], { encoding: 'utf8', env: { ...process.env, PARAPHE_CLI: 'bundle' } });
    expect(show.status).toBe(0);
    writeFileSync(json, show.stdout);
    const render = (out: string, cache: string) =>
      spawnSync(process.execPath, [bin, 'render', json, '-o', join(dir, out), '--date', '2020-03-26'], {
        encoding: 'utf8',
        env: { ...process.env, PARAPHE_CLI: 'bundle', PARAPHE_DEBUG: '1', PARAPHE_CODE_CACHE: cache },
      });
    const cached = render('cached.pdf', '');
    // PARAPHE_DEBUG says when V8 refuses a cache: silent here, so the cache was used.
    expect(cached.stderr).toBe('');
    expect(cached.status).toBe(0);
    const compiled = render('compiled.pdf', '0');
    expect(compiled.status).toBe(0);
    expect(readFileSync(join(dir, 'cached.pdf')).equals(readFileSync(join(dir, 'compiled.pdf')))).toBe(true);
  });

  it('a cache V8 refuses (another Node, damaged) is compiled past, then rewritten by a call that succeeds; a --help call writes none', async () => {
    const copy = join(dir, 'cache-copy');
    const cp = promisify(execFile);
    await cp('mkdir', ['-p', join(copy, 'out')]);
    await cp('cp', ['-r', join(root, 'bin'), join(root, 'package.json'), copy]);
    await cp('cp', ['-r', outdir, join(copy, 'out', 'cli')]);
    await cp('ln', ['-s', join(root, 'node_modules'), join(copy, 'node_modules')]);
    const bundle = join(copy, 'out', 'cli', commands.template!);
    const cache = `${bundle}.${process.version}-${process.arch}.v8cache`;
    const good = readFileSync(cache);
    const damaged = Buffer.from(good);
    damaged.fill(0x55, 8, 64); // V8's header: version and flag hashes, checksum
    writeFileSync(cache, damaged);
    const run = (...args: string[]) => spawnSync(process.execPath, [join(copy, 'bin', 'paraphe.mjs'), 'template', ...args], { encoding: 'utf8', env: { ...process.env, PARAPHE_CLI: 'bundle', PARAPHE_DEBUG: '1' } });
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(/cache de code refusé par V8/);
    expect(readFileSync(cache).equals(damaged)).toBe(true);
    const list = run('list');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/exemple-camino-2020/);
    expect(list.stderr).toMatch(/cache de code refusé par V8/);
    expect(readFileSync(cache).equals(damaged)).toBe(false);
    const again = run('list');
    expect(again.stdout).toBe(list.stdout);
    expect(again.stderr).toBe('');
  });

  it('a source edited after the build is run from the sources, not from the stale bundle', async () => {
    // A copy of the project: cp gives every source a new mtime, newer than the manifest's builtAt.
    const copy = join(dir, 'copie');
    const cp = promisify(execFile);
    await cp('mkdir', ['-p', join(copy, 'out')]);
    await cp('cp', ['-r', join(root, 'bin'), join(root, 'main'), join(root, 'shared'), join(root, 'package.json'), copy]);
    await cp('cp', ['-r', outdir, join(copy, 'out', 'cli')]);
    await cp('ln', ['-s', join(root, 'node_modules'), join(copy, 'node_modules')]);
    const run = () => spawnSync(process.execPath, [join(copy, 'bin', 'paraphe.mjs'), '--version'], { encoding: 'utf8', env: { ...process.env, PARAPHE_DEBUG: '1' } });
    const stale = run();
    expect(stale.stdout).toMatch(/^paraphe \d/);
    expect(stale.stderr).toMatch(/modifié depuis la construction ; exécution depuis les sources TypeScript/);
    const manifestPath = join(copy, 'out', 'cli', 'sources.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { builtAt: number };
    await writeFile(manifestPath, JSON.stringify({ ...manifest, builtAt: Date.now() + 60_000 }));
    const fresh = run();
    expect(fresh.stdout).toMatch(/^paraphe \d/);
    expect(fresh.stderr).toBe('');
  });
});
