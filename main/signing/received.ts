/**
 * « Signer un document reçu »: any workstation with Paraphe, no convention needed. The PDF a
 * signatory received is shown with the verification of the signatures already in it and whose
 * turn it is (from the fields Paraphe placed: `/ParapheSignatory`, order); the signatory signs
 * the next field and the result is written beside the received file, never over it, as
 * « {nom} – signé par {n} {Nom}.pdf ».
 */
import { access } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UserError } from '../../shared/errors';
import { fieldStates, fileNamePart, type FieldState } from './convention-signing';

/** Whose turn it is in a received PDF, and which empty fields may be chosen. */
export interface Turn {
  /** The next field in order (a Paraphe PDF), or the first empty field (a PDF made elsewhere). */
  readonly next?: FieldState;
  /** True when the fields carry a signing order (placed by Paraphe). */
  readonly ordered: boolean;
  /** The empty fields, in signing order: the ones a signatory may pick. */
  readonly choices: readonly FieldState[];
}

/** Whose turn it is, from the fields of the PDF. */
export function turnOf(fields: readonly FieldState[]): Turn {
  const ordered = fields.some((f) => f.order !== undefined);
  const empty = fields.filter((f) => !f.signed);
  const next = [...empty].filter((f) => f.order !== undefined).sort((a, b) => a.order! - b.order!)[0] ?? empty[0];
  // Every empty field is offered (the next one first chosen): a field whose turn has not come is
  // refused when signed, with the name of who must sign first (fieldToSign).
  return { next, ordered, choices: [...empty].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity)) };
}

/**
 * The field to sign: the one chosen (by name) or the next. Refuses a field whose turn has not
 * come, naming who must sign first, and a field already signed.
 */
export function fieldToSign(bytes: Buffer, chosen: string | undefined): { field?: FieldState; fields: FieldState[] } {
  const fields = fieldStates(bytes);
  if (chosen === undefined) {
    const turn = turnOf(fields);
    if (!turn.next && turn.ordered) throw new UserError('all-signed', 'Toutes les signatures prévues sur ce document sont déjà apposées : il n’y a plus rien à signer. Renvoyez-le à son rédacteur.');
    return { field: turn.next, fields };
  }
  const field = fields.find((f) => f.name === chosen);
  if (!field) throw new UserError('SIGN_NO_FIELD', `Ce PDF n’a pas de champ de signature « ${chosen} ». Ouvrez-le de nouveau et choisissez un champ de la liste.`);
  if (field.signed) throw new UserError('SIGN_ALREADY_SIGNED', `Le champ « ${field.signatoryName ?? field.name} » est déjà signé : choisissez le champ suivant.`);
  if (field.order !== undefined) {
    const first = fields.filter((f) => f.order !== undefined && f.order < field.order! && !f.signed).sort((a, b) => a.order! - b.order!)[0];
    if (first) {
      throw new UserError(
        'SIGN_ORDER',
        `Ce n’est pas encore le tour de ${field.signatoryName ?? `signataire ${field.order}`} : ${first.signatoryName ?? first.name} (signataire ${first.order}) doit signer d’abord. La signature se fait dans l’ordre ; renvoyez le document à ${first.signatoryName ?? 'ce signataire'}.`,
      );
    }
  }
  return { field, fields };
}

/** « Délégation Camino – à signer par 1 Brice HUET » → « Délégation Camino »: the document's own name. */
export function documentName(receivedFileName: string): string {
  const base = basename(receivedFileName, extname(receivedFileName));
  return base.replace(/\s+[–-]\s+(à signer par|signé par)\s.*$/u, '').trim() || base;
}

/** « Délégation Camino – signé par 1 Brice HUET.pdf ». */
export function signedFileName(receivedFileName: string, order: number, name: string): string {
  return `${fileNamePart(documentName(receivedFileName))} – signé par ${order} ${fileNamePart(name)}.pdf`;
}

/** A path beside `received` named `wanted`, never an existing file (« … (2).pdf » when taken). */
export async function freePathBeside(received: string, wanted: string): Promise<string> {
  const dir = dirname(received);
  const stem = basename(wanted, extname(wanted));
  for (let n = 1; n < 1000; n += 1) {
    const candidate = join(dir, n === 1 ? wanted : `${stem} (${n}).pdf`);
    if (candidate === received) continue;
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
  throw new UserError('SIGN_NO_NAME', `Trop de fichiers signés portent déjà ce nom dans « ${dir} » : rangez-les puis signez de nouveau.`);
}
