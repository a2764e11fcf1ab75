/**
 * Reads and checks a detached CMS SignedData from a signature's /Contents: one signer, its
 * certificate found in the CMS, the message digest against the document's signed bytes, the
 * signature over the signed attributes, and signing-certificate(-v2) when present.
 * Anything unexpected is an error (the caller reports the signature as invalid).
 */
import { createHash, verify, X509Certificate, constants } from 'node:crypto';
import { child, children, content, DerError, octetBytes, parseDer, raw, readOid, type DerNode } from './der';
import { tbsParts, unusableKey, weakDigest, weakKey } from './certificate';
import { HASH_BY_OID, OID } from './oids';

/** What a parsed and checked CMS says. */
export interface CmsCheck {
  readonly digestAlgorithm: string;
  /** The signed message digest equals the digest of the signed bytes. */
  readonly digestMatches: boolean;
  /** The signature over the signed attributes verifies with the signer's public key. */
  readonly signatureValid: boolean;
  readonly signer: X509Certificate;
  readonly certificates: readonly X509Certificate[];
  /** signingTime attribute, if any (PAdES puts the time in /M instead). */
  readonly signingTime?: Date;
  /** false when a signing-certificate attribute names another certificate. */
  readonly signerBindingOk: boolean;
  readonly hasSigningCertificateV2: boolean;
  readonly problems: readonly string[];
}

const SIG_ALGS: Record<string, { kind: 'rsa' | 'ec'; hash?: string }> = {
  [OID.rsaEncryption]: { kind: 'rsa' },
  [OID.sha256WithRSA]: { kind: 'rsa', hash: 'sha256' },
  [OID.sha384WithRSA]: { kind: 'rsa', hash: 'sha384' },
  [OID.sha512WithRSA]: { kind: 'rsa', hash: 'sha512' },
  [OID.ecdsaWithSHA256]: { kind: 'ec', hash: 'sha256' },
  [OID.ecdsaWithSHA384]: { kind: 'ec', hash: 'sha384' },
  [OID.ecdsaWithSHA512]: { kind: 'ec', hash: 'sha512' },
};

/** Certificates read from one CMS: a chain and a few cross-certificates, never hundreds. */
const MAX_CERTIFICATES = 32;

function readTime(n: DerNode): Date | undefined {
  const s = content(n).toString('latin1');
  const m = n.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) return undefined;
  let y = Number(m[1]);
  if (n.tag === 0x17) y += y < 50 ? 2000 : 1900;
  const [mo, d, h, mi, sec] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  // Date.UTC rolls over (month 26, 30 February): such a time is no time at all.
  const exact = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === sec;
  return exact ? date : undefined;
}

/**
 * Checks `cms` (the /Contents bytes, zero padding allowed after the DER) against the
 * signed byte ranges, fed to `hashRanges` for the digest algorithm the CMS names.
 */
