/**
 * Hostile PDFs, built at test time: each one a few bytes to a few MB that once crashed, hung
 * or exhausted a reader (issue 17). Used by test/integration/signing/hostile.test.ts, which
 * runs them through `paraphe verify` and `paraphe sign` in child processes.
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import forge from 'node-forge';
import { children, parseDer, raw, seq, tlv, oid, derNull, int } from '../../../main/signing/crypto/der';
import { PdfFile } from '../../../main/signing/pdf/file';
import { dict, name, PdfRef, PdfString, type PdfValue } from '../../../main/signing/pdf/objects';
import { signPdf } from '../../../main/signing/sign-pdf';
import { openPkcs12, type OpenedIdentity } from '../../../main/signing/crypto/pkcs12';
import { appendUpdate } from './attacks';
import { TEST_PASSWORD, type TestPki } from './pki';

/** One hostile file and what it attacks. */
export interface HostileCase {
  readonly name: string;
  readonly pdf: Buffer;
  /** The file is hostile through its signature's certificates only: signing it again may succeed. */
  readonly signable?: boolean;
}

/** Writes numbered objects and a cross-reference section by hand (offsets computed). */
export class RawPdf {
  private readonly chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  readonly offsets = new Map<number, number>();
  length = this.chunks[0]!.length;

  /** Appends raw bytes; returns where they start. */
  raw(text: string | Buffer): number {
    const at = this.length;
    const b = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    this.chunks.push(b);
    this.length += b.length;
    return at;
  }

  /** `num 0 obj … endobj`. */
  obj(num: number, ...body: Array<string | Buffer>): number {
    const at = this.raw(`${num} 0 obj\n`);
    for (const b of body) this.raw(b);
    this.raw('\nendobj\n');
    this.offsets.set(num, at);
    return at;
  }

  /** A stream object with `data` as its bytes and `dictText` inside `<< >>` (/Length added unless given). */
  stream(num: number, dictText: string, data: Buffer): number {
    const len = /\/Length\b/.test(dictText) ? '' : `/Length ${data.length}`;
    return this.obj(num, `<<${dictText}${len}>>\nstream\n`, data, '\nendstream');
  }

  /** A classic xref table of every object written (one subsection per object), its trailer and %%EOF. */
  table(trailer: string): Buffer {
    const at = this.length;
    let text = 'xref\n0 1\n0000000000 65535 f\r\n';
    for (const [n, off] of [...this.offsets].sort((a, b) => a[0] - b[0])) text += `${n} 1\n${String(off).padStart(10, '0')} 00000 n\r\n`;
    this.raw(`${text}trailer\n<<${trailer}>>\nstartxref\n${at}\n%%EOF\n`);
    return this.bytes();
  }

  /** `startxref` naming `at`, and %%EOF. */
  end(at: number): Buffer {
    this.raw(`startxref\n${at}\n%%EOF\n`);
    return this.bytes();
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Catalog 1, pages 2, page 3: the smallest document, objects written directly. */
function basic(extraCatalog = ''): RawPdf {
  const p = new RawPdf();
  p.obj(1, `<</Type/Catalog/Pages 2 0 R${extraCatalog}>>`);
  p.obj(2, '<</Type/Pages/Kids[3 0 R]/Count 1>>');
  p.obj(3, '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>');
  return p;
}

/** xref stream rows with /W [1 4 2]. */
function rows(entries: ReadonlyArray<readonly [number, number, number]>): Buffer {
  const out = Buffer.alloc(entries.length * 7);
  entries.forEach(([t, a, b], i) => {
    out[i * 7] = t;
    out.writeUInt32BE(a, i * 7 + 1);
    out.writeUInt16BE(b, i * 7 + 5);
  });
  return out;
}

/** A document whose catalog (1) sits in object stream 5 with the given dictionary entries. */
function inObjectStream(objStmDict: (first: number) => string, data?: Buffer): Buffer {
  const p = new RawPdf();
  p.obj(2, '<</Type/Pages/Kids[3 0 R]/Count 1>>');
  p.obj(3, '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>');
  const head = '1 0 ';
  const body = Buffer.from(`${head}<</Type/Catalog/Pages 2 0 R>>`, 'latin1');
  p.stream(5, objStmDict(head.length), data ?? body);
  const x = p.stream(6, '/Type/XRef/Size 7/W[1 4 2]/Root 1 0 R', rows([[0, 0, 65535], [2, 5, 0], [1, p.offsets.get(2)!, 0], [1, p.offsets.get(3)!, 0], [0, 0, 0], [1, p.offsets.get(5)!, 0], [1, 0, 0]]));
  return fixSelf(p, x);
}

/** Ends an xref-stream file (the stream's own row is left at 0: readers do not need it). */
function fixSelf(p: RawPdf, at: number): Buffer {
  return p.end(at);
}

/** A document whose only cross-reference section is an xref stream with this dictionary and data. */
function xrefStream(dictText: string, data: Buffer): Buffer {
  const p = basic();
  const x = p.stream(4, `/Type/XRef/Root 1 0 R${dictText}`, data);
  return p.end(x);
}

let zeros100: Buffer | undefined;
/** Flate of 100 MB of zeros (~100 KB), made once: over the 64 MB cap of one stream. */
function flate100(): Buffer {
  zeros100 ??= deflateSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 });
  return zeros100;
}

