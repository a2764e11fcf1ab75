/**
 * Checks an RFC 3161 timestamp token (a CMS SignedData over a TSTInfo): the imprint over the
 * timestamped data, the nonce when one was sent, the TSA's signature over its signed
 * attributes (content-type, message-digest, signing-certificate(-v2)), the TSA certificate's
 * critical extendedKeyUsage limited to timeStamping, and its chain against the trust list at
 * the time the token states. The same checks serve the signer (before the token goes into the
 * CMS) and the verifier (offline, years later).
 */
import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { AsnConvert, AsnParser, OctetString } from '@peculiar/asn1-schema';
import { SignedData, type SignerInfo } from '@peculiar/asn1-cms';
import { Certificate, ExtendedKeyUsage } from '@peculiar/asn1-x509';
import { TSTInfo } from '@peculiar/asn1-tsp';
import { describeCertificate, digestLabel, STRONG_DIGESTS, tbsParts, unusableKey, weakKey } from '../crypto/certificate';
import { validateChain } from '../crypto/chain';
import { child, children, content, parseDer, raw, readOid } from '../crypto/der';
import { HASH_BY_OID, OID, SIGNATURE_HASH_BY_OID } from '../crypto/oids';
import { bigIntOf, LTV_OID, parseExact, SigningCertificate, SigningCertificateV2 } from './asn1';

/** Where a timestamp stands: `valid` (usable as proof of time), or why not. */
export type TimestampStatus = 'valid' | 'untrusted' | 'invalid';

/** What a checked token says. */
export interface TimestampCheck {
  readonly status: TimestampStatus;
  /** The TSA's time (genTime), when the token could be read. */
  readonly time?: Date;
  /** The TSA certificate's common name. */
  readonly authority?: string;
  readonly tsaCertificate?: X509Certificate;
  /** Certificates the token carries (the TSA's and its chain, as the TSA sent them). */
  readonly certificates: readonly X509Certificate[];
  /**
   * The token itself holds: readable, its imprint is that of the data, the TSA's signature
   * verifies (whatever the chain of its certificate says).
   */
  readonly intact: boolean;
  /** French sentences: why the token is not valid. */
  readonly problems: readonly string[];
}

/** What the token must match. */
export interface TimestampExpectation {
  /**
   * The timestamped bytes (a signature value), whose hash is the imprint; or, for a document
   * timestamp, a function giving the hash of its byte ranges with the token's algorithm.
   */
  readonly data: Buffer | ((hash: string) => Buffer);
  /** What the imprint covers, for the message when it differs (« la signature » by default). */
  readonly covers?: string;
  /** The nonce sent in the request, when checking a fresh answer. */
  readonly nonce?: bigint;
  readonly trustAnchors: readonly X509Certificate[];
}

export const SIG_HASH: Record<string, string | undefined> = { [OID.rsaEncryption]: undefined, ...SIGNATURE_HASH_BY_OID };

/** A token carries the TSA certificate and its chain: a handful, never hundreds. */
const MAX_TOKEN_CERTIFICATES = 16;

class TokenError extends Error {}

/** The certificate among `certs` that a CMS SignerInfo names (issuer and serial, or key identifier). */
export function findSigner(si: SignerInfo, certs: readonly X509Certificate[]): X509Certificate | undefined {
  const ias = si.sid.issuerAndSerialNumber;
  if (ias) {
    const issuer = Buffer.from(AsnConvert.serialize(ias.issuer));
    const serial = Buffer.from(ias.serialNumber);
    return certs.find((c) => {
      const tbs = tbsParts(c.raw);
      return raw(tbs.issuer).equals(issuer) && content(tbs.serial).equals(serial);
    });
  }
  const ski = si.sid.subjectKeyIdentifier;
  if (ski) {
    const wanted = Buffer.from(ski.buffer);
    return certs.find((c) => {
      const ext = tbsParts(c.raw).extensions.get('2.5.29.14');
      return ext !== undefined && content(parseDer(ext)).equals(wanted);
    });
  }
  return undefined;
}

/** RFC 3161 §2.3: the TSA certificate has one extendedKeyUsage, critical, timeStamping only. */
function timeStampingOnly(cert: X509Certificate): boolean {
  const ext = AsnParser.parse(cert.raw, Certificate).tbsCertificate.extensions?.filter((e) => e.extnID === LTV_OID.extKeyUsage) ?? [];
  if (ext.length !== 1 || !ext[0]!.critical) return false;
  const usages = AsnParser.parse(ext[0]!.extnValue.buffer, ExtendedKeyUsage);
  return usages.length === 1 && usages[0] === LTV_OID.timeStamping;
}

