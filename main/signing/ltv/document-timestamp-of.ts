/**
 * The verifier's view of a document timestamp (PAdES B-LTA): a signature dictionary with
 * /SubFilter /ETSI.RFC3161 whose /Contents is an RFC 3161 token over the hash of its byte
 * ranges. Checked offline like a signature timestamp (TSA signature, timeStamping EKU, chain at
 * its time), with the /DSS saying whether its TSA certificate was revoked by then.
 */
import type { X509Certificate } from 'node:crypto';
import { parseDer } from '../crypto/der';
import { PdfString, type PdfDict } from '../pdf/objects';
import { revocationOf, type ValidationPool } from './revocation-of';
import { checkTimestampToken, type TimestampCheck } from './timestamp-token';

/** What the check needs from the verifier. */
export interface DocumentTimestampContext {
  /** The hash (Node's name for the algorithm) of the file's ranges [0, a) and [b, b + c). */
  readonly hashOf: (alg: string, a: number, b: number, c: number) => Buffer;
  readonly anchors: readonly X509Certificate[];
  /** The document's /DSS, parsed when first needed. */
  readonly pool: () => ValidationPool;
}

/**
 * Checks the document timestamp `sig` whose /ByteRange is `range`: /Type /DocTimeStamp, the
 * token then zeros only, its imprint, its TSA. `integrity`: the token holds (imprint and TSA
 * signature), whatever its TSA's trust; `problems` in French.
 */
export function documentTimestampOf(sig: PdfDict, range: readonly [number, number, number, number], ctx: DocumentTimestampContext): { problems: string[]; integrity: boolean; timestamp?: TimestampCheck } {
  const [, a, b, c] = range;
  const problems: string[] = [];
  if (sig.name('Type') !== 'DocTimeStamp') problems.push('Horodatage du document dont le dictionnaire n’est pas de type /DocTimeStamp.');
  const value = sig.get('Contents');
  if (!(value instanceof PdfString)) return { problems: [...problems, '/Contents de l’horodatage du document absent.'], integrity: false };
  const contents = Buffer.from(value.bytes);
  let token: Buffer;
  try {
    token = contents.subarray(0, parseDer(contents).end);
  } catch (e) {
    problems.push(`Jeton de l’horodatage du document illisible : ${e instanceof Error ? e.message : String(e)}.`);
    return { problems, integrity: false };
  }
  if (contents.subarray(token.length).some((x) => x !== 0)) problems.push('D’autres données que des zéros suivent le jeton de l’horodatage du document.');
  const timestamp = checkTimestampToken(token, { data: (alg) => ctx.hashOf(alg, a, b, c), covers: 'du document (zones /ByteRange)', trustAnchors: ctx.anchors });
  if (timestamp.status === 'invalid') problems.push(...timestamp.problems);
  else if (timestamp.status === 'valid' && timestamp.tsaCertificate && timestamp.time) {
    // A TSA certificate revoked at or before the token's time: the token proves nothing.
    const revoked = revocationOf(timestamp.tsaCertificate, timestamp.certificates, ctx.anchors, ctx.pool(), timestamp.time).problems;
    problems.push(...revoked.map((p) => `Horodatage du document : ${p}`));
  }
  return { problems, integrity: timestamp.intact, timestamp };
}
