/**
 * File-level operations used by the CLI and the IPC handlers: sign a PDF file into another
 * (written only on full success), verify a PDF file.
 */
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { X509Certificate } from 'node:crypto';
import { UserError } from '../../shared/errors';
import { validateChain, type TrustStatus } from './crypto/chain';
import type { Signer } from './crypto/cms';
import type { OpenedIdentity } from './crypto/pkcs12';
import { readUserFile, writeUserFile } from './files';
import { signPdf, type SignOutcome, type SignProgress } from './sign-pdf';
import { loadStampFont } from './stamp-font';
import { verifyPdf, type VerifyReport } from './verify/verify-pdf';
import { TIMESTAMP_RESERVE, timestampSignature, type SignatureTimestamp } from './ltv/signature-timestamp';
import type { TsaOptions } from './ltv/tsa-client';
import type { HttpOptions } from './ltv/http';
import { chainOf, fetchRevocation, refuseRevoked, refuseRevokedTsa, type ValidationData } from './ltv/revocation';
import { appendDss, vriEntryFor } from './ltv/dss';
import { addDocumentTimestamp } from './ltv/document-timestamp';
import { readHashed } from './verify/read-hashed';

// readUserFile lives in files.ts (`paraphe verify` imports it without the signing code).
export { readUserFile };

/** True when both paths name the same file (links resolved). */
export async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}

/** What signing a file did. */
export interface SignFileResult extends Omit<SignOutcome, 'chunks' | 'contents'> {
  readonly output: string;
  /** The signer's chain against the trust list at signing time. */
  readonly trust: TrustStatus;
  readonly trustMessage: string;
  /** The PAdES level reached: B-B, B-T with a signature timestamp, B-LT with a /DSS, B-LTA with a document timestamp after it. */
  readonly level: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
  readonly timestamp?: SignatureTimestamp;
  /** B-LTA: the document timestamp added after the /DSS. */
  readonly documentTimestamp?: SignatureTimestamp;
  /**
   * Set when the level asked for could not be reached and the signature was made at B-B
   * instead (`offline: 'b-b-with-notice'`): « Horodatage indisponible (délai dépassé) :
   * signature apposée sans horodatage (niveau B-B). », to show the user.
   */
  readonly notice?: string;
}

/** Options of a signature, whatever holds the PDF. */
export interface SignOptions {
  readonly identity: OpenedIdentity;
  readonly signatory?: number | string;
  readonly certify?: boolean;
  readonly trustAnchors?: readonly X509Certificate[];
  readonly now?: Date;
  /** Where signing stands (bytes hashed, then the signature): see {@link SignProgress}. */
  readonly onProgress?: (progress: SignProgress) => void;
  /**
   * PAdES B-T: the TSA asked for a signature timestamp (its certificate must chain to
   * `trustAnchors`). A bad answer fails the signature; nothing is written.
   */
  readonly timestamp?: TsaOptions;
  /**
   * PAdES B-LT (with `timestamp`): the revocation status of the signer's chain is asked first
   * (OCSP from the AIA, else the CRL; a revoked certificate stops the signing, nothing is
   * written), then that of the TSA's chain, and all of it goes into a /DSS update.
   */
  readonly validationData?: HttpOptions;
  /**
   * PAdES B-LTA (with `validationData`): after the /DSS, a document timestamp from the same TSA
   * (ltv/document-timestamp.ts). Its failure fails the signature like the TSA's: nothing written.
   */
  readonly archiveTimestamp?: boolean;
  /**
   * When the TSA or the revocation services cannot be reached (no network, timeout, HTTP
   * error, refusal): `b-b-with-notice` signs at B-B and says so in `notice`; `refuse` fails
   * with a French message naming the settings; absent (the CLI), the service's own error.
   * A revoked certificate or a token that fails its checks is never a reason to fall back.
   */
  readonly offline?: 'b-b-with-notice' | 'refuse';
}

/** Failures that mean « the service is not there », with the words the notice uses. */
const UNAVAILABLE: Record<string, { what: string; why: (message: string) => string }> = {
  NET_TIMEOUT: { what: 'Horodatage indisponible', why: () => 'délai dépassé' },
  NET_UNREACHABLE: { what: 'Horodatage indisponible', why: () => 'serveur injoignable' },
  NET_HTTP_STATUS: { what: 'Horodatage indisponible', why: (m) => `erreur HTTP ${/HTTP (\d{3})/.exec(m)?.[1] ?? ''}`.trim() },
  NET_FAILED: { what: 'Horodatage indisponible', why: () => 'réponse interrompue' },
  NET_TOO_LARGE: { what: 'Horodatage indisponible', why: () => 'réponse anormale' },
  NET_PROXY_REFUSED: { what: 'Horodatage indisponible', why: () => 'refusé par le proxy' },
  TSA_REFUSED: { what: 'Horodatage indisponible', why: () => 'demande refusée par l’autorité' },
  TSA_BAD_ANSWER: { what: 'Horodatage indisponible', why: () => 'réponse illisible de l’autorité' },
  REVOCATION_UNAVAILABLE: { what: 'Vérification de révocation indisponible', why: () => 'aucun service de révocation n’a répondu' },
};

/** `e` when it says a TSA or revocation service is not there: what and why, in French. */
export function unavailability(e: unknown): { what: string; why: string } | undefined {
  if (!(e instanceof UserError)) return undefined;
  const u = UNAVAILABLE[e.code];
  return u && { what: u.what, why: u.why(e.message) };
}

/** Signs PDF bytes in memory: the signed file as chunks, and what was done. */
export async function signBytes(pdf: Buffer, opts: SignOptions): Promise<{ chunks: readonly Buffer[]; result: Omit<SignFileResult, 'output'> }> {
  return signBytesWith(pdf, opts.identity, opts);
}