/** Checks the signed attributes of the token and the TSA's signature over them. */
function checkSignerInfo(si: SignerInfo, signedAttrsDer: Buffer | undefined, tsa: X509Certificate, econtent: Buffer): void {
  const digestName = HASH_BY_OID[si.digestAlgorithm.algorithm];
  if (!digestName) throw new TokenError(`algorithme de condensé de l’horodatage non pris en charge (${si.digestAlgorithm.algorithm})`);
  if (!STRONG_DIGESTS.has(digestName)) throw new TokenError(`l’autorité a signé le jeton sur le condensé ${digestLabel(digestName)}, qui n’est plus sûr`);
  const attrs = si.signedAttrs;
  if (!attrs || !signedAttrsDer) throw new TokenError('attributs signés absents du jeton d’horodatage');
  const one = (type: string): Buffer | undefined => {
    const found = attrs.filter((a) => a.attrType === type);
    if (found.length > 1 || (found[0] && found[0].attrValues.length !== 1)) throw new TokenError('attribut signé répété dans le jeton d’horodatage');
    return found[0] ? Buffer.from(found[0].attrValues[0]!) : undefined;
  };
  const contentType = one(LTV_OID.contentType);
  if (!contentType || readOid(parseDer(contentType)) !== LTV_OID.tstInfo) throw new TokenError('type de contenu signé inattendu');
  const md = one(LTV_OID.messageDigest);
  if (!md || !Buffer.from(AsnParser.parse(md, OctetString).buffer).equals(createHash(digestName).update(econtent).digest())) {
    throw new TokenError('le condensé signé par l’autorité ne correspond pas au contenu du jeton');
  }
  const v2 = one(LTV_OID.signingCertificateV2);
  const v1 = one(LTV_OID.signingCertificate);
  if (v2) {
    const first = AsnParser.parse(v2, SigningCertificateV2).certs[0];
    const hashName = first ? HASH_BY_OID[first.hashAlgorithm.algorithm] : undefined;
    if (!first || !hashName || !createHash(hashName).update(tsa.raw).digest().equals(Buffer.from(first.certHash.buffer))) {
      throw new TokenError('l’attribut signing-certificate-v2 ne désigne pas le certificat de l’autorité');
    }
  } else if (v1) {
    const first = AsnParser.parse(v1, SigningCertificate).certs[0];
    if (!first || !createHash('sha1').update(tsa.raw).digest().equals(Buffer.from(first.certHash.buffer))) {
      throw new TokenError('l’attribut signing-certificate ne désigne pas le certificat de l’autorité');
    }
  } else throw new TokenError('attribut signing-certificate absent du jeton (exigé par RFC 3161)');

  const refused = unusableKey(tsa);
  if (refused) throw new TokenError(`clé de l’autorité refusée : ${refused}`);
  const short = weakKey(tsa);
  if (short) throw new TokenError(short);
  const sigAlg = si.signatureAlgorithm.algorithm;
  if (!(sigAlg in SIG_HASH)) throw new TokenError(`algorithme de signature de l’horodatage non pris en charge (${sigAlg})`);
  const rsa = tsa.publicKey.asymmetricKeyType === 'rsa';
  if (rsa !== (sigAlg === OID.rsaEncryption || sigAlg.startsWith('1.2.840.113549.1.1.'))) throw new TokenError('algorithme de signature incompatible avec la clé de l’autorité');
  // What the TSA signed: the attributes as a SET (their [0] tag turned into 0x31).
  const signed = Buffer.from(signedAttrsDer);
  signed[0] = 0x31;
  const value = Buffer.from(si.signature.buffer);
  const hash = SIG_HASH[sigAlg] ?? digestName;
  let ok = false;
  try {
    ok = rsa ? verify(hash, signed, { key: tsa.publicKey, padding: constants.RSA_PKCS1_PADDING }, value) : verify(hash, signed, tsa.publicKey, value);
  } catch {
    ok = false;
  }
  if (!ok) throw new TokenError('la signature de l’autorité d’horodatage ne se vérifie pas');
}

