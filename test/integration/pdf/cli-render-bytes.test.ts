import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../../../shared/templates/index';

/*
 * `paraphe render` raises V8's optimization budget for its short process (render.ts): that
 * changes when code is optimized, never what it computes. The command as a real process gives
 * byte for byte the PDF that the renderer gives in a fresh Node with V8's defaults.
 */
const root = resolve(import.meta.dirname, '..', '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-render-bytes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paraphe render, same bytes as the renderer with V8 defaults', () => {
  it.each([false, true])('the worked example (hyphenation %s)', (hyphenation) => {
    const c = getTemplate('exemple-camino-2020')!.build();
    c.presentation = { ...(c.presentation ?? {}), hyphenation };
    const json = join(dir, `camino-${hyphenation}.json`);
    writeFileSync(json, JSON.stringify(c));
    const cli = join(dir, `cli-${hyphenation}.pdf`);
    const r = spawnSync(process.execPath, [join(root, 'bin', 'paraphe.mjs'), 'render', json, '-o', cli, '--date', '2020-03-26'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const ref = join(dir, `ref-${hyphenation}.pdf`);
    const code = `const { readFileSync, writeFileSync } = await import('node:fs');
const { renderConvention } = await import('./main/pdf/index.ts');
const out = await renderConvention(JSON.parse(readFileSync(${JSON.stringify(json)}, 'utf8')), { date: '2020-03-26' });
writeFileSync(${JSON.stringify(ref)}, out.bytes);`;
    const s = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', cwd: root, timeout: 60_000 });
    expect(s.stderr).toBe('');
    expect(s.status).toBe(0);
    const a = readFileSync(cli);
    const b = readFileSync(ref);
    expect(a.length).toBeGreaterThan(10_000);
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
