/**
 * The parts of checkCms that mutation testing (`npm run mutation`) found unguarded: the
 * signing-time formats, a signer named by its subject key identifier, signing-certificate v1
 * and v2 with an explicit hash, and the structure checks of SignedData and SignerInfo, each
 * shown to accept what is right and refuse what is not. CMS made at test time, signed for real.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCms } from '../../../../../main/signing/crypto/cms-verify';
import { openPkcs12, type OpenedIdentity } from '../../../../../main/signing/crypto/pkcs12';
import { OID } from '../../../../../main/signing/crypto/oids';
import { children, content, ctx, int, octets, oid, parseDer, raw, seq, set, tlv, type DerNode } from '../../../../../main/signing/crypto/der';
import { tbsParts } from '../../../../../main/signing/crypto/certificate';
import { attr, handCms } from '../../../../helpers/signing/custom-sign';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../../../helpers/signing/pki';

let pki: TestPki;
let rsa: OpenedIdentity;
let ec: OpenedIdentity;
const data = Buffer.from('octets signés de la convention');
const digest = createHash('sha256').update(data).digest();
const hash = (alg: string) => createHash(alg).update(data).digest();

beforeAll(() => {
  pki = makeTestPki();
  rsa = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
  ec = openPkcs12(readFileSync(pki.ec.p12), TEST_PASSWORD);
});

const ascii = (tag: number, text: string) => tlv(tag, Buffer.from(text, 'latin1'));
const signingTime = (tag: number, text: string) => seq(oid(OID.signingTime), set(ascii(tag, text)));
const UTC = 0x17;
const GENERALIZED = 0x18;

/** The signing time checkCms reads from a CMS whose signed attributes carry `time`. */
function timeOf(time: Buffer): Date | undefined {
  const cms = handCms(rsa, digest, { attributes: (d, s) => [attr.contentType(), attr.messageDigest(d), time, attr.signingCertificateV2(s.certificate.raw)] });
  const c = checkCms(cms, hash);
  expect(c.signatureValid).toBe(true);
  return c.signingTime;
}

