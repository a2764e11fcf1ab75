import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, hash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { iterateHash } from '../../../../../main/signing/crypto/iterated-hash';
import { openPkcs12 } from '../../../../../main/signing/crypto/pkcs12';
import { describeCertificate } from '../../../../../main/signing/crypto/certificate';
import { createTestIdentity } from '../../../../../main/signing/test-identity';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../../../helpers/signing/pki';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});

/** The algorithms OpenSSL reports for a PKCS#12 (to prove which kind of file we opened). */
const info = (p12: string, legacy = false) => {
  const r = spawnSync('openssl', ['pkcs12', ...(legacy ? ['-legacy'] : []), '-in', p12, '-info', '-noout', '-passin', `pass:${TEST_PASSWORD}`]);
  return `${r.stdout.toString()}${r.stderr.toString()}`;
};

describe('PKCS#12 import', () => {
  it('opens the modern AES-256/PBKDF2 files of OpenSSL 3 (RSA and ECDSA P-256) with their chain', () => {
    expect(info(pki.rsa.p12)).toMatch(/PBES2, PBKDF2, AES-256-CBC/);
    const rsa = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
    expect(rsa.privateKey.asymmetricKeyType).toBe('rsa');
    expect(describeCertificate(rsa.certificate).commonName).toBe('Brice HUET');
    expect(rsa.chain.map((c) => describeCertificate(c).commonName)).toEqual(['Autorité de test Paraphe']);
    const ec = openPkcs12(readFileSync(pki.ec.p12), TEST_PASSWORD);
    expect(ec.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(describeCertificate(ec.certificate).commonName).toBe('Patrick SOULÉ');
  });

  it('opens the legacy (3DES key, RC2-40 certificates) file of `openssl pkcs12 -legacy`', () => {
    const algs = info(pki.legacy.p12, true);
    expect(algs).toMatch(/pbeWithSHA1And40BitRC2-CBC/);
    expect(algs).toMatch(/pbeWithSHA1And3-KeyTripleDES-CBC/);
    const id = openPkcs12(readFileSync(pki.legacy.p12), TEST_PASSWORD);
    expect(describeCertificate(id.certificate).commonName).toBe('Nadi BOU HANNA');
    expect(id.chain).toHaveLength(1);
  });

  it('says « Mot de passe incorrect » for a wrong password, and « pas un certificat » for garbage', () => {
    for (const f of [pki.rsa.p12, pki.ec.p12, pki.legacy.p12]) {
      expect(() => openPkcs12(readFileSync(f), 'faux')).toThrowError(/^Mot de passe incorrect/);
    }
    expect(() => openPkcs12(Buffer.from('pas du tout'), 'x')).toThrowError(/n’est pas un certificat PKCS#12/);
    const p12 = readFileSync(pki.rsa.p12);
    expect(() => openPkcs12(p12.subarray(0, 100), TEST_PASSWORD)).toThrowError(/PKCS#12/);
  });

  it('reads the test identities it creates, and OpenSSL reads them too', () => {
    const p12 = createTestIdentity({ name: 'Élodie DUPRÉ', org: 'Préfecture', password: 'essai-123' });
    const id = openPkcs12(p12, 'essai-123');
    const d = describeCertificate(id.certificate);
    expect([d.commonName, d.organization, d.selfSigned]).toEqual(['Élodie DUPRÉ', 'Préfecture', true]);
    expect(d.subject).toContain('OU=Identité de test');
    expect(d.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    const file = join(pki.dir, 'essai.p12');
    writeFileSync(file, p12);
    expect(execFileSync('openssl', ['pkcs12', '-in', file, '-nokeys', '-passin', 'pass:essai-123']).toString()).toMatch(/BEGIN CERTIFICATE/);
  });
});

describe('a .p12 that asks for more key-derivation work than any real export', () => {
  const exportWith = (iter: number, name: string, legacy = false) => {
    const out = join(pki.dir, name);
    execFileSync('openssl', ['pkcs12', '-export', ...(legacy ? ['-legacy'] : []), '-iter', String(iter), '-inkey', pki.rsa.key, '-in', pki.rsa.cert, '-out', out, '-passout', `pass:${TEST_PASSWORD}`]);
    return readFileSync(out);
  };

  it('opens a strong but real export (OpenSSL -iter 400000: key, certificates and MAC)', () => {
    const id = openPkcs12(exportWith(400_000, 'fort.p12'), TEST_PASSWORD);
    expect(describeCertificate(id.certificate).commonName).toBe('Brice HUET');
  });

  it('refuses 1,100,000 per operation (3.3 million in all) in French, before deriving anything', () => {
    const p12 = exportWith(1_100_000, 'trop.p12');
    const start = process.hrtime.bigint();
    expect(() => openPkcs12(p12, TEST_PASSWORD)).toThrowError(/^Ce fichier \.p12 demande [\d\s\u202f]+ itérations pour s’ouvrir : au-delà de 3\u202f000\u202f000, Paraphe ne l’ouvre pas/);
    // The MAC (1.1 M) is checked; the key's and the certificates' (2.2 M more) are refused unspent.
    expect(Number(process.hrtime.bigint() - start) / 1e9).toBeLessThan(5);
  });

  it('refuses a MAC asking for two billion iterations at once, whatever the password', () => {
    const key = forge.pki.privateKeyFromPem(readFileSync(pki.rsa.key, 'utf8'));
    const cert = forge.pki.certificateFromPem(readFileSync(pki.rsa.cert, 'utf8'));
    const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], 'x', { algorithm: '3des', count: 1 });
    const mac = (asn1.value as forge.asn1.Asn1[])[2]!;
    (mac.value as forge.asn1.Asn1[])[2] = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.INTEGER, false, '\x7f\xff\xff\xff');
    const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    for (const password of ['x', 'autre']) {
      const start = process.hrtime.bigint();
      expect(() => openPkcs12(p12, password)).toThrowError(/2\u202f147\u202f483\u202f647 itérations/);
      expect(Number(process.hrtime.bigint() - start) / 1e9).toBeLessThan(1);
    }
  });

  it('counts the legacy key derivation twice (key and IV): -legacy -iter 700000 asks for 3.5 M with its MAC and certificates', () => {
    expect(() => openPkcs12(exportWith(700_000, 'ancien.p12', true), TEST_PASSWORD)).toThrowError(/itérations pour s’ouvrir/);
  });
});

describe('iterated hash used by the PKCS#12 key derivation', () => {
  it('matches Node’s hash for SHA-1 and SHA-256', () => {
    for (const alg of ['sha1', 'sha256']) {
      let d = createHash(alg).update('graine').digest();
      const start = d;
      for (let i = 0; i < 2047; i++) d = hash(alg, d, 'buffer');
      expect(iterateHash(alg, start, 2047).equals(d)).toBe(true);
    }
  });
});

