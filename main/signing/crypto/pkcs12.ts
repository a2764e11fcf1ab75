/**
 * PKCS#12 (.p12/.pfx) reader over Node's crypto. It handles both the modern files OpenSSL 3
 * and browsers write (PBES2: PBKDF2 + AES, HMAC-SHA-256 MAC) and the legacy ones
 * (`openssl pkcs12 -legacy`, older Windows exports: 3DES keys, RC2-40 certificates).
 * RC2 is the one cipher OpenSSL 3 only offers in its legacy provider, so that single step
 * goes through node-forge's RC2.
 */
import { createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, pbkdf2Sync, timingSafeEqual, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { UserError } from '../../../shared/errors';
import { child, children, content, DerError, octetBytes, parseDer, raw, readOid, readSmallInt, type DerNode } from './der';
import { iterateHash } from './iterated-hash';
import { OID } from './oids';

/** What a PKCS#12 file holds once opened: the key, its certificate, the rest of the chain. */
export interface OpenedIdentity {
  readonly privateKey: KeyObject;
  readonly certificate: X509Certificate;
  /** Other certificates of the file (intermediates, root), leaf excluded. */
  readonly chain: readonly X509Certificate[];
}

const HASHES: Record<string, { name: string; u: number; v: number }> = {
  [OID.sha1]: { name: 'sha1', u: 20, v: 64 },
  [OID.sha256]: { name: 'sha256', u: 32, v: 64 },
  [OID.sha384]: { name: 'sha384', u: 48, v: 128 },
  [OID.sha512]: { name: 'sha512', u: 64, v: 128 },
};

const PRF: Record<string, string> = {
  [OID.hmacWithSHA1]: 'sha1',
  [OID.hmacWithSHA256]: 'sha256',
  [OID.hmacWithSHA384]: 'sha384',
  [OID.hmacWithSHA512]: 'sha512',
};

class WrongPassword extends Error {}

/**
 * Key-derivation iterations one .p12 may ask for, all operations together. OpenSSL and Windows
 * write 2,000–2,048 per operation and the strongest exports in use a few hundred thousand; a
 * file asking for billions (the count is the file's to choose) would hold the process for hours.
 */
export const MAX_P12_ITERATIONS = 3_000_000;

/** Counts the iterations a file asks for and refuses, before any work, past the budget. */
function iterationBudget(): (iterations: number) => number {
  let spent = 0;
  return (iterations) => {
    spent += iterations;
    if (iterations < 1 || spent > MAX_P12_ITERATIONS) {
      throw new UserError(
        'P12_TOO_COSTLY',
        `Ce fichier .p12 demande ${spent.toLocaleString('fr-FR')} itérations pour s’ouvrir : au-delà de ${MAX_P12_ITERATIONS.toLocaleString('fr-FR')}, Paraphe ne l’ouvre pas (fichier inhabituel ou piégé). Exportez de nouveau votre certificat avec les réglages par défaut, puis réessayez.`,
      );
    }
    return iterations;
  };
}

/** Password as PKCS#12 wants it for its own KDF: UTF-16BE with a terminating NUL. */
function bmpPassword(password: string): Buffer {
  const b = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) b.writeUInt16BE(password.charCodeAt(i), i * 2);
  return b;
}

function repeatTo(src: Buffer, v: number): Buffer {
  if (src.length === 0) return Buffer.alloc(0);
  const len = v * Math.ceil(src.length / v);
  const out = Buffer.alloc(len);
  for (let i = 0; i < len; i++) out[i] = src[i % src.length]!;
  return out;
}

/** RFC 7292 appendix B.2 key derivation (id 1 = key, 2 = IV, 3 = MAC key). */
export function pkcs12Kdf(hashOid: string, password: Buffer, salt: Buffer, id: number, iterations: number, n: number): Buffer {
  const h = HASHES[hashOid];
  if (!h) throw new DerError('Algorithme de hachage PKCS#12 non pris en charge');
  const { name, u, v } = h;
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([repeatTo(salt, v), repeatTo(password, v)]);
  const out: Buffer[] = [];
  for (let produced = 0; produced < n; produced += u) {
    const A = iterateHash(name, createHash(name).update(D).update(I).digest(), iterations - 1);
    out.push(A);
    const B = repeatTo(A, v);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const s = I[j + k]! + B[k]! + carry;
        I[j + k] = s & 0xff;
        carry = s >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, n);
}