export function checkCms(contents: Buffer, hashRanges: (algorithm: string) => Buffer): CmsCheck {
  const problems: string[] = [];
  const ci = parseDer(contents);
  for (let i = ci.end; i < contents.length; i++) {
    if (contents[i] !== 0) throw new DerError('Octets inattendus après la structure CMS');
  }
  if (readOid(child(ci, 0)) !== OID.signedData) throw new DerError('Le contenu n’est pas une structure CMS SignedData');
  const sd = child(child(ci, 1, 0xa0), 0, 0x30);
  const parts = children(sd);
  const encap = parts[2];
  if (!encap || encap.tag !== 0x30) throw new DerError('encapContentInfo absent');
  if (readOid(child(encap, 0)) !== OID.data) throw new DerError('Type de contenu encapsulé inattendu');
  if (children(encap).length > 1) throw new DerError('Signature non détachée (contenu encapsulé)');
  const certsNode = parts.find((p, i) => i > 2 && p.tag === 0xa0);
  const certNodes = certsNode ? children(certsNode).filter((c) => c.tag === 0x30) : [];
  if (certNodes.length > MAX_CERTIFICATES) throw new DerError(`La signature embarque ${certNodes.length} certificats (au plus ${MAX_CERTIFICATES} sont examinés)`);
  const certificates = certNodes.map((c) => {
    try {
      return new X509Certificate(raw(c));
    } catch {
      throw new DerError('Un certificat embarqué dans la signature est illisible');
    }
  });
  const signerInfos = parts[parts.length - 1]!;
  if (signerInfos.tag !== 0x31) throw new DerError('signerInfos absent');
  const infos = children(signerInfos);
  if (infos.length !== 1) throw new DerError(`La structure CMS contient ${infos.length} signataires au lieu d’un`);
  const si = children(infos[0]!);
  const sid = si[1]!;
  const digestOid = readOid(child(si[2]!, 0));
  const digestAlgorithm = HASH_BY_OID[digestOid];
  if (!digestAlgorithm) throw new DerError(`Algorithme de condensé non pris en charge (${digestOid})`);
  let k = 3;
  const signedAttrs = si[k]?.tag === 0xa0 ? si[k++] : undefined;
  const sigAlgNode = si[k++];
  const sigValue = si[k++];
  if (!sigAlgNode || !sigValue || (sigValue.tag & 0xdf) !== 0x04) throw new DerError('SignerInfo incomplet');
  if (!signedAttrs) throw new DerError('Attributs signés absents (exigés par PAdES)');

  // Find the signer's certificate by issuer and serial number (or subject key identifier).
  let signer: X509Certificate | undefined;
  if (sid.tag === 0x30) {
    const issuer = raw(child(sid, 0));
    const serial = raw(child(sid, 1));
    signer = certificates.find((c) => {
      const t = tbsParts(c.raw);
      return raw(t.issuer).equals(issuer) && raw(t.serial).equals(serial);
    });
  } else if (sid.tag === 0x80) {
    const ski = content(sid);
    signer = certificates.find((c) => {
      const ext = tbsParts(c.raw).extensions.get('2.5.29.14');
      return ext !== undefined && content(parseDer(ext)).equals(ski);
    });
  }
  if (!signer) throw new DerError('Le certificat du signataire est absent de la signature');

  let messageDigest: Buffer | undefined;
  let contentTypeOk = false;
  let signingTime: Date | undefined;
  let signerBindingOk = true;
  let hasSigningCertificateV2 = false;
  const seen = new Set<string>();
  for (const attr of children(signedAttrs)) {
    const type = readOid(child(attr, 0));
    if (seen.has(type)) throw new DerError('Attribut signé répété');
    seen.add(type);
    const values = children(child(attr, 1, 0x31));
    if (values.length !== 1) throw new DerError('Attribut signé à valeurs multiples');
    const v = values[0]!;
    if (type === OID.messageDigest) messageDigest = Buffer.from(octetBytes(v));
    else if (type === OID.contentType) contentTypeOk = readOid(v) === OID.data;
    else if (type === OID.signingTime) signingTime = readTime(v);
    else if (type === OID.signingCertificateV2 || type === OID.signingCertificate) {
      if (type === OID.signingCertificateV2) hasSigningCertificateV2 = true;
      const first = child(child(v, 0), 0);
      const fields = children(first);
      let hashName = type === OID.signingCertificate ? 'sha1' : 'sha256';
      let i = 0;
      if (fields[0]?.tag === 0x30) {
        hashName = HASH_BY_OID[readOid(child(fields[0], 0))] ?? '';
        i = 1;
      }
      const hashNode = fields[i];
      if (hashNode?.tag !== 0x04) throw new DerError('Attribut signing-certificate mal formé (condensé du certificat absent)');
      const certHash = content(hashNode);
      if (!hashName || !createHash(hashName).update(signer.raw).digest().equals(certHash)) signerBindingOk = false;
    }
  }
  if (!contentTypeOk) throw new DerError('Attribut content-type absent ou inattendu');
  if (!messageDigest) throw new DerError('Attribut message-digest absent');
  if (!signerBindingOk) problems.push('L’attribut signing-certificate désigne un autre certificat que celui du signataire.');

  const digestMatches = hashRanges(digestAlgorithm).equals(messageDigest);
  const sigAlgOid = readOid(child(sigAlgNode, 0));
  const alg = SIG_ALGS[sigAlgOid];
  if (!alg) throw new DerError(`Algorithme de signature non pris en charge (${sigAlgOid})`);
  const refused = unusableKey(signer);
  if (refused) throw new DerError(`Certificat du signataire refusé : ${refused}`);
  // Intact is not enough: the digest and the key must still be beyond forgery today.
  const weak = [weakDigest(digestAlgorithm), weakKey(signer)].filter((w): w is string => w !== undefined);
  problems.push(...weak.map((w) => (w.endsWith('.') ? w : `${w[0]!.toUpperCase()}${w.slice(1)}.`)));
  const keyType = signer.publicKey.asymmetricKeyType;
  if ((alg.kind === 'rsa') !== (keyType === 'rsa')) throw new DerError('Algorithme de signature incompatible avec la clé du certificat');
  // What the key signed: the attributes re-tagged as a SET.
  if (signedAttrs.contentEnd !== signedAttrs.end) throw new DerError('Attributs signés en longueur indéfinie (DER exigé)');
  const signedBytes = Buffer.concat([Buffer.from([0x31]), raw(signedAttrs).subarray(1)]);
  const hash = alg.hash ?? digestAlgorithm;
  let signatureValid = false;
  try {
    signatureValid = alg.kind === 'rsa'
      ? verify(hash, signedBytes, { key: signer.publicKey, padding: constants.RSA_PKCS1_PADDING }, octetBytes(sigValue))
      : verify(hash, signedBytes, signer.publicKey, octetBytes(sigValue));
  } catch {
    signatureValid = false;
  }
  return { digestAlgorithm, digestMatches, signatureValid, signer, certificates, signingTime, signerBindingOk, hasSigningCertificateV2, problems };
}
