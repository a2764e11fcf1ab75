import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The bundles build @pdf-lib/standard-fonts' encodings at their first read, not at load
 * (scripts/build.mjs, lazyPdfLibEncodings): a start that loads pdf-lib and draws no Helvetica
 * no longer inflates them; one that does gets the same tables.
 */
const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'paraphe-lazy-encodings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pdf-lib standard encodings in the bundles', () => {
  it('are parsed at first read, once, and encode as the package does', async () => {
    const { build } = await import('esbuild');
    const { lazyPdfLibEncodings } = (await import(join(root, 'scripts', 'build.mjs'))) as { lazyPdfLibEncodings: import('esbuild').Plugin };
    const outfile = join(dir, 'fonts.cjs');
    await build({ stdin: { contents: "module.exports = require('@pdf-lib/standard-fonts');", resolveDir: root }, bundle: true, platform: 'node', format: 'cjs', outfile, plugins: [lazyPdfLibEncodings], logLevel: 'error' });
    const script = `let parses = 0;
const parse = JSON.parse;
JSON.parse = (...a) => { parses += 1; return parse(...a); };
const lazy = require(${JSON.stringify(outfile)});
const atLoad = parses;
const w = lazy.Encodings.WinAnsi;
const same = w === lazy.Encodings.WinAnsi;
const afterRead = parses;
JSON.parse = parse;
const real = require('@pdf-lib/standard-fonts');
const sample = [0x41, 0xe9, 0x20ac, 0x2019, 0xab, 0xbb];
const encodings = ['WinAnsi', 'Symbol', 'ZapfDingbats'];
console.log(JSON.stringify({
  atLoad, afterRead, same,
  names: encodings.map((n) => lazy.Encodings[n].name),
  codes: encodings.map((n) => sample.map((c) => lazy.Encodings[n].canEncodeUnicodeCodePoint(c) ? lazy.Encodings[n].encodeUnicodeCodePoint(c) : null)),
  expected: encodings.map((n) => sample.map((c) => real.Encodings[n].canEncodeUnicodeCodePoint(c) ? real.Encodings[n].encodeUnicodeCodePoint(c) : null)),
  points: encodings.map((n) => lazy.Encodings[n].supportedCodePoints.length === real.Encodings[n].supportedCodePoints.length),
}));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { atLoad: number; afterRead: number; same: boolean; names: string[]; codes: unknown; expected: unknown; points: boolean[] };
    expect(out.atLoad).toBe(0);
    expect(out.afterRead).toBe(1);
    expect(out.same).toBe(true);
    expect(out.names).toEqual(['WinAnsi', 'Symbol', 'ZapfDingbats']);
    expect(out.codes).toEqual(out.expected);
    expect(out.points).toEqual([true, true, true]);
  });
});
