/**
 * A read-only view of one state of a PDF: its cross-reference sections (classic tables,
 * xref streams, hybrid files), object streams, and lazy object resolution. Opening a prefix
 * of the bytes gives the state of an earlier revision, which is how the verifier compares
 * what was signed with what the file shows now.
 */
import { UserError } from '../../../shared/errors';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfValue } from './objects';
import { count, isCount, LIMITS, tooComplex } from './limits';
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
  /** Offset just after the section (the trailer dictionary, or the xref stream's `endobj`). */
  readonly end: number;
  readonly kind: 'table' | 'stream';
  readonly trailer: PdfDict;
}

const DIGITS = /^\d{1,10}$/;

/** Bytes allowed between a section's end and its `startxref` (whitespace only). */
const MAX_GAP_BEFORE_STARTXREF = 1024;

/** A state of the document, read from `bytes` (the whole file or a prefix of it). */
export class PdfFile {
  readonly entries = new Map<number, XrefEntry>();
  readonly sections: XrefSection[] = [];
  readonly trailer: PdfDict;
  readonly startxref: number;
  /** Objects read so far; undefined (free or absent) is cached as undefined, never as null. */
  private readonly cache = new Map<number, PdfValue | undefined>();
  private readonly objStmCache = new Map<number, { offsets: number[]; nums: number[]; data: Buffer; first: number }>();

  private readonly resolving = new Set<number>();

  private constructor(readonly bytes: Buffer) {
    this.startxref = findStartxref(bytes);
    const seen = new Set<number>();
    let offset: number | undefined = this.startxref;
    while (offset !== undefined) {
      if (!isCount(offset, bytes.length - 1) || seen.has(offset)) throw new PdfSyntaxError('Chaîne de tables de références invalide (/Prev hors du fichier ou en boucle)');
      if (this.sections.length >= LIMITS.maxSections) throw tooComplex(`plus de ${count(LIMITS.maxSections)} sections de références croisées, soit autant de révisions`);
      seen.add(offset);
      const section = this.readSection(offset);
      this.sections.push(section);
      const xrefStm = section.trailer.get('XRefStm');
      if (section.kind === 'table' && xrefStm !== undefined) {
        if (!isCount(xrefStm, bytes.length - 1)) throw new PdfSyntaxError('/XRefStm hors du fichier');
        // Hybrid file: the stream only fills in what the table left out.
        if (!seen.has(xrefStm)) {
          seen.add(xrefStm);
          this.readSection(xrefStm);
        }
      }
      const prev = section.trailer.get('Prev');
      if (prev !== undefined && typeof prev !== 'number') throw new PdfSyntaxError('/Prev invalide');
      offset = prev;
    }
    this.trailer = this.sections[0]!.trailer;
    const size = this.trailer.get('Size');
    if (size !== undefined && !isCount(size, LIMITS.maxObjectNumber + 1)) throw new PdfSyntaxError('/Size invalide');
  }

  /**
   * Where the revisions of this state end, ascending, found from the cross-reference chain
   * (never by searching `%%EOF` in the bytes, which streams may contain at will).
   *
   * For each section of the chain (newest first in {@link sections}), the bytes that follow
   * it must be, after at most 1 KB of whitespace, `startxref`, a number N and `%%EOF`; the
   * revision end is the offset just after `%%EOF` and one end of line (CR, LF or CR LF) if
   * present. That end is kept when N is this section's own offset, so that opening the
   * prefix `bytes.subarray(0, end)` starts from this very section. The one other case kept is
   * a linearized file: its first-page section sits at the start of the file and is followed
   * by a dummy `startxref 0`; its /Prev names the main section, whose `startxref` names the
   * first-page section back. That pair forms one revision, ending after the main section's
   * `%%EOF`. A section followed by anything else (no `startxref`, a number naming another
   * section) closes no revision of its own: it belongs to the next revision that is closed.
   *
   * The last end is normally `bytes.length`; it is smaller when bytes follow the last
   * `%%EOF` without forming a revision (junk, a truncated update). Hybrid files' /XRefStm
   * streams are not sections of the chain and close nothing. At most
   * {@link LIMITS.maxSections} sections are read (PDF_TOO_COMPLEX beyond), so at most that
   * many revisions are returned. Computed once per PdfFile.
   */
  revisionEnds(): number[] {
    return this.revisionBounds().map((r) => r.end);
  }

  /**
   * The 1-based revision (index in {@link revisionEnds}, plus one) that ends exactly at
   * `length`: just after its `%%EOF`, with or without the end of line that follows it (a
   * file whose last line has no EOL gets one from the next update's writer, so a signature
   * made before that update covers the bytes up to `%%EOF` only). Undefined otherwise.
   */
  revisionAt(length: number): number | undefined {
    const i = this.revisionBounds().findIndex((r) => length === r.end || length === r.eof);
    return i < 0 ? undefined : i + 1;
  }

