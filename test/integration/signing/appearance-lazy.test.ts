import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/*
 * The signature stamp's Helvetica metrics come from pdf-lib, loaded at the first stamp drawn
 * with Helvetica (main/signing/appearance.ts): main imports main/signing at start and must
 * not evaluate pdf-lib for it. Checked from the sources in a fresh process (CommonJS modules
 * in Node's require cache), and in main's bundle (the import is a require() call, which the
 * bundle evaluates on demand, not an import statement evaluated at start).
 */

/** Runs `script` in a fresh Node (tsx); whether pdf-lib was loaded at the end, and what it printed. */
function pdfLibLoadedAfter(script: string): { loaded: boolean; out: string } {
  const code = `${script}
const { createRequire } = await import('node:module');
console.log('PDFLIB=' + Object.keys(createRequire(import.meta.url).cache).some((m) => /node_modules\\/pdf-lib\\//.test(m)));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', cwd: process.cwd() });
  const line = r.stdout.split('\n').find((l) => l.startsWith('PDFLIB='));
  return { loaded: line === 'PDFLIB=true', out: `${r.stdout}${r.stderr}`.slice(0, 4000) };
}

describe('the signature stamp loads pdf-lib on first use', () => {
  it('importing the signing modules (as main does) does not load it', () => {
    const r = pdfLibLoadedAfter(`await import('./main/signing/appearance.ts'); await import('./main/signing/sign-pdf.ts'); console.log('OK');`);
    expect(r.out).toContain('OK');
    expect(r.loaded, r.out).toBe(false);
  });

  it('drawing a Helvetica stamp loads it, and measures with it (the check above can fail)', () => {
    const r = pdfLibLoadedAfter(`const { stampAppearance } = await import('./main/signing/appearance.ts');
const s = stampAppearance(200, 60, [{ text: 'Signature numérique de Jeanne Dupont', bold: true }, { text: 'Date : 2020.03.23' }]);
console.log('OPS=' + s.data.toString('latin1').split('\\n').filter((l) => l.includes('Tj')).length);`);
    expect(r.out).toMatch(/OPS=[1-9]/);
    expect(r.loaded, r.out).toBe(true);
  });

  it("in main's bundle, appearance.ts reaches pdf-lib by a require() call only", async () => {
    const result = await build({
      entryPoints: ['main/electron/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      outdir: 'out-appearance-check',
      external: ['electron', 'pkcs11js'],
      define: { 'import.meta.url': '__paraphe_import_meta_url' },
      logLevel: 'silent',
    });
    const kinds = result.metafile.inputs['main/signing/appearance.ts']!.imports.filter((i) => /node_modules\/pdf-lib\//.test(i.path)).map((i) => i.kind);
    expect(kinds).toEqual(['require-call']);
  });
});
