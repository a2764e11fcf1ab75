/** What Paraphe shows and checks about an X.509 certificate, read from its DER. */
import { X509Certificate } from 'node:crypto';
import { child, children, content, parseDer, raw, readOid, type DerNode } from './der';
import { OID, SIGNATURE_HASH_BY_OID } from './oids';
import { UserError } from '../../../shared/errors';

/** A certificate as the user sees it (safe to send over IPC). */
export interface CertificateSummary {
  readonly subject: string;
  readonly commonName: string;
  readonly organization?: string;
  readonly issuer: string;
  readonly issuerCommonName: string;
  /** The serial as a number in hexadecimal, as OpenSSL and Node print it: DER's sign byte (00 before 80–FF) left out. */
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Key usage names present in the certificate, empty when the extension is absent. */
  readonly keyUsage: readonly string[];
  readonly isCa: boolean;
  readonly selfSigned: boolean;
  /** SHA-256 of the DER, upper-case hex with colons. */
  readonly sha256Fingerprint: string;
  readonly keyType: string;
}

const KEY_USAGE_NAMES = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

const ATTR_SHORT: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.organization]: 'O',
  [OID.organizationalUnit]: 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '1.2.840.113549.1.9.1': 'E',
  '2.5.4.97': 'organizationIdentifier',
  '2.5.4.5': 'serialNumber',
  '2.5.4.42': 'GN',
  '2.5.4.4': 'SN',
};

function decodeString(n: DerNode): string {
  const b = content(n);
  switch (n.tag) {
    case 0x1e: {
      let s = '';
      for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b.readUInt16BE(i));
      return s;
    }
    case 0x14:
      return b.toString('latin1');
    default:
      return b.toString('utf8');
  }
}

/** Attributes of a Name, in order, as [short type, value]. */
export function readName(name: DerNode): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const rdn of children(name)) {
    for (const atv of children(rdn)) {
      const type = readOid(child(atv, 0));
      out.push([ATTR_SHORT[type] ?? type, decodeString(child(atv, 1))]);
    }
  }
  return out;
}

/** The parts of a certificate's TBSCertificate we need, as DER nodes. */
export interface TbsParts {
  readonly serial: DerNode;
  readonly issuer: DerNode;
  readonly subject: DerNode;
  readonly extensions: Map<string, Buffer>;
}

/** Splits the TBSCertificate of a DER certificate. */
export function tbsParts(der: Buffer): TbsParts {
  const tbs = child(parseDer(der), 0, 0x30);
  const items = children(tbs);
  let i = items[0]?.tag === 0xa0 ? 1 : 0;
  const serial = items[i++]!;
  i++; // signature algorithm
  const issuer = items[i++]!;
  i++; // validity
  const subject = items[i++]!;
  const extensions = new Map<string, Buffer>();
  const ext = items.find((n) => n.tag === 0xa3);
  if (ext) {
    for (const e of children(child(ext, 0))) {
      const parts = children(e);
      extensions.set(readOid(parts[0]!), content(parts[parts.length - 1]!));
    }
  }
  if (!serial || !issuer || !subject) throw new Error('Certificat incomplet');
  return { serial, issuer, subject, extensions };
}

/** Key usage bits by name; undefined when the certificate has no such extension. */
export function keyUsageOf(parts: TbsParts): string[] | undefined {
  const ku = parts.extensions.get(OID.keyUsage);
  if (!ku) return undefined;
  const bits = content(parseDer(ku)).subarray(1);
  return KEY_USAGE_NAMES.filter((_, i) => ((bits[i >> 3] ?? 0) >> (7 - (i & 7))) & 1);
}

function isCaOf(parts: TbsParts): boolean {
  const bc = parts.extensions.get(OID.basicConstraints);
  if (!bc) return false;
  const first = children(parseDer(bc))[0];
  return first?.tag === 0x01 && content(first)[0] !== 0;
}

/**
 * The basic constraints' pathLenConstraint: how many non-self-issued CA certificates may follow
 * this one on the way to the signer; undefined when absent. A negative (ill-formed) one allows none.
 */
export function pathLengthOf(cert: X509Certificate): number | undefined {
  const bc = tbsParts(cert.raw).extensions.get(OID.basicConstraints);
  if (!bc) return undefined;
  const len = children(parseDer(bc)).find((n) => n.tag === 0x02);
  if (!len) return undefined;
  const b = content(len);
  if (b.length === 0 || (b[0]! & 0x80) !== 0) return 0;
  // Beyond six bytes the limit exceeds any path validateChain builds.
  return b.length > 6 ? Number.MAX_SAFE_INTEGER : b.readUIntBE(0, b.length);
}

const nameText = (attrs: Array<[string, string]>) => attrs.map(([k, v]) => `${k}=${v}`).join(', ');

