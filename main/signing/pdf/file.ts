/**
 * A read-only view of one state of a PDF: its cross-reference sections (classic tables,
 * xref streams, hybrid files), object streams, and lazy object resolution. Opening a prefix
 * of the bytes gives the state of an earlier revision, which is how the verifier compares
 * what was signed with what the file shows now.
 */
import { UserError } from '../../../shared/errors';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfValue } from './objects';
import { PdfParser, PdfSyntaxError } from './parser';
import { decodeStream } from './streams';

/** Where an object lives: at a byte offset, or inside an object stream. */
export type XrefEntry =
  | { readonly type: 'offset'; readonly offset: number; readonly gen: number }
  | { readonly type: 'compressed'; readonly stream: number; readonly index: number }
  | { readonly type: 'free' };

/** One cross-reference section of the chain (newest first). */
export interface XrefSection {
  readonly offset: number;
  readonly kind: 'table' | 'stream';
  readonly trailer: PdfDict;
}

/** A state of the document, read from `bytes` (the whole file or a prefix of it). */
export class PdfFile {
  readonly entries = new Map<number, XrefEntry>();
  readonly sections: XrefSection[] = [];
  readonly trailer: PdfDict;
  readonly startxref: number;
  private readonly cache = new Map<number, PdfValue>();
  private readonly objStmCache = new Map<number, { offsets: number[]; nums: number[]; data: Buffer; first: number }>();

  private constructor(readonly bytes: Buffer) {
    this.startxref = findStartxref(bytes);
    const seen = new Set<number>();
    let offset: number | undefined = this.startxref;
    while (offset !== undefined) {
      if (seen.has(offset) || offset < 0 || offset >= bytes.length) throw new PdfSyntaxError('Chaîne de tables de références invalide');
      seen.add(offset);
      const section = this.readSection(offset);
      this.sections.push(section);
      const xrefStm = section.trailer.get('XRefStm');
      if (section.kind === 'table' && typeof xrefStm === 'number' && !seen.has(xrefStm)) {
        // Hybrid file: the stream only fills in what the table left out.
        seen.add(xrefStm);
        this.readSection(xrefStm);
      }
      const prev = section.trailer.get('Prev');
      offset = typeof prev === 'number' ? prev : undefined;
    }
    this.trailer = this.sections[0]!.trailer;
  }

  /** Opens `bytes` as a PDF; throws UserError PDF_UNREADABLE / PDF_ENCRYPTED. */
  static open(bytes: Buffer): PdfFile {
    if (bytes.indexOf('%PDF-', 0, 'latin1') !== 0 && bytes.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1') < 0) {
      throw new UserError('PDF_UNREADABLE', 'Ce fichier n’est pas un PDF. Choisissez le PDF de la convention (extension .pdf).');
    }
    let file: PdfFile;
    try {
      file = new PdfFile(bytes);
      if (!(file.catalog() instanceof PdfDict)) throw new PdfSyntaxError('Catalogue introuvable');
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError('PDF_UNREADABLE', 'Ce PDF est incomplet ou endommagé (tables de références illisibles). Demandez une nouvelle copie du fichier.', { cause: e instanceof Error ? e.message : String(e) });
    }
    if (file.trailer.get('Encrypt') !== undefined) {
      throw new UserError('PDF_ENCRYPTED', 'Ce PDF est chiffré (protégé par mot de passe) : Paraphe ne peut ni le signer ni le vérifier. Demandez une version non protégée du document.');
    }
    return file;
  }

