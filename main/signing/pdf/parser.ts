/** Tokenizer and object parser for PDF syntax, reading straight from the file's bytes. */
import { LIMITS, isCount, tooComplex } from './limits';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from './objects';

/** Any structural problem while reading a PDF. */
export class PdfSyntaxError extends Error {}

const WS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

/** Resolves /Length when it is an indirect reference. */
export type LengthResolver = (ref: PdfRef) => number | undefined;

/** An object read with `num gen obj … endobj`. */
export interface IndirectObject {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfValue;
  readonly start: number;
  readonly end: number;
}

const KEYWORD_END = { token: 'end' } as const;

/** Escapes of literal strings (`\n`…), by the byte after the backslash. */
const ESCAPES = new Int16Array(256).fill(-1);
for (const [c, v] of [[0x6e, 10], [0x72, 13], [0x74, 9], [0x62, 8], [0x66, 12], [0x28, 0x28], [0x29, 0x29], [0x5c, 0x5c]] as const) ESCAPES[c] = v;
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** A cursor over the bytes of a PDF. */
export class PdfParser {
  pos: number;
  /** Arrays and dictionaries open around the current position. */
  private depth = 0;
  constructor(readonly bytes: Buffer, pos = 0, private readonly resolveLength?: LengthResolver) {
    this.pos = pos;
  }

