/**
 * The rules of certificate.ts that the mutation run (StrykerJS) found unguarded: which keys are
 * verified at all (RSA size and exponent at their bounds, named curves, other key types), which
 * RSA keys are long enough to sign, which signature algorithms a certificate may rest on, the
 * validity period to the second, the key usages that allow signing, the basic constraints that
 * make a CA, the parts of a TBSCertificate (version 1 or 3, cut short), and which bytes make a
 * certificate file. Certificates made at test time by OpenSSL, or by node-forge where the key
 * must be an exact, unusual one (only its public half matters to these checks).
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../../../../helpers/scratch';
import {
  allowsSigning, describeCertificate, keyUsageOf, MAX_RSA_BITS, MIN_RSA_BITS, parseCertificates, pathLengthOf, tbsParts, unusableKey, validAt, weakCertificateSignature, weakDigest, weakKey,
} from '../../../../../main/signing/crypto/certificate';
import { seq, int, parseDer, raw, children, content } from '../../../../../main/signing/crypto/der';
import { UserError } from '../../../../../shared/errors';

let dir: string;
let serial = 1;
const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/** A self-signed certificate by OpenSSL: key (genpkey arguments or RSA bits), subject, extensions, digest and signature options. */
function selfSigned(o: { key?: string[]; subj?: string; ext?: string; md?: string; sigopt?: string[]; serial?: string } = {}): X509Certificate {
  const id = serial++;
  ssl(['genpkey', ...(o.key ?? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']), '-out', `${id}.key`]);
  ssl(['req', '-new', '-key', `${id}.key`, '-subj', o.subj ?? `/CN=Essai ${id}/O=Paraphe essais`, '-utf8', '-out', `${id}.csr`]);
  if (o.ext) writeFileSync(join(dir, `${id}.ext`), o.ext);
  ssl(['x509', '-req', '-in', `${id}.csr`, '-signkey', `${id}.key`, '-days', '30', ...(o.md ? [`-${o.md}`] : []), ...(o.sigopt ?? []), ...(o.serial ? ['-set_serial', o.serial] : []), ...(o.ext ? ['-extfile', `${id}.ext`] : []), '-out', `${id}.pem`]);
  return new X509Certificate(readFileSync(join(dir, `${id}.pem`)));
}

const RSA = (bits: number) => ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`];

let forgeCaKey: forge.pki.rsa.PrivateKey;
const big = (n: bigint) => new forge.jsbn.BigInteger(n.toString(16), 16);

/** A certificate whose RSA public key is exactly (a random modulus of) `bits` bits with exponent `e`. */
function rsaPublicKeyCert(bits: number, e: bigint): X509Certificate {
  const rnd = BigInt(`0x${randomBytes(Math.ceil(bits / 8)).toString('hex')}`) & ((1n << BigInt(bits)) - 1n);
  const n = rnd | (1n << BigInt(bits - 1)) | 1n;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(big(n), big(e));
  cert.serialNumber = '0' + (serial++).toString(16);
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const name = [{ name: 'commonName', value: `Cle RSA ${bits} bits` }];
  cert.setSubject(name);
  cert.setIssuer([{ name: 'commonName', value: 'Autorité forge' }]);
  cert.sign(forgeCaKey, forge.md.sha256.create());
  return new X509Certificate(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
}

beforeAll(() => {
  dir = scratchDir('paraphe-cert-');
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  forgeCaKey = forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
});

describe('unusableKey: the keys Paraphe verifies at all', () => {
  it('takes RSA from 1,024 to 8,192 bits and refuses one bit fewer or more', () => {
    expect(MAX_RSA_BITS).toBe(8192);
    expect(unusableKey(rsaPublicKeyCert(1023, 65537n))).toContain('1023 bits');
    expect(unusableKey(rsaPublicKeyCert(1024, 65537n))).toBeUndefined();
    expect(unusableKey(rsaPublicKeyCert(8192, 65537n))).toBeUndefined();
    expect(unusableKey(rsaPublicKeyCert(8193, 65537n))).toContain('8193 bits');
  });

  it('takes RSA public exponents from 3 to 2³² − 1 and refuses 1, 2 and 2³²', () => {
    for (const e of [3n, 65537n, (1n << 32n) - 1n]) expect(unusableKey(rsaPublicKeyCert(2048, e)), `e = ${e}`).toBeUndefined();
    for (const e of [1n, 2n, 1n << 32n, (1n << 32n) + 1n]) expect(unusableKey(rsaPublicKeyCert(2048, e)), `e = ${e}`).toBe('exposant public RSA hors des valeurs d’usage');
  });

  it('takes the NIST and Brainpool curves and refuses another named curve, naming it', () => {
    for (const curve of ['P-256', 'P-384', 'P-521', 'brainpoolP256r1']) {
      expect(unusableKey(selfSigned({ key: ['-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${curve}`] })), curve).toBeUndefined();
    }
    expect(unusableKey(selfSigned({ key: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1'] }))).toBe('courbe elliptique secp256k1 non prise en charge');
  });

  it('refuses a key Node cannot read (an unknown key algorithm), leaving weakKey silent and the type « inconnu »', () => {
    const raw = Buffer.from(selfSigned({ key: RSA(2048) }).raw);
    const rsaEncryption = Buffer.from('06092a864886f70d010101', 'hex');
    const at = raw.indexOf(rsaEncryption);
    expect(at).toBeGreaterThan(0);
    raw[at + rsaEncryption.length - 1] = 0x63; // 1.2.840.113549.1.1.99, no such key type
    const odd = new X509Certificate(raw);
    expect(() => odd.publicKey).toThrow();
    expect(unusableKey(odd)).toBe('clé publique illisible ou de paramètres inconnus');
    expect(weakKey(odd)).toBeUndefined();
    expect(describeCertificate(odd).keyType).toBe('inconnu');
  });

  it('refuses a key of another type (Ed25519), naming the type', () => {
    expect(unusableKey(selfSigned({ key: ['-algorithm', 'ED25519'] }))).toBe('type de clé ed25519 non pris en charge');
  });
});

