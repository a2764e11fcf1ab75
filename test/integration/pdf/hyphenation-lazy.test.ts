import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/*
 * The French hyphenation patterns (the `hyphen` package) are loaded only for a convention that
 * asks for hyphenation (presentation.hyphenation): main/pdf/render.ts awaits loadHyphenation()
 * first. Checked in a fresh process whose module loads a loader hook records (ES modules) and
 * whose require cache is read (CommonJS), as main-lazy.test.ts does for the engine.
 */

const PATTERNS = /node_modules\/hyphen\//;

/** Renders the worked example in a fresh Node (tsx), hyphenation on or off; the modules loaded and what it printed. */
function renderIn(hyphenation: boolean): { modules: string[]; out: string } {
  const hook = `let port; export function initialize(d) { port = d.port; } export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;
  const code = `const { register, createRequire } = await import('node:module');
const { MessageChannel } = await import('node:worker_threads');
const { port1, port2 } = new MessageChannel();
const loaded = [];
port1.on('message', (url) => loaded.push(url));
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), import.meta.url, { data: { port: port2 }, transferList: [port2] });
const { renderConvention } = await import('./main/pdf/lazy.ts');
const { getTemplate } = await import('./shared/templates/index.ts');
const c = getTemplate('exemple-camino-2020').build();
c.presentation = { ...(c.presentation ?? {}), hyphenation: ${hyphenation} };
const out = await renderConvention(c, { date: '2020-03-26' });
console.log('PAGES=' + out.pageCount);
await new Promise((r) => setTimeout(r, 300));
console.log('MODULES=' + JSON.stringify([...loaded, ...Object.keys(createRequire(import.meta.url).cache)]));
port1.close();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', cwd: process.cwd() });
  const line = r.stdout.split('\n').find((l) => l.startsWith('MODULES='));
  return { modules: line ? (JSON.parse(line.slice('MODULES='.length)) as string[]) : [], out: `${r.stdout}${r.stderr}`.slice(0, 4000) };
}

describe('French hyphenation patterns, loaded on demand', () => {
  it('a convention without hyphenation renders without loading them', () => {
    const r = renderIn(false);
    expect(r.out).toMatch(/PAGES=\d+/);
    // The recorder saw the layout itself (hyphenate.ts, which holds the door).
    expect(r.modules.some((m) => m.endsWith('main/pdf/layout/hyphenate.ts')), r.out).toBe(true);
    expect(r.modules.filter((m) => PATTERNS.test(m))).toEqual([]);
  });

  it('a convention with hyphenation loads them (the check above can fail)', () => {
    const r = renderIn(true);
    expect(r.out).toMatch(/PAGES=\d+/);
    const patterns = r.modules.filter((m) => PATTERNS.test(m)).map((m) => m.replace(/^.*node_modules\/hyphen\//, ''));
    expect(patterns).toContain('patterns/fr.js');
  });
});
