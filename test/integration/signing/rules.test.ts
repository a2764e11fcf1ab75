/**
 * The verifier's rules that issue 17's mutation run could remove with every test still
 * passing, each proven here by a file that breaks it — hand-made signatures (custom-sign.ts)
 * and updates (appendUpdate) — and an assertion on that rule's own finding, so that removing
 * the rule fails the test even when another rule also rejects the file.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPkcs12, type OpenedIdentity } from '../../../main/signing/crypto/pkcs12';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { PdfDict, PdfString, name } from '../../../main/signing/pdf/objects';
import type { VerifyReport } from '../../../main/signing/verify/verify-pdf';
import { appendUpdate } from '../../helpers/signing/attacks';
import { attr, handCms, signCustom } from '../../helpers/signing/custom-sign';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { signWith, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let rsa: OpenedIdentity;
let base: Buffer;

beforeAll(async () => {
  pki = makeTestPki();
  rsa = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
  base = await makeFieldsPdf();
});

const problems = (r: VerifyReport, i = 0) => r.signatures[i]!.problems.join(' | ');
const disallowed = (r: VerifyReport, i = 0) => r.signatures[i]!.changesDisallowed.join(' | ');

describe('signature dictionary rules (hand-made signatures)', () => {
  it('control: a hand-made signature that breaks nothing is intact (untrusted only without the CA)', () => {
    const r = verifyTrusting(pki, signCustom(base, rsa));
    expect(r.signatures[0]!.problems).toEqual([]);
    expect(r.signatures[0]!.integrity).toBe(true);
    expect(r.verdict).toBe('valid');
  });

  it('the unsigned gap must be exactly /Contents: a gap one byte wider (digest right over it) is invalid', () => {
    for (const shift of [-1, 1]) {
      const r = verifyTrusting(pki, signCustom(base, rsa, { gapStartShift: shift }));
      expect(r.verdict).toBe('invalid');
      expect(problems(r)).toMatch(/ne correspond pas exactement à \/Contents/);
    }
  });

  it('the signed part must end at the end of a revision: a range stopping before %%EOF is invalid', () => {
    for (const cut of [6, 3]) {
      const r = verifyTrusting(pki, signCustom(base, rsa, { endCut: cut }));
      expect(r.verdict).toBe('invalid');
      expect(problems(r)).toMatch(/ne couvre pas une révision complète/);
    }
  });

  it('certification must be the first signature: a second signature carrying DocMDP is refused', () => {
    const first = signWith(base, pki.rsa, { certify: false });
    const docMdp = '/Reference[<</Type/SigRef/TransformMethod/DocMDP/TransformParams<</Type/TransformParams/P 2/V/1.2>>>>]';
    const r = verifyTrusting(pki, signCustom(first, rsa, { sigDictExtra: docMdp }));
    expect(r.signatures[0]!.problems).toEqual([]);
    expect(problems(r, 1)).toMatch(/certification qui n’est pas la première/);
    expect(r.signatures[1]!.status).toBe('invalid');
  });

  it('CAdES needs signing-certificate-v2: a genuine CMS without it is invalid, the same under adbe.pkcs7.detached is not', () => {
    const noEss = (d: Buffer) => handCms(rsa, d, { attributes: (digest) => [attr.contentType(), attr.messageDigest(digest)] });
    const cades = verifyTrusting(pki, signCustom(base, rsa, { cms: noEss }));
    expect(problems(cades)).toMatch(/signing-certificate-v2 absent/);
    expect(cades.verdict).toBe('invalid');
    const pkcs7 = verifyTrusting(pki, signCustom(base, rsa, { cms: noEss, subFilter: 'adbe.pkcs7.detached' }));
    expect(pkcs7.signatures[0]!.problems).toEqual([]);
    expect(pkcs7.verdict).toBe('valid');
  });

  it('a signer not bound to its certificate (signing-certificate-v2 names the CA) is invalid despite a good digest and signature', () => {
    const caDer = new X509Certificate(readFileSync(pki.caPem)).raw;
    const wrong = (d: Buffer) => handCms(rsa, d, { attributes: (digest) => [attr.contentType(), attr.messageDigest(digest), attr.signingCertificateV2(caDer)] });
    const r = verifyTrusting(pki, signCustom(base, rsa, { cms: wrong }));
    expect(r.verdict).toBe('invalid');
    expect(r.signatures[0]!.integrity).toBe(false);
    expect(problems(r)).toMatch(/désigne un autre certificat/);
  });

  it('two signers in the CMS: invalid, said as such', () => {
    const r = verifyTrusting(pki, signCustom(base, rsa, { cms: (d) => handCms(rsa, d, { signerInfos: 2 }) }));
    expect(r.verdict).toBe('invalid');
    expect(problems(r)).toMatch(/2 signataires au lieu d’un/);
  });
});

describe('changes after a signature (changes.ts)', () => {
  let one: Buffer;
  let two: Buffer;
  beforeAll(() => {
    one = signWith(base, pki.rsa);
    two = signWith(one, pki.ec);
  });

  it('control: the second signature is an allowed change for the first', () => {
    const r = verifyTrusting(pki, two);
    expect(r.signatures.map((s) => s.status)).toEqual(['valid', 'valid']);
  });

  it.each([
    ['/Rotate added', (d: PdfDict) => d.set('Rotate', 90)],
    ['/MediaBox changed', (d: PdfDict) => d.set('MediaBox', [0, 0, 100, 100])],
    ['/Resources removed', (d: PdfDict) => (d.map.delete('Resources'), d)],
  ])('a page dictionary with %s after the signature: modified', (_, edit) => {
    const file = PdfFile.open(one);
    const page = file.pages()[0]!;
    const r = verifyTrusting(pki, appendUpdate(one, [[page.ref.num, edit(page.dict.clone())]]));
    expect(r.signatures[0]!.status).toBe('modified');
    expect(disallowed(r)).not.toBe('');
  });

  it('a change to an already-signed field (its name, its /V, its label): modified', () => {
    const file = PdfFile.open(two);
    const signed = findSignatureFields(file).filter((f) => f.value !== undefined);
    for (const f of signed) {
      for (const edit of [(d: PdfDict) => d.set('T', PdfString.fromText('autre')), (d: PdfDict) => d.set('TU', PdfString.fromText('Signature de quelqu’un d’autre')), (d: PdfDict) => d.set('F', 2), (d: PdfDict) => d.set('FT', name('Tx'))]) {
        const r = verifyTrusting(pki, appendUpdate(two, [[f.ref.num, edit(f.dict.clone())]]));
        expect(r.verdict, f.name).toBe('modified');
        expect(r.signatures.some((s) => s.changesDisallowed.length > 0), f.name).toBe(true);
      }
    }
  });
});
