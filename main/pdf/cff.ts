/**
 * Subsets a CFF font program (Adobe TN 5176, « The Compact Font Format Specification ») for
 * embedding as a PDF CIDFontType0C: the charstrings of the glyphs a document uses, in the
 * order it used them (glyph 0, .notdef, first), as a CID-keyed font whose CIDs are those
 * positions. Subroutines keep their numbers (charstrings call them by number); those no kept
 * glyph calls become a bare `return`. The same layout as fontkit's subsetter, which Paraphe
 * used before: loading fontkit cost a fresh process about 90 ms for this alone.
 */

/** A CFF read enough to subset it. */
export interface CffFont {
  readonly name: string;
  /** Top DICT entries, operands as raw bytes (copied as they are). */
  readonly top: readonly DictEntry[];
  readonly strings: readonly Uint8Array[];
  readonly globalSubrs: readonly Uint8Array[];
  readonly charStrings: readonly Uint8Array[];
  readonly privateDict: readonly DictEntry[];
  readonly localSubrs: readonly Uint8Array[];
}

/** One DICT entry: operator (12 x as 1200 + x), raw operand bytes, operands as numbers. */
export interface DictEntry {
  readonly op: number;
  readonly raw: Uint8Array;
  readonly values: readonly number[];
}

const STANDARD_STRINGS = 391;
const OP = {
  version: 0, Notice: 1, FullName: 2, FamilyName: 3, Weight: 4, charset: 15, Encoding: 16, CharStrings: 17, Private: 18, Subrs: 19,
  Copyright: 1200, PostScript: 1221, BaseFontName: 1222, ROS: 1230, CIDCount: 1234, FDArray: 1236, FDSelect: 1237, FontName: 1238,
} as const;
/** Top DICT entries the subset writes anew (offsets, CID-keyed entries). */
const REWRITTEN_OPS = new Set<number>([OP.ROS, OP.charset, OP.Encoding, OP.CharStrings, OP.Private, OP.CIDCount, OP.FDArray, OP.FDSelect]);
const STRING_OPS = new Set<number>([OP.version, OP.Notice, OP.Copyright, OP.FullName, OP.FamilyName, OP.Weight, OP.PostScript, OP.BaseFontName, OP.FontName]);

class Reader {
  constructor(readonly b: Uint8Array) {}
  u8(p: number): number {
    if (p >= this.b.length) throw new Error('CFF tronqué');
    return this.b[p]!;
  }
  u16(p: number): number {
    return (this.u8(p) << 8) | this.u8(p + 1);
  }
  /** An INDEX at `p`: its items and where it ends. */
  index(p: number): { items: Uint8Array[]; end: number } {
    const b = this.b;
    const count = this.u16(p);
    if (count === 0) return { items: [], end: p + 2 };
    const offSize = this.u8(p + 2);
    const base = p + 3 + (count + 1) * offSize - 1;
    if (offSize < 1 || offSize > 4 || base > b.length) throw new Error('CFF : INDEX mal formé');
    // Read once per file, often before anything is compiled: a plain loop, no helper per byte.
    const items: Uint8Array[] = new Array(count);
    let at = p + 3;
    let prev = 0;
    for (let i = 0; i <= count; i += 1) {
      let next = 0;
      for (let k = 0; k < offSize; k += 1) next = next * 256 + b[at++]!;
      if (i > 0) {
        if (next < prev || base + next > b.length) throw new Error('CFF : INDEX mal formé');
        items[i - 1] = b.subarray(base + prev, base + next);
      }
      prev = next;
    }
    return { items, end: base + prev };
  }
}