function decipher(alg: string, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  try {
    const d = createDecipheriv(alg, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    // A bad padding after decryption is what a wrong password looks like without a MAC.
    throw new WrongPassword();
  }
}

function rc2Decrypt(key: Buffer, bits: number, iv: Buffer, data: Buffer): Buffer {
  const cipher = forge.rc2.createDecryptionCipher(forge.util.createBuffer(key.toString('binary')), bits);
  cipher.start(forge.util.createBuffer(iv.toString('binary')));
  cipher.update(forge.util.createBuffer(data.toString('binary')));
  if (!cipher.finish()) throw new WrongPassword();
  return Buffer.from(cipher.output.getBytes(), 'binary');
}

/** Decrypts data protected by an AlgorithmIdentifier of the PKCS#12 or PBES2 families. */
function pbeDecrypt(algId: DerNode, password: string, data: Buffer, spend: (iterations: number) => number): Buffer {
  const algOid = readOid(child(algId, 0));
  const params = child(algId, 1);
  if (algOid === OID.pbes2) {
    const kdf = child(params, 0);
    const scheme = child(params, 1);
    if (readOid(child(kdf, 0)) !== OID.pbkdf2) throw new DerError('Dérivation de clé non prise en charge');
    const kp = children(child(kdf, 1));
    const salt = content(kp[0]!);
    const iterations = spend(readSmallInt(kp[1]!));
    let prf = 'sha1';
    for (const extra of kp.slice(2)) {
      if (extra.tag === 0x30) {
        const p = PRF[readOid(child(extra, 0))];
        if (!p) throw new DerError('Fonction PRF non prise en charge');
        prf = p;
      }
    }
    const schemeOid = readOid(child(scheme, 0));
    const iv = content(child(scheme, 1, 0x04));
    const cipher = schemeOid === OID.aes256Cbc ? ['aes-256-cbc', 32] as const
      : schemeOid === OID.aes192Cbc ? ['aes-192-cbc', 24] as const
      : schemeOid === OID.aes128Cbc ? ['aes-128-cbc', 16] as const
      : schemeOid === OID.desEde3Cbc ? ['des-ede3-cbc', 24] as const
      : undefined;
    if (!cipher) throw new DerError('Chiffrement PBES2 non pris en charge');
    // PBES2 takes the password as raw UTF-8 bytes, unlike the PKCS#12 KDF.
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher[1], prf);
    return decipher(cipher[0], key, iv, data);
  }
  const salt = content(child(params, 0, 0x04));
  // The key and the IV are derived apart: twice the count.
  const iterations = readSmallInt(child(params, 1));
  spend(iterations);
  spend(iterations);
  const pw = bmpPassword(password);
  switch (algOid) {
    case OID.pbeSha1And3DES: {
      const key = pkcs12Kdf(OID.sha1, pw, salt, 1, iterations, 24);
      const iv = pkcs12Kdf(OID.sha1, pw, salt, 2, iterations, 8);
      return decipher('des-ede3-cbc', key, iv, data);
    }
    case OID.pbeSha1And40RC2:
    case OID.pbeSha1And128RC2: {
      const bits = algOid === OID.pbeSha1And40RC2 ? 40 : 128;
      const key = pkcs12Kdf(OID.sha1, pw, salt, 1, iterations, bits / 8);
      const iv = pkcs12Kdf(OID.sha1, pw, salt, 2, iterations, 8);
      return rc2Decrypt(key, bits, iv, data);
    }
    default:
      throw new DerError(`Chiffrement PKCS#12 non pris en charge (${algOid})`);
  }
}

