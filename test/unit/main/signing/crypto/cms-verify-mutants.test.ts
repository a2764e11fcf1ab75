/**
 * What the mutation run of checkCms (issue 17, `npm run mutation`) still found unguarded after
 * cms-verify-edges.test.ts: the anchors of the GeneralizedTime form, the certificate set's
 * other choices, a SignerInfo cut short, a signer identifier of another kind that carries a
 * real key identifier, a certificate without a key identifier before the signer, signed
 * attributes the checker does not know, a signing-certificate attribute without its hash, and
 * signed attributes in BER indefinite length. CMS made at test time and signed for real.
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../../../../helpers/scratch';
import { tbsParts } from '../../../../../main/signing/crypto/certificate';
import { checkCms } from '../../../../../main/signing/crypto/cms-verify';
import { children, content, ctx, int, octets, oid, parseDer, raw, seq, set, tlv } from '../../../../../main/signing/crypto/der';
import { OID } from '../../../../../main/signing/crypto/oids';
import { openPkcs12, type OpenedIdentity } from '../../../../../main/signing/crypto/pkcs12';
import { attr, handCms } from '../../../../helpers/signing/custom-sign';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../../../helpers/signing/pki';

let pki: TestPki;
let rsa: OpenedIdentity;
/** A self-signed certificate made without a subject key identifier. */
let noSki: Buffer;
const data = Buffer.from('octets signés de la convention');
const digest = createHash('sha256').update(data).digest();
const hash = (alg: string) => createHash(alg).update(data).digest();

beforeAll(() => {
  pki = makeTestPki();
  rsa = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
  const dir = scratchDir('paraphe-noski-');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'),
    '-days', '2', '-subj', '/CN=Sans identifiant de clé', '-addext', 'subjectKeyIdentifier=none', '-addext', 'authorityKeyIdentifier=none'], { stdio: 'pipe' });
  noSki = new X509Certificate(readFileSync(join(dir, 'c.pem'))).raw;
  expect(tbsParts(noSki).extensions.has('2.5.29.14')).toBe(false);
});

/** ContentInfo → SignedData's members (raw), rebuilt after `edit`. */
function editSignedData(cms: Buffer, edit: (members: Buffer[]) => Buffer[]): Buffer {
  const ci = parseDer(cms);
  const sd = children(children(ci)[1]!)[0]!;
  return seq(raw(children(ci)[0]!), ctx(0, seq(...edit(children(sd).map(raw)))));
}

/** The one SignerInfo's members (raw), rebuilt after `edit`. */
function editSignerInfo(cms: Buffer, edit: (members: Buffer[]) => Buffer[]): Buffer {
  return editSignedData(cms, (m) => {
    const si = children(children(parseDer(m[m.length - 1]!))[0]!).map(raw);
    return [...m.slice(0, -1), set(seq(...edit(si)))];
  });
}

/** The certificates member [0] of a SignedData, rebuilt from `certs`. */
const withCertificates = (cms: Buffer, certs: (own: Buffer[]) => Buffer[]) =>
  editSignedData(cms, (m) => [...m.slice(0, 3), ctx(0, ...certs(children(parseDer(m[3]!)).map(raw))), ...m.slice(4)]);

const skiOf = (cert: Buffer) => content(parseDer(tbsParts(cert).extensions.get('2.5.29.14')!));

describe('checkCms: GeneralizedTime is read whole', () => {
  const timeOf = (text: string) => {
    const time = seq(oid(OID.signingTime), set(tlv(0x18, Buffer.from(text, 'latin1'))));
    const c = checkCms(handCms(rsa, digest, { attributes: (d, s) => [attr.contentType(), attr.messageDigest(d), time, attr.signingCertificateV2(s.certificate.raw)] }), hash);
    expect(c.signatureValid).toBe(true);
    return c.signingTime;
  };

  it('control: a plain GeneralizedTime is read', () => {
    expect(timeOf('20200326143005Z')?.toISOString()).toBe('2020-03-26T14:30:05.000Z');
  });

  it('nothing before the year and nothing after the Z', () => {
    expect(timeOf('x20200326143005Z')).toBeUndefined();
    expect(timeOf('120200326143005Z')).toBeUndefined();
    expect(timeOf('20200326143005Zx')).toBeUndefined();
  });

  it('each field must stay as written: a day, an hour, a minute, a second, a year that would roll over is no time', () => {
    // Only one field out of range each time; Date.UTC would quietly carry it into the next.
    for (const text of ['20200231120000Z', '20201301120000Z', '20200326250000Z', '20200326126100Z', '20200326120061Z', '20201231240000Z', '20200432000000Z']) {
      expect(timeOf(text), text).toBeUndefined();
    }
  });

  it('a year below 100 is no time (Date.UTC would read 0020 as 1920)', () => {
    expect(timeOf('00200326143005Z')).toBeUndefined();
    expect(timeOf('01000326143005Z')?.toISOString()).toBe('0100-03-26T14:30:05.000Z');
  });
});

