/**
 * Updates the verifier's whitelist tests need and the signer never makes: a field filled (or
 * filled again) by a genuine signature in an update that also changes other things, an xref
 * section that frees objects, an object stream rewritten in place at its own number.
 */
import { createHash } from 'node:crypto';
import { buildCms, type KeySigner } from '../../../main/signing/crypto/cms';
import { pdfDate } from '../../../main/signing/appearance';
import { PdfFile } from '../../../main/signing/pdf/file';
import { dict, name, PdfDict, PdfRef, PdfStream, serialize, type PdfValue } from '../../../main/signing/pdf/objects';
import { body, buildUpdate } from '../../../main/signing/pdf/writer';

/** What the hand-made signing update holds besides the signature dictionary. */
export interface FieldSignature {
  /** The field (merged field and widget) whose /V the signature fills, empty or not. */
  readonly field: number;
  /** Edits the field's dictionary beyond /V (e.g. moves its /Rect). */
  readonly edit?: (d: PdfDict) => PdfDict;
  /** More objects written in the same update, given the signature dictionary's number. */
  readonly extra?: (sigNum: number) => ReadonlyArray<readonly [number, PdfValue]>;
  /** Raw PDF text appended inside the signature dictionary (e.g. a DocMDP /Reference). */
  readonly sigDictExtra?: string;
  /** The signature dictionary's object number (default: a new one); an existing number rewrites that object. */
  readonly sigNum?: number;
}

/**
 * Fills (or fills again) `opts.field` with a genuine CAdES signature by `signer` covering the
 * whole file, the update being exactly the field, the extra objects and the signature.
 */
export function signField(pdf: Buffer, signer: KeySigner, opts: FieldSignature): Buffer {
  const file = PdfFile.open(pdf);
  const sigNum = opts.sigNum ?? file.size();
  const room = 12_000;
  const head = `<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M(${pdfDate(new Date())})${opts.sigDictExtra ?? ''}`;
  const slot = ' '.repeat(40);
  const sigText = `${head}/ByteRange [0${slot}]/Contents <${'0'.repeat(room * 2)}>>>`;
  const fieldDict = (file.get(opts.field) as PdfDict).clone().set('V', new PdfRef(sigNum, 0));
  const objects = [
    body(opts.field, opts.edit ? opts.edit(fieldDict) : fieldDict),
    ...(opts.extra?.(sigNum) ?? []).map(([n, v]) => body(n, v)),
    { num: sigNum, gen: 0, body: Buffer.from(sigText, 'latin1') },
  ];
  const update = buildUpdate(file, objects);
  const out = Buffer.concat([pdf, update.bytes]);
  const sigStart = update.bodyOffsets.get(sigNum)!;
  const a = sigStart + sigText.indexOf('/Contents <') + '/Contents '.length;
  const b = a + room * 2 + 2;
  out.write(` ${a} ${b} ${out.length - b}`.padEnd(slot.length, ' '), sigStart + head.length + '/ByteRange [0'.length, 'latin1');
  const digest = createHash('sha256').update(out.subarray(0, a)).update(out.subarray(b)).digest();
  out.write(buildCms(signer, digest).toString('hex'), a + 1, 'latin1');
  return out;
}

/**
 * Appends a classic xref section that writes `objects` and marks `freed` as free entries
 * (objects deleted by the update), its trailer taking `trailer`'s entries over the current ones.
 */
export function appendClassic(pdf: Buffer, objects: ReadonlyArray<readonly [number, PdfValue]>, freed: readonly number[] = [], trailer: Readonly<Record<string, PdfValue>> = {}): Buffer {
  const file = PdfFile.open(pdf);
  const parts: Buffer[] = [pdf];
  let at = pdf.length;
  const add = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) add(Buffer.from('\n'));
  const rows: Array<[number, string]> = freed.map((n) => [n, `0000000000 00001 f\r\n`]);
  for (const [num, value] of objects) {
    rows.push([num, `${String(at).padStart(10, '0')} 00000 n\r\n`]);
    add(Buffer.concat([Buffer.from(`${num} 0 obj\n`), serialize(value), Buffer.from('\nendobj\n')]));
  }
  const xrefAt = at;
  let text = 'xref\n';
  for (const [num, row] of rows.sort((x, y) => x[0] - y[0])) text += `${num} 1\n${row}`;
  const t = new PdfDict();
  for (const k of ['Root', 'Info', 'ID']) if (file.trailer.get(k) !== undefined) t.set(k, file.trailer.get(k)!);
  t.set('Size', Math.max(file.size(), ...objects.map(([n]) => n + 1))).set('Prev', file.startxref);
  for (const [k, v] of Object.entries(trailer)) t.set(k, v);
  add(Buffer.concat([Buffer.from(`${text}trailer\n`), serialize(t), Buffer.from(`\nstartxref\n${xrefAt}\n%%EOF\n`)]));
  return Buffer.concat(parts);
}

/** The object stream holding `num` in `file`, and the numbers it holds in order. */
export function objectStreamOf(file: PdfFile, num: number): { stream: number; members: number[] } {
  const e = file.entries.get(num);
  if (e?.type !== 'compressed') throw new Error(`objet ${num} hors flux d’objets`);
  const members = [...file.entries].filter(([, x]) => x.type === 'compressed' && x.stream === e.stream).map(([n, x]) => [n, (x as { index: number }).index] as const);
  return { stream: e.stream, members: members.sort((x, y) => x[1] - y[1]).map(([n]) => n) };
}

/**
 * An object stream (uncompressed) holding `members` in order, each its value in `file` unless
 * `replace` gives another: what a writer that rewrites an object stream in place produces.
 */
export function rewriteObjectStream(file: PdfFile, members: readonly number[], replace: ReadonlyMap<number, PdfValue> = new Map()): PdfStream {
  const bodies = members.map((n) => serialize(replace.get(n) ?? file.get(n) ?? null));
  let offset = 0;
  const header = members.map((n, i) => {
    const h = `${n} ${offset}`;
    offset += bodies[i]!.length + 1;
    return h;
  }).join(' ') + '\n';
  const data = Buffer.concat([Buffer.from(header, 'latin1'), ...bodies.flatMap((b) => [b, Buffer.from('\n')])]);
  return new PdfStream(dict({ Type: name('ObjStm'), N: members.length, First: Buffer.byteLength(header, 'latin1'), Length: data.length }), data);
}
