/** Builds and checks a certificate chain against the user's trusted certificates. */
import type { X509Certificate } from 'node:crypto';
import { describeCertificate, tbsParts, validAt, keyUsageOf, pathLengthOf, unusableKey, weakCertificateSignature, weakKey, type CertificateSummary } from './certificate';

/** Where a signer's certificate stands with respect to the trust list. */
export type TrustStatus = 'trusted' | 'untrusted' | 'expired' | 'invalid-chain';

/** The outcome of chain validation. */
export interface ChainResult {
  readonly status: TrustStatus;
  readonly chain: readonly CertificateSummary[];
  /** French, one sentence. */
  readonly message: string;
}

/** Outcomes of issuer checks already made (many signatures of a file share their certificates). */
const issuedCache = new Map<string, boolean>();
const ISSUED_CACHE_SIZE = 4096;

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  const key = `${cert.fingerprint256}>${issuer.fingerprint256}`;
  const known = issuedCache.get(key);
  if (known !== undefined) return known;
  let ok = false;
  try {
    // Names first (cheap); the signature only with a key of a size worth verifying.
    ok = cert.checkIssued(issuer) && unusableKey(issuer) === undefined && cert.verify(issuer.publicKey);
  } catch {
    ok = false;
  }
  if (issuedCache.size >= ISSUED_CACHE_SIZE) issuedCache.delete(issuedCache.keys().next().value!);
  issuedCache.set(key, ok);
  return ok;
}

function canIssue(cert: X509Certificate): boolean {
  const d = describeCertificate(cert);
  const ku = keyUsageOf(tbsParts(cert.raw));
  return d.isCa && (!ku || ku.includes('keyCertSign'));
}

/** Validates `leaf` at `at`, using `pool` (e.g. the CMS certificates) and `anchors`. */
export function validateChain(leaf: X509Certificate, pool: readonly X509Certificate[], anchors: readonly X509Certificate[], at: Date): ChainResult {
  const path: X509Certificate[] = [leaf];
  const anchorPrints = new Set(anchors.map((a) => a.fingerprint256));
  let current = leaf;
  let trusted = anchorPrints.has(leaf.fingerprint256);
  // Each certificate at most once in the path: two certificates issuing each other end here.
  const inPath = new Set([leaf.fingerprint256]);
  for (let depth = 0; !trusted && depth < 10; depth++) {
    const issuer = anchors.find((a) => issuedBy(current, a)) ?? pool.find((p) => !inPath.has(p.fingerprint256) && issuedBy(current, p));
    if (!issuer) break;
    inPath.add(issuer.fingerprint256);
    if (!canIssue(issuer)) {
      return { status: 'invalid-chain', chain: path.map(describeCertificate), message: `Le certificat « ${describeCertificate(issuer).commonName} » n’est pas une autorité de certification.` };
    }
    // RFC 5280 §4.2.1.9: the CA certificates already below it, self-issued ones (a new key under the same name) not counted.
    const limit = pathLengthOf(issuer);
    const below = path.slice(1).filter((c) => !describeCertificate(c).selfSigned).length;
    if (limit !== undefined && below > limit) {
      return { status: 'invalid-chain', chain: path.map(describeCertificate), message: `L’autorité « ${describeCertificate(issuer).commonName} » n’admet que ${limit} autorité(s) intermédiaire(s) au-dessous d’elle ; cette chaîne en compte ${below}.` };
    }
    path.push(issuer);
    if (anchorPrints.has(issuer.fingerprint256)) trusted = true;
    current = issuer;
  }
  const chain = path.map(describeCertificate);
  // Each link must still be beyond forgery: the issuer's signature over SHA-2, its key long enough.
  for (let i = 0; i + 1 < path.length; i++) {
    const weak = weakCertificateSignature(path[i]!) ?? weakKey(path[i + 1]!);
    if (weak) return { status: 'invalid-chain', chain, message: `Chaîne de certificats trop faible : ${weak}.` };
  }
  const stale = path.find((c) => !validAt(c, at));
  if (stale) {
    const d = describeCertificate(stale);
    return { status: 'expired', chain, message: `Le certificat « ${d.commonName} » n’était pas valide à la date de signature (validité du ${d.notBefore.slice(0, 10)} au ${d.notAfter.slice(0, 10)}).` };
  }
  if (!trusted) {
    return { status: 'untrusted', chain, message: `Aucune autorité de confiance ne garantit le certificat de « ${chain[0]!.commonName} » (émis par « ${chain[chain.length - 1]!.issuerCommonName} ») : importez le certificat de l’autorité dans la liste de confiance si vous la reconnaissez.` };
  }
  return { status: 'trusted', chain, message: `Certificat émis par une autorité de confiance (« ${chain[chain.length - 1]!.commonName} »).` };
}
