import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/*
 * Opening the app must cost nothing for the PDF engine (issue 16): main's modules import it
 * at the first render (main/pdf/lazy.ts), and the worker thread warms it up meanwhile. Checked
 * in a fresh process (fontkit, which only the engine's fonts.ts imports, is CommonJS: it shows
 * in require.cache once loaded) and on the static import graph of main's entry.
 */

function loadedAfter(script: string): { fontkit: boolean; out: string } {
  const code = `${script}
const { createRequire } = await import('node:module');
const cache = createRequire(import.meta.url).cache;
console.log('FONTKIT=' + Object.keys(cache).some((k) => k.includes('@pdf-lib/fontkit')));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', cwd: process.cwd() });
  return { fontkit: /FONTKIT=true/.test(r.stdout), out: `${r.stdout}${r.stderr}` };
}

describe("main's start does not load the PDF engine", () => {
  it('importing the handler table (what main/electron/main.ts opens) and building every handler loads no fontkit', () => {
    const r = loadedAfter(`
const { mkdtempSync } = await import('node:fs');
const { join } = await import('node:path');
const { tmpdir } = await import('node:os');
const { createHandlerTable } = await import('./main/ipc/handler-table.ts');
await import('./main/ipc/handlers/pdf.ts');
await import('./main/ipc/handlers/conventions.ts');
await import('./main/signing/convention-signing.ts');
const dir = mkdtempSync(join(tmpdir(), 'paraphe-lazy-'));
createHandlerTable({ store: { dataDir: dir }, ports: { paths: { dataDir: dir, appName: 'Paraphe', version: '0' }, dialog: {} } });`);
    expect(r.out).toContain('FONTKIT=');
    expect(r.fontkit, r.out).toBe(false);
  });

  it('the first render without a worker loads it (the check above can fail)', () => {
    const r = loadedAfter(`
const { createPdfHandlers } = await import('./main/ipc/handlers/pdf.ts');
const { getTemplate } = await import('./shared/templates/index.ts');
const handlers = createPdfHandlers({ store: { dataDir: '/nonexistent' } });
const out = await handlers['pdf:preview']({ convention: getTemplate('exemple-camino-2020').build() });
console.log('PAGES=' + out.pageCount);`);
    expect(r.out).toMatch(/PAGES=\d+/);
    expect(r.fontkit, r.out).toBe(true);
  });

  it("main's static imports reach no module of main/pdf that draws (render, draw, fonts), and pdf-lib only through the signature stamp", async () => {
    const result = await build({
      entryPoints: ['main/electron/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      outdir: 'out-lazy-check',
      external: ['electron', 'pkcs11js'],
      logLevel: 'silent',
    });
    const inputs = result.metafile.inputs;
    // What main's entry reaches by static imports (dynamic import() is the door).
    const reached = new Set<string>(['main/electron/main.ts']);
    const queue = ['main/electron/main.ts'];
    while (queue.length) {
      const file = queue.shift()!;
      for (const i of inputs[file]?.imports ?? []) {
        if (i.kind === 'dynamic-import' || reached.has(i.path)) continue;
        reached.add(i.path);
        queue.push(i.path);
      }
    }
    expect(reached.has('main/ipc/handlers/pdf.ts')).toBe(true);
    expect([...reached].filter((f) => /^main\/pdf\/(render|draw|fonts|archival|woff2)\.ts$|@pdf-lib\/fontkit/.test(f))).toEqual([]);
    // pdf-lib: main/signing/appearance.ts (Helvetica's metrics for the stamp) still imports it at start.
    const importers = [...reached].filter((f) => inputs[f]?.imports.some((i) => i.kind !== 'dynamic-import' && /node_modules\/pdf-lib\//.test(i.path)) && !f.includes('node_modules'));
    expect(importers.filter((f) => f !== 'main/signing/appearance.ts')).toEqual([]);
  });
});
