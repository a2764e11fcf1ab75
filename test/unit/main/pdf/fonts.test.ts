import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it, vi } from 'vitest';
import { dsfrFontDir, FontkitMetrics, glyphsByCmap, isDefaultIgnorable, loadMarianne, parseFace, sharedFontkit, type FontkitFont, type LoadedFamily } from '../../../../main/pdf/fonts';
import { parseDict, readCff, subsetCff, usedSubrs } from '../../../../main/pdf/cff';
import { openTypeFace, OpenTypeFace } from '../../../../main/pdf/opentype';
import { renderConvention } from '../../../../main/pdf/render';
import { sfntFromWoff2, woff2Tables } from '../../../../main/pdf/woff2';
import type { FontStyle } from '../../../../main/pdf/layout/types';
import { getTemplate } from '../../../../shared/templates/index';

/*
 * Marianne is read from the DSFR's WOFF2 files, decompressed by Node's Brotli
 * (main/pdf/woff2.ts), parsed and subset by our own reader (opentype.ts, cff.ts), and text
 * goes to glyphs through the cmap (glyphsByCmap), instead of fontkit's JavaScript Brotli,
 * parser, shaping engine and subsetter. None of it may change what is printed: the same
 * tables, glyphs, advances and subroutines as fontkit finds, the same text and pixels.
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

  it('a face our reader refuses is an error that says what to do, never a silent fallback; pdf-lib gets no other font', () => {
    const woff = new Uint8Array(readFileSync(join(dsfrFontDir(), 'Marianne-Regular.woff')));
    expect(openTypeFace(woff)).toBeNull();
    expect(() => parseFace(woff, 'Marianne-Regular.woff')).toThrow(/Police Marianne-Regular\.woff illisible .* Réinstallez Paraphe/);
    const family = loadMarianne();
    const kit = sharedFontkit(family);
    expect(kit.create(family.bold.bytes)).toBe(family.bold.font);
    expect(() => kit.create(woff)).toThrow(/n’incorpore que Marianne/);
  });

  it('refuses what it does not read (not WOFF2, transformed tables, truncated): null', () => {
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

describe('Marianne read by our OpenType reader (main/pdf/opentype.ts) instead of fontkit', () => {
  it('answers what pdf-lib and the layout ask as fontkit does: font-wide values, every glyph and advance', () => {
    for (const style of STYLES) {
      const sfnt = sfntFromWoff2(woff2Of(style))!;
      const ours = openTypeFace(sfnt)!;
      expect(ours).not.toBeNull();
      const theirs = fontkit.create(sfnt) as unknown as FontkitInternals & Record<string, unknown>;
      for (const key of ['unitsPerEm', 'postscriptName', 'ascent', 'descent', 'capHeight', 'xHeight', 'italicAngle', 'numGlyphs'] as const) {
        expect(ours[key], `${style} ${key}`).toBe(theirs[key]);
      }
      const bbox = theirs.bbox as { minX: number; minY: number; maxX: number; maxY: number };
      expect(ours.bbox).toEqual({ minX: bbox.minX, minY: bbox.minY, maxX: bbox.maxX, maxY: bbox.maxY });
      const t = theirs as unknown as { head: { macStyle: { italic: boolean } }; post: { isFixedPitch: number }; 'OS/2': { sFamilyClass: number } };
      expect(ours.head.macStyle.italic).toBe(!!t.head.macStyle.italic);
      expect(ours.head.macStyle.italic).toBe(style === 'italic' || style === 'boldItalic');
      expect(ours.post.isFixedPitch).toBe(!!t.post.isFixedPitch);
      expect(ours['OS/2']!.sFamilyClass).toBe(t['OS/2'].sFamilyClass);
      expect(ours.characterSet).toEqual(theirs.characterSet);
      // Every code point of the first planes: present or not, the same glyph and advance.
      for (let cp = 0; cp < 0x30000; cp += 1) {
        const has = theirs.hasGlyphForCodePoint(cp);
        if (ours.hasGlyphForCodePoint(cp) !== has) expect(`U+${cp.toString(16)} ${ours.hasGlyphForCodePoint(cp)}`).toBe(`U+${cp.toString(16)} ${has}`);
        if (!has) continue;
        const a = ours.glyphForCodePoint(cp);
        const b = theirs.glyphForCodePoint(cp);
        if (a.id !== b.id || a.advanceWidth !== b.advanceWidth) expect([cp, a.id, a.advanceWidth]).toEqual([cp, b.id, b.advanceWidth]);
      }
    }
  });

  it("finds the subroutines each glyph calls, as fontkit's charstring interpreter does", () => {
    for (const style of STYLES) {
      const sfnt = sfntFromWoff2(woff2Of(style))!;
      const cff = readCff(cffTable(sfnt))!;
      expect(cff).not.toBeNull();
      expect(cff.localSubrs.length + cff.globalSubrs.length).toBeGreaterThan(0);
      const theirs = fontkit.create(sfnt) as unknown as { numGlyphs: number; getGlyph(id: number): { path: unknown; _usedSubrs: Record<string, boolean>; _usedGsubrs: Record<string, boolean> } };
      for (let id = 0; id < theirs.numGlyphs; id += 1) {
        const g = theirs.getGlyph(id);
        void g.path; // fontkit runs the charstring when its path is read
        const ours = usedSubrs(cff, [id]);
        expect([...ours.local].sort((a, b) => a - b), `${style} glyphe ${id} (locaux)`).toEqual(Object.keys(g._usedSubrs).map(Number).sort((a, b) => a - b));
        expect([...ours.global].sort((a, b) => a - b), `${style} glyphe ${id} (globaux)`).toEqual(Object.keys(g._usedGsubrs).map(Number).sort((a, b) => a - b));
      }
    }
  });

  it('runs charstrings far enough to find calls: bias, nested and global calls, hint masks skipped, nothing after endchar', () => {
    const n = (v: number) => v + 139; // one-byte numbers (-107…107)
    const RET = new Uint8Array([11]);
    const font = {
      name: 'Essai',
      top: [],
      strings: [],
      privateDict: [],
      charStrings: [
        new Uint8Array([14]),
        // hstem (1 stem), an implied vstem before hintmask (1 stem): one mask byte, which looks like callsubr.
        new Uint8Array([n(1), n(1), 1, n(2), n(3), 19, 10, n(-107), 10, 14, n(-105), 10]),
        // A 16-bit number (28) calls local 2.
        new Uint8Array([28, 0xff, 0x97, 10, 14]),
        // 9 stems (hstemhm 5, vstemhm 4): two mask bytes.
        new Uint8Array([...Array(10).fill(n(1)), 18, ...Array(8).fill(n(1)), 23, 19, 10, 10, n(-107), 10, 14]),
      ],
      // local 0 calls global 1 and returns; local 1 is never called; local 2 ends the glyph.
      localSubrs: [new Uint8Array([n(-106), 29, 11]), RET, new Uint8Array([14])],
      globalSubrs: [RET, RET, RET],
    };
    const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
    const of = (glyphs: number[]) => {
      const u = usedSubrs(font, glyphs);
      return { local: sorted(u.local), global: sorted(u.global) };
    };
    expect(of([0])).toEqual({ local: [], global: [] });
    expect(of([1])).toEqual({ local: [0], global: [1] });
    expect(of([2])).toEqual({ local: [2], global: [] });
    expect(of([3])).toEqual({ local: [0], global: [1] });
    expect(of([0, 1, 2, 3])).toEqual({ local: [0, 2], global: [1] });
    const out = subsetCff({ ...font, top: parseDict(new Uint8Array([n(0), 17, n(0), n(0), 18])) }, [0, 2]);
    expect(out.length).toBeGreaterThan(20);
  });

  it('subsets as a CID-keyed CFF: the kept charstrings as they were, uncalled subroutines emptied, CIDs in order', () => {
    const sfnt = sfntFromWoff2(woff2Of('regular'))!;
    const cff = readCff(cffTable(sfnt))!;
    const face = openTypeFace(sfnt)!;
    const glyphs = [0, ...[...'Convention'].map((c) => face.glyphForCodePoint(c.codePointAt(0)!).id)].filter((g, i, a) => a.indexOf(g) === i);
    const out = subsetCff(cff, glyphs);
    expect([...out.subarray(0, 4)]).toEqual([1, 0, 4, 4]); // offSize 4: no header to repair
    const index = (p: number) => {
      const count = (out[p]! << 8) | out[p + 1]!;
      if (count === 0) return { items: [] as Uint8Array[], end: p + 2 };
      const size = out[p + 2]!;
      const off = (i: number) => { let v = 0; for (let k = 0; k < size; k += 1) v = v * 256 + out[p + 3 + i * size + k]!; return v; };
      const base = p + 2 + (count + 1) * size;
      return { items: Array.from({ length: count }, (_, i) => out.subarray(base + off(i), base + off(i + 1))), end: base + off(count) };
    };
    const names = index(4);
    expect(new TextDecoder().decode(names.items[0])).toBe('Marianne-Regular');
    const tops = index(names.end);
    const top = parseDict(tops.items[0]!);
    expect(top[0]!.op).toBe(1230); // ROS first
    const strings = index(tops.end).items;
    const sidOf = (v: number) => new TextDecoder().decode(strings[v - 391]);
    expect([sidOf(top[0]!.values[0]!), sidOf(top[0]!.values[1]!), top[0]!.values[2]]).toEqual(['Adobe', 'Identity', 0]);
    const value = (op: number) => top.find((e) => e.op === op)!.values;
    expect(value(1234)).toEqual([glyphs.length]); // CIDCount
    const charStrings = index(value(17)[0]!).items;
    expect(charStrings.map((c) => sha256(c))).toEqual(glyphs.map((g) => sha256(cff.charStrings[g]!)));
    const fd = index(value(1236)[0]!).items;
    expect(fd).toHaveLength(1);
    const [privSize, privAt] = parseDict(fd[0]!).find((e) => e.op === 18)!.values as [number, number];
    const priv = parseDict(out.subarray(privAt, privAt + privSize));
    const subrs = index(privAt + priv.find((e) => e.op === 19)!.values[0]!).items;
    expect(subrs).toHaveLength(cff.localSubrs.length);
    const used = usedSubrs(cff, glyphs);
    // Marianne's charstrings are flattened: they call no subroutine, which all become « return ».
    expect(used.local.size + used.global.size).toBe(0);
    subrs.forEach((s, i) => expect(sha256(s)).toBe(sha256(used.local.has(i) ? cff.localSubrs[i]! : new Uint8Array([11]))));
    // The Private DICT's other entries as they were.
    expect(priv.filter((e) => e.op !== 19).map((e) => [e.op, sha256(e.raw)])).toEqual(cff.privateDict.filter((e) => e.op !== 19).map((e) => [e.op, sha256(e.raw)]));
  });
});

describe('the worked example with Marianne decompressed by Node and subset by our reader', () => {
  it('looks and reads exactly as the PDF made from the WOFF2 files through fontkit alone (poppler: text boxes, fonts, pixels)', async () => {
    const c = getTemplate('exemple-camino-2020')!.build();
    // The family as it was loaded before: WOFF2 bytes, fontkit's Brotli, shaping and subsetter.
    const old = {} as Record<FontStyle, LoadedFamily[FontStyle]>;
    for (const style of STYLES) {
      const bytes = woff2Of(style);
      const font = fontkit.create(bytes) as unknown as FontkitFont;
      old[style] = { style, bytes, postscriptName: font.postscriptName, metrics: new FontkitMetrics(font), font };
    }
    const before = await renderConvention(c, { date: '2020-03-26' }, old);
    const now = await renderConvention(c, { date: '2020-03-26' });
    expect(loadMarianne().regular.bytes[0]).toBe(0x4f); // 'OTTO', not 'wOF2'
    expect(loadMarianne().regular.font).toBeInstanceOf(OpenTypeFace);
    expect(now.pageCount).toBe(before.pageCount);
    const dir = mkdtempSync(join(tmpdir(), 'paraphe-fonts-'));
    try {
      const files = { before: join(dir, 'avant.pdf'), now: join(dir, 'apres.pdf') };
      writeFileSync(files.before, before.bytes);
      writeFileSync(files.now, now.bytes);
      const tool = (cmd: string, args: string[]) => {
        const r = spawnSync(cmd, args, { encoding: 'utf8' });
        expect(r.status, `${cmd} ${r.stderr}`).toBe(0);
        return r.stdout;
      };
      expect(tool('pdffonts', [files.now])).toBe(tool('pdffonts', [files.before]));
      expect(tool('pdffonts', [files.now])).toMatch(/[A-Z]{6}\+Marianne-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
      expect(tool('pdftotext', ['-bbox', files.now, '-'])).toBe(tool('pdftotext', ['-bbox', files.before, '-']));
      expect(tool('qpdf', ['--check', files.now])).toMatch(/No syntax or stream encoding errors/);
      tool('pdftoppm', ['-r', '60', '-gray', files.before, join(dir, 'avant')]);
      tool('pdftoppm', ['-r', '60', '-gray', files.now, join(dir, 'apres')]);
      const pages = readdirSync(dir).filter((f) => f.startsWith('avant-')).sort();
      expect(pages).toHaveLength(now.pageCount);
      for (const p of pages) expect(sha256(readFileSync(join(dir, p.replace('avant', 'apres')))), p).toBe(sha256(readFileSync(join(dir, p))));
      // pdf.js, the app's viewer, reads the fonts without a warning and shows the same glyphs.
      expect(await pdfJsGlyphs(now.bytes)).toEqual(await pdfJsGlyphs(before.bytes));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Glyphs shown per page by pdf.js (the app's viewer), and what it warned about fonts. */