describe('checkCms: signing time', () => {
  it('reads UTCTime with and without seconds, years 50–99 as 19xx and 00–49 as 20xx', () => {
    expect(timeOf(signingTime(UTC, '200326143005Z'))?.toISOString()).toBe('2020-03-26T14:30:05.000Z');
    expect(timeOf(signingTime(UTC, '2003261430Z'))?.toISOString()).toBe('2020-03-26T14:30:00.000Z');
    expect(timeOf(signingTime(UTC, '491231235959Z'))?.toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(timeOf(signingTime(UTC, '500101000000Z'))?.toISOString()).toBe('1950-01-01T00:00:00.000Z');
  });

  it('reads GeneralizedTime, with or without a fraction of a second', () => {
    expect(timeOf(signingTime(GENERALIZED, '20200326143005Z'))?.toISOString()).toBe('2020-03-26T14:30:05.000Z');
    expect(timeOf(signingTime(GENERALIZED, '20200326143005.123Z'))?.toISOString()).toBe('2020-03-26T14:30:05.000Z');
    expect(timeOf(signingTime(GENERALIZED, '202003261430Z'))?.toISOString()).toBe('2020-03-26T14:30:00.000Z');
  });

  it('takes no time from a malformed or impossible value: letters, garbage around it, a local time, the other type’s length, a month 26', () => {
    for (const [tag, text] of [
      [UTC, 'x00326143005Z'], [UTC, '200326143005Zjunk'], [UTC, 'junk200326143005Z'], [UTC, '200326143005'],
      [UTC, '20200326143005Z'], [GENERALIZED, '2020032614300aZ'], [GENERALIZED, '20200326143005.Z'],
      // Values Date.UTC would roll over into another day: month 26, 30 February, 24 h, 60 min.
      [GENERALIZED, '200326143005Z'], [UTC, '200230120000Z'], [UTC, '200326240000Z'], [GENERALIZED, '20200326146000Z'],
    ] as const) {
      expect(timeOf(signingTime(tag, text)), text).toBeUndefined();
    }
  });
});

/** The certificate's subjectKeyIdentifier value, or undefined. */
function skiOf(cert: X509Certificate): Buffer | undefined {
  const ext = tbsParts(cert.raw).extensions.get('2.5.29.14');
  return ext && content(parseDer(ext));
}

describe('checkCms: the signer named by its subject key identifier', () => {
  it('finds the certificate whose key identifier matches, and no other', () => {
    for (const signer of [rsa, ec]) {
      const ski = skiOf(signer.certificate);
      expect(ski, 'the test leaves carry a subject key identifier').toBeDefined();
      const c = checkCms(handCms(signer, digest, { sid: () => tlv(0x80, ski!) }), hash);
      expect([c.signer.fingerprint256, c.signatureValid]).toEqual([signer.certificate.fingerprint256, true]);
      const other = Buffer.from(ski!);
      other[0] = other[0]! ^ 0xff;
      expect(() => checkCms(handCms(signer, digest, { sid: () => tlv(0x80, other) }), hash)).toThrow(/certificat du signataire est absent/);
    }
  });

  it('refuses a signer identifier of any other kind', () => {
    expect(() => checkCms(handCms(rsa, digest, { sid: () => tlv(0x81, Buffer.from([1, 2, 3])) }), hash)).toThrow(/certificat du signataire est absent/);
  });
});

/** signing-certificate (v1, SHA-1) or -v2 naming `certDer`, with the hash algorithm written out when `algorithm` is given. */
function essAttribute(version: 1 | 2, certDer: Buffer, algorithm?: { oid: string; name: string }): Buffer {
  const parts = tbsParts(certDer);
  const name = algorithm?.name ?? (version === 1 ? 'sha1' : 'sha256');
  const certId = seq(
    ...(algorithm ? [seq(oid(algorithm.oid))] : []),
    octets(createHash(name).update(certDer).digest()),
    seq(seq(ctx(4, raw(parts.issuer))), raw(parts.serial)),
  );
  return seq(oid(version === 1 ? OID.signingCertificate : OID.signingCertificateV2), set(seq(seq(certId))));
}

describe('checkCms: signing-certificate attributes', () => {
  const withEss = (ess: (s: OpenedIdentity) => Buffer) => checkCms(handCms(rsa, digest, { attributes: (d) => [attr.contentType(), attr.messageDigest(d), ess(rsa)] }), hash);

  it('v1 (SHA-1) binds the signer; naming another certificate breaks the binding; v2 is not claimed', () => {
    const good = withEss((s) => essAttribute(1, s.certificate.raw));
    expect([good.signerBindingOk, good.hasSigningCertificateV2, good.signatureValid]).toEqual([true, false, true]);
    const ca = new X509Certificate(readFileSync(pki.caPem));
    expect(withEss(() => essAttribute(1, ca.raw)).signerBindingOk).toBe(false);
  });

  it('v2 with its hash algorithm written out (SHA-512) binds; an unknown hash algorithm does not', () => {
    const sha512 = withEss((s) => essAttribute(2, s.certificate.raw, { oid: '2.16.840.1.101.3.4.2.3', name: 'sha512' }));
    expect([sha512.signerBindingOk, sha512.hasSigningCertificateV2]).toEqual([true, true]);
    // An OID no table knows, over a SHA-256 hash that would otherwise match.
    const unknown = withEss((s) => {
      const parts = tbsParts(s.certificate.raw);
      const certId = seq(seq(oid('1.2.3.4.5')), octets(createHash('sha256').update(s.certificate.raw).digest()), seq(seq(ctx(4, raw(parts.issuer))), raw(parts.serial)));
      return seq(oid(OID.signingCertificateV2), set(seq(seq(certId))));
    });
    expect(unknown.signerBindingOk).toBe(false);
    expect(unknown.problems).toEqual(['L’attribut signing-certificate désigne un autre certificat que celui du signataire.']);
  });
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
    const infos = parseDer(m[m.length - 1]!);
    const si = children(children(infos)[0]!).map(raw);
    return [...m.slice(0, -1), set(seq(...edit(si)))];
  });
}

