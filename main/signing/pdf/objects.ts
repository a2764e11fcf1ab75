/**
 * The PDF object model used by the signer and the verifier, and its serializer. Kept apart
 * from pdf-lib on purpose: incremental updates need byte offsets of the objects we read and
 * full control over the bytes we append.
 */

/** /Name (decoded, without the slash). */
export class PdfName {
  constructor(readonly name: string) {}
}

/** A string, kept as bytes; `hex` remembers the written form. */
export class PdfString {
  constructor(readonly bytes: Uint8Array, readonly hex = false) {}
  /** Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding≈Latin-1). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let s = '';
      for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return Buffer.from(b.subarray(3)).toString('utf8');
    return Buffer.from(b).toString('latin1');
  }
  /** A text string: plain bytes when Latin-1 is enough, otherwise UTF-16BE with a BOM. */
  static fromText(s: string): PdfString {
    if (/^[\x20-\x7e]*$/.test(s)) return new PdfString(Buffer.from(s, 'latin1'));
    const out = Buffer.alloc(2 + s.length * 2);
    out[0] = 0xfe;
    out[1] = 0xff;
    for (let i = 0; i < s.length; i++) out.writeUInt16BE(s.charCodeAt(i), 2 + i * 2);
    return new PdfString(out, true);
  }
}

/** An indirect reference `num gen R`. */
export class PdfRef {
  constructor(readonly num: number, readonly gen: number) {}
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

/** A dictionary; `spans` records where each value was read (the verifier needs /Contents). */
export class PdfDict {
  readonly map: Map<string, PdfValue>;
  spans?: Map<string, readonly [number, number]>;
  constructor(entries?: Iterable<readonly [string, PdfValue]>) {
    this.map = new Map(entries);
  }
  get(key: string): PdfValue | undefined {
    return this.map.get(key);
  }
  set(key: string, value: PdfValue): this {
    this.map.set(key, value);
    return this;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  /** A shallow copy, the usual start of "same object with one more key". */
  clone(): PdfDict {
    return new PdfDict(this.map);
  }
  /** The name value of `key`, if it is a name. */
  name(key: string): string | undefined {
    const v = this.map.get(key);
    return v instanceof PdfName ? v.name : undefined;
  }
}

/** A stream: its dictionary and its still-encoded bytes. */
export class PdfStream {
  constructor(readonly dict: PdfDict, readonly data: Uint8Array) {}
}

/** Any PDF value. Numbers are JavaScript numbers (PDF reals fit in a double). */
export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfValue[];

/** Shorthand for a name. */
export const name = (n: string): PdfName => new PdfName(n);
/** Shorthand for a dictionary from an object literal (undefined values are left out). */
export function dict(entries: Record<string, PdfValue | undefined>): PdfDict {
  return new PdfDict(Object.entries(entries).filter((e): e is [string, PdfValue] => e[1] !== undefined));
}

const REGULAR_NAME = /^[!-~]$/;
const DELIMS = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%', '#']);

function nameText(n: string): string {
  let out = '/';
  for (const ch of Buffer.from(n, 'latin1')) {
    const c = String.fromCharCode(ch);
    out += REGULAR_NAME.test(c) && !DELIMS.has(c) ? c : '#' + ch.toString(16).padStart(2, '0');
  }
  return out;
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const s = n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

const UNPRINTABLE = /[^\x20-\x7e]/;

function isPrintable(s: PdfString): boolean {
  if (s.hex) return false;
  const b = Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength);
  // In slices, through the native regular expression engine: a 100 MB string takes ~0.1 s.
  for (let i = 0; i < b.length; i += 1 << 20) if (UNPRINTABLE.test(b.toString('latin1', i, Math.min(b.length, i + (1 << 20))))) return false;
  return true;
}

function stringText(s: PdfString): string {
  const b = s.bytes;
  if (!isPrintable(s)) return '<' + Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex') + '>';
  return '(' + Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1').replace(/[\\()]/g, (c) => '\\' + c) + ')';
}

/** The same as {@link stringText} straight into bytes, for long strings (no JavaScript string of their size). */
function stringBytes(s: PdfString): Buffer {
  const b = s.bytes;
  if (!isPrintable(s)) {
    const out = Buffer.allocUnsafe(b.length * 2 + 2);
    out[0] = 0x3c;
    for (let i = 0; i < b.length; i++) {
      out[1 + 2 * i] = HEX_DIGITS[b[i]! >> 4]!;
      out[2 + 2 * i] = HEX_DIGITS[b[i]! & 15]!;
    }
    out[out.length - 1] = 0x3e;
    return out;
  }
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let escapes = 0;
  for (const c of [0x5c, 0x28, 0x29]) for (let i = buf.indexOf(c); i >= 0; i = buf.indexOf(c, i + 1)) escapes++;
  if (escapes === 0) return Buffer.concat([OPEN, buf, CLOSE]);
  const out = Buffer.allocUnsafe(b.length + escapes + 2);
  let n = 0;
  out[n++] = 0x28;
  for (let i = 0; i < b.length; i++) {
    const x = b[i]!;
    if (x === 0x5c || x === 0x28 || x === 0x29) out[n++] = 0x5c;
    out[n++] = x;
  }
  out[n++] = 0x29;
  return out;
}

const OPEN = Buffer.from('(');
const CLOSE = Buffer.from(')');
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/** Strings longer than this are serialized as bytes directly. */
const LONG_STRING = 64 * 1024;

/** Serializes a value (streams included, with a correct /Length) to bytes. */
export function serialize(v: PdfValue): Buffer {
  const parts: Buffer[] = [];
  let text = '';
  const flush = () => {
    if (text) parts.push(Buffer.from(text, 'latin1'));
    text = '';
  };
  const walk = (x: PdfValue): void => {
    if (x === null) text += 'null';
    else if (typeof x === 'boolean') text += x ? 'true' : 'false';
    else if (typeof x === 'number') text += numberText(x);
    else if (x instanceof PdfName) text += nameText(x.name);
    else if (x instanceof PdfString) {
      if (x.bytes.length > LONG_STRING) {
        flush();
        parts.push(stringBytes(x));
      } else text += stringText(x);
    }
    else if (x instanceof PdfRef) text += x.toString();
    else if (Array.isArray(x)) {
      text += '[';
      x.forEach((e, i) => {
        if (i) text += ' ';
        walk(e);
      });
      text += ']';
    } else if (x instanceof PdfDict) {
      text += '<<';
      for (const [k, e] of x.map) {
        text += nameText(k) + ' ';
        walk(e);
      }
      text += '>>';
    } else if (x instanceof PdfStream) {
      walk(x.dict.clone().set('Length', x.data.length));
      text += '\nstream\n';
      flush();
      parts.push(Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength));
      text += '\nendstream';
    }
  };
  walk(v);
  flush();
  return Buffer.concat(parts);
}

/** Deep structural equality (references compare by number and generation). */
export function sameValue(a: PdfValue | undefined, b: PdfValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfString) return b instanceof PdfString && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a instanceof PdfDict) {
    if (!(b instanceof PdfDict) || a.map.size !== b.map.size) return false;
    for (const [k, v] of a.map) if (!sameValue(v, b.map.get(k))) return false;
    return true;
  }
  if (a instanceof PdfStream) {
    return b instanceof PdfStream && sameValue(a.dict, b.dict) && Buffer.from(a.data).equals(Buffer.from(b.data));
  }
  return false;
}