/** An INTEGER's content octets in hexadecimal without the leading zero octets DER adds or a sloppy encoder leaves (one kept for zero). */
function serialText(octets: Buffer): string {
  let from = 0;
  while (from < octets.length - 1 && octets[from] === 0) from += 1;
  return octets.subarray(from).toString('hex').toUpperCase();
}

/** Summary of a certificate for display and storage. */
export function describeCertificate(cert: X509Certificate): CertificateSummary {
  const parts = tbsParts(cert.raw);
  const subject = readName(parts.subject);
  const issuer = readName(parts.issuer);
  const get = (attrs: Array<[string, string]>, k: string) => attrs.find(([t]) => t === k)?.[1];
  return {
    subject: nameText(subject),
    commonName: get(subject, 'CN') ?? nameText(subject),
    organization: get(subject, 'O'),
    issuer: nameText(issuer),
    issuerCommonName: get(issuer, 'CN') ?? nameText(issuer),
    serialNumber: serialText(content(parts.serial)),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    keyUsage: keyUsageOf(parts) ?? [],
    isCa: isCaOf(parts),
    selfSigned: raw(parts.issuer).equals(raw(parts.subject)),
    sha256Fingerprint: cert.fingerprint256,
    keyType: keyTypeOf(cert),
  };
}

function keyTypeOf(cert: X509Certificate): string {
  try {
    const k = cert.publicKey;
    return k.asymmetricKeyType === 'ec' ? `ECDSA ${k.asymmetricKeyDetails?.namedCurve ?? ''}`.trim() : k.asymmetricKeyType === 'rsa' ? `RSA ${k.asymmetricKeyDetails?.modulusLength ?? ''}`.trim() : (k.asymmetricKeyType ?? 'inconnu');
  } catch {
    return 'inconnu';
  }
}

/** Whether the key usage (when present) allows document signatures. */
export function allowsSigning(cert: X509Certificate): boolean {
  const ku = keyUsageOf(tbsParts(cert.raw));
  return !ku || ku.includes('digitalSignature') || ku.includes('nonRepudiation');
}

/** Whether `date` falls inside the certificate's validity period. */
export function validAt(cert: X509Certificate, date: Date): boolean {
  return date.getTime() >= new Date(cert.validFrom).getTime() && date.getTime() <= new Date(cert.validTo).getTime();
}

/** Largest RSA modulus verified: beyond it a crafted key only costs time (real ones stop at 4096). */
export const MAX_RSA_BITS = 8192;
/** Curves of qualified signature devices (NIST and Brainpool); explicit parameters are refused. */
const CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1', 'brainpoolP256r1', 'brainpoolP384r1', 'brainpoolP512r1']);

/**
 * Why the certificate's key is not verified, in French, or undefined when it may be: RSA of
 * 1024 to 8192 bits with a public exponent below 2³², or ECDSA on a named curve above.
 * Checked before any signature verification, so that a crafted key costs nothing.
 */
export function unusableKey(cert: X509Certificate): string | undefined {
  let type: string | undefined;
  let details: { modulusLength?: number; publicExponent?: bigint; namedCurve?: string } | undefined;
  try {
    type = cert.publicKey.asymmetricKeyType;
    details = cert.publicKey.asymmetricKeyDetails;
  } catch {
    return 'clé publique illisible ou de paramètres inconnus';
  }
  if (type === 'rsa') {
    const bits = details?.modulusLength ?? 0;
    if (bits < 1024 || bits > MAX_RSA_BITS) return `clé RSA de ${bits} bits (Paraphe vérifie de 1 024 à 8 192 bits)`;
    const e = details?.publicExponent ?? 0n;
    if (e < 3n || e >= 1n << 32n) return 'exposant public RSA hors des valeurs d’usage';
    return undefined;
  }
  if (type === 'ec') {
    const curve = details?.namedCurve;
    return curve && CURVES.has(curve) ? undefined : `courbe elliptique ${curve ?? 'à paramètres explicites'} non prise en charge`;
  }
  return `type de clé ${type ?? 'inconnu'} non pris en charge`;
}

/** Reads every certificate of a PEM bundle or a single DER file. */
export function parseCertificates(bytes: Buffer): X509Certificate[] {
  const text = bytes.toString('latin1');
  // A bundle cut short (a download stopped, a copy and paste missing its end): said so, never
  // read as fewer certificates than it holds (a missing root only shows later as « non reconnu »).
  const begins = text.split('-----BEGIN CERTIFICATE-----').length - 1;
  const blocks = begins > 0 ? (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) : [];
  if (blocks.length < begins) {
    throw new UserError('TRUST_BAD_FILE', 'Ce fichier de certificats est incomplet (un certificat y commence sans finir) : il a sans doute été tronqué. Demandez de nouveau à votre autorité le certificat de sa racine (.pem, .crt ou .cer).');
  }
  try {
    return begins > 0 ? blocks.map((b) => new X509Certificate(b)) : [new X509Certificate(bytes)];
  } catch {
    throw new UserError('TRUST_BAD_FILE', 'Ce fichier n’est pas un certificat X.509 (PEM ou DER). Demandez à votre autorité le certificat de sa racine (.pem, .crt ou .cer).');
  }
}

