/**
 * The verifier's view of a signature's timestamp: the id-aa-signatureTimeStampToken unsigned
 * attributes of the CMS, each checked offline against the signature value. The earliest valid
 * one is the proof of existence that becomes the signature's validation time; any invalid one
 * is reported as such.
 */
import type { X509Certificate } from 'node:crypto';
import { parseDer } from '../crypto/der';
import { signatureValueOf, unsignedAttributeValues } from '../crypto/cms';
import { LTV_OID } from './asn1';
import { checkTimestampToken, type TimestampCheck } from './timestamp-token';

/** A signature carries one timestamp, sometimes two (renewed): never dozens. */
const MAX_TIMESTAMPS = 4;

/**
 * The signature timestamp of the CMS in `contents` (zero padding allowed), checked against the
 * trust list at its own time; undefined when the signature has none.
 */
export function timestampOf(contents: Buffer, trustAnchors: readonly X509Certificate[]): TimestampCheck | undefined {
  let tokens: Buffer[];
  let signatureValue: Buffer;
  try {
    // The outer CMS was already read by the CMS checker: only its signer's last fields are needed.
    const cms = contents.subarray(0, parseDer(contents).end);
    signatureValue = signatureValueOf(cms);
    tokens = unsignedAttributeValues(cms, LTV_OID.signatureTimeStampToken);
  } catch (e) {
    return { status: 'invalid', intact: false, certificates: [], problems: [`Horodatage illisible : ${e instanceof Error ? e.message : String(e)}.`] };
  }
  if (tokens.length === 0) return undefined;
  if (tokens.length > MAX_TIMESTAMPS) return { status: 'invalid', intact: false, certificates: [], problems: [`La signature porte ${tokens.length} horodatages (au plus ${MAX_TIMESTAMPS} sont examinés).`] };
  const checks = tokens.map((t) => checkTimestampToken(t, { data: signatureValue, trustAnchors }));
  const valid = checks.filter((c) => c.status === 'valid').sort((a, b) => a.time!.getTime() - b.time!.getTime());
  // Fails closed: a broken token beside a good one is still a broken signature.
  return checks.find((c) => c.status === 'invalid') ?? valid[0] ?? checks[0];
}
