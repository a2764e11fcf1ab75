/**
 * The /VRI of a B-LT signature's own /DSS (written at signing, as extendPdf writes them): keyed
 * by the uppercase hex SHA-1 of the signature's /Contents as stored, naming streams of the DSS
 * arrays that concern that signature (its signer's and its timestamp TSA's chains). Real
 * services on 127.0.0.1: `openssl ts -reply`, `openssl ocsp -index`, a CRL from `openssl ca`.
 * Our verifier (level, whitelist) and pdfsig judge the result.
 */
import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPkcs12, signBytes, verifyPdf } from '../../../main/signing';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { PdfDict, PdfRef, PdfStream, PdfString, type PdfValue } from '../../../main/signing/pdf/objects';
import { decodeStream } from '../../../main/signing/pdf/streams';
import { checkCrl, checkOcspResponse } from '../../../main/signing/ltv/revocation';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir } from '../../helpers/signing/sign';
import { startTestRevocation, type TestRevocation } from '../../helpers/signing/ocsp';
import { startTestTsa, type TestTsa } from '../../helpers/signing/tsa';

let pki: TestPki;
let tsa: TestTsa;
let rev: TestRevocation;
let dir: string;
let pdf: Buffer;
let anchors: X509Certificate[];
let ca: X509Certificate;
let tsaCert: X509Certificate;
let alice: { p12: string; pem: string };
let bruno: { p12: string; pem: string };

async function signLT(input: Buffer, p12: string): Promise<Buffer> {
  const r = await signBytes(input, { identity: openPkcs12(readFileSync(p12), TEST_PASSWORD), trustAnchors: anchors, timestamp: { url: tsa.url, timeoutMs: 20_000 }, validationData: { timeoutMs: 10_000 } });
  expect(r.result.level).toBe('B-LT');
  return Buffer.concat(r.chunks as Buffer[]);
}

/** The expected key, computed here from the file's bytes: SHA-1 of the /Contents hex string decoded, padding included. */
function keyOf(file: PdfFile, index: number): string {
  const sig = file.dict(findSignatureFields(file)[index]!.value)!;
  return createHash('sha1').update((sig.get('Contents') as PdfString).bytes).digest('hex').toUpperCase();
}

/** The references of an array entry of `d` (direct or indirect array). */
function refs(file: PdfFile, d: PdfDict, key: string): PdfRef[] {
  const v = file.resolve(d.get(key)) as PdfValue[] | undefined;
  return (v ?? []).map((r) => {
    expect(r).toBeInstanceOf(PdfRef);
    return r as PdfRef;
  });
}

const ids = (list: PdfRef[]) => list.map((r) => `${r.num} ${r.gen}`);
const bytesOf = (file: PdfFile, r: PdfRef) => {
  const s = file.resolve(r);
  expect(s).toBeInstanceOf(PdfStream);
  return decodeStream(s as PdfStream, (v) => file.resolve(v));
};

/** Does this OCSP response or CRL speak of `cert` issued by the test CA? */
function speaksOf(der: Buffer, cert: X509Certificate, kind: 'ocsp' | 'crl'): boolean {
  try {
    if (kind === 'ocsp') checkOcspResponse(der, cert, ca);
    else checkCrl(der, cert, ca);
    return true;
  } catch {
    return false;
  }
}