describe('checkCms: the certificate set', () => {
  it('skips the set’s other choices (attribute certificates, [3] other): the signer is still found', () => {
    const cms = withCertificates(handCms(rsa, digest), (own) => [tlv(0xa1, int(1)), tlv(0xa3, seq(oid('1.2.3.4'), int(5))), ...own]);
    const c = checkCms(cms, hash);
    expect([c.signer.fingerprint256, c.signatureValid, c.certificates.length]).toEqual([rsa.certificate.fingerprint256, true, 1 + rsa.chain.length]);
  });

  it('finds a signer named by key identifier behind a certificate that has none', () => {
    const ski = skiOf(rsa.certificate.raw);
    const cms = withCertificates(handCms(rsa, digest, { sid: () => tlv(0x80, ski) }), (own) => [noSki, ...own]);
    const c = checkCms(cms, hash);
    expect([c.signer.fingerprint256, c.signatureValid]).toEqual([rsa.certificate.fingerprint256, true]);
  });

  it('a signer identifier of another tag is no key identifier, even when its bytes are the signer’s', () => {
    const ski = skiOf(rsa.certificate.raw);
    for (const tag of [0x81, 0x04, 0xa0]) {
      expect(() => checkCms(handCms(rsa, digest, { sid: () => tlv(tag, ski) }), hash), tag.toString(16)).toThrow(/certificat du signataire est absent/);
    }
  });
});

describe('checkCms: SignerInfo and its attributes', () => {
  it('a SignerInfo of three members (no attributes, algorithm nor value) is incomplete', () => {
    expect(() => checkCms(editSignerInfo(handCms(rsa, digest), (m) => m.slice(0, 3)), hash)).toThrow(/SignerInfo incomplet/);
  });

  it('signed attributes it does not know are signed and ignored, not read as signing-certificate', () => {
    const unknown = [seq(oid('1.2.840.113549.1.9.52'), set(seq(seq(oid(OID.sha256))))), seq(oid('1.2.3.4.5'), set(int(7)))];
    const c = checkCms(handCms(rsa, digest, { attributes: (d, s) => [attr.contentType(), attr.messageDigest(d), ...unknown, attr.signingCertificateV2(s.certificate.raw)] }), hash);
    expect([c.signatureValid, c.digestMatches, c.signerBindingOk, c.hasSigningCertificateV2, c.problems]).toEqual([true, true, true, true, []]);
  });

  it('a signing-certificate-v2 whose ESSCertIDv2 holds no hash, or a hash that is no OCTET STRING, is refused by name', () => {
    const ess = (certId: Buffer) => seq(oid(OID.signingCertificateV2), set(seq(seq(certId))));
    const hashOfCert = createHash('sha256').update(rsa.certificate.raw).digest();
    for (const certId of [seq(), seq(seq(oid(OID.sha256))), seq(tlv(0x0c, hashOfCert))]) {
      const cms = handCms(rsa, digest, { attributes: (d) => [attr.contentType(), attr.messageDigest(d), ess(certId)] });
      expect(() => checkCms(cms, hash)).toThrow(/signing-certificate mal formé/);
    }
  });

  it('signed attributes in BER indefinite length are refused (the signature covers their DER form)', () => {
    const cms = editSignerInfo(handCms(rsa, digest), (m) => {
      const attrs = content(parseDer(m[3]!));
      return [m[0]!, m[1]!, m[2]!, Buffer.concat([Buffer.from([0xa0, 0x80]), attrs, Buffer.from([0, 0])]), m[4]!, m[5]!];
    });
    expect(() => checkCms(cms, hash)).toThrow(/Attributs signés en longueur indéfinie \(DER exigé\)/);
  });
});