  private readSection(offset: number): XrefSection {
    const p = new PdfParser(this.bytes, offset);
    if (p.peekKeyword('xref')) {
      p.expectKeyword('xref');
      for (;;) {
        p.skipWs();
        if (p.peekKeyword('trailer')) break;
        const first = Number(p.regular());
        p.skipWs();
        const count = Number(p.regular());
        if (!Number.isInteger(first) || !Number.isInteger(count)) throw new PdfSyntaxError('Sous-section de table invalide');
        for (let i = 0; i < count; i++) {
          p.skipWs();
          const off = Number(p.regular());
          p.skipWs();
          const gen = Number(p.regular());
          p.skipWs();
          const t = p.regular();
          if (!Number.isInteger(off) || (t !== 'n' && t !== 'f')) throw new PdfSyntaxError('Entrée de table invalide');
          const num = first + i;
          if (!this.entries.has(num)) this.entries.set(num, t === 'n' ? { type: 'offset', offset: off, gen } : { type: 'free' });
        }
      }
      p.expectKeyword('trailer');
      const trailer = p.value();
      if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('Trailer invalide');
      return { offset, kind: 'table', trailer };
    }
    const obj = p.indirectObject();
    if (!(obj.value instanceof PdfStream) || obj.value.dict.name('Type') !== 'XRef') throw new PdfSyntaxError('Table de références attendue');
    const d = obj.value.dict;
    const w = d.get('W');
    if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => typeof x === 'number')) throw new PdfSyntaxError('/W invalide');
    const [w0, w1, w2] = w as number[];
    const size = d.get('Size');
    const index = d.get('Index') ?? [0, size ?? 0];
    if (!Array.isArray(index)) throw new PdfSyntaxError('/Index invalide');
    const data = decodeStream(obj.value);
    const rowLen = w0! + w1! + w2!;
    const read = (pos: number, n: number, def: number) => {
      if (n === 0) return def;
      let v = 0;
      for (let i = 0; i < n; i++) v = v * 256 + data[pos + i]!;
      return v;
    };
    let pos = 0;
    for (let k = 0; k + 1 < index.length; k += 2) {
      const first = index[k] as number;
      const count = index[k + 1] as number;
      for (let i = 0; i < count; i++, pos += rowLen) {
        if (pos + rowLen > data.length) throw new PdfSyntaxError('Flux de références tronqué');
        const type = read(pos, w0!, 1);
        const f2 = read(pos + w0!, w1!, 0);
        const f3 = read(pos + w0! + w1!, w2!, 0);
        const num = first + i;
        if (this.entries.has(num)) continue;
        if (type === 0) this.entries.set(num, { type: 'free' });
        else if (type === 1) this.entries.set(num, { type: 'offset', offset: f2, gen: f3 });
        else if (type === 2) this.entries.set(num, { type: 'compressed', stream: f2, index: f3 });
      }
    }
    return { offset, kind: 'stream', trailer: d };
  }

  /** The object `num`, or undefined when free or absent (cached). */
  get(num: number): PdfValue | undefined {
    if (this.cache.has(num)) return this.cache.get(num);
    const e = this.entries.get(num);
    let v: PdfValue | undefined;
    if (!e || e.type === 'free') v = undefined;
    else if (e.type === 'offset') {
      const obj = this.parseAt(e.offset);
      if (obj.num !== num) throw new PdfSyntaxError(`L’objet ${num} n’est pas à l’octet ${e.offset}`);
      v = obj.value;
    } else v = this.fromObjStm(e.stream, e.index, num);
    this.cache.set(num, v ?? null);
    return v;
  }

  /** Parses the indirect object at `offset`. */
  parseAt(offset: number) {
    if (offset < 0 || offset >= this.bytes.length) throw new PdfSyntaxError(`Décalage ${offset} hors du fichier`);
    return new PdfParser(this.bytes, offset, (ref) => {
      const l = this.get(ref.num);
      return typeof l === 'number' ? l : undefined;
    }).indirectObject();
  }

  private fromObjStm(streamNum: number, index: number, num: number): PdfValue | undefined {
    let s = this.objStmCache.get(streamNum);
    if (!s) {
      const e = this.entries.get(streamNum);
      if (!e || e.type !== 'offset') throw new PdfSyntaxError('Flux d’objets introuvable');
      const stm = this.parseAt(e.offset).value;
      if (!(stm instanceof PdfStream) || stm.dict.name('Type') !== 'ObjStm') throw new PdfSyntaxError('Flux d’objets invalide');
      const data = decodeStream(stm, (v) => this.resolve(v));
      const n = stm.dict.get('N') as number;
      const first = stm.dict.get('First') as number;
      const head = new PdfParser(data, 0);
      const nums: number[] = [];
      const offsets: number[] = [];
      for (let i = 0; i < n; i++) {
        head.skipWs();
        nums.push(Number(head.regular()));
        head.skipWs();
        offsets.push(Number(head.regular()));
      }
      s = { nums, offsets, data, first };
      this.objStmCache.set(streamNum, s);
    }
    if (s.nums[index] !== num) {
      const i = s.nums.indexOf(num);
      if (i < 0) return undefined;
      index = i;
    }
    return new PdfParser(s.data, s.first + s.offsets[index]!).value();
  }

  /** Follows a reference (once); other values are returned as they are. */
  resolve(v: PdfValue | undefined): PdfValue | undefined {
    return v instanceof PdfRef ? this.get(v.num) : v;
  }

  /** Resolves and checks for a dictionary. */
  dict(v: PdfValue | undefined): PdfDict | undefined {
    const r = this.resolve(v);
    return r instanceof PdfDict ? r : r instanceof PdfStream ? r.dict : undefined;
  }

  catalog(): PdfDict | undefined {
    return this.dict(this.trailer.get('Root'));
  }

  /** Highest object number + 1, as the next update's first free number. */
  size(): number {
    let max = 0;
    for (const k of this.entries.keys()) max = Math.max(max, k);
    const s = this.trailer.get('Size');
    return Math.max(max + 1, typeof s === 'number' ? s : 0);
  }

  /** The pages in order, with their references. */
  pages(): Array<{ ref: PdfRef; dict: PdfDict }> {
    const out: Array<{ ref: PdfRef; dict: PdfDict }> = [];
    const seen = new Set<number>();
    const walk = (ref: PdfValue | undefined, depth: number) => {
      if (!(ref instanceof PdfRef) || seen.has(ref.num) || depth > 64) return;
      seen.add(ref.num);
      const node = this.dict(ref);
      if (!node) return;
      if (node.name('Type') === 'Pages' || node.has('Kids')) {
        const kids = this.resolve(node.get('Kids'));
        if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
      } else out.push({ ref, dict: node });
    };
    walk(this.catalog()?.get('Pages'), 0);
    return out;
  }

  /** Whether the newest section is an xref stream (our update then writes one too). */
  usesXrefStreams(): boolean {
    return this.sections[0]!.kind === 'stream';
  }
}

/** Offset announced by the last `startxref`. */
function findStartxref(bytes: Buffer): number {
  const tail = Math.max(0, bytes.length - 2048);
  const k = bytes.lastIndexOf('startxref', bytes.length, 'latin1');
  if (k < tail - 1 || k < 0) throw new PdfSyntaxError('« startxref » introuvable');
  const m = /^startxref\s+(\d+)/.exec(bytes.toString('latin1', k, Math.min(bytes.length, k + 40)));
  if (!m) throw new PdfSyntaxError('« startxref » illisible');
  return Number(m[1]);
}

/** Whether the bytes just before `end` close a revision (`%%EOF` and an optional EOL). */
export function endsWithEof(bytes: Buffer, end: number): boolean {
  const s = bytes.toString('latin1', Math.max(0, end - 8), end);
  return /%%EOF(\r\n|\r|\n)?$/.test(s);
}

