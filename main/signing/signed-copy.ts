/**
 * Is a PDF that came back from a signatory *this* finalized PDF plus signatures only? Used by
 * the import of a signed copy (convention-signing.ts) and by `paraphe verify --against`.
 *
 * The round is sequential: each signature is an incremental update appended to the copy the
 * previous signatory returned, so the finalized PDF is a byte-for-byte prefix of every signed
 * copy, and each later copy has the earlier one as a prefix. Two signatories who sign two
 * copies in parallel make two files neither of which contains the other: they cannot be merged.
 */
import { createHash } from 'node:crypto';
import type { VerifyReport } from './verify/verify-pdf';

/** SHA-256 in hex of `bytes[0, length)`. */
export function prefixSha256(bytes: Buffer, length: number): string {
  return createHash('sha256').update(bytes.subarray(0, length)).digest('hex');
}

/** The PDF a copy must start with: its length and SHA-256. */
export interface OriginalPdf {
  readonly length: number;
  readonly sha256: string;
}

/** True when `copy` starts with `original` byte for byte (and may go on after it). */
export function startsWith(copy: Buffer, original: OriginalPdf): boolean {
  return copy.length >= original.length && prefixSha256(copy, original.length) === original.sha256;
}

/**
 * Why a signed copy cannot be taken as « the original plus valid signatures », in French, or
 * an empty list when it can: the original is its first revision, it carries at least one
 * signature, every signature is intact with only allowed changes after it (later signatures),
 * and the last one covers the whole file, or only validation data (/DSS) and valid document
 * timestamps follow it (B-LT, B-LTA). Trust in the certificates is reported elsewhere: a
 * copy signed with a certificate this workstation does not trust is still this document.
 */
export function signedCopyProblems(copy: Buffer, original: OriginalPdf, report: VerifyReport, originalName: string): string[] {
  if (!startsWith(copy, original)) return [`Ce fichier n’est pas issu de « ${originalName} » : sa première version diffère.`];
  const problems: string[] = [];
  if (copy.length === original.length || report.signatures.length === 0) {
    problems.push(`Ce fichier est « ${originalName} » sans aucune signature.`);
    return problems;
  }
  for (const s of report.signatures) {
    const who = s.signer?.commonName ?? `champ « ${s.field} »`;
    if (!s.integrity) problems.push(`La signature ${s.index} (${who}) ne correspond plus au contenu signé : le fichier a été modifié après elle.`);
    else if (s.changesDisallowed.length > 0) problems.push(`Après la signature ${s.index} (${who}), le fichier a subi des modifications non permises : ${s.changesDisallowed.join(' ; ')}.`);
    else if (s.status === 'invalid' || s.status === 'modified') problems.push(`La signature ${s.index} (${who}) n’est pas valable : ${s.problems.join(' ; ') || 'voir le rapport de vérification'}.`);
  }
  for (const t of report.documentTimestamps) {
    if (t.status === 'invalid' || t.status === 'modified') problems.push(`L’horodatage du document ${t.index} n’est pas valable : ${t.problems.map((p) => p.replace(/\.$/, '')).join(' ; ') || 'voir le rapport de vérification'}.`);
  }
  if (problems.length === 0 && !report.signatures.some((s) => s.coversWholeDocument) && !report.endsWithValidationData) {
    problems.push('Des données ont été ajoutées après la dernière signature.');
  }
  return problems;
}