async function pdfJsGlyphs(bytes: Uint8Array): Promise<{ glyphs: number[]; warnings: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const warnings: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void warnings.push(a.join(' ')));
  try {
    const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 1, disableFontFace: true, useSystemFonts: false }).promise;
    const glyphs: number[] = [];
    for (let i = 1; i <= doc.numPages; i += 1) {
      const ops = await (await doc.getPage(i)).getOperatorList();
      let n = 0;
      ops.fnArray.forEach((fn, k) => {
        if (fn === pdfjs.OPS.showText) n += (ops.argsArray[k] as unknown[][])[0]!.length;
      });
      glyphs.push(n);
    }
    await doc.destroy();
    expect(glyphs.reduce((a, b) => a + b, 0)).toBeGreaterThan(10000);
    return { glyphs, warnings: warnings.filter((w) => /font|cff|glyph/i.test(w)) };
  } finally {
    log.mockRestore();
  }
}

/** The 'CFF ' table of an OpenType file. */
function cffTable(sfnt: Uint8Array): Uint8Array {
  const v = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  for (let i = 0; i < v.getUint16(4); i += 1) {
    const r = 12 + 16 * i;
    if (String.fromCharCode(...sfnt.subarray(r, r + 4)) === 'CFF ') return sfnt.subarray(v.getUint32(r + 8), v.getUint32(r + 8) + v.getUint32(r + 12));
  }
  throw new Error('pas de table CFF');
}