/** The classes of files made by hand, no signature needed. */
export function structuralCases(): HostileCase[] {
  const out: HostileCase[] = [];
  const add = (name: string, pdf: Buffer) => out.push({ name, pdf });

  add('objstm-N-1e9', inObjectStream((first) => `/Type/ObjStm/N 1000000000/First ${first}`));
  add('objstm-N-1e400', inObjectStream((first) => `/Type/ObjStm/N 1${'0'.repeat(400)}/First ${first}`));
  add('objstm-First-1e9', inObjectStream(() => '/Type/ObjStm/N 1/First 1000000000'));
  add('xref-W-negative-Index-1e400', xrefStream(`/Size 5/W[1 0 -1]/Index[0 1${'0'.repeat(400)}]`, Buffer.alloc(35)));
  add('xref-W-zero-Index-1e9', xrefStream('/Size 5/W[0 0 0]/Index[0 1000000000]', Buffer.alloc(35)));
  add('xref-Index-1e9-short-data', xrefStream('/Size 5/W[1 4 2]/Index[0 1000000000]', Buffer.alloc(35)));
  add('xref-W-huge', xrefStream('/Size 5/W[1 100000000 2]', Buffer.alloc(35)));

  // Flate bombs: a few KB inflating past the per-stream and per-file caps, and chained filters.
  add('flate-bomb-xref-stream', xrefStream('/Size 5/W[1 4 2]/Filter/FlateDecode', flate100()));
  add('flate-bomb-objstm-double', inObjectStream((first) => `/Type/ObjStm/N 1/First ${first}/Filter[/FlateDecode/FlateDecode]`, deflateSync(flate100())));
  add('flate-three-filters', inObjectStream((first) => `/Type/ObjStm/N 1/First ${first}/Filter[/FlateDecode/FlateDecode/FlateDecode]`, deflateSync(deflateSync(deflateSync(Buffer.from('1 0 <<>>'))))));
  {
    // Four object streams of 50 MB each: each under the per-stream cap, together over the per-file one.
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const p = new RawPdf();
    const padded = (text: string) => Buffer.concat([Buffer.from(text, 'latin1'), Buffer.alloc(100)]);
    // Each stream's first object is real; the rest of the 50 MB is zeros (whitespace).
    const objstm = (num: number, obj: number, body: string) => p.stream(num, `/Type/ObjStm/N 1/First ${`${obj} 0 `.length}/Filter/FlateDecode`, deflateSync(Buffer.concat([padded(`${obj} 0 ${body}`), zeros]), { level: 1 }));
    objstm(10, 1, '<</Type/Catalog/Pages 2 0 R/AcroForm 4 0 R>>');
    objstm(11, 2, '<</Type/Pages/Kids[3 0 R]/Count 1>>');
    objstm(12, 3, '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Annots[]>>');
    objstm(13, 4, '<</Fields[]>>');
    const x = p.stream(14, '/Type/XRef/Size 15/W[1 4 2]/Root 1 0 R', rows([[0, 0, 65535], [2, 10, 0], [2, 11, 0], [2, 12, 0], [2, 13, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [1, p.offsets.get(10)!, 0], [1, p.offsets.get(11)!, 0], [1, p.offsets.get(12)!, 0], [1, p.offsets.get(13)!, 0], [1, 0, 0]]));
    add('flate-4x50MB-objstms', p.end(x));
  }

  // 100 MB literal string (was one JS array element per byte).
  {
    const p = new RawPdf();
    p.raw('1 0 obj\n<</Type/Catalog/Pages 2 0 R/Big (');
    p.raw(Buffer.alloc(100 * 1024 * 1024, 0x61));
    p.raw(')>>\nendobj\n');
    p.offsets.set(1, 15);
    p.obj(2, '<</Type/Pages/Kids[3 0 R]/Count 1>>');
    p.obj(3, '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>');
    add('literal-string-100MB', p.table('/Size 4/Root 1 0 R'));
  }

  // Nesting: arrays 100,000 deep in the catalog, dictionaries 100,000 deep in a field.
  add('nesting-arrays-100k', basic(`/Deep ${'['.repeat(100_000)}${']'.repeat(100_000)}`).table('/Size 4/Root 1 0 R'));
  {
    const p = basic('/AcroForm<</Fields[4 0 R]>>');
    p.obj(4, `<</FT/Sig/T(signature-1)/Type/Annot/Subtype/Widget/Rect[0 0 10 10]/P 3 0 R/MK ${'<</A '.repeat(100_000)}1${'>>'.repeat(100_000)}>>`);
    add('nesting-field-dicts-100k', p.table('/Size 5/Root 1 0 R'));
  }
  {
    // A field tree 100,000 levels deep through /Kids.
    const p = basic('/AcroForm<</Fields[10 0 R]>>');
    const n = 100_000;
    for (let i = 0; i < n; i++) p.obj(10 + i, i + 1 < n ? `<</T(f${i})/Kids[${11 + i} 0 R]>>` : '<</T(last)/FT/Sig/Type/Annot/Subtype/Widget/Rect[0 0 10 10]/P 3 0 R>>');
    add('field-kids-100k-deep', p.table(`/Size ${10 + n}/Root 1 0 R`));
  }

  // Loops.
  {
    const p = basic();
    const at = p.length;
    p.raw(`xref\n0 4\n0000000000 65535 f\r\n${[1, 2, 3].map((n) => `${String(p.offsets.get(n)).padStart(10, '0')} 00000 n\r\n`).join('')}trailer\n<</Size 4/Root 1 0 R/Prev ${at}>>\nstartxref\n${at}\n%%EOF\n`);
    add('prev-self-loop', p.bytes());
  }
  {
    const p = basic();
    const entries = `0 4\n0000000000 65535 f\r\n${[1, 2, 3].map((n) => `${String(p.offsets.get(n)).padStart(10, '0')} 00000 n\r\n`).join('')}`;
    const first = p.length;
    const firstText = `xref\n${entries}trailer\n<</Size 4/Root 1 0 R/Prev ${'X'.repeat(10)}>>\nstartxref\n${first}\n%%EOF\n`;
    const second = first + firstText.length;
    p.raw(firstText.replace('X'.repeat(10), String(second).padStart(10, '0')));
    p.raw(`xref\n${entries}trailer\n<</Size 4/Root 1 0 R/Prev ${first}>>\nstartxref\n${second}\n%%EOF\n`);
    add('prev-two-cycle', p.bytes());
  }
  add('prev-1e400', basic().table(`/Size 4/Root 1 0 R/Prev 1${'0'.repeat(400)}`));
  {
    // Object stream 5 said to hold itself, and an object stream whose /Length lives inside it.
    const p = new RawPdf();
    p.obj(2, '<</Type/Pages/Kids[3 0 R]/Count 1>>');
    p.obj(3, '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>');
    const body = Buffer.from('1 0 <</Type/Catalog/Pages 2 0 R>>', 'latin1');
    p.stream(5, '/Type/ObjStm/N 1/First 4/Length 7 0 R', body);
    const x = p.stream(6, '/Type/XRef/Size 8/W[1 4 2]/Root 1 0 R', rows([[0, 0, 65535], [2, 5, 0], [1, p.offsets.get(2)!, 0], [1, p.offsets.get(3)!, 0], [0, 0, 0], [2, 5, 1], [1, 0, 0], [2, 5, 2]]));
    add('objstm-contains-itself', p.end(x));
  }
  {
    const p = basic();
    p.stream(4, '/Length 5 0 R', Buffer.from('q Q'));
    p.stream(5, '/Length 4 0 R', Buffer.from('q Q'));
    p.obj(6, '<</Type/Catalog/Pages 2 0 R/A 4 0 R/B 5 0 R>>');
    add('length-refs-cycle', p.table('/Size 7/Root 6 0 R'));
  }
  {
    const p = new RawPdf();
    p.obj(1, '<</Type/Catalog/Pages 2 0 R>>');
    p.obj(2, '<</Type/Pages/Kids[2 0 R 3 0 R]/Count 2>>');
    p.obj(3, '<</Type/Pages/Kids[2 0 R 3 0 R]/Parent 2 0 R/Count 1>>');
    add('page-tree-cycle', p.table('/Size 4/Root 1 0 R'));
  }
  {
    const p = basic();
    p.stream(4, '/Length 1000000000', Buffer.from('q Q'));
    p.obj(5, '<</Type/Catalog/Pages 2 0 R/S 4 0 R>>');
    add('length-1GB', p.table('/Size 6/Root 5 0 R'));
  }
  add('xref-stream-length-1GB', xrefStream('/Size 5/W[1 4 2]/Length 1000000000', Buffer.alloc(35)));
  add('size-1e400', basic().table(`/Size 1${'0'.repeat(400)}/Root 1 0 R`));
  {
    // 1,000,000 new entries in one update (a 20 MB table).
    const p = basic();
    const at = p.length;
    const parts = [`xref\n0 1000004\n0000000000 65535 f\r\n${[1, 2, 3].map((n) => `${String(p.offsets.get(n)).padStart(10, '0')} 00000 n\r\n`).join('')}`];
    parts.push('0000000009 00000 n\r\n'.repeat(1_000_000));
    p.raw(parts.join(''));
    p.raw(`trailer\n<</Size 1000004/Root 1 0 R>>\nstartxref\n${at}\n%%EOF\n`);
    add('xref-table-1M-entries', p.bytes());
  }
  {
    // 200,000 « %%EOF » inside a stream (each used to re-open the file).
    const p = basic();
    p.stream(4, '', Buffer.from('startxref\n9\n%%EOF\n'.repeat(200_000), 'latin1'));
    p.obj(5, '<</Type/Catalog/Pages 2 0 R/S 4 0 R>>');
    add('eof-200k-in-stream', p.table('/Size 6/Root 5 0 R'));
  }
  return out;
}

/** Signs `pdf` with the test identity `id` (RSA) or an identity given in memory. */
function signed(pdf: Buffer, signer: OpenedIdentity): Buffer {
  return Buffer.concat(signPdf({ pdf, signer }).chunks as Buffer[]);
}

/** A copy of the certificate whose public key is replaced by `spki` (DER): the issuer's signature no longer matches, which is beside the point. */
export function withPublicKey(cert: X509Certificate, spki: Buffer): X509Certificate {
  const top = parseDer(cert.raw);
  const [tbs, alg, sig] = children(top);
  const items = children(tbs!).map(raw);
  const i = children(tbs!)[0]!.tag === 0xa0 ? 6 : 5;
  items[i] = spki;
  return new X509Certificate(seq(seq(...items), raw(alg!), raw(sig!)));
}

/** The SPKI of an RSA « key » of `bits` bits (a random odd modulus: nothing is ever signed with it). */
function fakeRsaSpki(bits: number): Buffer {
  const n = Buffer.alloc(bits / 8);
  for (let i = 0; i < n.length; i++) n[i] = (i * 131 + 7) & 0xff;
  n[0] = 0xc1;
  n[n.length - 1] = 0x01;
  const key = seq(tlv(0x02, Buffer.concat([Buffer.from([0]), n])), int(65537));
  return seq(seq(oid('1.2.840.113549.1.1.1'), derNull()), tlv(0x03, Buffer.concat([Buffer.from([0]), key])));
}

/** Three certificates issuing each other in a loop: leaf ← A ← B ← A … (node-forge, RSA 2048). */
function loopIdentity(): OpenedIdentity {
  const keys = [0, 1, 2].map(() => generateKeyPairSync('rsa', { modulusLength: 2048 }));
  const fk = keys.map((k) => ({
    priv: forge.pki.privateKeyFromPem(k.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    pub: forge.pki.publicKeyFromPem(k.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  }));
  const make = (subject: string, issuer: string, key: number, signer: number, ca: boolean) => {
    const c = forge.pki.createCertificate();
    c.publicKey = fk[key]!.pub;
    c.serialNumber = `0${key + 1}${Math.floor(Math.random() * 1e8).toString(16)}`;
    c.validity.notBefore = new Date(Date.now() - 86_400_000);
    c.validity.notAfter = new Date(Date.now() + 86_400_000 * 30);
    c.setSubject([{ name: 'commonName', value: subject }]);
    c.setIssuer([{ name: 'commonName', value: issuer }]);
    c.setExtensions(ca ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, critical: true }] : [{ name: 'keyUsage', digitalSignature: true, critical: true }]);
    c.sign(fk[signer]!.priv, forge.md.sha256.create());
    return new X509Certificate(forge.pki.certificateToPem(c));
  };
  const a = make('Autorité A', 'Autorité B', 1, 2, true);
  const b = make('Autorité B', 'Autorité A', 2, 1, true);
  const leaf = make('Signataire en boucle', 'Autorité A', 0, 1, false);
  return { privateKey: keys[0]!.privateKey, certificate: leaf, chain: [a, b] };
}

/** The classes that need a signed file: certificates, byte ranges, many signed fields. */
export async function signedCases(pki: TestPki, base: Buffer): Promise<HostileCase[]> {
  const out: HostileCase[] = [];
  const rsa = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
  const ec = openPkcs12(readFileSync(pki.ec.p12), TEST_PASSWORD);

  out.push({ name: 'rsa-16384-bit-key', pdf: signed(base, { ...rsa, certificate: withPublicKey(rsa.certificate, fakeRsaSpki(16384)) }), signable: true });
  const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({ type: 'spki', format: 'der' });
  out.push({ name: 'curve-secp256k1', pdf: signed(base, { ...ec, certificate: withPublicKey(ec.certificate, k1) }), signable: true });
  const explicit = explicitCurveSpki(pki.dir);
  out.push({ name: 'curve-explicit-parameters', pdf: signed(base, { ...ec, certificate: withPublicKey(ec.certificate, explicit) }), signable: true });
  out.push({ name: 'certificate-loop', pdf: signed(base, loopIdentity()), signable: true });

  const good = signed(base, rsa);
  const file = PdfFile.open(good);
  const acro = file.dict(file.catalog()?.get('AcroForm'))!;
  const fields = file.resolve(acro.get('Fields')) as PdfRef[];
  const fieldNum = fields[0]!.num;
  const field = file.dict(fields[0])!;
  const sigRef = field.get('V') as PdfRef;
  const sig = file.dict(sigRef)!;
  // ByteRanges with huge or negative numbers, in a new signature dictionary the field points to.
  for (const [label, br] of [['huge', [0, 1e20, 1e20 + 5, 9007199254740993]], ['negative', [0, -5, 10, -1]], ['reals', [0, 0.5, 10.25, 3]]] as const) {
    const num = file.size();
    const bad = sig.clone().set('ByteRange', [...br]);
    out.push({ name: `byterange-${label}`, pdf: appendUpdate(good, [[num, bad], [fieldNum, field.clone().set('V', new PdfRef(num, 0))]]), signable: true });
  }
  {
    // 10,000 signed fields sharing one signature (one range): each once re-hashed the whole file.
    const n = 10_000;
    const first = file.size();
    const objs: Array<readonly [number, PdfValue]> = [];
    const refs: PdfRef[] = [];
    for (let i = 0; i < n; i++) {
      objs.push([first + i, dict({ FT: name('Sig'), T: PdfString.fromText(`copie-${i}`), V: sigRef, Type: name('Annot'), Subtype: name('Widget'), Rect: [0, 0, 0, 0], F: 2 })]);
      refs.push(new PdfRef(first + i, 0));
    }
    const acroRef = file.catalog()!.get('AcroForm');
    const catalogRef = file.trailer.get('Root') as PdfRef;
    const newAcro = acro.clone().set('Fields', [...fields, ...refs]);
    if (acroRef instanceof PdfRef) objs.push([acroRef.num, newAcro]);
    else objs.push([catalogRef.num, file.catalog()!.clone().set('AcroForm', newAcro)]);
    out.push({ name: 'signed-fields-10k-one-range', pdf: appendUpdate(good, objs), signable: true });
  }
  return out;
}

/** SPKI of a P-256 key written with explicit curve parameters (OpenSSL). */
function explicitCurveSpki(dir: string): Buffer {
  const keyPath = join(dir, 'explicit.pem');
  execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout', '-out', keyPath]);
  return execFileSync('openssl', ['ec', '-in', keyPath, '-pubout', '-outform', 'DER', '-param_enc', 'explicit'], { stdio: ['ignore', 'pipe', 'ignore'] });
}