/** Parses a DICT's bytes into entries. */
export function parseDict(b: Uint8Array): DictEntry[] {
  const entries: DictEntry[] = [];
  let start = 0;
  let values: number[] = [];
  let p = 0;
  while (p < b.length) {
    const b0 = b[p]!;
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + b[p + 1]! : b0;
      entries.push({ op, raw: b.subarray(start, p), values });
      p += b0 === 12 ? 2 : 1;
      start = p;
      values = [];
    } else if (b0 === 28) {
      values.push(((b[p + 1]! << 24) | (b[p + 2]! << 16)) >> 16);
      p += 3;
    } else if (b0 === 29) {
      values.push((b[p + 1]! << 24) | (b[p + 2]! << 16) | (b[p + 3]! << 8) | b[p + 4]!);
      p += 5;
    } else if (b0 === 30) {
      // A real: nibbles up to 0xf. Its value is not needed (reals are copied as bytes).
      p += 1;
      while (p < b.length && (b[p]! & 0x0f) !== 0x0f && (b[p]! & 0xf0) !== 0xf0) p += 1;
      p += 1;
      values.push(Number.NaN);
    } else if (b0 >= 32 && b0 <= 246) {
      values.push(b0 - 139);
      p += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      values.push((b0 - 247) * 256 + b[p + 1]! + 108);
      p += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      values.push(-(b0 - 251) * 256 - b[p + 1]! - 108);
      p += 2;
    } else throw new Error(`CFF : octet ${b0} inattendu dans un DICT`);
  }
  return entries;
}

/** Reads a name-keyed CFF (one font); null for what this reader does not subset (CID-keyed fonts, Type 1 charstrings). */
export function readCff(bytes: Uint8Array): CffFont | null {
  const r = new Reader(bytes);
  if (r.u8(0) !== 1) return null;
  const names = r.index(r.u8(2));
  const tops = r.index(names.end);
  const strings = r.index(tops.end);
  const globals = r.index(strings.end);
  if (names.items.length !== 1 || tops.items.length !== 1) return null;
  const top = parseDict(tops.items[0]!);
  const get = (op: number) => top.find((e) => e.op === op)?.values;
  if (get(OP.ROS) || (get(1206)?.[0] ?? 2) !== 2) return null; // CID-keyed, or CharstringType ≠ 2
  const cs = get(OP.CharStrings)?.[0];
  const priv = get(OP.Private);
  if (cs === undefined || !priv || priv.length !== 2) return null;
  const [privSize, privOffset] = priv as [number, number];
  const privateDict = parseDict(bytes.subarray(privOffset, privOffset + privSize));
  const subrs = privateDict.find((e) => e.op === OP.Subrs)?.values[0];
  return {
    name: String.fromCharCode(...names.items[0]!),
    top,
    strings: strings.items,
    globalSubrs: globals.items,
    charStrings: r.index(cs).items,
    privateDict,
    localSubrs: subrs === undefined ? [] : r.index(privOffset + subrs).items,
  };
}

