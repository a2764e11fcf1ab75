/**
 * Appends an incremental update to a PDF: new and changed objects, then a cross-reference
 * section of the same kind as the file's newest one (a classic table, or an xref stream),
 * and a trailer whose /Prev points back. The original bytes are never touched, which is
 * what keeps earlier signatures valid.
 */
import { createHash } from 'node:crypto';
import { PdfDict, PdfName, PdfStream, PdfString, serialize, type PdfValue } from './objects';
import type { PdfFile } from './file';

/** An object to write: its number and its serialized body. */
export interface PendingObject {
  readonly num: number;
  readonly gen: number;
  readonly body: Buffer;
}

/** The appended bytes and where each object's body starts in the final file. */
export interface Update {
  readonly bytes: Buffer;
  readonly bodyOffsets: ReadonlyMap<number, number>;
}

/** Serializes a value as an object body. */
export function body(num: number, value: PdfValue, gen = 0): PendingObject {
  return { num, gen, body: serialize(value) };
}

function groups(nums: number[]): Array<[number, number[]]> {
  const out: Array<[number, number[]]> = [];
  for (const n of nums) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1].length === n) last[1].push(n);
    else out.push([n, [n]]);
  }
  return out;
}

/** Builds the update for `objects`, appended after `file.bytes`. */
export function buildUpdate(file: PdfFile, objects: readonly PendingObject[]): Update {
  const base = file.bytes.length;
  const chunks: Buffer[] = [];
  let length = 0;
  const push = (b: Buffer) => {
    chunks.push(b);
    length += b.length;
  };
  const last = file.bytes[base - 1];
  if (last !== 0x0a && last !== 0x0d) push(Buffer.from('\n'));
  const offsets = new Map<number, number>();
  const bodyOffsets = new Map<number, number>();
  const gens = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, base + length);
    gens.set(o.num, o.gen);
    push(Buffer.from(`${o.num} ${o.gen} obj\n`, 'latin1'));
    bodyOffsets.set(o.num, base + length);
    push(o.body);
    push(Buffer.from('\nendobj\n', 'latin1'));
  }
  const old = file.trailer;
  const id = old.get('ID');
  const firstId = Array.isArray(id) && id[0] instanceof PdfString ? id[0] : new PdfString(createHash('md5').update(file.bytes.subarray(0, 4096)).digest(), true);
  const newId = new PdfString(createHash('md5').update(`${base}:${Date.now()}:${objects.length}`).digest(), true);
  const trailer = new PdfDict();
  let size = Math.max(file.size(), ...objects.map((o) => o.num + 1));
  const xrefOffset = base + length;
  if (file.usesXrefStreams()) {
    const selfNum = size++;
    offsets.set(selfNum, xrefOffset);
    gens.set(selfNum, 0);
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    const rows = Buffer.alloc(nums.length * 7);
    nums.forEach((n, i) => {
      rows[i * 7] = 1;
      rows.writeUInt32BE(offsets.get(n)!, i * 7 + 1);
      rows.writeUInt16BE(gens.get(n)!, i * 7 + 5);
    });
    const index = groups(nums).flatMap(([first, g]) => [first, g.length]);
    trailer.set('Type', new PdfName('XRef')).set('Size', size).set('Index', index).set('W', [1, 4, 2]);
    copyTrailer(old, trailer, firstId, newId, file.startxref);
    push(Buffer.from(`${selfNum} 0 obj\n`, 'latin1'));
    push(serialize(new PdfStream(trailer, rows)));
    push(Buffer.from(`\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
  } else {
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    let text = 'xref\n';
    for (const [first, g] of groups(nums)) {
      text += `${first} ${g.length}\n`;
      for (const n of g) text += `${String(offsets.get(n)).padStart(10, '0')} ${String(gens.get(n)).padStart(5, '0')} n\r\n`;
    }
    trailer.set('Size', size);
    copyTrailer(old, trailer, firstId, newId, file.startxref);
    push(Buffer.from(text + 'trailer\n', 'latin1'));
    push(serialize(trailer));
    push(Buffer.from(`\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
  }
  return { bytes: Buffer.concat(chunks, length), bodyOffsets };
}

function copyTrailer(old: PdfDict, t: PdfDict, firstId: PdfString, newId: PdfString, prev: number): void {
  for (const k of ['Root', 'Info']) {
    const v = old.get(k);
    if (v !== undefined) t.set(k, v);
  }
  t.set('ID', [firstId, newId]).set('Prev', prev);
}
