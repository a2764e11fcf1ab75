import { EventEmitter } from 'node:events';
import { readCff, subsetCff, type CffFont } from './cff';

/**
 * An OpenType font with CFF outlines, read for what Paraphe does with Marianne: metrics for
 * layout (cmap, advances) and, for pdf-lib, the font-wide values of its FontDescriptor and
 * per-document subsets (cff.ts). It answers pdf-lib the way fontkit's font object does (the
 * same properties, the same numbers: a test compares them), so pdf-lib embeds it unchanged;
 * fontkit itself, a 4 MB module that decoded Brotli dictionaries and Unicode tables when
 * loaded, is no longer needed to render.
 */

/** A glyph as pdf-lib reads it: id, advance (font units), and the characters it was first asked for (ToUnicode). */
export interface OpenTypeGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

/** The subset pdf-lib fills while encoding text and serializes at save time. */
export interface OpenTypeSubset {
  readonly cff: true;
  includeGlyph(glyph: number | { id: number }): number;
  encodeStream(): EventEmitter;
}

type Tables = Map<string, DataView>;

function tablesOf(bytes: Uint8Array): Tables | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || v.getUint32(0) !== 0x4f54544f) return null; // 'OTTO': CFF outlines
  const tables: Tables = new Map();
  const n = v.getUint16(4);
  for (let i = 0; i < n; i += 1) {
    const r = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[r]!, bytes[r + 1]!, bytes[r + 2]!, bytes[r + 3]!);
    const offset = v.getUint32(r + 8);
    const length = v.getUint32(r + 12);
    if (offset + length > bytes.length) return null;
    tables.set(tag, new DataView(bytes.buffer, bytes.byteOffset + offset, length));
  }
  return tables;
}

/** A cmap subtable: the glyph of a code point (0: none), and the code point ranges it maps. */
interface Cmap {
  readonly lookup: (cp: number) => number;
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}

/** The cmap subtable fontkit would pick: 32-bit Unicode first, then 16-bit (its order). */
function readCmap(cmap: DataView): Cmap | null {
  const n = cmap.getUint16(2);
  const records: Array<{ platform: number; encoding: number; offset: number }> = [];
  for (let i = 0; i < n; i += 1) records.push({ platform: cmap.getUint16(4 + 8 * i), encoding: cmap.getUint16(6 + 8 * i), offset: cmap.getUint32(8 + 8 * i) });
  for (const [platform, encoding] of [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]] as const) {
    const rec = records.find((r) => r.platform === platform && r.encoding === encoding);
    if (!rec) continue;
    const t = new DataView(cmap.buffer, cmap.byteOffset + rec.offset);
    const format = t.getUint16(0);
    if (format === 4) {
      const segCount = t.getUint16(6) >> 1;
      const ends = 14;
      const starts = ends + 2 * segCount + 2;
      const deltas = starts + 2 * segCount;
      const rangeOffsets = deltas + 2 * segCount;
      const ranges = Array.from({ length: segCount }, (_, i) => [t.getUint16(starts + 2 * i), t.getUint16(ends + 2 * i)] as const);
      const lookup = (cp: number): number => {
        let lo = 0;
        let hi = segCount - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (cp < t.getUint16(starts + 2 * mid)) hi = mid - 1;
          else if (cp > t.getUint16(ends + 2 * mid)) lo = mid + 1;
          else {
            const ro = t.getUint16(rangeOffsets + 2 * mid);
            const delta = t.getInt16(deltas + 2 * mid);
            if (ro === 0) return (cp + delta) & 0xffff;
            const at = rangeOffsets + 2 * mid + ro + 2 * (cp - t.getUint16(starts + 2 * mid));
            const gid = at + 2 <= t.byteLength ? t.getUint16(at) : 0;
            return gid === 0 ? 0 : (gid + delta) & 0xffff;
          }
        }
        return 0;
      };
      return { lookup, ranges };
    }
    if (format === 12) {
      const groups = t.getUint32(12);
      const ranges = Array.from({ length: groups }, (_, i) => [t.getUint32(16 + 12 * i), t.getUint32(20 + 12 * i)] as const);
      const lookup = (cp: number): number => {
        let lo = 0;
        let hi = groups - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const g = 16 + 12 * mid;
          if (cp < t.getUint32(g)) hi = mid - 1;
          else if (cp > t.getUint32(g + 4)) lo = mid + 1;
          else return t.getUint32(g + 8) + (cp - t.getUint32(g));
        }
        return 0;
      };
      return { lookup, ranges };
    }
    return null;
  }
  return null;
}

/** nameID 6 from the first record that has it (fontkit's choice). */
function postscriptNameOf(name: DataView): string | null {
  const count = name.getUint16(2);
  const strings = name.getUint16(4);
  for (let i = 0; i < count; i += 1) {
    const r = 6 + 12 * i;
    if (name.getUint16(r + 6) !== 6) continue;
    const platform = name.getUint16(r);
    const length = name.getUint16(r + 8);
    const at = strings + name.getUint16(r + 10);
    let s = '';
    if (platform === 0 || platform === 3) for (let k = 0; k + 1 < length; k += 2) s += String.fromCharCode(name.getUint16(at + k));
    else for (let k = 0; k < length; k += 1) s += String.fromCharCode(name.getUint8(at + k));
    return s;
  }
  return null;
}

