import { brotliDecompressSync } from 'node:zlib';

/**
 * WOFF2 (W3C, « WOFF File Format 2.0 ») back to a plain OpenType file, with Node's own Brotli.
 * fontkit decompresses WOFF2 in JavaScript, which cost a fresh process about 200 ms for
 * Marianne's four faces; Node's zlib does it in about 1 ms a face. Only what Marianne needs is
 * read: a single font whose tables are stored as they are (a CFF font: WOFF2's glyf/loca and
 * hmtx transforms apply to TrueType outlines only). Anything else returns null, and the caller
 * keeps the WOFF2 for fontkit to read.
 */

/** Tags of the table directory's « known table » index (WOFF2 §5.1, flags bits 0–5). */
const KNOWN_TAGS = [
  'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT',
  'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH',
  'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar',
  'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill',
];

const HEADER_SIZE = 48;
const TTC_FLAVOR = 0x74746366; // 'ttcf'

interface Woff2Table {
  readonly tag: string;
  readonly length: number;
}

/** One table as the OpenType file holds it. */
export interface SfntTable {
  readonly tag: string;
  readonly data: Uint8Array;
}

/** The tables of a WOFF2 file, decompressed, in its directory's order; null when it uses what Marianne does not. */
export function woff2Tables(woff2: Uint8Array): { flavor: number; tables: SfntTable[] } | null {
  if (woff2.length < HEADER_SIZE) return null;
  const view = new DataView(woff2.buffer, woff2.byteOffset, woff2.byteLength);
  if (view.getUint32(0) !== 0x774f4632) return null; // 'wOF2'
  const flavor = view.getUint32(4);
  if (flavor === TTC_FLAVOR) return null;
  const numTables = view.getUint16(12);
  const compressedSize = view.getUint32(20);
  let p = HEADER_SIZE;
  // UIntBase128 (§4.2): up to five bytes, seven bits each, high bit = more.
  const base128 = (): number => {
    let value = 0;
    for (let i = 0; i < 5; i += 1) {
      const byte = woff2[p++];
      if (byte === undefined || (i === 0 && byte === 0x80)) throw new Error('WOFF2 : entier mal formé');
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('WOFF2 : entier trop long');
  };
  const entries: Woff2Table[] = [];
  try {
    for (let i = 0; i < numTables; i += 1) {
      const flags = woff2[p++]!;
      let tag = KNOWN_TAGS[flags & 0x3f];
      if ((flags & 0x3f) === 0x3f) {
        tag = String.fromCharCode(woff2[p]!, woff2[p + 1]!, woff2[p + 2]!, woff2[p + 3]!);
        p += 4;
      }
      if (tag === undefined) return null;
      const version = flags >> 6;
      const length = base128();
      // glyf and loca are transformed unless version 3; every other table unless version 0.
      const transformed = tag === 'glyf' || tag === 'loca' ? version !== 3 : version !== 0;
      if (transformed) return null;
      entries.push({ tag, length });
    }
  } catch {
    return null;
  }
  if (p + compressedSize > woff2.length) return null;
  const data = brotliDecompressSync(woff2.subarray(p, p + compressedSize));
  const tables: SfntTable[] = [];
  let offset = 0;
  for (const { tag, length } of entries) {
    if (offset + length > data.length) return null;
    tables.push({ tag, data: new Uint8Array(data.buffer, data.byteOffset + offset, length) });
    offset += length;
  }
  return { flavor, tables };
}

/**
 * OpenType's checksum: the sum of big-endian 32-bit words. `start` is a multiple of 4 and the
 * bytes up to the next multiple of 4 after `length` are the zero padding sfntFromTables wrote.
 */
function checksum(view: DataView, start: number, length: number): number {
  let sum = 0;
  const end = start + ((length + 3) & ~3);
  for (let i = start; i < end; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/**
 * An OpenType file (OpenType spec, « Organization of an OpenType font ») from its tables:
 * records sorted by tag, each table at a four-byte boundary with its checksum, and head's
 * checkSumAdjustment computed over the whole file.
 */
export function sfntFromTables(flavor: number, tables: readonly SfntTable[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = sorted.length;
  const headerSize = 12 + 16 * n;
  let size = headerSize;
  for (const t of sorted) size += (t.data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 16 * 2 ** entrySelector;
  view.setUint32(0, flavor);
  view.setUint16(4, n);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, n * 16 - searchRange);
  let offset = headerSize;
  let headOffset = -1;
  // The whole file's checksum, summed as the tables are: each starts at a four-byte boundary
  // and is zero-padded, so it is the header's words plus every table's checksum (the file is
  // read once, not twice: in a fresh process this loop runs cold, about 100 kB per face).
  let total = 0;
  sorted.forEach((t, i) => {
    out.set(t.data, offset);
    if (t.tag === 'head' && t.data.length >= 12) {
      headOffset = offset;
      view.setUint32(offset + 8, 0); // checkSumAdjustment counts as 0 in every checksum
    }
    const record = 12 + 16 * i;
    for (let k = 0; k < 4; k += 1) out[record + k] = t.tag.charCodeAt(k);
    const sum = checksum(view, offset, t.data.length);
    total = (total + sum) >>> 0;
    view.setUint32(record + 4, sum);
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, t.data.length);
    offset += (t.data.length + 3) & ~3;
  });
  total = (total + checksum(view, 0, headerSize)) >>> 0;
  if (headOffset >= 0) view.setUint32(headOffset + 8, (0xb1b0afba - total) >>> 0);
  return out;
}

/** The OpenType file a WOFF2 file holds, or null when it is not one Marianne-like font without transforms. */
export function sfntFromWoff2(woff2: Uint8Array): Uint8Array | null {
  const parsed = woff2Tables(woff2);
  return parsed && sfntFromTables(parsed.flavor, parsed.tables);
}