  private revisionBounds(): ReadonlyArray<{ readonly eof: number; readonly end: number }> {
    if (this.bounds) return this.bounds;
    const byEnd = new Map<number, { eof: number; end: number }>();
    this.sections.forEach((s, i) => {
      const e = eofAfter(this.bytes, s.end);
      if (!e) return;
      const newer = this.sections[i - 1];
      // Linearized: the main section's startxref names the newer first-page section, which
      // lies before it in the file and whose /Prev points back to it.
      const linearizedPair = newer !== undefined && e.target === newer.offset && newer.offset < s.offset && newer.trailer.get('Prev') === s.offset;
      if (e.target === s.offset || linearizedPair) byEnd.set(e.end, { eof: e.eof, end: e.end });
    });
    this.bounds = [...byEnd.values()].sort((a, b) => a.end - b.end);
    return this.bounds;
  }
  private bounds?: ReadonlyArray<{ readonly eof: number; readonly end: number }>;

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

  /** Records an entry unless a newer section already did; refuses files with too many objects. */
  private addEntry(num: number, entry: XrefEntry): void {
    if (this.entries.has(num)) return;
    if (this.entries.size >= LIMITS.maxObjects) throw tooComplex(`plus de ${count(LIMITS.maxObjects)} objets`);
    this.entries.set(num, entry);
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
        const n = Number(p.regular());
        if (!isCount(first, LIMITS.maxObjectNumber) || !isCount(n, LIMITS.maxObjectNumber + 1 - first)) throw new PdfSyntaxError('Sous-section de table invalide');
        // Each entry takes 20 bytes (18 at the very least): a count the file cannot hold is a lie.
        if (n * 18 > this.bytes.length - p.pos) throw new PdfSyntaxError(`Sous-section de ${n} entrées plus longue que le fichier`);
        if (n > LIMITS.maxObjects) throw tooComplex(`${count(n)} objets dans une seule table`);
        for (let i = 0; i < n; i++) {
          p.skipWs();
          const off = Number(p.regular());
          p.skipWs();
          const gen = Number(p.regular());
          p.skipWs();
          const t = p.regular();
          if (!isCount(off) || !isCount(gen, 65535) || (t !== 'n' && t !== 'f')) throw new PdfSyntaxError('Entrée de table invalide');
          this.addEntry(first + i, t === 'n' ? { type: 'offset', offset: off, gen } : { type: 'free' });
        }
      }
      p.expectKeyword('trailer');
      const trailer = p.value();
      if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('Trailer invalide');
      return { offset, end: p.pos, kind: 'table', trailer };
    }
    const obj = p.indirectObject();
    if (!(obj.value instanceof PdfStream) || obj.value.dict.name('Type') !== 'XRef') throw new PdfSyntaxError('Table de références attendue');
    const d = obj.value.dict;
    const w = d.get('W');
    if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => isCount(x, LIMITS.maxFieldWidth))) throw new PdfSyntaxError('/W invalide (trois largeurs entières de 0 à 8 attendues)');
    const [w0, w1, w2] = w as [number, number, number];
    if (w1 === 0) throw new PdfSyntaxError('/W invalide (largeur nulle pour les positions)');
    const size = d.get('Size');
    if (!isCount(size, LIMITS.maxObjectNumber + 1)) throw new PdfSyntaxError('/Size invalide');
    const index = d.get('Index') ?? [0, size];
    if (!Array.isArray(index) || index.length % 2 !== 0) throw new PdfSyntaxError('/Index invalide');
    let rows = 0;
    for (let k = 0; k < index.length; k += 2) {
      const first = index[k];
      const n = index[k + 1];
      if (!isCount(first, LIMITS.maxObjectNumber) || !isCount(n, LIMITS.maxObjectNumber + 1 - first)) throw new PdfSyntaxError('/Index invalide (nombres hors limites)');
      rows += n;
    }
    if (rows > LIMITS.maxObjects) throw tooComplex(`${count(rows)} objets dans une seule table`);
    const data = decodeStream(obj.value);
    const rowLen = w0 + w1 + w2;
    if (rows * rowLen > data.length) throw new PdfSyntaxError('Flux de références tronqué (/Index annonce plus d’entrées que le flux n’en contient)');
    const read = (pos: number, n: number, def: number) => {
      if (n === 0) return def;
      let v = 0;
      for (let i = 0; i < n; i++) v = v * 256 + data[pos + i]!;
      return v;
    };
    let pos = 0;
    for (let k = 0; k < index.length; k += 2) {
      const first = index[k] as number;
      const n = index[k + 1] as number;
      for (let i = 0; i < n; i++, pos += rowLen) {
        const type = read(pos, w0, 1);
        const f2 = read(pos + w0, w1, 0);
        const f3 = read(pos + w0 + w1, w2, 0);
        const num = first + i;
        if (type === 0) this.addEntry(num, { type: 'free' });
        else if (type === 1) this.addEntry(num, { type: 'offset', offset: f2, gen: f3 });
        else if (type === 2) this.addEntry(num, { type: 'compressed', stream: f2, index: f3 });
      }
    }
    return { offset, end: obj.end, kind: 'stream', trailer: d };
  }

  /** The object `num`, or undefined when free or absent (cached). */
  get(num: number): PdfValue | undefined {
    if (this.cache.has(num)) return this.cache.get(num);
    // Reading an object may need another first (an indirect /Length, its object stream):
    // a cycle of those, or a long chain, is refused instead of overflowing the stack.
    if (this.resolving.has(num)) throw new PdfSyntaxError(`L’objet ${num} dépend de lui-même (/Length ou flux d’objets en boucle)`);
    if (this.resolving.size >= LIMITS.maxResolveDepth) throw tooComplex(`plus de ${LIMITS.maxResolveDepth} objets à lire les uns pour les autres`);
    this.resolving.add(num);
    let v: PdfValue | undefined;
    try {
      const e = this.entries.get(num);
      if (!e || e.type === 'free') v = undefined;
      else if (e.type === 'offset') {
        const obj = this.parseAt(e.offset);
        if (obj.num !== num) throw new PdfSyntaxError(`L’objet ${num} n’est pas à l’octet ${e.offset}`);
        v = obj.value;
      } else v = this.fromObjStm(e.stream, e.index, num);
    } finally {
      this.resolving.delete(num);
    }
    this.cache.set(num, v);
    return v;
  }

  /** Parses the indirect object at `offset`. */
  parseAt(offset: number) {
    if (offset < 0 || offset >= this.bytes.length) throw new PdfSyntaxError(`Décalage ${offset} hors du fichier`);
    return new PdfParser(this.bytes, offset, (ref) => {
      // A /Length that needs the object being read (a cycle): the endstream keyword decides.
      if (this.resolving.has(ref.num)) return undefined;
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
      const n = stm.dict.get('N');
      const first = stm.dict.get('First');
      // Each object needs at least « 1 0 » and a separator in the header: 4 bytes.
      if (!isCount(first, data.length) || !isCount(n, Math.floor(first / 4) + 1)) throw new PdfSyntaxError('Flux d’objets invalide (/N ou /First incohérents avec son contenu)');
      const head = new PdfParser(data, 0);
      const nums: number[] = [];
      const offsets: number[] = [];
      for (let i = 0; i < n; i++) {
        head.skipWs();
        const numText = head.regular();
        head.skipWs();
        const offText = head.regular();
        const objNum = DIGITS.test(numText) ? Number(numText) : NaN;
        const off = DIGITS.test(offText) ? Number(offText) : NaN;
        if (!isCount(objNum, LIMITS.maxObjectNumber) || !isCount(off, data.length - first) || head.pos > first) throw new PdfSyntaxError('En-tête de flux d’objets invalide');
        nums.push(objNum);
        offsets.push(off);
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

/** `startxref N %%EOF` right after `pos` (whitespace only between): N and the offset after `%%EOF` and one EOL. */
function eofAfter(bytes: Buffer, pos: number): { target: number; eof: number; end: number } | undefined {
  let p = pos;
  const stop = Math.min(bytes.length, pos + MAX_GAP_BEFORE_STARTXREF);
  while (p < stop && isWhite(bytes[p]!)) p++;
  const m = /^startxref[\0\t\n\f\r ]+(\d{1,15})[\0\t\n\f\r ]+%%EOF/.exec(bytes.toString('latin1', p, Math.min(bytes.length, p + 64)));
  if (!m) return undefined;
  const eof = p + m[0].length;
  let end = eof;
  if (bytes[end] === 0x0d) end++;
  if (bytes[end] === 0x0a) end++;
  return { target: Number(m[1]), eof, end };
}

function isWhite(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

/** Whether the bytes just before `end` close a revision (`%%EOF` and an optional EOL). */
export function endsWithEof(bytes: Buffer, end: number): boolean {
  const s = bytes.toString('latin1', Math.max(0, end - 8), end);
  return /%%EOF(\r\n|\r|\n)?$/.test(s);
}