async function pdfsigValid(file: string): Promise<number> {
  // Asynchronous: pdfsig may ask the OCSP responder this very process serves.
  const r = await promisify(execFile)('pdfsig', ['-nssdir', pki.nssDir, file]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return (r.stdout.match(/Signature Validation: Signature is Valid\./g) ?? []).length;
}

beforeAll(async () => {
  pki = makeTestPki();
  rev = await startTestRevocation(pki);
  // A TSA whose certificate names the responder: its status goes into the /DSS and the /VRI too.
  const own = rev.issueTsa('Horodatage de test VRI');
  tsaCert = new X509Certificate(readFileSync(own.pem));
  dir = tempDir();
  pdf = await makeFieldsPdf();
  ca = new X509Certificate(readFileSync(pki.caPem));
  anchors = [ca];
  alice = rev.issue('Alice MARTIN');
  bruno = rev.issue('Bruno PETIT');
  // OpenSSL 3.0 cannot backdate: let the certificates' first second pass.
  await new Promise((r) => setTimeout(r, 1100));
  tsa = await startTestTsa(pki, own);
}, 60_000);

afterAll(async () => {
  await tsa?.close();
  await rev?.close();
});

describe('B-LT at signing: a /VRI entry for the new signature', () => {
  let one: Buffer;

  it('keyed by the SHA-1 of its /Contents; its /Cert and /OCSP are streams of /Certs and /OCSPs about its chains', async () => {
    rev.mode = 'good';
    one = await signLT(pdf, alice.p12);
    const file = PdfFile.open(one);
    const dss = file.dict(file.catalog()!.get('DSS'))!;
    const vri = file.dict(dss.get('VRI'))!;
    expect(vri, 'no /VRI in the signer’s /DSS').toBeDefined();
    const key = keyOf(file, 0);
    expect([...vri.map.keys()]).toEqual([key]);
    const entry = file.dict(vri.get(key))!;

    const certs = refs(file, entry, 'Cert');
    const ocsps = refs(file, entry, 'OCSP');
    for (const r of certs) expect(ids(refs(file, dss, 'Certs'))).toContain(`${r.num} ${r.gen}`);
    for (const r of ocsps) expect(ids(refs(file, dss, 'OCSPs'))).toContain(`${r.num} ${r.gen}`);
    // Each stream once; the signer, the TSA and the CA among the certificates.
    expect(new Set(ids(certs)).size).toBe(certs.length);
    const certDers = certs.map((r) => bytesOf(file, r));
    const signer = new X509Certificate(readFileSync(alice.pem));
    for (const c of [signer, tsaCert, ca]) expect(certDers.some((d) => d.equals(c.raw)), c.subject).toBe(true);
    // Two OCSP responses: the signer's and the TSA's, each speaking of its certificate.
    const ocspDers = ocsps.map((r) => bytesOf(file, r));
    expect(ocspDers).toHaveLength(2);
    expect(ocspDers.filter((d) => speaksOf(d, signer, 'ocsp'))).toHaveLength(1);
    expect(ocspDers.filter((d) => speaksOf(d, tsaCert, 'ocsp'))).toHaveLength(1);
    expect(entry.get('CRL')).toBeUndefined();

    const report = verifyPdf(one, { trustAnchors: anchors });
    expect(report.verdict, JSON.stringify(report.signatures[0]?.problems)).toBe('valid');
    expect(report.signatures[0]!.level).toBe('B-LT');
    expect(report.signatures[0]!.changesDisallowed).toEqual([]);
    expect(report.endsWithValidationData).toBe(true);
    expect(await pdfsigValid(put(dir, 'vri-one.pdf', one))).toBe(1);
  }, 60_000);

  it('with the responder down: the /VRI names the CRL streams of /CRLs', async () => {
    rev.mode = 'ocsp-down';
    let crlFile: Buffer;
    try {
      crlFile = await signLT(pdf, alice.p12);
    } finally {
      rev.mode = 'good';
    }
    const file = PdfFile.open(crlFile);
    const dss = file.dict(file.catalog()!.get('DSS'))!;
    const entry = file.dict(file.dict(dss.get('VRI'))!.get(keyOf(file, 0)))!;
    const crls = refs(file, entry, 'CRL');
    expect(crls.length).toBeGreaterThan(0);
    for (const r of crls) expect(ids(refs(file, dss, 'CRLs'))).toContain(`${r.num} ${r.gen}`);
    expect(crls.map((r) => bytesOf(file, r)).some((d) => speaksOf(d, new X509Certificate(readFileSync(alice.pem)), 'crl'))).toBe(true);
    expect(entry.get('OCSP')).toBeUndefined();
    const report = verifyPdf(crlFile, { trustAnchors: anchors });
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0]!.level).toBe('B-LT');
    expect(report.signatures[0]!.revocation?.source).toBe('crl');
  }, 60_000);

  it('a second B-LT signature adds its own entry and keeps the first; both verify B-LT, the whitelist accepts each DSS', async () => {
    const two = await signLT(one, bruno.p12);
    const file = PdfFile.open(two);
    const dss = file.dict(file.catalog()!.get('DSS'))!;
    const vri = file.dict(dss.get('VRI'))!;
    expect([...vri.map.keys()].sort()).toEqual([keyOf(file, 0), keyOf(file, 1)].sort());
    const second = file.dict(vri.get(keyOf(file, 1)))!;
    const bruCert = new X509Certificate(readFileSync(bruno.pem));
    const ocspDers = refs(file, second, 'OCSP').map((r) => bytesOf(file, r));
    expect(ocspDers.filter((d) => speaksOf(d, bruCert, 'ocsp'))).toHaveLength(1);
    // Not the first signer's response: each entry is its own signature's.
    expect(ocspDers.filter((d) => speaksOf(d, new X509Certificate(readFileSync(alice.pem)), 'ocsp'))).toHaveLength(0);

    const report = verifyPdf(two, { trustAnchors: anchors });
    expect(report.verdict, JSON.stringify(report.signatures.map((s) => [s.problems, s.changesDisallowed]))).toBe('valid');
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LT', 'B-LT']);
    expect(report.signatures.flatMap((s) => s.changesDisallowed)).toEqual([]);
    expect(await pdfsigValid(put(dir, 'vri-two.pdf', two))).toBe(2);
  }, 60_000);
});