describe('checkCms: SignedData and SignerInfo structure', () => {
  const good = () => handCms(rsa, digest);
  const certs = (cms: Buffer): DerNode[] => children(children(children(children(parseDer(cms))[1]!)[0]!)[3]!);

  it('control: the rebuilt structure is the original', () => {
    expect(editSignedData(good(), (m) => m).equals(good().subarray(0, parseDer(good()).end))).toBe(true);
    expect(checkCms(editSignerInfo(good(), (m) => m), hash).signatureValid).toBe(true);
  });

  it('zero padding after the DER is allowed, any other byte is not', () => {
    expect(checkCms(Buffer.concat([good(), Buffer.alloc(64)]), hash).signatureValid).toBe(true);
    expect(() => checkCms(Buffer.concat([good(), Buffer.alloc(8), Buffer.from([1])]), hash)).toThrow(/Octets inattendus/);
  });

  it('a ContentInfo of another type is refused', () => {
    const ci = parseDer(good());
    const other = seq(oid(OID.data), raw(children(ci)[1]!));
    expect(() => checkCms(other, hash)).toThrow(/pas une structure CMS SignedData/);
  });

  it('the encapsulated content: present, of type id-data, detached', () => {
    expect(() => checkCms(editSignedData(good(), (m) => [m[0]!, m[1]!, int(0), ...m.slice(3)]), hash)).toThrow(/encapContentInfo absent/);
    expect(() => checkCms(editSignedData(good(), (m) => [m[0]!, m[1]!, seq(oid(OID.signedData)), ...m.slice(3)]), hash)).toThrow(/contenu encapsulé inattendu/);
    expect(() => checkCms(editSignedData(good(), (m) => [m[0]!, m[1]!, seq(oid(OID.data), ctx(0, octets(data))), ...m.slice(3)]), hash)).toThrow(/non détachée/);
  });

  it('at most 32 certificates are read: 32 pass, 33 are refused; an unreadable one is named', () => {
    const leaf = raw(certs(good())[0]!);
    const withCerts = (n: number) => editSignedData(good(), (m) => [...m.slice(0, 3), ctx(0, ...Array.from({ length: n }, () => leaf)), ...m.slice(4)]);
    expect(checkCms(withCerts(32), hash).certificates).toHaveLength(32);
    expect(() => checkCms(withCerts(33), hash)).toThrow(/33 certificats \(au plus 32/);
    const junk = seq(int(1), int(2));
    expect(() => checkCms(editSignedData(good(), (m) => [...m.slice(0, 3), ctx(0, leaf, junk), ...m.slice(4)]), hash)).toThrow(/certificat embarqué .* illisible/);
  });

  it('certificates are looked for after the encapsulated content only; CRLs ([1]) beside them change nothing', () => {
    const withCrls = editSignedData(good(), (m) => [...m.slice(0, 4), tlv(0xa1), m[4]!]);
    expect(checkCms(withCrls, hash).signatureValid).toBe(true);
    // Without a certificate set the signer cannot be found.
    expect(() => checkCms(editSignedData(good(), (m) => [...m.slice(0, 3), m[4]!]), hash)).toThrow(/certificat du signataire est absent/);
  });

  it('signerInfos must be a SET', () => {
    expect(() => checkCms(editSignedData(good(), (m) => [...m.slice(0, 4), seq(...children(parseDer(m[4]!)).map(raw))]), hash)).toThrow(/signerInfos absent/);
  });

  it('a digest algorithm the verifier does not know (MD5) is refused by name', () => {
    expect(() => checkCms(editSignerInfo(good(), (m) => [m[0]!, m[1]!, seq(oid('1.2.840.113549.2.5')), ...m.slice(3)]), hash)).toThrow(/condensé non pris en charge \(1\.2\.840\.113549\.2\.5\)/);
  });

  it('the signature value: an OCTET STRING (primitive or constructed), nothing else; signed attributes required', () => {
    expect(() => checkCms(editSignerInfo(good(), (m) => [...m.slice(0, 5), int(7)]), hash)).toThrow(/SignerInfo incomplet/);
    expect(() => checkCms(editSignerInfo(good(), (m) => m.slice(0, 5)), hash)).toThrow(/SignerInfo incomplet/);
    // The same value as a constructed OCTET STRING (BER: two pieces) still verifies.
    const split = editSignerInfo(good(), (m) => {
      const value = content(parseDer(m[5]!));
      return [...m.slice(0, 5), tlv(0x24, octets(value.subarray(0, 100)), octets(value.subarray(100)))];
    });
    expect(checkCms(split, hash).signatureValid).toBe(true);
    // Without the signed attributes, the algorithm and value move up: refused as PAdES requires them.
    expect(() => checkCms(editSignerInfo(good(), (m) => [m[0]!, m[1]!, m[2]!, m[4]!, m[5]!]), hash)).toThrow(/Attributs signés absents/);
  });

  it('a signature algorithm not in the list, or one that does not fit the key, is refused', () => {
    expect(() => checkCms(editSignerInfo(good(), (m) => [...m.slice(0, 4), seq(oid('1.2.840.113549.1.1.4')), m[5]!]), hash)).toThrow(/signature non pris en charge/);
    expect(() => checkCms(editSignerInfo(good(), (m) => [...m.slice(0, 4), seq(oid(OID.ecdsaWithSHA256)), m[5]!]), hash)).toThrow(/incompatible avec la clé/);
    expect(() => checkCms(editSignerInfo(handCms(ec, digest), (m) => [...m.slice(0, 4), seq(oid(OID.sha256WithRSA)), m[5]!]), hash)).toThrow(/incompatible avec la clé/);
  });

  it('sha256WithRSAEncryption named instead of rsaEncryption verifies the same signature', () => {
    const c = checkCms(editSignerInfo(good(), (m) => [...m.slice(0, 4), seq(oid(OID.sha256WithRSA)), m[5]!]), hash);
    expect(c.signatureValid).toBe(true);
  });
});