describe('weakKey: RSA long enough to sign with', () => {
  it('refuses 2,047 bits and takes 2,048; never asks about an ECDSA key', () => {
    expect(MIN_RSA_BITS).toBe(2048);
    expect(weakKey(rsaPublicKeyCert(2047, 65537n))).toContain('« Cle RSA 2047 bits » ne fait que 2\u202f047 bits');
    expect(weakKey(rsaPublicKeyCert(2048, 65537n))).toBeUndefined();
    expect(weakKey(selfSigned())).toBeUndefined();
  });
});

describe('weakCertificateSignature: what a certificate may be signed with', () => {
  it('takes RSA PKCS#1 and ECDSA over SHA-2', () => {
    expect(weakCertificateSignature(selfSigned({ key: RSA(2048), md: 'sha256' }))).toBeUndefined();
    expect(weakCertificateSignature(selfSigned({ key: RSA(2048), md: 'sha512' }))).toBeUndefined();
    expect(weakCertificateSignature(selfSigned({ md: 'sha384' }))).toBeUndefined();
  });

  it('takes RSA-PSS over SHA-256 and refuses RSA-PSS on its default hash (SHA-1)', () => {
    const pss = ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'];
    expect(weakCertificateSignature(selfSigned({ key: RSA(2048), md: 'sha256', sigopt: pss }))).toBeUndefined();
    const sha1Pss = selfSigned({ key: RSA(2048), md: 'sha1', sigopt: pss, subj: '/CN=PSS sur SHA-1' });
    expect(weakCertificateSignature(sha1Pss)).toBe('le certificat de « PSS sur SHA-1 » est signé en RSA-PSS sur un condensé qui n’est pas SHA-256, SHA-384 ou SHA-512');
  });

  it('refuses SHA-1 (RSA and ECDSA) and SHA-224, naming the digest', () => {
    expect(weakCertificateSignature(selfSigned({ key: RSA(2048), md: 'sha1', subj: '/CN=RSA SHA-1' }))).toBe('le certificat de « RSA SHA-1 » est signé avec le condensé SHA-1, qui n’est plus sûr');
    expect(weakCertificateSignature(selfSigned({ md: 'sha1' }))).toContain('condensé SHA-1');
    expect(weakCertificateSignature(selfSigned({ key: RSA(2048), md: 'sha224' }))).toContain('condensé SHA-224');
  });

  it('refuses an algorithm off the list (Ed25519), giving its identifier', () => {
    expect(weakCertificateSignature(selfSigned({ key: ['-algorithm', 'ED25519'] }))).toContain('que Paraphe n’accepte pas (1.3.101.112)');
  });
});

describe('weakDigest: the digests a signature may rest on', () => {
  it('takes SHA-256/384/512 and names the others as the user reads them', () => {
    for (const d of ['sha256', 'sha384', 'sha512']) expect(weakDigest(d)).toBeUndefined();
    expect(weakDigest('sha1')).toContain('le condensé SHA-1,');
    expect(weakDigest('sha224', 'Le jeton')).toMatch(/^Le jeton repose sur le condensé SHA-224,/);
    expect(weakDigest('sha3-256')).toContain('le condensé SHA-3-256,');
  });
});

describe('validAt: the validity period, to the second', () => {
  it('holds from the first to the last second, not one second outside', () => {
    const c = selfSigned();
    const from = new Date(c.validFrom).getTime();
    const to = new Date(c.validTo).getTime();
    expect(validAt(c, new Date(from))).toBe(true);
    expect(validAt(c, new Date(to))).toBe(true);
    expect(validAt(c, new Date(from - 1000))).toBe(false);
    expect(validAt(c, new Date(to + 1000))).toBe(false);
  });
});