/**
 * {@link signBytes} with any signer, such as a card's (main/signing/pkcs11), which signs in the
 * process that holds the card's session rather than in the worker thread.
 */
export async function signBytesWith(pdf: Buffer, signer: Signer, opts: Omit<SignOptions, 'identity'>): Promise<{ chunks: readonly Buffer[]; result: Omit<SignFileResult, 'output'> }> {
  if (!opts.offline || (!opts.timestamp && !opts.validationData)) return signAtLevel(pdf, signer, opts);
  try {
    return await signAtLevel(pdf, signer, opts);
  } catch (e) {
    const u = unavailability(e);
    if (!u) throw e;
    if (opts.offline === 'refuse') {
      throw new UserError('SIGN_OFFLINE_REFUSED', `${u.what} (${u.why}) : rien n’a été signé, comme le demandent vos réglages. ${(e as UserError).message} Pour signer malgré tout sans horodatage, choisissez « Signer en B-B avec une mention visible » dans les réglages.`, { cause: (e as UserError).code });
    }
    // Nothing was written: the same signature again, at B-B.
    const { chunks, result } = await signAtLevel(pdf, signer, { ...opts, timestamp: undefined, validationData: undefined });
    return { chunks, result: { ...result, notice: `${u.what} (${u.why}) : signature apposée sans horodatage (niveau B-B).` } };
  }
}

async function signAtLevel(pdf: Buffer, signer: Signer, opts: Omit<SignOptions, 'identity'>): Promise<{ chunks: readonly Buffer[]; result: Omit<SignFileResult, 'output'> }> {
  const now = opts.now ?? new Date();
  const chain = validateChain(signer.certificate, signer.chain, opts.trustAnchors ?? [], now);
  let ltv: ValidationData | undefined;
  let signerChain: X509Certificate[] = [];
  if (opts.validationData) {
    if (!opts.timestamp) throw new UserError('LEVEL_NEEDS_TSA', 'Le niveau B-LT exige une autorité d’horodatage : indiquez-en une, ou choisissez le niveau B-B.');
    // Before anything is signed: a revoked signer stops here.
    signerChain = chainOf(signer.certificate, [...signer.chain, ...(opts.trustAnchors ?? [])]);
    ltv = await fetchRevocation(signerChain, opts.validationData, undefined, now);
    refuseRevoked(signer.certificate, ltv);
  }
  const font = await loadStampFont();
  const outcome = signPdf({ pdf, signer, signatory: opts.signatory, certify: opts.certify, now, font, onProgress: opts.onProgress, reserve: opts.timestamp ? TIMESTAMP_RESERVE : undefined });
  const { chunks, contents: _slot, ...rest } = outcome;
  if (!opts.timestamp) return { chunks, result: { ...rest, trust: chain.status, trustMessage: chain.message, level: 'B-B' } };
  const stamped = await timestampSignature(outcome, opts.timestamp, opts.trustAnchors ?? []);
  if (!ltv) return { chunks: stamped.chunks, result: { ...rest, trust: chain.status, trustMessage: chain.message, level: 'B-T', timestamp: stamped.timestamp } };
  const tsaChain = stamped.tsaChain[0] ? chainOf(stamped.tsaChain[0], [...stamped.tsaChain, ...(opts.trustAnchors ?? [])]) : [];
  await fetchRevocation(tsaChain, opts.validationData!, ltv, now);
  if (tsaChain[0]) refuseRevokedTsa(tsaChain[0], opts.timestamp.url, ltv);
  // The /VRI entry of the new signature, keyed by its /Contents as stored (what extendPdf writes too).
  const timestamped = Buffer.concat(stamped.chunks);
  const contents = Buffer.from(timestamped.toString('latin1', outcome.contents.offset, outcome.contents.offset + outcome.contents.hexLength), 'hex');
  const withDss = appendDss(timestamped, ltv, [vriEntryFor(contents, [signerChain, tsaChain], ltv)]);
  if (!opts.archiveTimestamp) return { chunks: withDss, result: { ...rest, trust: chain.status, trustMessage: chain.message, level: 'B-LT', timestamp: stamped.timestamp } };
  const archived = await addDocumentTimestamp(Buffer.concat(withDss), opts.timestamp, opts.trustAnchors ?? []);
  return { chunks: archived.chunks, result: { ...rest, trust: chain.status, trustMessage: chain.message, level: 'B-LTA', timestamp: stamped.timestamp, documentTimestamp: archived.timestamp } };
}

/** Signs `input` into `output`; nothing is written unless everything succeeded. */
export async function signFile(opts: SignOptions & { input: string; output: string }): Promise<SignFileResult> {
  return signFileWith(opts.identity, opts);
}

/** {@link signFile} with any signer (a card's): nothing is written unless everything succeeded. */
export async function signFileWith(signer: Signer, opts: Omit<SignOptions, 'identity'> & { input: string; output: string }): Promise<SignFileResult> {
  if (await samePath(opts.input, opts.output)) {
    throw new UserError('SIGN_SAME_PATH', 'Le fichier signé doit être différent du fichier d’origine : choisissez un autre nom de sortie (par exemple « convention-signee.pdf »).');
  }
  const pdf = await readUserFile(opts.input, 'Le PDF');
  const { chunks, result } = await signBytesWith(pdf, signer, opts);
  await writeUserFile(opts.output, chunks);
  return { ...result, output: opts.output };
}

/** Verifies a PDF file against trusted certificates. */
export async function verifyFile(path: string, trustAnchors: readonly X509Certificate[]): Promise<VerifyReport> {
  const { bytes, prefixHash } = await readHashed(path, 'Le PDF');
  return verifyPdf(bytes, { trustAnchors, prefixHash });
}