/**
 * The digests a signature may rest on today (RGS annex B1, ETSI TS 119 312): SHA-256, SHA-384
 * and SHA-512. SHA-1 is not among them: chosen-prefix collisions cost a few tens of thousands
 * of dollars since 2020, enough to make one signed document stand for another.
 */
export const STRONG_DIGESTS: ReadonlySet<string> = new Set(['sha256', 'sha384', 'sha512']);

/** Shortest RSA modulus a signature may rest on today (RGS annex B1: 2048 bits). */
export const MIN_RSA_BITS = 2048;

const DIGEST_NAMES: Readonly<Record<string, string>> = { sha1: 'SHA-1', md5: 'MD5', sha224: 'SHA-224' };

/** « SHA-1 » for `sha1`: a digest named as the user reads it. */
export function digestLabel(name: string): string {
  return DIGEST_NAMES[name] ?? name.toUpperCase().replace(/^SHA(\d)/, 'SHA-$1');
}

/** Why a digest is too weak for a signature made today, in French; undefined when strong. */
export function weakDigest(name: string, what = 'La signature'): string | undefined {
  return STRONG_DIGESTS.has(name) ? undefined : `${what} repose sur le condensé ${digestLabel(name)}, qui n’est plus sûr : Paraphe n’accepte que SHA-256, SHA-384 et SHA-512 (référentiel général de sécurité).`;
}

/** Why the certificate's key is too short to sign with today, in French; undefined when long enough. */
export function weakKey(cert: X509Certificate): string | undefined {
  let bits: number | undefined;
  try {
    bits = cert.publicKey.asymmetricKeyType === 'rsa' ? cert.publicKey.asymmetricKeyDetails?.modulusLength : undefined;
  } catch {
    return undefined; // unreadable keys are unusableKey's to refuse
  }
  if (bits === undefined || bits >= MIN_RSA_BITS) return undefined;
  return `la clé RSA du certificat de « ${describeCertificate(cert).commonName} » ne fait que ${bits.toLocaleString('fr-FR').replace(/\s/g, '\u202f')} bits, trop courte pour une signature sûre (au moins 2 048 bits selon le référentiel général de sécurité)`;
}

const WEAK_CERT_SIGNATURES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.4': 'md5',
  '1.2.840.113549.1.1.2': 'md2',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.10045.4.3.1': 'sha224',
};
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const PSS_HASHES: Readonly<Record<string, string>> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

/**
 * Why the issuer's signature on `cert` is too weak to rely on, in French, or undefined when it
 * is one of the algorithms above (a short list allowed; anything else is refused). A trust
 * anchor's own self-signature is never asked about: anchors are trusted by their fingerprint.
 */
export function weakCertificateSignature(cert: X509Certificate): string | undefined {
  const name = describeCertificate(cert).commonName;
  let oid: string;
  let params: DerNode | undefined;
  try {
    const alg = child(parseDer(cert.raw), 1, 0x30);
    oid = readOid(child(alg, 0));
    params = children(alg)[1];
  } catch {
    return `la signature du certificat de « ${name} » est illisible`;
  }
  // RSA (PKCS#1 v1.5) or ECDSA over SHA-2; RSA-PSS below.
  if (SIGNATURE_HASH_BY_OID[oid]) return undefined;
  if (oid === RSASSA_PSS) {
    // RSASSA-PSS-params: hashAlgorithm [0] defaults to SHA-1, so it must be present and SHA-2.
    let hash: string | undefined;
    try {
      const h = params?.tag === 0x30 ? children(params).find((n) => n.tag === 0xa0) : undefined;
      hash = h ? PSS_HASHES[readOid(child(child(h, 0, 0x30), 0))] : undefined;
    } catch {
      hash = undefined;
    }
    if (hash) return undefined;
    return `le certificat de « ${name} » est signé en RSA-PSS sur un condensé qui n’est pas SHA-256, SHA-384 ou SHA-512`;
  }
  const weak = WEAK_CERT_SIGNATURES[oid];
  return weak
    ? `le certificat de « ${name} » est signé avec le condensé ${digestLabel(weak)}, qui n’est plus sûr`
    : `le certificat de « ${name} » est signé avec un algorithme que Paraphe n’accepte pas (${oid})`;
}
