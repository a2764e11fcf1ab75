/**
 * Each structural rule of the CMS checker, proven by a CMS built by hand (genuinely signed,
 * digest right) that breaks that rule alone: removing the rule makes its test fail (issue 17's
 * mutation run found all four could be removed with every test passing).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCms } from '../../../../../main/signing/crypto/cms-verify';
import { openPkcs12, type OpenedIdentity } from '../../../../../main/signing/crypto/pkcs12';
import { OID } from '../../../../../main/signing/crypto/oids';
import { attr, defaultAttributes, handCms } from '../../../../helpers/signing/custom-sign';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../../../helpers/signing/pki';
import { children, int, octets, oid, parseDer, raw, seq, set } from '../../../../../main/signing/crypto/der';
import { tbsParts } from '../../../../../main/signing/crypto/certificate';

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

describe('checkCms: the structure rules, one at a time', () => {
  it('control: the hand-built CMS passes every check (RSA and ECDSA)', () => {
    for (const signer of [rsa, ec]) {
      const c = checkCms(handCms(signer, digest), hash);
      expect([c.digestMatches, c.signatureValid, c.signerBindingOk, c.hasSigningCertificateV2, c.problems]).toEqual([true, true, true, true, []]);
      expect(c.signer.fingerprint256).toBe(signer.certificate.fingerprint256);
      expect(c.digestAlgorithm).toBe('sha256');
    }
  });

  it('exactly one signer: two SignerInfos are refused', () => {
    expect(() => checkCms(handCms(rsa, digest, { signerInfos: 2 }), hash)).toThrow(/2 signataires au lieu d’un/);
    expect(() => checkCms(handCms(rsa, digest, { signerInfos: 0 }), hash)).toThrow(/0 signataires au lieu d’un/);
  });

  it('the signer is bound to its certificate: a SignerInfo naming another serial finds no certificate', () => {
    const otherSerial = (s: { certificate: X509Certificate }) => seq(raw(tbsParts(s.certificate.raw).issuer), int(123456789));
    expect(() => checkCms(handCms(rsa, digest, { sid: otherSerial }), hash)).toThrow(/certificat du signataire est absent/);
    // The CA's issuer and serial: the CA is then the signer, and the leaf's signature does not verify with its key.
    const ca = new X509Certificate(readFileSync(pki.caPem));
    const caSid = () => seq(raw(tbsParts(ca.raw).issuer), raw(tbsParts(ca.raw).serial));
    const c = checkCms(handCms(rsa, digest, { sid: caSid }), hash);
    expect(c.signer.fingerprint256).toBe(ca.fingerprint256);
    expect(c.signatureValid).toBe(false);
  });

  it('signing-certificate-v2 naming another certificate: binding refused, though digest and signature are right', () => {
    const ca = new X509Certificate(readFileSync(pki.caPem));
    const c = checkCms(handCms(rsa, digest, { attributes: (d) => [attr.contentType(), attr.messageDigest(d), attr.signingCertificateV2(ca.raw)] }), hash);
    expect([c.digestMatches, c.signatureValid]).toEqual([true, true]);
    expect(c.signerBindingOk).toBe(false);
    expect(c.problems).toEqual(['L’attribut signing-certificate désigne un autre certificat que celui du signataire.']);
  });

  it('content-type must be present and be id-data', () => {
    expect(() => checkCms(handCms(rsa, digest, { attributes: (d, s) => [attr.contentType(OID.signedData), attr.messageDigest(d), attr.signingCertificateV2(s.certificate.raw)] }), hash)).toThrow(/content-type absent ou inattendu/);
    expect(() => checkCms(handCms(rsa, digest, { attributes: (d, s) => [attr.messageDigest(d), attr.signingCertificateV2(s.certificate.raw)] }), hash)).toThrow(/content-type absent ou inattendu/);
  });

  it('message-digest must be present; a wrong one does not match', () => {
    expect(() => checkCms(handCms(rsa, digest, { attributes: (_d, s) => [attr.contentType(), attr.signingCertificateV2(s.certificate.raw)] }), hash)).toThrow(/message-digest absent/);
    expect(checkCms(handCms(rsa, Buffer.alloc(32)), hash).digestMatches).toBe(false);
  });

  it('signing-certificate-v2 is reported when present, and only then', () => {
    const without = checkCms(handCms(rsa, digest, { attributes: (d) => [attr.contentType(), attr.messageDigest(d)] }), hash);
    expect([without.hasSigningCertificateV2, without.signerBindingOk, without.signatureValid, without.digestMatches]).toEqual([false, true, true, true]);
  });

  it('a repeated attribute, or one with two values, is refused', () => {
    expect(() => checkCms(handCms(rsa, digest, { attributes: (d, s) => [...defaultAttributes(d, s), attr.contentType()] }), hash)).toThrow(/Attribut signé répété/);
    const twoDigests = (d: Buffer) => seq(oid(OID.messageDigest), set(octets(d), octets(d)));
    expect(() => checkCms(handCms(rsa, digest, { attributes: (d, s) => [attr.contentType(), twoDigests(d), attr.signingCertificateV2(s.certificate.raw)] }), hash)).toThrow(/valeurs multiples/);
  });

  it('a signer key refused before any verification: RSA beyond 8,192 bits, unknown curves', () => {
    // A 16,384-bit « key » in the signer's certificate (nothing is ever verified with it).
    const big = withFakeRsa(rsa.certificate, 16384);
    expect(() => checkCms(handCms({ ...rsa, certificate: big }, digest), hash)).toThrow(/RSA de 16384 bits/);
  });
});

/** The certificate with its public key replaced by a random 2048-byte RSA modulus. */
function withFakeRsa(cert: X509Certificate, bits: number): X509Certificate {
  const top = parseDer(cert.raw);
  const [tbs, alg, sig] = children(top);
  const items = children(tbs!).map(raw);
  const n = Buffer.alloc(bits / 8, 0x5b);
  n[0] = 0xc1;
  n[n.length - 1] = 1;
  const key = seq(Buffer.concat([Buffer.from([0x02, 0x82, ((n.length + 1) >> 8) & 255, (n.length + 1) & 255, 0]), n]), int(65537));
  const bitString = Buffer.concat([Buffer.from([0x03, 0x82, ((key.length + 1) >> 8) & 255, (key.length + 1) & 255, 0]), key]);
  items[children(tbs!)[0]!.tag === 0xa0 ? 6 : 5] = seq(seq(Buffer.from('06092a864886f70d010101', 'hex'), Buffer.from([5, 0])), bitString);
  return new X509Certificate(seq(seq(...items), raw(alg!), raw(sig!)));
}
