/**
 * Every number the PDF reader takes from a file is checked against these limits before it
 * sizes a loop, an allocation or a recursion: a received PDF is written by a stranger, and a
 * few hundred crafted bytes must not hang, crash or exhaust the process. A file beyond a
 * limit is refused with {@link tooComplex} (UserError PDF_TOO_COMPLEX, French, says what to
 * do); a number that contradicts the file itself is a PdfSyntaxError (PDF_UNREADABLE).
 *
 * The limits sit far above what real conventions need (measured: a 106-page signed
 * convention has 4 revisions, ~900 objects, streams under 1 MB decoded, nesting depth 6).
 */
import { UserError } from '../../../shared/errors';

export const LIMITS = {
  /** Cross-reference sections in the /Prev chain (one or two per revision). */
  maxSections: 1000,
  /** Objects listed by the cross-reference sections of one file. */
  maxObjects: 500_000,
  /** Object numbers: the PDF specification's own implementation limit (Annex C). */
  maxObjectNumber: 8_388_607,
  /** Width of one field of an xref stream row (/W), in bytes. */
  maxFieldWidth: 8,
  /** Decoded size of one stream. */
  maxStreamBytes: 64 * 1024 * 1024,
  /** Decoded size of all the streams read from one file. */
  maxDecodedBytesPerFile: 96 * 1024 * 1024,
  /** Filters chained on one stream (/Filter array). */
  maxFilters: 2,
  /** Arrays and dictionaries nested inside one another. */
  maxNesting: 256,
  /** Objects whose reading needs another object first (/Length, object streams) in a row. */
  maxResolveDepth: 32,
} as const;

/** The French refusal of a file beyond a limit: what was found, the limit, what to do. */
export function tooComplex(what: string): UserError {
  return new UserError(
    'PDF_TOO_COMPLEX',
    `Ce PDF est trop complexe pour être lu sans risque (${what}) : Paraphe ne le traite pas. Demandez à l’expéditeur une nouvelle copie du fichier, enregistrée à nouveau par son logiciel (« Enregistrer sous » ou « Imprimer en PDF ») avant toute signature.`,
    { what },
  );
}

/** Formats a count the French way (« 10 000 »), for the messages above. */
export function count(n: number): string {
  return Number.isFinite(n) ? Math.trunc(n).toLocaleString('fr-FR').replace(/\u202f/g, ' ') : 'un nombre infini de';
}

/** True for an integer `0 ≤ n ≤ max` (rejects NaN, ±Infinity, 1e400, reals and negatives). */
export function isCount(n: unknown, max = Number.MAX_SAFE_INTEGER): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;
}