describe('key usage', () => {
  const withKu = (ku: string) => selfSigned({ ext: `basicConstraints=CA:FALSE\nkeyUsage=critical,${ku}\n` });

  it('allows signing with digitalSignature or nonRepudiation, or without the extension; not for encipherment or certificate signing', () => {
    expect(allowsSigning(withKu('digitalSignature'))).toBe(true);
    expect(allowsSigning(withKu('nonRepudiation'))).toBe(true);
    expect(allowsSigning(selfSigned({ ext: 'basicConstraints=CA:FALSE\n' }))).toBe(true);
    expect(allowsSigning(withKu('keyEncipherment,dataEncipherment'))).toBe(false);
    expect(allowsSigning(withKu('keyCertSign,cRLSign'))).toBe(false);
  });

  it('reads every bit by name, the second byte included, and nothing when absent', () => {
    expect(keyUsageOf(tbsParts(withKu('digitalSignature,keyAgreement,decipherOnly').raw))).toEqual(['digitalSignature', 'keyAgreement', 'decipherOnly']);
    expect(keyUsageOf(tbsParts(withKu('nonRepudiation,keyCertSign,encipherOnly').raw))).toEqual(['nonRepudiation', 'keyCertSign', 'encipherOnly']);
    expect(keyUsageOf(tbsParts(selfSigned({ ext: 'basicConstraints=CA:FALSE\n' }).raw))).toBeUndefined();
  });
});

