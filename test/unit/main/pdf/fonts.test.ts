import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { dsfrFontDir, FontkitMetrics, glyphsByCmap, isDefaultIgnorable, loadMarianne, type FontkitFont, type LoadedFamily } from '../../../../main/pdf/fonts';
import { renderConvention } from '../../../../main/pdf/render';
import { sfntFromWoff2, woff2Tables } from '../../../../main/pdf/woff2';
import type { FontStyle } from '../../../../main/pdf/layout/types';
import { getTemplate } from '../../../../shared/templates/index';

/*
 * Marianne is read from the DSFR's WOFF2 files and decompressed by Node's Brotli
 * (main/pdf/woff2.ts), and text goes to glyphs through the cmap (glyphsByCmap), instead of
 * fontkit's JavaScript Brotli and shaping engine. Both must change nothing: the same tables,
 * the same glyphs, the same PDF bytes.
 */

const FILES: Record<FontStyle, string> = {
  regular: 'Marianne-Regular.woff2',
  bold: 'Marianne-Bold.woff2',
  italic: 'Marianne-Regular_Italic.woff2',
  boldItalic: 'Marianne-Bold_Italic.woff2',
};
const STYLES = Object.keys(FILES) as FontStyle[];
const woff2Of = (s: FontStyle) => new Uint8Array(readFileSync(join(dsfrFontDir(), FILES[s])));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** fontkit's font object with the internals this test reads. */
interface FontkitInternals extends FontkitFont {
  readonly characterSet: number[];
  readonly numGlyphs: number;
  readonly directory: { tables: Record<string, { offset: number; length: number }> };
  _decompress(): void;
  readonly stream: { buffer: Uint8Array };
}

/** Each table as fontkit's own WOFF2 reader decompresses it (its JavaScript Brotli). */
function fontkitTables(woff2: Uint8Array): Map<string, Uint8Array> {
  const font = fontkit.create(woff2) as unknown as FontkitInternals;
  font._decompress();
  const out = new Map<string, Uint8Array>();
  for (const [tag, t] of Object.entries(font.directory.tables)) out.set(tag, font.stream.buffer.subarray(t.offset, t.offset + t.length));
  return out;
}

