import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The `paraphe` command line runs from out/cli/ (scripts/build.mjs, `npm run build` and the
 * `prepare` script of `npm ci`), one chunk per command: `--version` must load next to
 * nothing, `verify` neither the PDF engine, the fonts, React, node-forge nor pkcs11js.
 */

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'bin', 'paraphe.mjs');
const outdir = join(root, 'out', 'cli');
let meta: Metafile;
let dir: string;

beforeAll(async () => {
  const { buildCli } = (await import(join(root, 'scripts', 'build.mjs'))) as { buildCli: () => Promise<{ metafile: Metafile }> };
  const built = (await buildCli()).metafile;
  // Outputs are named as written (out/cli.<pid>.tmp/…, then swapped in): keep the part under out/cli/.
  const rel = (p: string) => p.replace(/^.*?out\/cli\.\d+\.tmp\//, '');
  meta = {
    inputs: built.inputs,
    outputs: Object.fromEntries(
      Object.entries(built.outputs).map(([k, o]) => [rel(k), { ...o, imports: o.imports.map((i) => ({ ...i, path: rel(i.path) })) }]),
    ),
  };
  dir = await mkdtemp(join(tmpdir(), 'paraphe-cli-bundle-'));
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The output file (relative to out/cli) whose inputs contain `input`. */
function outputOf(input: string): string {
  const hit = Object.entries(meta.outputs).find(([, o]) => Object.keys(o.inputs).includes(input));
  if (!hit) throw new Error(`${input} is in no output`);
  return hit[0];
}

/** Every source (project file or package) evaluated when `output` is loaded: its static imports, transitively. */
function staticInputs(output: string): string[] {
  const seen = new Set<string>();
  const visit = (o: string) => {
    if (seen.has(o) || !meta.outputs[o]) return;
    seen.add(o);
    for (const i of meta.outputs[o].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(output);
  return [...seen].flatMap((o) => Object.keys(meta.outputs[o]!.inputs));
}

const heavy = /node_modules\/(pdf-lib|@pdf-lib\/fontkit|node-forge|react|react-dom|pkcs11js|zod)\/|main\/pdf\/|main\/signing\/stamp-font/;

describe('the bundled command line (out/cli/)', () => {
  it('is built, with the list of sources it was built from', () => {
    expect(existsSync(join(outdir, 'paraphe.mjs'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(outdir, 'sources.json'), 'utf8')) as { builtAt: number; sources: string[] };
    expect(manifest.sources).toContain('main/cli/index.ts');
    expect(manifest.sources).toContain('main/pdf/layout/flow.ts');
    expect(manifest.sources.every((s) => !s.includes('node_modules'))).toBe(true);
  });

  it('--version and --help load the dispatcher alone: no package, no command', () => {
    const entry = 'paraphe.mjs';
    const inputs = staticInputs(entry);
    expect(inputs).toContain('main/cli/index.ts');
    expect(inputs.filter((i) => i.includes('node_modules'))).toEqual([]);
    expect(inputs.filter((i) => /main\/cli\/commands\/(?!index)/.test(i))).toEqual([]);
  });

  it('verify loads neither the PDF engine, the fonts, pdf-lib, node-forge, zod, React nor pkcs11js', () => {
    const inputs = staticInputs(outputOf('main/cli/commands/verify.ts'));
    expect(inputs).toContain('main/signing/verify/verify-pdf.ts');
    expect(inputs.filter((i) => heavy.test(i))).toEqual([]);
  });

  it('render does load the PDF engine (the check above can fail)', () => {
    const inputs = staticInputs(outputOf('main/cli/commands/render.ts'));
    expect(inputs.filter((i) => heavy.test(i))).toEqual(expect.arrayContaining(['main/pdf/layout/flow.ts', 'main/pdf/fonts.ts']));
  });

  it('a real `paraphe --version` reads the bundle: two small files, nothing from node_modules, no tsx', async () => {
    // A preload that records every module Node loads, ES (resolve hook) and CommonJS (require.cache).
    const log = join(dir, 'loaded.txt');
    const hook = join(dir, 'record.mjs');
    await writeFile(
      hook,
      `import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs';
export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith('file:')) appendFileSync(process.env.PARAPHE_LOADED, r.url + '\\\\n'); return r; }\`));
process.on('exit', () => appendFileSync(process.env.PARAPHE_LOADED, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n'));
`,
    );
    const r = spawnSync(process.execPath, ['--import', hook, bin, '--version'], { encoding: 'utf8', env: { ...process.env, PARAPHE_LOADED: log, PARAPHE_DEBUG: '1', PARAPHE_CLI: 'bundle' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`paraphe ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
    const loaded = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].filter((u) => !u.endsWith('record.mjs'));
    expect(loaded.filter((u) => u.includes('node_modules'))).toEqual([]);
    expect(loaded.filter((u) => u.includes('/out/cli/')).length).toBeLessThanOrEqual(3);
    expect(loaded.some((u) => u.endsWith('/out/cli/paraphe.mjs'))).toBe(true);
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