/** The subroutine bias (Type 2 charstrings, §4.7). */
function bias(count: number): number {
  return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

/**
 * Which subroutines the charstrings call, found by running them as far as stems, masks and
 * calls go (Type 2 charstrings, TN 5177): the operand stack is shared with subroutines, and a
 * hintmask's length depends on how many stems were declared before it.
 */
export function usedSubrs(font: CffFont, glyphs: readonly number[]): { local: Set<number>; global: Set<number> } {
  const local = new Set<number>();
  const global = new Set<number>();
  const localBias = bias(font.localSubrs.length);
  const globalBias = bias(font.globalSubrs.length);
  for (const gid of glyphs) {
    const code = font.charStrings[gid];
    if (!code) continue;
    const stack: number[] = [];
    let stems = 0;
    let ended = false;
    let depth = 0;
    const run = (cs: Uint8Array): void => {
      if (++depth > 10) throw new Error('CFF : sous-programmes trop imbriqués');
      let p = 0;
      while (p < cs.length && !ended) {
        const b0 = cs[p]!;
        if (b0 === 28) {
          stack.push(((cs[p + 1]! << 24) | (cs[p + 2]! << 16)) >> 16);
          p += 3;
          continue;
        }
        if (b0 >= 32) {
          if (b0 <= 246) {
            stack.push(b0 - 139);
            p += 1;
          } else if (b0 <= 250) {
            stack.push((b0 - 247) * 256 + cs[p + 1]! + 108);
            p += 2;
          } else if (b0 <= 254) {
            stack.push(-(b0 - 251) * 256 - cs[p + 1]! - 108);
            p += 2;
          } else {
            stack.push(((cs[p + 1]! << 24) | (cs[p + 2]! << 16) | (cs[p + 3]! << 8) | cs[p + 4]!) / 65536);
            p += 5;
          }
          continue;
        }
        p += 1;
        switch (b0) {
          case 1: // hstem
          case 3: // vstem
          case 18: // hstemhm
          case 23: // vstemhm
            stems += stack.length >> 1;
            stack.length = 0;
            break;
          case 19: // hintmask
          case 20: // cntrmask
            stems += stack.length >> 1; // an implied vstem
            stack.length = 0;
            p += (stems + 7) >> 3;
            break;
          case 10: // callsubr
          case 29: {
            // callgsubr
            const isLocal = b0 === 10;
            const n = (stack.pop() ?? 0) + (isLocal ? localBias : globalBias);
            const subr = (isLocal ? font.localSubrs : font.globalSubrs)[n];
            if (!subr) throw new Error(`CFF : sous-programme ${n} absent`);
            (isLocal ? local : global).add(n);
            run(subr);
            break;
          }
          case 11: // return
            depth -= 1;
            return;
          case 14: // endchar
            ended = true;
            break;
          case 12:
            p += 1; // two-byte operators (flex, arithmetic) draw or compute: no stems, no calls
            stack.length = 0;
            break;
          default:
            stack.length = 0;
        }
      }
      depth -= 1;
    };
    run(code);
  }
  return { local, global };
}

/** DICT operand: a 32-bit integer in five bytes, so that offsets can be written before they are known. */
function int32(v: number): number[] {
  return [29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

/** DICT operand: an integer in its shortest form. */
function int(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  if (v >= 108 && v <= 1131) return [((v - 108) >> 8) + 247, (v - 108) & 0xff];
  if (v >= -1131 && v <= -108) return [((-v - 108) >> 8) + 251, (-v - 108) & 0xff];
  if (v >= -32768 && v <= 32767) return [28, (v >> 8) & 0xff, v & 0xff];
  return int32(v);
}

function operator(op: number): number[] {
  return op >= 1200 ? [12, op - 1200] : [op];
}

/** An INDEX of these items. */
function writeIndex(items: readonly Uint8Array[]): Uint8Array {
  if (items.length === 0) return new Uint8Array([0, 0]);
  const dataSize = items.reduce((n, i) => n + i.length, 0);
  const offSize = dataSize + 1 < 0x100 ? 1 : dataSize + 1 < 0x10000 ? 2 : dataSize + 1 < 0x1000000 ? 3 : 4;
  const out = new Uint8Array(3 + (items.length + 1) * offSize + dataSize);
  out[0] = items.length >> 8;
  out[1] = items.length & 0xff;
  out[2] = offSize;
  let offset = 1;
  let p = 3;
  const put = (v: number) => {
    for (let k = offSize - 1; k >= 0; k -= 1) out[p++] = Math.floor(v / 256 ** k) & 0xff;
  };
  put(offset);
  for (const item of items) {
    offset += item.length;
    put(offset);
  }
  for (const item of items) {
    out.set(item, p);
    p += item.length;
  }
  return out;
}

const RETURN = new Uint8Array([11]);

/**
 * The subset of `font` holding `glyphs` (glyph ids; the first must be 0), as a CID-keyed CFF:
 * ROS Adobe-Identity-0, CID n = the n-th glyph of the list, one Font DICT with the original
 * Private DICT and its subroutines (unused ones emptied).
 */
export function subsetCff(font: CffFont, glyphs: readonly number[]): Uint8Array {
  const { local, global } = usedSubrs(font, glyphs);
  const enc = new TextEncoder();
  const strings: Uint8Array[] = [];
  const sid = (s: Uint8Array): number => {
    strings.push(s);
    return STANDARD_STRINGS + strings.length - 1;
  };
  // The Top DICT: ROS first (CID-keyed fonts need it first), the font's own entries, the new offsets.
  const head: number[] = [...int(sid(enc.encode('Adobe'))), ...int(sid(enc.encode('Identity'))), ...int(0), ...operator(OP.ROS)];
  for (const e of font.top) {
    if (REWRITTEN_OPS.has(e.op)) continue;
    if (STRING_OPS.has(e.op)) {
      const old = e.values[0]!;
      if (old < STANDARD_STRINGS) head.push(...int(old), ...operator(e.op));
      else if (font.strings[old - STANDARD_STRINGS]) head.push(...int(sid(font.strings[old - STANDARD_STRINGS]!)), ...operator(e.op));
      continue;
    }
    head.push(...e.raw, ...operator(e.op));
  }
  head.push(...int(glyphs.length), ...operator(OP.CIDCount));
  const topSize = head.length + 4 * 5 + 6; // four 5-byte offsets and their operators (charset, FDSelect 12 37, CharStrings, FDArray 12 36)

  const header = new Uint8Array([1, 0, 4, 4]);
  const nameIndex = writeIndex([enc.encode(font.name)]);
  const topIndexSize = writeIndex([new Uint8Array(topSize)]).length;
  const stringIndex = writeIndex(strings);
  const globalIndex = writeIndex(font.globalSubrs.map((s, i) => (global.has(i) ? s : RETURN)));
  // charset: CIDs 1 … n-1 in one range (format 1, or 2 past 255 glyphs).
  const n = glyphs.length;
  const charset = n <= 1 ? new Uint8Array([0]) : n - 2 <= 255 ? new Uint8Array([1, 0, 1, n - 2]) : new Uint8Array([2, 0, 1, (n - 2) >> 8, (n - 2) & 0xff]);
  const fdSelect = new Uint8Array([3, 0, 1, 0, 0, 0, n >> 8, n & 0xff]);
  const charStrings = writeIndex(glyphs.map((g) => font.charStrings[g] ?? font.charStrings[0]!));
  const subrs = font.localSubrs.map((s, i) => (local.has(i) ? s : RETURN));
  const privateBody: number[] = [];
  for (const e of font.privateDict) if (e.op !== OP.Subrs) privateBody.push(...e.raw, ...operator(e.op));
  const privateSize = privateBody.length + (subrs.length ? 6 : 0);
  if (subrs.length) privateBody.push(...int32(privateSize), OP.Subrs);
  const privateDict = new Uint8Array(privateBody);
  const localIndex = subrs.length ? writeIndex(subrs) : new Uint8Array(0);

  let offset = header.length + nameIndex.length + topIndexSize + stringIndex.length + globalIndex.length;
  const charsetAt = offset;
  offset += charset.length;
  const fdSelectAt = offset;
  offset += fdSelect.length;
  const charStringsAt = offset;
  offset += charStrings.length;
  const fdArrayAt = offset;
  const fontDict = new Uint8Array([...int32(privateDict.length), ...int32(0), OP.Private]);
  const fdArraySize = writeIndex([fontDict]).length;
  const privateAt = fdArrayAt + fdArraySize;
  fontDict.set(int32(privateAt), 5);
  const fdArray = writeIndex([fontDict]);

  head.push(...int32(charsetAt), OP.charset, ...int32(fdSelectAt), ...operator(OP.FDSelect), ...int32(charStringsAt), OP.CharStrings, ...int32(fdArrayAt), ...operator(OP.FDArray));
  const topIndex = writeIndex([new Uint8Array(head)]);
  if (topIndex.length !== topIndexSize) throw new Error('CFF : taille du Top DICT imprévue');

  const parts = [header, nameIndex, topIndex, stringIndex, globalIndex, charset, fdSelect, charStrings, fdArray, privateDict, localIndex];
  const out = new Uint8Array(parts.reduce((s, x) => s + x.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