/** A CFF-flavoured OpenType face; {@link openTypeFace} makes one. */
export class OpenTypeFace {
  readonly unitsPerEm: number;
  readonly postscriptName: string;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  readonly bbox: { readonly minX: number; readonly minY: number; readonly maxX: number; readonly maxY: number };
  readonly numGlyphs: number;
  /** What pdf-lib's deriveFontFlags reads (fontkit's table objects, reduced to those fields). */
  readonly head: { readonly macStyle: { readonly italic: boolean } };
  readonly post: { readonly isFixedPitch: boolean };
  readonly 'OS/2': { readonly sFamilyClass: number } | undefined;
  /** pdf-lib's isCFF() for the whole font. */
  readonly cff = true;
  private readonly glyphs = new Map<number, OpenTypeGlyph>();
  private readonly lookup: (cp: number) => number;
  private readonly hmtx: DataView;
  private readonly hMetrics: number;

  constructor(tables: Tables, private readonly cmap: Cmap, private readonly program: CffFont) {
    const head = tables.get('head')!;
    const hhea = tables.get('hhea')!;
    const post = tables.get('post')!;
    const os2 = tables.get('OS/2');
    this.lookup = cmap.lookup;
    this.unitsPerEm = head.getUint16(18);
    this.bbox = Object.freeze({ minX: head.getInt16(36), minY: head.getInt16(38), maxX: head.getInt16(40), maxY: head.getInt16(42) });
    this.head = { macStyle: { italic: (head.getUint16(44) & 2) !== 0 } };
    this.ascent = hhea.getInt16(4);
    this.descent = hhea.getInt16(6);
    this.hMetrics = hhea.getUint16(34);
    this.hmtx = tables.get('hmtx')!;
    this.italicAngle = post.getInt32(4) / 65536;
    this.post = { isFixedPitch: post.getUint32(12) !== 0 };
    // capHeight and xHeight exist from OS/2 version 2 on.
    const v2 = os2 !== undefined && os2.getUint16(0) >= 2 && os2.byteLength >= 90;
    this['OS/2'] = os2 && { sFamilyClass: os2.getInt16(30) };
    this.capHeight = v2 ? os2!.getInt16(88) : this.ascent;
    this.xHeight = v2 ? os2!.getInt16(86) : 0;
    this.numGlyphs = tables.get('maxp')!.getUint16(4);
    this.postscriptName = postscriptNameOf(tables.get('name')!) ?? program.name;
  }

  /** The code points of the cmap's ranges, as fontkit's `characterSet` lists them (format 4's closing U+FFFF included). */
  get characterSet(): number[] {
    const out: number[] = [];
    for (const [first, last] of this.cmap.ranges) for (let cp = first; cp <= last; cp += 1) out.push(cp);
    return out;
  }

  hasGlyphForCodePoint(cp: number): boolean {
    return this.lookup(cp) !== 0;
  }

  /** The glyph of a code point (.notdef when absent); one object per glyph id, as fontkit keeps them. */
  glyphForCodePoint(cp: number): OpenTypeGlyph {
    return this.glyph(this.lookup(cp), [cp]);
  }

  private glyph(id: number, codePoints: readonly number[]): OpenTypeGlyph {
    let g = this.glyphs.get(id);
    if (!g) {
      const m = Math.min(id, this.hMetrics - 1);
      g = { id, advanceWidth: this.hmtx.getUint16(4 * m), codePoints };
      this.glyphs.set(id, g);
    }
    return g;
  }

  /** Replaced by fonts.ts (glyphsByCmap): pdf-lib calls it to encode and measure. */
  layout(text: string): { glyphs: OpenTypeGlyph[] } {
    return { glyphs: [...text].map((ch) => this.glyphForCodePoint(ch.codePointAt(0)!)) };
  }

  /** A new subset for one document, .notdef first (pdf-lib numbers glyphs from 1). */
  createSubset(): OpenTypeSubset {
    const program = this.program;
    const ids: number[] = [0];
    const index = new Map<number, number>([[0, 0]]);
    return {
      cff: true,
      includeGlyph(glyph) {
        const id = typeof glyph === 'number' ? glyph : glyph.id;
        let at = index.get(id);
        if (at === undefined) {
          at = ids.length;
          ids.push(id);
          index.set(id, at);
        }
        return at;
      },
      encodeStream() {
        // pdf-lib listens for 'data', 'end' and 'error' after this returns.
        const stream = new EventEmitter();
        process.nextTick(() => {
          try {
            stream.emit('data', subsetCff(program, ids));
            stream.emit('end');
          } catch (e) {
            stream.emit('error', e);
          }
        });
        return stream;
      },
    };
  }
}

/** The face in an OpenType file with CFF outlines; null for anything else (TrueType outlines, CID-keyed CFF…). */
export function openTypeFace(bytes: Uint8Array): OpenTypeFace | null {
  const tables = tablesOf(bytes);
  if (!tables) return null;
  for (const t of ['head', 'hhea', 'hmtx', 'maxp', 'post', 'name', 'cmap', 'CFF ']) if (!tables.has(t)) return null;
  const cmap = readCmap(tables.get('cmap')!);
  const cff = tables.get('CFF ')!;
  const program = readCff(new Uint8Array(cff.buffer, cff.byteOffset, cff.byteLength));
  if (!cmap || !program) return null;
  return new OpenTypeFace(tables, cmap, program);
}
