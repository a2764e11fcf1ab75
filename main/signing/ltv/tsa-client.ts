/**
 * Asks a time-stamping authority (RFC 3161 over HTTP) for a timestamp of some bytes: the
 * request carries their SHA-256, a random nonce and certReq; the answer must be « granted »
 * and its token must pass every check of {@link checkTimestampToken} before it is returned.
 * Every failure is a French UserError: nothing is written by the caller.
 */
import { randomBytes } from 'node:crypto';
import { AsnConvert, AsnParser, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { MessageImprint, PKIStatus, TimeStampReq, TimeStampResp } from '@peculiar/asn1-tsp';
import type { X509Certificate } from 'node:crypto';
import { createHash } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { children, parseDer, raw } from '../crypto/der';
import { bigIntOf, LTV_OID } from './asn1';
import { postBinary, type HttpOptions } from './http';
import { checkTimestampToken, type TimestampCheck } from './timestamp-token';

/** Where and how to ask for timestamps. */
export interface TsaOptions extends HttpOptions {
  /** The TSA's address (http: or https:). */
  readonly url: string;
}

/** A token the TSA gave and that passed every check. */
export interface GrantedTimestamp {
  /** The TimeStampToken exactly as the TSA sent it (DER ContentInfo). */
  readonly token: Buffer;
  readonly check: TimestampCheck & { readonly time: Date; readonly authority: string };
}

/** The DER TimeStampReq for `data` (or for its SHA-256 `digest`, already computed), and its nonce. */
export function timestampRequest(data: Buffer, digest?: Buffer): { der: Buffer; nonce: bigint } {
  const nonceBytes = randomBytes(8);
  // A positive INTEGER in minimal DER: first byte in 0x01..0x7f.
  nonceBytes[0] = (nonceBytes[0]! & 0x7f) | 0x01;
  const req = new TimeStampReq({
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: LTV_OID.sha256 }),
      hashedMessage: new OctetString(digest ?? createHash('sha256').update(data).digest()),
    }),
    nonce: new Uint8Array(nonceBytes).buffer,
    certReq: true,
  });
  return { der: Buffer.from(AsnConvert.serialize(req)), nonce: bigIntOf(nonceBytes) };
}

const STATUS_TEXT: Record<number, string> = {
  [PKIStatus.rejection]: 'a refusé la demande',
  [PKIStatus.waiting]: 'demande d’attendre',
  [PKIStatus.revocationWarning]: 'annonce la révocation imminente de son certificat',
  [PKIStatus.revocationNotification]: 'indique que son certificat est révoqué',
};

/** Reads a TimeStampResp: the token's exact bytes when granted, else a French UserError. */
export function tokenFromResponse(body: Buffer, url: string, what = 'la signature n’a pas été faite'): Buffer {
  let resp: TimeStampResp;
  try {
    if (parseDer(body).end !== body.length) throw new Error('octets en trop');
    resp = AsnParser.parse(body, TimeStampResp);
  } catch {
    throw new UserError('TSA_BAD_ANSWER', `L’autorité d’horodatage (${url}) a répondu autre chose qu’un horodatage RFC 3161. Vérifiez l’adresse de l’autorité dans les réglages.`);
  }
  const status = resp.status.status;
  if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods) {
    const said = resp.status.statusString?.join(' ; ');
    throw new UserError('TSA_REFUSED', `L’autorité d’horodatage (${url}) ${STATUS_TEXT[status] ?? `a répondu par le statut ${status}`}${said ? ` (« ${said} »)` : ''} : ${what}. Réessayez plus tard ou contactez l’autorité.`);
  }
  const parts = children(parseDer(body));
  if (!parts[1]) throw new UserError('TSA_BAD_ANSWER', `L’autorité d’horodatage (${url}) a accordé l’horodatage sans joindre de jeton. Contactez l’autorité.`);
  return raw(parts[1]);
}

/**
 * Asks `tsa` for a timestamp of `data` and checks it; throws UserError when anything is off.
 * `data` is the timestamped bytes, or (a document timestamp) the SHA-256 of its byte ranges.
 */
export async function requestTimestamp(data: Buffer | { sha256: Buffer }, tsa: TsaOptions, trustAnchors: readonly X509Certificate[], what = 'la signature n’a pas été faite'): Promise<GrantedTimestamp> {
  const digest = Buffer.isBuffer(data) ? undefined : data.sha256;
  const { der, nonce } = timestampRequest(Buffer.isBuffer(data) ? data : Buffer.alloc(0), digest);
  const body = await postBinary(tsa.url, der, { contentType: 'application/timestamp-query', accept: 'application/timestamp-reply', what: 'L’autorité d’horodatage' }, tsa);
  const token = tokenFromResponse(body, tsa.url, what);
  const check = checkTimestampToken(token, digest
    ? { data: (hash) => (hash === 'sha256' ? digest : Buffer.alloc(0)), covers: 'du document', nonce, trustAnchors }
    : { data: data as Buffer, nonce, trustAnchors });
  if (check.status !== 'valid' || !check.time || !check.authority) {
    const hint = check.status === 'untrusted'
      ? ' Ajoutez le certificat de l’autorité qui l’émet à la liste de confiance si vous la reconnaissez.'
      : ' Vérifiez l’adresse de l’autorité d’horodatage ou contactez-la.';
    throw new UserError('TSA_TOKEN_REJECTED', `L’horodatage reçu de ${tsa.url} est refusé, ${what}. ${check.problems.join(' ')}${hint}`);
  }
  return { token, check: check as GrantedTimestamp['check'] };
}