function verifyMac(macData: DerNode, authSafeData: Buffer, password: string, spend: (iterations: number) => number): void {
  const digestInfo = child(macData, 0);
  const hashOid = readOid(child(child(digestInfo, 0), 0));
  const expected = content(child(digestInfo, 1, 0x04));
  const salt = content(child(macData, 1, 0x04));
  const rest = children(macData);
  const iterations = spend(rest[2] ? readSmallInt(rest[2]) : 1);
  const h = HASHES[hashOid];
  if (!h) throw new DerError('Algorithme de MAC PKCS#12 non pris en charge');
  const key = pkcs12Kdf(hashOid, bmpPassword(password), salt, 3, iterations, h.u);
  const mac = createHmac(h.name, key).update(authSafeData).digest();
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw new WrongPassword();
}

/**
 * Opens a PKCS#12 file with its password.
 * Throws UserError `P12_PASSWORD` (« Mot de passe incorrect ») or `P12_CORRUPT`.
 */
export function openPkcs12(file: Buffer, password: string): OpenedIdentity {
  try {
    return openInner(file, password);
  } catch (e) {
    if (e instanceof WrongPassword) {
      throw new UserError('P12_PASSWORD', 'Mot de passe incorrect. Saisissez le mot de passe choisi lors de l’export du certificat (.p12).');
    }
    if (e instanceof UserError) throw e;
    throw new UserError('P12_CORRUPT', 'Ce fichier n’est pas un certificat PKCS#12 (.p12/.pfx) lisible. Exportez de nouveau votre certificat avec sa clé privée, puis réessayez.', { cause: e instanceof Error ? e.message : String(e) });
  }
}

function openInner(file: Buffer, password: string): OpenedIdentity {
  const pfx = parseDer(file);
  if (pfx.tag !== 0x30) throw new DerError('PFX attendu');
  const [version, authSafe, macData] = children(pfx);
  if (!version || readSmallInt(version) !== 3 || !authSafe) throw new DerError('Version PFX inattendue');
  if (readOid(child(authSafe, 0)) !== OID.data) throw new DerError('PKCS#12 signé par clé publique non pris en charge');
  const authSafeData = octetBytes(child(child(authSafe, 1), 0));
  const spend = iterationBudget();
  if (macData) verifyMac(macData, authSafeData, password, spend);

  const keys: Buffer[] = [];
  const certs: Buffer[] = [];
  const collect = (safeContents: Buffer): void => {
    for (const bag of children(parseDer(safeContents))) {
      const bagId = readOid(child(bag, 0));
      const value = child(child(bag, 1), 0);
      if (bagId === OID.keyBag) keys.push(Buffer.from(raw(value)));
      else if (bagId === OID.pkcs8ShroudedKeyBag) {
        keys.push(pbeDecrypt(child(value, 0), password, content(child(value, 1, 0x04)), spend));
      } else if (bagId === OID.certBag) {
        if (readOid(child(value, 0)) === OID.x509Certificate) certs.push(octetBytes(child(child(value, 1), 0)));
      }
    }
  };
  for (const ci of children(parseDer(authSafeData))) {
    const type = readOid(child(ci, 0));
    if (type === OID.data) collect(octetBytes(child(child(ci, 1), 0)));
    else if (type === OID.encryptedData) {
      const eci = child(child(child(ci, 1), 0), 1);
      const encrypted = children(eci)[2];
      if (!encrypted) continue;
      collect(pbeDecrypt(child(eci, 1), password, octetBytes(encrypted), spend));
    }
  }
  if (keys.length === 0) throw new UserError('P12_NO_KEY', 'Ce fichier .p12 ne contient pas de clé privée : exportez le certificat « avec la clé privée », puis réessayez.');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: keys[0]!, format: 'der', type: 'pkcs8' });
  } catch {
    throw new WrongPassword();
  }
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const x509 = certs.map((c) => new X509Certificate(c));
  const leaf = x509.find((c) => c.publicKey.export({ type: 'spki', format: 'der' }).equals(spki));
  if (!leaf) throw new UserError('P12_NO_CERT', 'Ce fichier .p12 ne contient pas le certificat de sa clé privée : exportez-le de nouveau avec son certificat.');
  return { privateKey, certificate: leaf, chain: x509.filter((c) => c !== leaf) };
}