  skipWs(): void {
    const b = this.bytes;
    for (;;) {
      while (this.pos < b.length && WS[b[this.pos]!]) this.pos++;
      if (b[this.pos] === 0x25) {
        // comment up to end of line
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  /** Reads a bare keyword or number token (no delimiters). */
  regular(): string {
    const b = this.bytes;
    const start = this.pos;
    while (this.pos < b.length && !WS[b[this.pos]!] && !DELIM[b[this.pos]!]) this.pos++;
    return b.toString('latin1', start, this.pos);
  }

  /** Checks that the next token is `kw`, consuming it. */
  expectKeyword(kw: string): void {
    this.skipWs();
    const at = this.pos;
    const t = this.regular();
    if (t !== kw) throw new PdfSyntaxError(`« ${kw} » attendu à l’octet ${at}`);
  }

  peekKeyword(kw: string): boolean {
    this.skipWs();
    const save = this.pos;
    const t = this.regular();
    this.pos = save;
    return t === kw;
  }

  /** Parses one value. */
  value(): PdfValue {
    const v = this.valueOrEnd();
    if (v === KEYWORD_END) throw new PdfSyntaxError(`Valeur attendue à l’octet ${this.pos}`);
    return v as PdfValue;
  }

  private valueOrEnd(): PdfValue | typeof KEYWORD_END {
    this.skipWs();
    const b = this.bytes;
    if (this.pos >= b.length) throw new PdfSyntaxError('Fin de fichier inattendue');
    const c = b[this.pos]!;
    if (c === 0x2f) return this.nameToken();
    if (c === 0x28) return this.literalString();
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) return this.dictOrStream();
      return this.hexString();
    }
    if (c === 0x5b) {
      this.pos++;
      this.enter();
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWs();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          this.depth--;
          return arr;
        }
        arr.push(this.value());
      }
    }
    if (c === 0x5d || c === 0x3e) return KEYWORD_END;
    const start = this.pos;
    const tok = this.regular();
    if (tok === '') throw new PdfSyntaxError(`Caractère inattendu à l’octet ${start}`);
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    if (tok === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok)) {
      const n = Number(tok);
      // `num gen R`: look ahead for a generation number and R.
      if (/^\d+$/.test(tok)) {
        const save = this.pos;
        this.skipWs();
        const gen = this.regular();
        if (/^\d+$/.test(gen)) {
          this.skipWs();
          const r = this.regular();
          if (r === 'R') return new PdfRef(n, Number(gen));
        }
        this.pos = save;
      }
      return n;
    }
    this.pos = start;
    return KEYWORD_END;
  }

  /** Opens an array or dictionary; refuses nesting deeper than any real document needs. */
  private enter(): void {
    if (++this.depth > LIMITS.maxNesting) throw tooComplex(`tableaux ou dictionnaires imbriqués sur plus de ${LIMITS.maxNesting} niveaux`);
  }

  private nameToken(): PdfName {
    const b = this.bytes;
    this.pos++;
    const start = this.pos;
    while (this.pos < b.length && !WS[b[this.pos]!] && !DELIM[b[this.pos]!]) this.pos++;
    const raw = b.toString('latin1', start, this.pos);
    return new PdfName(raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw);
  }

  /** `( … )`: balanced parentheses, escapes decoded, into one Buffer (never a byte per array slot). */
  private literalString(): PdfString {
    const b = this.bytes;
    const start = ++this.pos;
    // First pass: find the closing parenthesis; most strings have no escape and are copied as is.
    let depth = 1;
    let escapes = false;
    let p = start;
    for (; p < b.length; p++) {
      const c = b[p]!;
      if (c === 0x5c) {
        escapes = true;
        p++;
      } else if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
    }
    if (p >= b.length) throw new PdfSyntaxError('Chaîne non terminée');
    this.pos = p + 1;
    // A view, not a copy: a 100 MB string costs no memory of its own.
    if (!escapes) return new PdfString(b.subarray(start, p));
    const out = Buffer.allocUnsafe(p - start);
    let n = 0;
    for (let i = start; i < p; ) {
      const c = b[i++]!;
      if (c !== 0x5c) {
        out[n++] = c;
        continue;
      }
      const e = b[i++]!;
      if (ESCAPES[e]! >= 0) out[n++] = ESCAPES[e]!;
      else if (e >= 0x30 && e <= 0x37) {
        let v = e - 0x30;
        for (let k = 0; k < 2 && i < p && b[i]! >= 0x30 && b[i]! <= 0x37; k++) v = v * 8 + (b[i++]! - 0x30);
        out[n++] = v & 0xff;
      } else if (e === 0x0d) {
        if (b[i] === 0x0a) i++;
      } else if (e !== 0x0a) out[n++] = e;
    }
    return new PdfString(out.subarray(0, n));
  }

  /** `< … >`: hex digits (whitespace ignored, an odd last digit padded with 0), into one Buffer. */
  private hexString(): PdfString {
    const b = this.bytes;
    const end = b.indexOf(0x3e, this.pos);
    if (end < 0) throw new PdfSyntaxError('Chaîne hexadécimale non terminée');
    const out = Buffer.allocUnsafe((end - this.pos) >> 1);
    let n = 0;
    let high = -1;
    for (let i = this.pos + 1; i < end; i++) {
      const c = b[i]!;
      const v = HEX[c]!;
      if (v < 0) {
        if (WS[c]) continue;
        throw new PdfSyntaxError(`Chaîne hexadécimale invalide à l’octet ${this.pos}`);
      }
      if (high < 0) high = v;
      else {
        out[n++] = (high << 4) | v;
        high = -1;
      }
    }
    if (high >= 0) out[n++] = high << 4;
    this.pos = end + 1;
    return new PdfString(out.subarray(0, n), true);
  }

  private dictOrStream(): PdfDict | PdfStream {
    const b = this.bytes;
    this.pos += 2;
    this.enter();
    const d = new PdfDict();
    const spans = new Map<string, readonly [number, number]>();
    for (;;) {
      this.skipWs();
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        this.depth--;
        break;
      }
      if (b[this.pos] !== 0x2f) throw new PdfSyntaxError(`Clé de dictionnaire attendue à l’octet ${this.pos}`);
      const key = this.nameToken().name;
      this.skipWs();
      const vStart = this.pos;
      const v = this.value();
      spans.set(key, [vStart, this.pos]);
      d.set(key, v);
    }
    d.spans = spans;
    const save = this.pos;
    this.skipWs();
    if (this.regular() !== 'stream') {
      this.pos = save;
      return d;
    }
    // The keyword is followed by CRLF or LF (a lone CR is tolerated).
    if (b[this.pos] === 0x0d) this.pos++;
    if (b[this.pos] === 0x0a) this.pos++;
    const dataStart = this.pos;
    let len: number | undefined;
    const lv = d.get('Length');
    if (typeof lv === 'number') len = lv;
    else if (lv instanceof PdfRef && this.resolveLength) len = this.resolveLength(lv);
    let dataEnd = isCount(len) ? dataStart + len : -1;
    if (dataEnd < 0 || dataEnd > b.length || !this.endstreamAt(dataEnd)) {
      // A wrong /Length is common in the wild: fall back to the endstream keyword.
      const k = b.indexOf('endstream', dataStart, 'latin1');
      if (k < 0) throw new PdfSyntaxError('Flux sans « endstream »');
      dataEnd = k;
      if (b[dataEnd - 1] === 0x0a) dataEnd--;
      if (b[dataEnd - 1] === 0x0d) dataEnd--;
    }
    this.pos = dataEnd;
    this.expectKeyword('endstream');
    return new PdfStream(d, b.subarray(dataStart, dataEnd));
  }

  private endstreamAt(p: number): boolean {
    let q = p;
    while (q < this.bytes.length && WS[this.bytes[q]!]) q++;
    return this.bytes.toString('latin1', q, q + 9) === 'endstream';
  }

  /** Parses `num gen obj value endobj` at the current position. */
  indirectObject(): IndirectObject {
    this.skipWs();
    const start = this.pos;
    const num = Number(this.regular());
    this.skipWs();
    const gen = Number(this.regular());
    this.expectKeyword('obj');
    if (!Number.isInteger(num) || !Number.isInteger(gen)) throw new PdfSyntaxError(`Objet attendu à l’octet ${start}`);
    const value = this.value();
    // Some writers omit endobj; tolerate it rather than failing on the whole file.
    const save = this.pos;
    this.skipWs();
    if (this.regular() !== 'endobj') this.pos = save;
    return { num, gen, value, start, end: this.pos };
  }
}
