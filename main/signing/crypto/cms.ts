/**
 * Builds the detached CMS SignedData of a PAdES B-B signature: signed attributes
 * content-type, message-digest and signing-certificate-v2 (no signing-time: PAdES puts the
 * time in the signature dictionary's /M). The signature itself is made by Node's crypto
 * (a key from a .p12), or by a callback when the key stays elsewhere (a PKCS#11 card).
 */
import { createHash, sign, type KeyObject, type X509Certificate } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { child, children, content, ctx, DerError, derNull, int, octetBytes, octets, oid, parseDer, raw, readOid, seq, set, setOf, tlv, type DerNode } from './der';
import { tbsParts } from './certificate';
import { OID } from './oids';

/** A key held in memory (opened from a .p12) and its certificates. */
export interface KeySigner {
  readonly privateKey: KeyObject;
  readonly certificate: X509Certificate;
  readonly chain: readonly X509Certificate[];
}

/**
 * A key that never leaves its device (a smart card, a USB token): `sign` returns the signature
 * of `data` hashed with `hash`, as the CMS carries it (PKCS#1 v1.5 for RSA, a DER
 * ECDSA-Sig-Value for ECDSA). The key's type and size are read from the certificate.
 */
export interface CallbackSigner {
  readonly sign: (data: Buffer, hash: 'sha256') => Buffer;
  readonly certificate: X509Certificate;
  readonly chain: readonly X509Certificate[];
}

/** The key and certificates a signature is made with. */
export type Signer = KeySigner | CallbackSigner;

/** The key whose type and size the CMS declares: the private key, or the certificate's public key. */
function keyOf(signer: Signer): KeyObject {
  return 'privateKey' in signer ? signer.privateKey : signer.certificate.publicKey;
}

function attribute(type: string, value: Buffer): Buffer {
  return seq(oid(type), set(value));
}

/** The DER SET of signed attributes (what the private key actually signs). */
export function signedAttributes(documentDigest: Buffer, cert: X509Certificate): Buffer {
  const parts = tbsParts(cert.raw);
  const certHash = createHash('sha256').update(cert.raw).digest();
  // ESSCertIDv2 with the default hash (SHA-256) left out, as DER requires.
  const essCertIdV2 = seq(octets(certHash), seq(seq(ctx(4, raw(parts.issuer))), raw(parts.serial)));
  return setOf([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(documentDigest)),
    attribute(OID.signingCertificateV2, seq(seq(essCertIdV2))),
  ]);
}

function signatureAlgorithm(key: KeyObject): Buffer {
  if (key.asymmetricKeyType === 'rsa') return seq(oid(OID.rsaEncryption), derNull());
  if (key.asymmetricKeyType === 'ec') return seq(oid(OID.ecdsaWithSHA256));
  throw new UserError('CERT_KEY_TYPE', `Ce certificat utilise une clé ${key.asymmetricKeyType ?? 'inconnue'} : Paraphe signe avec des clés RSA ou ECDSA. Demandez un certificat de signature RSA ou ECDSA à votre autorité.`);
}

/** Largest signature value the key can produce (to size the /Contents placeholder). */
export function maxSignatureLength(key: KeyObject): number {
  const d = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') return Math.ceil((d?.modulusLength ?? 4096) / 8);
  const bits = d?.namedCurve === 'secp384r1' ? 384 : d?.namedCurve === 'secp521r1' ? 521 : 256;
  return 2 * (Math.ceil(bits / 8) + 3) + 3;
}

function assemble(signer: Signer, attrs: Buffer, signature: Buffer): Buffer {
  const parts = tbsParts(signer.certificate.raw);
  const digestAlg = seq(oid(OID.sha256));
  const signerInfo = seq(
    int(1),
    seq(raw(parts.issuer), raw(parts.serial)),
    digestAlg,
    // Signed attributes travel as [0] IMPLICIT but are signed as a SET.
    tlv(0xa0, content(parseDer(attrs))),
    signatureAlgorithm(keyOf(signer)),
    octets(signature),
  );
  const certs = [signer.certificate, ...signer.chain].map((c) => c.raw);
  const signedData = seq(
    int(1),
    set(digestAlg),
    seq(oid(OID.data)),
    tlv(0xa0, ...certs),
    set(signerInfo),
  );
  return seq(oid(OID.signedData), ctx(0, signedData));
}

/** Upper bound of the CMS size for this signer, before the document digest is known. */
export function cmsSizeBound(signer: Signer): number {
  const attrs = signedAttributes(Buffer.alloc(32), signer.certificate);
  return assemble(signer, attrs, Buffer.alloc(maxSignatureLength(keyOf(signer)))).length + 16;
}

/** The DER ContentInfo(SignedData) over a SHA-256 document digest. */
export function buildCms(signer: Signer, documentDigest: Buffer): Buffer {
  const attrs = signedAttributes(documentDigest, signer.certificate);
  const signature = 'privateKey' in signer ? sign('sha256', attrs, signer.privateKey) : signer.sign(attrs, 'sha256');
  return assemble(signer, attrs, signature);
}

/** The single SignerInfo of one of our CMS, and the SignedData around it. */
function signerInfoOf(cms: Buffer): { ci: DerNode; sd: DerNode; parts: DerNode[]; si: DerNode[] } {
  const ci = parseDer(cms);
  const sd = child(child(ci, 1, 0xa0), 0, 0x30);
  const parts = children(sd);
  const infos = children(parts[parts.length - 1]!);
  if (infos.length !== 1) throw new DerError('La signature doit avoir un seul signataire');
  return { ci, sd, parts, si: children(infos[0]!) };
}

/** The signature value (what an RFC 3161 signature timestamp covers) of a CMS with one signer. */
export function signatureValueOf(cms: Buffer): Buffer {
  const { si } = signerInfoOf(cms);
  const k = si[3]?.tag === 0xa0 ? 5 : 4;
  const value = si[k];
  if (!value || (value.tag & 0xdf) !== 0x04) throw new DerError('Valeur de signature absente');
  return Buffer.from(octetBytes(value));
}

/**
 * The same CMS with one more unsigned attribute on its SignerInfo (a signature timestamp).
 * Unsigned attributes are outside what the signer signed: everything else is kept byte for byte.
 */
export function withUnsignedAttribute(cms: Buffer, type: string, value: Buffer): Buffer {
  const { ci, parts, si } = signerInfoOf(cms);
  const last = si[si.length - 1]!;
  const kept = last.tag === 0xa1 ? si.slice(0, -1) : si;
  const earlier = last.tag === 0xa1 ? children(last).map(raw) : [];
  const signerInfo = seq(...kept.map(raw), tlv(0xa1, ...earlier, attribute(type, value)));
  const signedData = seq(...parts.slice(0, -1).map(raw), set(signerInfo));
  return seq(raw(child(ci, 0)), ctx(0, signedData));
}

/** The values (exact DER) of the unsigned attributes of type `type` of a CMS with one signer. */
export function unsignedAttributeValues(cms: Buffer, type: string): Buffer[] {
  const { si } = signerInfoOf(cms);
  const last = si[si.length - 1];
  if (last?.tag !== 0xa1) return [];
  return children(last)
    .filter((attr) => readOid(child(attr, 0)) === type)
    .flatMap((attr) => children(child(attr, 1, 0x31)).map(raw));
}
