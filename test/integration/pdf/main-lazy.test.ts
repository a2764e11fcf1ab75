import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/*
 * Opening the app must cost nothing for the PDF engine (issue 16): main's modules import it
 * at the first render (main/pdf/lazy.ts), and the worker thread warms it up meanwhile. Checked
 * in a fresh process, whose module loads a loader hook records, and on the static import
 * graph of main's entry.
 */

/** The engine's modules: layout, drawing, fonts, and the libraries only they use. */
const ENGINE = /main\/pdf\/(render|draw|fonts|opentype|cff|woff2|archival|layout\/document)\.ts$|@pdf-lib\/fontkit/;

/** Runs `script` in a fresh Node (tsx) and returns the modules it loaded (file URLs), and what it printed. */
function loadedBy(script: string): { modules: string[]; out: string } {
  // A hook in the loader's thread posts each module it loads to this thread.
  const hook = `let port; export function initialize(d) { port = d.port; } export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;
  const code = `const { register } = await import('node:module');
const { MessageChannel } = await import('node:worker_threads');
const { port1, port2 } = new MessageChannel();
const loaded = [];
port1.on('message', (url) => loaded.push(url));
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), import.meta.url, { data: { port: port2 }, transferList: [port2] });
${script}
await new Promise((r) => setTimeout(r, 300));
const { createRequire } = await import('node:module');
console.log('MODULES=' + JSON.stringify([...loaded, ...Object.keys(createRequire(import.meta.url).cache)]));
port1.close();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', cwd: process.cwd() });
  const line = r.stdout.split('\n').find((l) => l.startsWith('MODULES='));
  return { modules: line ? (JSON.parse(line.slice('MODULES='.length)) as string[]) : [], out: `${r.stdout}${r.stderr}`.slice(0, 4000) };
}

describe("main's start does not load the PDF engine", () => {
  it('importing the handler table (what main/electron/main.ts opens) and building every handler loads none of it', () => {
    const r = loadedBy(`
const { mkdtempSync } = await import('node:fs');
const { join } = await import('node:path');
const { tmpdir } = await import('node:os');
const { createHandlerTable } = await import('./main/ipc/handler-table.ts');
await import('./main/ipc/handlers/pdf.ts');
await import('./main/ipc/handlers/conventions.ts');
await import('./main/signing/convention-signing.ts');
const dir = mkdtempSync(join(tmpdir(), 'paraphe-lazy-'));
createHandlerTable({ store: { dataDir: dir }, ports: { paths: { dataDir: dir, appName: 'Paraphe', version: '0' }, dialog: {} } });`);
    // The recorder saw the handler table itself: it does record our TypeScript modules.
    expect(r.modules.some((m) => m.endsWith('main/ipc/handler-table.ts')), r.out).toBe(true);
    expect(r.modules.filter((m) => ENGINE.test(m))).toEqual([]);
  });

  it('the first render without a worker loads it (the check above can fail)', () => {
    const r = loadedBy(`
const { createPdfHandlers } = await import('./main/ipc/handlers/pdf.ts');
const { getTemplate } = await import('./shared/templates/index.ts');
const handlers = createPdfHandlers({ store: { dataDir: '/nonexistent' } });
const out = await handlers['pdf:preview']({ convention: getTemplate('exemple-camino-2020').build() });
console.log('PAGES=' + out.pageCount);`);
    expect(r.out).toMatch(/PAGES=\d+/);
    expect(r.modules.filter((m) => ENGINE.test(m)).map((m) => m.replace(/^.*\/main\/pdf\//, '')).sort()).toEqual(
      ['archival.ts', 'cff.ts', 'draw.ts', 'fonts.ts', 'layout/document.ts', 'opentype.ts', 'render.ts', 'woff2.ts'],
    );
    // Marianne is read by our own reader: fontkit is not loaded at all.
    expect(r.modules.filter((m) => m.includes('@pdf-lib/fontkit'))).toEqual([]);
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
    // pdf-lib: no module main's start evaluates imports it. main/signing/appearance.ts reaches it
    // by a require() run at the first Helvetica stamp (its metrics), which the bundle evaluates
    // then, not at start.
    const pdfLibBy = (f: string) => inputs[f]?.imports.filter((i) => i.kind !== 'dynamic-import' && /node_modules\/pdf-lib\//.test(i.path)) ?? [];
    const importers = [...reached].filter((f) => pdfLibBy(f).length > 0 && !f.includes('node_modules'));
    expect(importers.filter((f) => f !== 'main/signing/appearance.ts')).toEqual([]);
    expect(pdfLibBy('main/signing/appearance.ts').map((i) => i.kind)).toEqual(['require-call']);
  });
});