/** The sum of big-endian 32-bit words. */
function checksum(b: Uint8Array, start = 0, length = b.length): number {
  let sum = 0;
  for (let i = start; i < start + length; i += 4) sum = (sum + (((b[i]! << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0)) >>> 0;
  return sum;
}

describe('Marianne decompressed by Node (main/pdf/woff2.ts)', () => {
  for (const style of STYLES) {
    it(`${FILES[style]}: the same tables as fontkit's decompression, in a valid OpenType file`, () => {
      const woff2 = woff2Of(style);
      const ours = woff2Tables(woff2);
      expect(ours).not.toBeNull();
      const theirs = fontkitTables(woff2);
      expect(ours!.tables.map((t) => t.tag).sort()).toEqual([...theirs.keys()].sort());
      for (const t of ours!.tables) expect(sha256(t.data), t.tag).toBe(sha256(theirs.get(t.tag)!));

      const sfnt = sfntFromWoff2(woff2)!;
      const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
      expect(view.getUint32(0)).toBe(0x4f54544f); // 'OTTO': CFF outlines
      // The size the WOFF2 header announces, and a whole-file checksum of 0xB1B0AFBA (head's adjustment).
      expect(sfnt.length).toBe(new DataView(woff2.buffer, woff2.byteOffset).getUint32(16));
      expect(checksum(sfnt)).toBe(0xb1b0afba);
      const n = view.getUint16(4);
      let previous = '';
      for (let i = 0; i < n; i += 1) {
        const r = 12 + 16 * i;
        const tag = String.fromCharCode(...sfnt.subarray(r, r + 4));
        expect(tag > previous, `${tag} trié`).toBe(true);
        previous = tag;
        const offset = view.getUint32(r + 8);
        const length = view.getUint32(r + 12);
        expect(offset % 4).toBe(0);
        expect(sha256(sfnt.subarray(offset, offset + length)), tag).toBe(sha256(theirs.get(tag)!));
        if (tag !== 'head') expect(view.getUint32(r + 4), `somme de ${tag}`).toBe(checksum(sfnt, offset, length));
      }
    });
  }

  it('fontkit reads the OpenType file as it read the WOFF2: every character, its glyph and advance', () => {
    for (const style of STYLES) {
      const woff2 = woff2Of(style);
      const a = fontkit.create(woff2) as unknown as FontkitInternals;
      const b = fontkit.create(sfntFromWoff2(woff2)!) as unknown as FontkitInternals;
      expect(b.postscriptName).toBe(a.postscriptName);
      expect(b.numGlyphs).toBe(a.numGlyphs);
      expect(b.characterSet).toEqual(a.characterSet);
      expect(a.characterSet.length).toBeGreaterThan(500);
      for (const cp of a.characterSet) {
        const ga = a.glyphForCodePoint(cp);
        const gb = b.glyphForCodePoint(cp);
        expect([gb.id, gb.advanceWidth]).toEqual([ga.id, ga.advanceWidth]);
      }
    }
  });

  it('refuses what it does not read (not WOFF2, transformed tables, truncated): null, and the WOFF2 goes to fontkit', () => {
    const woff2 = woff2Of('regular');
    expect(woff2Tables(new Uint8Array(readFileSync(join(dsfrFontDir(), 'Marianne-Regular.woff'))))).toBeNull();
    expect(woff2Tables(woff2.subarray(0, 40))).toBeNull();
    expect(woff2Tables(woff2.subarray(0, 200))).toBeNull();
    // The first table's flags with transform version 1: for 'CFF ' (index 13), a transform.
    const transformed = woff2.slice();
    expect(transformed[48]! & 0x3f).toBe(13);
    transformed[48] = 13 | (1 << 6);
    expect(woff2Tables(transformed)).toBeNull();
  });
});

describe('text to glyphs through the cmap (glyphsByCmap)', () => {
  it("gives, for every character of the four faces alone, the glyph fontkit's shaping engine gives", () => {
    for (const style of STYLES) {
      const font = fontkit.create(sfntFromWoff2(woff2Of(style))!) as unknown as FontkitInternals;
      // The ignorables Marianne has (U+200B…) become the space glyph.
      expect(font.characterSet).toContain(0x200b);
      for (const cp of font.characterSet) {
        const ch = String.fromCodePoint(cp);
        const shaped = font.layout(ch).glyphs.map((g) => g.id);
        expect(glyphsByCmap(font, ch).glyphs.map((g) => g.id), `${style} U+${cp.toString(16)}`).toEqual(shaped);
      }
      const space = font.glyphForCodePoint(0x20).id;
      expect(glyphsByCmap(font, 'a\u200db').glyphs.map((g) => g.id)).toEqual([font.glyphForCodePoint(0x61).id, space, font.glyphForCodePoint(0x62).id]);
      // What the face lacks, ignorable or not, is .notdef (draw.ts prints « ? » instead).
      for (const cp of [0xad, 0x1f600, 0x4e2d]) expect(glyphsByCmap(font, String.fromCodePoint(cp)).glyphs.map((g) => g.id)).toEqual([0]);
    }
    expect(isDefaultIgnorable(0x20)).toBe(false);
    expect(isDefaultIgnorable(0x200d)).toBe(true);
  });
});

describe('the worked example with Marianne decompressed by Node', () => {
  it('is byte for byte the PDF made from the WOFF2 files through fontkit alone', async () => {
    const c = getTemplate('exemple-camino-2020')!.build();
    // The family as it was loaded before: WOFF2 bytes, fontkit's Brotli and its shaping.
    const old = {} as Record<FontStyle, LoadedFamily[FontStyle]>;
    for (const style of STYLES) {
      const bytes = woff2Of(style);
      const font = fontkit.create(bytes) as unknown as FontkitFont;
      old[style] = { style, bytes, postscriptName: font.postscriptName, metrics: new FontkitMetrics(font), font };
    }
    const before = await renderConvention(c, { date: '2020-03-26' }, old);
    const now = await renderConvention(c, { date: '2020-03-26' });
    expect(loadMarianne().regular.bytes[0]).toBe(0x4f); // 'OTTO', not 'wOF2'
    expect(now.pageCount).toBe(before.pageCount);
    expect(sha256(now.bytes)).toBe(sha256(before.bytes));
  });
});
