/**
 * Builders of attacked files for the verifier's tests, in the classes of pdf-insecurity.org:
 * incremental saving, signature wrapping, shadow hide/replace, universal signature forgery,
 * certification abuses. All of them start from our own signed outputs.
 */
import { PdfFile } from '../../../main/signing/pdf/file';
import { PdfDict, PdfRef, serialize, type PdfValue } from '../../../main/signing/pdf/objects';
import { body, buildUpdate } from '../../../main/signing/pdf/writer';

/** Appends an incremental update holding `objects` (number → value), with a proper xref. */
export function appendUpdate(pdf: Buffer, objects: ReadonlyArray<readonly [number, PdfValue]>): Buffer {
  const file = PdfFile.open(pdf);
  const u = buildUpdate(file, objects.map(([n, v]) => body(n, v)));
  return Buffer.concat([pdf, u.bytes]);
}

/** Appends raw text (e.g. an object no xref lists yet: a « hidden » object). Returns the file and where the text starts. */
export function appendRaw(pdf: Buffer, text: string): { pdf: Buffer; at: number } {
  const sep = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  return { pdf: Buffer.concat([pdf, Buffer.from(sep + text, 'latin1')]), at: pdf.length + sep.length };
}

/**
 * Appends objects no cross-reference lists (« hidden »), closed by a harmless revision (an
 * xref re-listing the catalog where it already is), as a shadow attacker prepares a file
 * before handing it to the victim for signature. Returns where each text starts.
 */
export function appendHidden(pdf: Buffer, texts: readonly string[]): { pdf: Buffer; at: number[] } {
  let out = pdf;
  const at: number[] = [];
  for (const t of texts) {
    const r = appendRaw(out, t);
    out = r.pdf;
    at.push(r.at);
  }
  const file = PdfFile.open(pdf);
  const root = file.trailer.get('Root') as PdfRef;
  const entry = file.entries.get(root.num);
  if (entry?.type !== 'offset') throw new Error('catalogue compressé');
  return { pdf: appendXrefOnly(out, [[root.num, entry.offset]]), at };
}

/** Appends an update made of a classic xref section only, re-pointing objects to offsets. */
export function appendXrefOnly(pdf: Buffer, entries: ReadonlyArray<readonly [number, number]>): Buffer {
  const file = PdfFile.open(pdf);
  const root = file.trailer.get('Root') as PdfRef;
  let text = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const xrefAt = pdf.length + text.length;
  text += 'xref\n';
  for (const [num, off] of entries) text += `${num} 1\n${String(off).padStart(10, '0')} 00000 n\r\n`;
  text += `trailer\n<</Size ${file.size()} /Root ${root.num} ${root.gen} R /Prev ${file.startxref}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(text, 'latin1')]);
}

/** The first content stream object of page `n` (1-based). */
export function pageContentNum(pdf: Buffer, n = 1): number {
  const file = PdfFile.open(pdf);
  const page = file.pages()[n - 1]!;
  const c = page.dict.get('Contents');
  const ref = c instanceof PdfRef ? c : Array.isArray(c) ? (c[0] as PdfRef) : undefined;
  if (!ref) throw new Error('page sans contenu');
  return ref.num;
}

/** Flips one byte. */
export function flip(pdf: Buffer, at: number): Buffer {
  const out = Buffer.from(pdf);
  out[at] = out[at]! ^ 0x01;
  return out;
}

/** The /ByteRange of the n-th signature dictionary in file order. */
export function byteRanges(pdf: Buffer): number[][] {
  return [...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => m.slice(1, 5).map(Number));
}

/**
 * Appends an update with a classic xref table whose trailer takes `trailer`'s entries over
 * the current ones (e.g. /Info re-pointed), for attacks the signer's writer never makes.
 */
export function appendUpdateWithTrailer(pdf: Buffer, objects: ReadonlyArray<readonly [number, PdfValue]>, trailer: Readonly<Record<string, PdfValue>>): Buffer {
  const file = PdfFile.open(pdf);
  const parts: Buffer[] = [pdf];
  let at = pdf.length;
  const add = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) add(Buffer.from('\n'));
  const offsets: Array<[number, number]> = [];
  for (const [num, value] of objects) {
    offsets.push([num, at]);
    add(Buffer.concat([Buffer.from(`${num} 0 obj\n`), serialize(value), Buffer.from('\nendobj\n')]));
  }
  const xrefAt = at;
  let text = 'xref\n';
  for (const [num, off] of offsets) text += `${num} 1\n${String(off).padStart(10, '0')} 00000 n\r\n`;
  const t = new PdfDict();
  for (const k of ['Root', 'Info', 'ID']) if (file.trailer.get(k) !== undefined) t.set(k, file.trailer.get(k)!);
  t.set('Size', Math.max(file.size(), ...objects.map(([n]) => n + 1))).set('Prev', file.startxref);
  for (const [k, v] of Object.entries(trailer)) t.set(k, v);
  add(Buffer.concat([Buffer.from(`${text}trailer\n`), serialize(t), Buffer.from(`\nstartxref\n${xrefAt}\n%%EOF\n`)]));
  return Buffer.concat(parts);
}
