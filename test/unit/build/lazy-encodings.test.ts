import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../helpers/scratch';

/*
 * The bundles build @pdf-lib/standard-fonts' encodings at their first read, not at load
 * (scripts/build.mjs, lazyPdfLibEncodings), and run @pdf-lib/upng at its first use
 * (lazyUpng): a start that loads pdf-lib, draws no Helvetica and embeds no PNG no longer builds
 * their tables; one that does gets the same results.
 */
const root = resolve(import.meta.dirname, '../../..');
const dir = scratchDir('paraphe-lazy-encodings-');

describe('pdf-lib standard encodings in the bundles', () => {
  // Both builds of the package: CommonJS (lib/), and ES (es/, what pdfLibAsEsm gives the bundles).
  it.each(['lib', 'es'])('are parsed at first read, once, and encode as the package does (%s)', async (variant) => {
    const { build } = await import('esbuild');
    const { lazyPdfLibEncodings, pdfLibAsEsm } = (await import(join(root, 'scripts', 'build.mjs'))) as Record<string, import('esbuild').Plugin>;
    const outfile = join(dir, `fonts-${variant}.cjs`);
    const plugins = variant === 'es' ? [lazyPdfLibEncodings!, pdfLibAsEsm!] : [lazyPdfLibEncodings!];
    const result = await build({ stdin: { contents: "module.exports = require('@pdf-lib/standard-fonts');", resolveDir: root }, bundle: true, platform: 'node', format: 'cjs', outfile, plugins, metafile: true, logLevel: 'error' });
    expect(Object.keys(result.metafile.inputs)).toContain(`node_modules/@pdf-lib/standard-fonts/${variant}/Encoding.js`);
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

/** A PNG of w×h RGB pixels, written by hand (signature, IHDR, IDAT, IEND with their CRCs). */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.concat(Array.from({ length: h }, (_, y) => Buffer.from([0, ...Array.from({ length: w * 3 }, (_, i) => (i * 37 + y * 91) & 0xff)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

describe('pdf-lib PNG decoder in the bundles', () => {
  it('runs at first use, and pdf-lib (its ES build) embeds a PNG as the package does', async () => {
    const { build } = await import('esbuild');
    const { lazyUpng, pdfLibAsEsm, lazyPdfLibEncodings } = (await import(join(root, 'scripts', 'build.mjs'))) as Record<string, import('esbuild').Plugin>;
    const outfile = join(dir, 'pdf-lib.cjs');
    // As the bundles have it: pdf-lib's ES build (pdfLibAsEsm), its PNG decoder CommonJS and lazy.
    const result = await build({ stdin: { contents: "module.exports = { pdfLib: require('pdf-lib'), upng: require('@pdf-lib/upng') };", resolveDir: root }, bundle: true, platform: 'node', format: 'cjs', outfile, plugins: [lazyUpng!, pdfLibAsEsm!, lazyPdfLibEncodings!], metafile: true, logLevel: 'error' });
    expect(Object.keys(result.metafile.inputs)).toContain('node_modules/pdf-lib/es/index.js');
    const image = join(dir, 'image.png');
    writeFileSync(image, png(7, 5));
    const script = `const Real = Uint16Array;
let made = 0;
// UPNG's inflate tables: Uint16Arrays of 2^15 and 2^16 entries (other modules make small ones).
globalThis.Uint16Array = class extends Real { constructor(...a) { if (a[0] === 1 << 15 || a[0] === 1 << 16) made += 1; super(...a); } };
const { pdfLib, upng } = require(${JSON.stringify(outfile)});
const atLoad = made;
const decoder = upng.default;
const afterRead = made;
globalThis.Uint16Array = Real;
const same = decoder === upng.default && typeof decoder.decode === 'function';
const save = async (lib) => {
  const doc = await lib.PDFDocument.create({ updateMetadata: false });
  const img = await doc.embedPng(require('node:fs').readFileSync(${JSON.stringify(image)}));
  doc.addPage([100, 100]).drawImage(img, { x: 10, y: 10, width: 70, height: 50 });
  return Buffer.from(await doc.save({ useObjectStreams: false })).toString('base64');
};
(async () => {
  const ours = await save(pdfLib);
  const theirs = await save(require('pdf-lib'));
  console.log(JSON.stringify({ atLoad, afterRead, same, equal: ours === theirs, size: ours.length }));
})();`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { atLoad: number; afterRead: number; same: boolean; equal: boolean; size: number };
    expect(out.atLoad).toBe(0);
    expect(out.afterRead).toBeGreaterThan(0);
    expect(out.same).toBe(true);
    expect(out.equal).toBe(true);
    expect(out.size).toBeGreaterThan(500);
  });
});
