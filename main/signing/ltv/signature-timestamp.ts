/**
 * PAdES B-T: the asynchronous step after {@link signPdf}. The signature value is read back
 * from the CMS just written, timestamped by the TSA, and the CMS is written again in the same
 * /Contents with the token as the unsigned attribute id-aa-signatureTimeStampToken. /Contents
 * is outside the signed byte ranges, so the signature itself is unchanged.
 */
import type { X509Certificate } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { parseDer } from '../crypto/der';
import { signatureValueOf, withUnsignedAttribute } from '../crypto/cms';
import type { SignOutcome } from '../sign-pdf';
import { LTV_OID } from './asn1';
import { requestTimestamp, type TsaOptions } from './tsa-client';

/**
 * Room kept in /Contents for the token (bytes): a token with the TSA's certificate is 3–6 KB,
 * with a long chain or a large RSA key up to ~10 KB.
 */
export const TIMESTAMP_RESERVE = 16 * 1024;

/** The timestamp a signature received. */
export interface SignatureTimestamp {
  /** The TSA's time, ISO 8601. */
  readonly time: string;
  /** The TSA certificate's common name. */
  readonly authority: string;
}

/**
 * Timestamps the signature `outcome` holds (signed with {@link TIMESTAMP_RESERVE} of reserve):
 * returns the new chunks; throws UserError (nothing to write) when the TSA answers badly.
 */
export async function timestampSignature(outcome: SignOutcome, tsa: TsaOptions, trustAnchors: readonly X509Certificate[]): Promise<{ chunks: Buffer[]; timestamp: SignatureTimestamp; tsaChain: X509Certificate[] }> {
  const [original, update] = outcome.chunks;
  if (!original || !update || outcome.chunks.length !== 2) throw new Error('signature attendue en deux morceaux (fichier d’origine, mise à jour)');
  const at = outcome.contents.offset - original.length;
  const hex = update.toString('latin1', at, at + outcome.contents.hexLength);
  const contents = Buffer.from(hex, 'hex');
  const cms = contents.subarray(0, parseDer(contents).end);
  const granted = await requestTimestamp(signatureValueOf(cms), tsa, trustAnchors);
  const stamped = withUnsignedAttribute(cms, LTV_OID.signatureTimeStampToken, granted.token);
  if (stamped.length * 2 > outcome.contents.hexLength) {
    throw new UserError('TSA_TOKEN_TOO_LARGE', `Le jeton d’horodatage de ${tsa.url} (${granted.token.length} octets) dépasse la place réservée dans le PDF. Signalez-le à l’équipe Paraphe.`);
  }
  const next = Buffer.from(update);
  next.write(stamped.toString('hex').padEnd(outcome.contents.hexLength, '0'), at, 'latin1');
  // The TSA's certificate first, then the rest of what the token carries (its chain, for B-LT).
  const tsaCert = granted.check.tsaCertificate;
  const tsaChain = tsaCert ? [tsaCert, ...granted.check.certificates.filter((c) => c !== tsaCert)] : [...granted.check.certificates];
  return { chunks: [original, next], timestamp: { time: granted.check.time.toISOString(), authority: granted.check.authority }, tsaChain };
}
