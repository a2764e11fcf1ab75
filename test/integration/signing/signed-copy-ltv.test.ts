/**
 * A signed copy taken back at B-LT or B-LTA (the signature, then /DSS and document-timestamp
 * updates) is still « the original plus valid signatures »: the wizard's « Importer la copie
 * signée » and `paraphe verify --against` accept it. Anything else after the last signature,
 * or a document timestamp that does not verify, is still refused. Real TSA and OCSP
 * responder (OpenSSL) on 127.0.0.1.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPkcs12, signBytes, verifyPdf } from '../../../main/signing';
import { prefixSha256, signedCopyProblems } from '../../../main/signing/signed-copy';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { startTestTsa, type TestTsa } from '../../helpers/signing/tsa';
import { startTestRevocation, type TestRevocation } from '../../helpers/signing/ocsp';

let pki: TestPki;
let tsa: TestTsa;
let rev: TestRevocation;
let pdf: Buffer;
let anchors: X509Certificate[];
let alice: { p12: string };

beforeAll(async () => {
  pki = makeTestPki();
  rev = await startTestRevocation(pki);
  const own = rev.issueTsa('Horodatage de test');
  pdf = await makeFieldsPdf();
  anchors = [new X509Certificate(readFileSync(pki.caPem))];
  alice = rev.issue('Alice MARTIN');
  await new Promise((r) => setTimeout(r, 1100)); // OpenSSL cannot backdate the certificates
  tsa = await startTestTsa(pki, own);
}, 60_000);

afterAll(async () => {
  await tsa?.close();
  await rev?.close();
});

async function sign(level: 'B-LT' | 'B-LTA'): Promise<Buffer> {
  const r = await signBytes(pdf, {
    identity: openPkcs12(readFileSync(alice.p12), TEST_PASSWORD),
    trustAnchors: anchors,
    timestamp: { url: tsa.url, timeoutMs: 20_000 },
    validationData: { timeoutMs: 10_000 },
    archiveTimestamp: level === 'B-LTA',
  });
  expect(r.result.level).toBe(level);
  return Buffer.concat(r.chunks as Buffer[]);
}

const problems = (copy: Buffer) =>
  signedCopyProblems(copy, { length: pdf.length, sha256: prefixSha256(pdf, pdf.length) }, verifyPdf(copy, { trustAnchors: anchors }), 'convention.pdf');

describe('a signed copy with validation data after its last signature', () => {
  it.each(['B-LT', 'B-LTA'] as const)('is taken at %s', async (level) => {
    const copy = await sign(level);
    expect(verifyPdf(copy, { trustAnchors: anchors }).signatures[0]!.coversWholeDocument).toBe(false);
    expect(problems(copy)).toEqual([]);
  }, 60_000);

  it('is refused when something else follows the validation data', async () => {
    const copy = await sign('B-LT');
    // An update that only re-states the trailer: not validation data, not a signature.
    const text = copy.toString('latin1');
    const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
    const trailer = /trailer\s*(<<[\s\S]*?>>)\s*startxref\s+\d+\s+%%EOF\s*$/.exec(text);
    expect(trailer, 'the B-LT file ends with a classic trailer').not.toBeNull();
    const extra = Buffer.from(`\n1 0 obj\n<< /Type /Catalog >>\nendobj\n`, 'latin1');
    const xrefAt = copy.length + extra.length;
    const dict = trailer![1]!.replace(/\/Prev\s+\d+/, '').replace(/^<</, `<< /Prev ${startxref}`);
    const tail = Buffer.from(`xref\n0 1\n0000000000 65535 f \n1 1\n${String(copy.length + 1).padStart(10, '0')} 00000 n \ntrailer\n${dict}\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1');
    const tampered = Buffer.concat([copy, extra, tail]);
    expect(problems(tampered).length).toBeGreaterThan(0);
  }, 60_000);

  it('is refused when its document timestamp no longer verifies', async () => {
    const copy = await sign('B-LTA');
    // One byte of the document timestamp's token changed (inside its /Contents hex string).
    const at = copy.lastIndexOf('/Contents <', undefined, 'latin1') + '/Contents <'.length + 200;
    const bad = Buffer.from(copy);
    bad[at] = bad[at] === 0x30 ? 0x31 : 0x30;
    expect(problems(bad)).toContainEqual(expect.stringMatching(/^L’horodatage du document 1 n’est pas valable : .*empreinte[^.]*\.$/));
  }, 60_000);
});