describe('describeCertificate: what the user sees and what the chain reads', () => {
  it('reads a version 3 certificate: names, serial, validity, usage, CA flag, self-signature, key', () => {
    const c = selfSigned({ subj: '/CN=Autorité Élysée/O=Ministère/OU=Bureau', ext: 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' });
    const d = describeCertificate(c);
    expect(d).toMatchObject({
      subject: 'CN=Autorité Élysée, O=Ministère, OU=Bureau',
      commonName: 'Autorité Élysée',
      organization: 'Ministère',
      issuer: 'CN=Autorité Élysée, O=Ministère, OU=Bureau',
      issuerCommonName: 'Autorité Élysée',
      serialNumber: c.serialNumber.toUpperCase(),
      notBefore: new Date(c.validFrom).toISOString(),
      notAfter: new Date(c.validTo).toISOString(),
      keyUsage: ['keyCertSign', 'cRLSign'],
      isCa: true,
      selfSigned: true,
      sha256Fingerprint: c.fingerprint256,
      keyType: 'ECDSA prime256v1',
    });
  });

  it('prints the serial as a number, as OpenSSL and Node do: no DER sign byte before 80–FF, zero as 00', () => {
    // Random serials from OpenSSL are 159 bits: about one in 256 starts with a 1 after seven zeros and gets a sign byte.
    for (const [set, printed] of [['0x8065EC513DA379', '8065EC513DA379'], ['0xFF', 'FF'], ['0x7F01', '7F01'], ['0x0100', '0100']] as const) {
      const c = selfSigned({ serial: set });
      expect(describeCertificate(c).serialNumber).toBe(printed);
      expect(c.serialNumber.toUpperCase()).toBe(printed);
    }
    expect(describeCertificate(selfSigned({ serial: '0' })).serialNumber).toBe('00'); // whole octets, as OpenSSL's -serial (Node says « 0 »)
    // The sign byte is really in the certificate for 80–FF: what is left out is DER's, not the number's.
    const c = selfSigned({ serial: '0x80' });
    expect(content(tbsParts(c.raw).serial)).toEqual(Buffer.from([0x00, 0x80]));
  });

  it('reads a version 1 certificate (no version field) from its serial on, with no extensions', () => {
    const c = selfSigned({ subj: '/CN=Certificat v1/O=Ancien' });
    expect(children(children(parseDer(c.raw))[0]!)[0]!.tag).toBe(0x02);
    const d = describeCertificate(c);
    expect(d.serialNumber).toBe(c.serialNumber.toUpperCase());
    expect(d.subject).toBe('CN=Certificat v1, O=Ancien');
    expect(d.issuerCommonName).toBe('Certificat v1');
    expect(d).toMatchObject({ keyUsage: [], isCa: false, selfSigned: true });
  });

  it('names a certificate without a common name by its whole subject, and an RSA key by its size', () => {
    const d = describeCertificate(selfSigned({ key: RSA(2048), subj: '/O=Service sans nom/OU=Courrier' }));
    expect(d.commonName).toBe('O=Service sans nom, OU=Courrier');
    expect(d.issuerCommonName).toBe('O=Service sans nom, OU=Courrier');
    expect(d.organization).toBe('Service sans nom');
    expect(d.keyType).toBe('RSA 2048');
  });

  it('tells CA:TRUE from CA:FALSE, an explicit cA FALSE, and a path length alone', () => {
    const isCa = (bc: string) => describeCertificate(selfSigned({ ext: `basicConstraints=${bc}\n` })).isCa;
    expect(isCa('critical,CA:TRUE')).toBe(true);
    expect(isCa('CA:FALSE')).toBe(false);
    expect(isCa('DER:30:03:01:01:00')).toBe(false);
    expect(isCa('DER:30:03:02:01:01')).toBe(false);
    expect(isCa('DER:30:06:01:01:FF:02:01:00')).toBe(true);
  });

  it('reads the path length constraint: absent, a number, negative as none, huge as no reachable limit', () => {
    const pathLen = (bc: string) => pathLengthOf(selfSigned({ ext: `basicConstraints=${bc}\n` }));
    expect(pathLengthOf(selfSigned())).toBeUndefined();
    expect(pathLen('critical,CA:TRUE')).toBeUndefined();
    expect(pathLen('critical,CA:TRUE,pathlen:0')).toBe(0);
    expect(pathLen('critical,CA:TRUE,pathlen:3')).toBe(3);
    expect(pathLen('critical,CA:TRUE,pathlen:300')).toBe(300);
    expect(pathLen('DER:30:06:01:01:FF:02:01:FF')).toBe(0);
    expect(pathLen('DER:30:05:01:01:FF:02:00')).toBe(0);
    expect(pathLen('DER:30:0B:01:01:FF:02:06:01:00:00:00:00:00')).toBe(2 ** 40);
    expect(pathLen('DER:30:0C:01:01:FF:02:07:01:00:00:00:00:00:00')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('says not self-signed when issuer and subject differ', () => {
    const cert = rsaPublicKeyCert(2048, 65537n);
    expect(describeCertificate(cert).selfSigned).toBe(false);
  });
});

describe('tbsParts: a TBSCertificate cut short', () => {
  const cert = (...tbs: Buffer[]) => seq(seq(...tbs), seq(), Buffer.from([0x03, 0x01, 0x00]));
  const name = seq();

  it('throws without a subject, and without an issuer', () => {
    expect(() => tbsParts(cert(int(7), seq(), name, seq()))).toThrow('Certificat incomplet');
    expect(() => tbsParts(cert(int(7), seq()))).toThrow('Certificat incomplet');
    expect(() => tbsParts(cert())).toThrow('Certificat incomplet');
    expect(raw(tbsParts(cert(int(7), seq(), name, seq(), name)).serial)).toEqual(int(7));
  });
});

describe('parseCertificates: what makes a certificate file', () => {
  it('reads every certificate of a PEM bundle, in order, amid other text', () => {
    const a = selfSigned();
    const b = selfSigned({ key: RSA(2048) });
    const bundle = Buffer.from(`Racine A\n${a.toString()}\nRacine B\r\n${b.toString().replace(/\n/g, '\r\n')}\n`, 'latin1');
    expect(parseCertificates(bundle).map((c) => c.fingerprint256)).toEqual([a.fingerprint256, b.fingerprint256]);
  });

  it('reads a single DER certificate', () => {
    const a = selfSigned();
    expect(parseCertificates(a.raw).map((c) => c.fingerprint256)).toEqual([a.fingerprint256]);
  });

  it('refuses bytes that are no certificate, PEM or DER, with a message that says what to ask for', () => {
    const a = selfSigned();
    const damaged = Buffer.from(a.toString().replace(/^(-----BEGIN CERTIFICATE-----\n)(.)/, (_, head: string, ch: string) => head + (ch === 'M' ? 'A' : 'M')));
    for (const bytes of [Buffer.from('ceci n’est pas un certificat'), a.raw.subarray(0, a.raw.length - 1), damaged]) {
      let error: unknown;
      try {
        parseCertificates(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('TRUST_BAD_FILE');
      expect((error as UserError).message).toContain('Demandez à votre autorité le certificat de sa racine');
    }
  });
});

describe('parseCertificates: a bundle cut short', () => {
  it('refuses a PEM whose last certificate begins without ending, instead of reading fewer certificates', () => {
    const a = selfSigned();
    const b = selfSigned({ key: RSA(2048) });
    const whole = `${a.toString()}\n${b.toString()}`;
    // Cut inside the second certificate, and cut before the first one ends.
    for (const cut of [whole.slice(0, whole.length - 200), a.toString().slice(0, 300)]) {
      let error: unknown;
      try {
        parseCertificates(Buffer.from(cut, 'latin1'));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('TRUST_BAD_FILE');
      expect((error as UserError).message).toMatch(/incomplet .* tronqué/);
    }
    // The whole bundle still reads.
    expect(parseCertificates(Buffer.from(whole, 'latin1'))).toHaveLength(2);
  });
});