/**
 * The signed attributes exactly as the TSA encoded them ([0] IMPLICIT): asn1-schema keeps no
 * raw bytes for a repeated field, and a re-encoding could differ from what was signed.
 */
function signedAttrsOf(token: Buffer): Buffer | undefined {
  const sd = child(child(parseDer(token), 1, 0xa0), 0, 0x30);
  const parts = children(sd);
  const infos = children(parts[parts.length - 1]!);
  const attrs = infos[0] ? children(infos[0])[3] : undefined;
  return attrs?.tag === 0xa0 && attrs.contentEnd === attrs.end ? raw(attrs) : undefined;
}

/** Checks `token` (DER ContentInfo) against what it must cover; never throws. */
export function checkTimestampToken(token: Buffer, expected: TimestampExpectation): TimestampCheck {
  let time: Date | undefined;
  let authority: string | undefined;
  let tsa: X509Certificate | undefined;
  let certificates: X509Certificate[] = [];
  try {
    // ContentInfo read by position (asn1js would decode the whole token twice), SignedData by asn1-schema.
    const ci = parseDer(token);
    if (ci.end !== token.length) throw new TokenError('octets inattendus après le jeton');
    if (readOid(child(ci, 0)) !== LTV_OID.signedData) throw new TokenError('le jeton n’est pas une structure CMS SignedData');
    const sd = parseExact(raw(child(child(ci, 1, 0xa0), 0, 0x30)), SignedData);
    if (sd.encapContentInfo.eContentType !== LTV_OID.tstInfo) throw new TokenError('le jeton ne contient pas d’information d’horodatage (TSTInfo)');
    const single = sd.encapContentInfo.eContent?.single;
    if (!single) throw new TokenError('contenu du jeton absent');
    const econtent = Buffer.from(single.buffer);
    const info = parseExact(econtent, TSTInfo);
    time = info.genTime;
    const choices = sd.certificates ?? [];
    if (choices.length > MAX_TOKEN_CERTIFICATES) throw new TokenError(`le jeton embarque ${choices.length} certificats`);
    certificates = choices.filter((c) => c.certificate).map((c) => new X509Certificate(Buffer.from(AsnConvert.serialize(c.certificate!))));
    if (sd.signerInfos.length !== 1) throw new TokenError('le jeton doit avoir un seul signataire');
    const si = sd.signerInfos[0]!;
    tsa = findSigner(si, certificates);
    if (!tsa) throw new TokenError('le certificat de l’autorité d’horodatage est absent du jeton');
    authority = describeCertificate(tsa).commonName;

    const imprintHash = HASH_BY_OID[info.messageImprint.hashAlgorithm.algorithm];
    if (!imprintHash || imprintHash === 'sha1') throw new TokenError('algorithme de l’empreinte horodatée non accepté');
    const imprint = typeof expected.data === 'function' ? expected.data(imprintHash) : createHash(imprintHash).update(expected.data).digest();
    if (!imprint.equals(Buffer.from(info.messageImprint.hashedMessage.buffer))) {
      throw new TokenError(`l’empreinte horodatée n’est pas celle ${expected.covers ?? 'de la signature'}`);
    }
    if (expected.nonce !== undefined && (info.nonce === undefined || bigIntOf(info.nonce) !== expected.nonce)) {
      throw new TokenError('la réponse ne reprend pas l’aléa (nonce) de la demande');
    }
    checkSignerInfo(si, signedAttrsOf(token), tsa, econtent);
    if (!timeStampingOnly(tsa)) throw new TokenError(`le certificat « ${authority} » n’est pas un certificat d’horodatage (usage étendu timeStamping critique exigé)`);
  } catch (e) {
    const why = e instanceof TokenError ? e.message : `jeton illisible (${e instanceof Error ? e.message : String(e)})`;
    return { status: 'invalid', intact: false, time, authority, tsaCertificate: tsa, certificates, problems: [`Horodatage invalide : ${why}.`] };
  }
  const chain = validateChain(tsa, certificates, expected.trustAnchors, time);
  if (chain.status === 'trusted') return { status: 'valid', intact: true, time, authority, tsaCertificate: tsa, certificates, problems: [] };
  const status: TimestampStatus = chain.status === 'untrusted' ? 'untrusted' : 'invalid';
  return { status, intact: true, time, authority, tsaCertificate: tsa, certificates, problems: [`Autorité d’horodatage : ${chain.message}`] };
}

