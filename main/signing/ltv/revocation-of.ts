/**
 * The verifier's view of revocation, offline: the OCSP responses and CRLs of the document's
 * /DSS (and of the CMS's own revocation info) checked against each certificate of a signer's
 * chain at the signature's validation time (its timestamp's time, else now). A certificate
 * revoked at or before that time makes the signature invalid; one revoked later does not (the
 * timestamp proves the signature came first). The chain is « long-term » (B-LT) when every
 * certificate but the trust anchor has data that was current at the validation time.
 */
import { X509Certificate } from 'node:crypto';
import { describeCertificate } from '../crypto/certificate';
import { child, children, parseDer, raw, readOid } from '../crypto/der';
import { PdfFile } from '../pdf/file';
import { readDss } from './dss';
import { chainOf, checkCrl, checkOcspResponse, freshAt, type RevocationStatus } from './revocation';

/** Validation data available to the verifier, parsed once per file. */
export interface ValidationPool {
  readonly certs: readonly X509Certificate[];
  readonly ocsps: readonly Buffer[];
  readonly crls: readonly Buffer[];
}

/** Where a signer's chain stands as to revocation. */
export interface RevocationCheck {
  /** The leaf's status, for the report. */
  readonly leaf?: RevocationStatus;
  /** Every certificate but the anchor has data current at the validation time, none revoked before it. */
  readonly complete: boolean;
  /** French sentences: certificates revoked before the validation time. */
  readonly problems: readonly string[];
}

const NO_DATA: ValidationPool = { certs: [], ocsps: [], crls: [] };

/** The /DSS of `file`, parsed; an unreadable DSS gives no data (never a B-LT level). */
export function validationPoolOf(file: PdfFile): ValidationPool {
  try {
    const dss = readDss(file);
    const certs: X509Certificate[] = [];
    for (const c of dss.certs) {
      try {
        certs.push(new X509Certificate(c));
      } catch {
        // A stream that is not a certificate is simply not used.
      }
    }
    return { certs, ocsps: dss.ocsps, crls: dss.crls };
  } catch {
    return NO_DATA;
  }
}

/** RFC 5940 id-ri-ocsp-response: an OCSP response among a CMS's RevocationInfoChoices. */
const OID_RI_OCSP = '1.3.6.1.5.5.7.16.2';

/** Revocation data a CMS carries itself (SignedData crls: CRLs and RFC 5940 OCSP responses). */
export function cmsRevocationInfo(contents: Buffer): { ocsps: Buffer[]; crls: Buffer[] } {
  const out = { ocsps: [] as Buffer[], crls: [] as Buffer[] };
  try {
    // Read by position: asn1-cms declares only the `other` choice of RevocationInfoChoice.
    const sd = child(child(parseDer(contents), 1, 0xa0), 0, 0x30);
    const crls = children(sd).find((n) => n.tag === 0xa1);
    for (const choice of crls ? children(crls).slice(0, 32) : []) {
      if (choice.tag === 0x30) out.crls.push(raw(choice));
      else if (choice.tag === 0xa1) {
        const [format, value] = children(choice);
        if (format && value && readOid(format) === OID_RI_OCSP) out.ocsps.push(raw(value));
      }
    }
  } catch {
    // Unreadable revocation info is not used; the CMS checker judges the CMS itself.
  }
  return out;
}

function statusOf(cert: X509Certificate, issuer: X509Certificate, pool: ValidationPool): RevocationStatus[] {
  const found: RevocationStatus[] = [];
  for (const o of pool.ocsps) {
    try {
      found.push(checkOcspResponse(o, cert, issuer));
    } catch {
      // Not about this certificate, or not trustworthy: not used.
    }
  }
  for (const c of pool.crls) {
    try {
      found.push(checkCrl(c, cert, issuer));
    } catch {
      // Another CA's list, or a bad one: not used.
    }
  }
  return found;
}

const day = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

/**
 * Checks the chain of `signer` (built from `cmsCerts`, the pool's certificates and the
 * anchors) at `at` against the validation data of `pool`.
 */
export function revocationOf(signer: X509Certificate, cmsCerts: readonly X509Certificate[], anchors: readonly X509Certificate[], pool: ValidationPool, at: Date): RevocationCheck {
  if (pool.ocsps.length === 0 && pool.crls.length === 0) return { complete: false, problems: [] };
  const chain = chainOf(signer, [...anchors, ...cmsCerts, ...pool.certs]);
  const anchorPrints = new Set(anchors.map((a) => a.fingerprint256));
  const problems: string[] = [];
  let complete = true;
  let leaf: RevocationStatus | undefined;
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i]!;
    if (anchorPrints.has(cert.fingerprint256)) break;
    const issuer = chain[i + 1];
    if (!issuer) {
      complete = false;
      break;
    }
    const all = statusOf(cert, issuer, pool);
    const revoked = all.filter((s) => s.status === 'revoked').sort((a, b) => (a.revokedAt?.getTime() ?? 0) - (b.revokedAt?.getTime() ?? 0))[0];
    const good = all.filter((s) => s.status === 'good' && freshAt(s, at)).sort((a, b) => b.producedAt.getTime() - a.producedAt.getTime())[0];
    const chosen = revoked ?? good ?? all.sort((a, b) => b.producedAt.getTime() - a.producedAt.getTime())[0];
    if (i === 0) leaf = chosen;
    if (revoked && (!revoked.revokedAt || revoked.revokedAt.getTime() <= at.getTime())) {
      problems.push(`Le certificat « ${describeCertificate(cert).commonName} » est révoqué depuis le ${revoked.revokedAt ? day(revoked.revokedAt) : '(date inconnue)'}, avant la date de validation de la signature (${day(at)}).`);
      complete = false;
    } else if (!revoked && !good) complete = false;
  }
  return { leaf, complete, problems };
}
