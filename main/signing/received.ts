/**
 * « Signer un document reçu »: any workstation with Paraphe, no convention needed. The PDF a
 * signatory received is shown with the verification of the signatures already in it and whose
 * turn it is (from the fields Paraphe placed: `/ParapheSignatory`, order); the signatory signs
 * the next field and the result is written beside the received file, never over it, as
 * « {nom} – signé par {n} {Nom}.pdf ».
 */
import type { X509Certificate } from 'node:crypto';
import { access } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UserError } from '../../shared/errors';
import { fieldStates, fileNamePart, withLevelNote, type FieldState, type SigningProgress } from './convention-signing';
import type { LevelOptions } from '../settings/level';
import { writeUserFile } from './files';
import { readUserFile, type SignFileResult, type SignOptions } from './service';
import { verifyPdf, type VerifyReport } from './verify/verify-pdf';

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

/** What the received-PDF services need: the PDFs opened in main's dialogs (one-time id → path), the trust list, the clock. */
export interface ReceivedDeps {
  /** Shared by every handler that opens or signs a received PDF (.p12 and card alike). */
  readonly openedFiles: Map<string, string>;
  readonly trustAnchors: () => Promise<readonly X509Certificate[]>;
  readonly now: () => Date;
  /** Verifies the received bytes and lists their fields (the app: in the worker's verification thread, with limits; default: here). */
  readonly verify?: (bytes: Buffer) => Promise<{ readonly report: VerifyReport; readonly fields: FieldState[] }>;
  /** The level asked for in the settings (TSA, revocation, proxy, offline policy); absent: B-B. */
  readonly levelOptions?: () => Promise<LevelOptions>;
}

/** A received PDF as the screen shows it: its bytes, the verifier's report, whose turn it is. */
export async function receivedView(deps: ReceivedDeps, fileId: string, path: string, bytes: Buffer) {
  const { report, fields } = deps.verify ? await deps.verify(bytes) : { report: verifyPdf(bytes, { trustAnchors: await deps.trustAnchors() }), fields: fieldStates(bytes) };
  const turn = turnOf(fields);
  return { fileId, fileName: basename(path), base64: bytes.toString('base64'), report, fields, next: turn.next, ordered: turn.ordered, choices: [...turn.choices] };
}

/** Makes the signature of PDF bytes: with a .p12 in the worker thread, with a card in main. */
export type SignWith = (bytes: Buffer, options: Omit<SignOptions, 'identity'>) => Promise<{ chunks: readonly Buffer[]; result: Omit<SignFileResult, 'output'> }>;

/**
 * Signs the received PDF opened under `fileId` (the chosen field, or the next) and writes it
 * beside the received file. `signWith` runs only once the field's turn is checked, so no
 * password or PIN is used for a signature refused as out of order.
 */
export async function signReceived(deps: ReceivedDeps, req: { fileId: string; fieldName?: string; signWith: SignWith; progress?: (p: SigningProgress) => void }) {
  const input = deps.openedFiles.get(req.fileId);
  if (!input) throw new UserError('pdf-file-unknown', 'Ce PDF n’est plus ouvert : ouvrez-le à nouveau avec « Signer un document reçu ».');
  const bytes = await readUserFile(input, 'Le PDF');
  const { field, fields } = fieldToSign(bytes, req.fieldName);
  const { progress } = req;
  const { levelNote, ...level } = (await deps.levelOptions?.()) ?? {};
  const { chunks, result: signed } = await req.signWith(bytes, {
    signatory: field ? (field.order ?? field.name) : undefined,
    trustAnchors: await deps.trustAnchors(),
    now: deps.now(),
    onProgress: progress && ((p) => progress({ task: 'sign', ...p })),
    ...level,
  });
  const signature = withLevelNote(signed, levelNote);
  const n = field?.order ?? fields.filter((f) => f.signed).length + 1;
  const output = await freePathBeside(input, signedFileName(basename(input), n, field?.signatoryName ?? signature.signerName));
  progress?.({ task: 'sign', phase: 'write', done: 0, total: 1 });
  await writeUserFile(output, chunks);
  progress?.({ task: 'sign', phase: 'write', done: 1, total: 1 });
  // The id now names the signed file: a next signature on this workstation builds on it.
  deps.openedFiles.set(req.fileId, output);
  return { ...(await receivedView(deps, req.fileId, output, Buffer.concat(chunks))), signature };
}
