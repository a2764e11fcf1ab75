/**
 * Signing a stored convention, from the finalized content to the exported signed PDF. The
 * renderer designates a convention by its id and never a path: main picks the file to sign
 * (the latest of the finalized version), checks it has not changed on disk, signs the next
 * field in order, and stores the result through the storage service (history, audit, status).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UserError } from '../../shared/errors';
import type { ConventionRecord, ConventionStatus, ConventionStore, StoredFile } from '../storage/types';
import { renderConvention, type RenderProgress } from '../pdf/index';
import { writeAtomic } from './files';
import { findSignatureFields } from './pdf/fields';
import { PdfFile } from './pdf/file';
import { formatReport } from './report-text';
import { signBytes, type SignFileResult } from './service';
import type { SignProgress } from './sign-pdf';
import type { IdentityStore, TrustStore } from './stores';
import { verifyPdf, type VerifyReport } from './verify/verify-pdf';

/** One signature field as the wizard lists it: who signs there, and whether it is done. */
export interface FieldState {
  readonly name: string;
  readonly order?: number;
  readonly signatoryName?: string;
  readonly signatoryTitle?: string;
  readonly party?: string;
  readonly signed: boolean;
  readonly page?: number;
}

/** Where the signing of one convention stands. */
export interface SignatureState {
  readonly status: ConventionStatus;
  /** SHA-256 of the locked content, once finalized. */
  readonly contentSha256?: string;
  /** The PDF being signed (no path: the renderer has no use for one). */
  readonly file?: { readonly label: string; readonly sha256: string; readonly createdAt: string; readonly signed: boolean };
  readonly fields: readonly FieldState[];
  readonly signedCount: number;
  /** The next field to sign, in order; absent when all are signed or nothing is prepared. */
  readonly next?: FieldState;
}

/** What the services of this module need. */
export interface ConventionSigningDeps {
  readonly store: ConventionStore;
  readonly identities: IdentityStore;
  readonly trust: TrustStore;
  readonly now: () => Date;
  /** Renders the PDF to sign (default: here; the app passes its worker thread's). */
  readonly renderConvention?: typeof renderConvention;
  /** Signs PDF bytes (default: here; the app passes its worker thread's). */
  readonly signBytes?: typeof signBytes;
}

/** Where a signing call stands: rendering the PDF to sign, hashing and signing, writing the result. */
export type SigningProgress =
  | ({ readonly task: 'render' } & RenderProgress)
  | ({ readonly task: 'sign' } & (SignProgress | { readonly phase: 'write'; readonly done: number; readonly total: number }));

const SIGNING_STATUSES: readonly ConventionStatus[] = ['finalized', 'signing', 'signed'];

/** The file signing continues from: the last signed PDF of the finalized version, else its rendered PDF. */
export function currentFile(record: ConventionRecord): StoredFile | undefined {
  const version = record.finalized?.version;
  if (version === undefined || !SIGNING_STATUSES.includes(record.summary.status)) return undefined;
  const ofVersion = record.files.filter((f) => f.version === version);
  return ofVersion.filter((f) => f.kind === 'signed-pdf').at(-1) ?? ofVersion.filter((f) => f.kind === 'pdf').at(-1);
}

/** The signature fields of a PDF as the wizard lists them. */
export function fieldStates(bytes: Buffer): FieldState[] {
  return findSignatureFields(PdfFile.open(bytes)).map((f) => ({
    name: f.name,
    order: f.order,
    signatoryName: f.signatory?.name,
    signatoryTitle: f.signatory?.title,
    party: f.signatory?.party,
    signed: f.value !== undefined,
    page: f.page,
  }));
}

/** Signing services over stored conventions. */
export function conventionSigning(deps: ConventionSigningDeps) {
  const { store } = deps;
  const render = deps.renderConvention ?? renderConvention;
  const sign = deps.signBytes ?? signBytes;

  /** Reads a stored PDF and refuses it when its bytes no longer match the recorded SHA-256. */
  async function readStored(file: StoredFile): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file.path);
    } catch {
      throw new UserError('stored-pdf-missing', `Le PDF « ${file.label} » a disparu du dossier de données. Préparez à nouveau le PDF depuis la convention finalisée.`);
    }
    if ((await sha256Yielding(bytes)) !== file.sha256) {
      throw new UserError('stored-pdf-altered', `Le PDF « ${file.label} » a été modifié hors de Paraphe : il ne sera ni signé ni exporté. Restaurez-le ou préparez à nouveau le PDF.`);
    }
    return bytes;
  }

  function requireSignable(record: ConventionRecord): void {
    if (!SIGNING_STATUSES.includes(record.summary.status) || !record.finalized) {
      throw new UserError('not-finalized', 'Finalisez la convention avant de la faire signer : le contenu signé doit être verrouillé.');
    }
  }

  function stateOf(record: ConventionRecord, file: StoredFile | undefined, bytes: Buffer | undefined): SignatureState {
    const fields = bytes ? fieldStates(bytes) : [];
    const ordered = [...fields].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
    return {
      status: record.summary.status,
      contentSha256: record.finalized?.contentSha256,
      file: file ? { label: file.label, sha256: file.sha256, createdAt: file.createdAt, signed: file.kind === 'signed-pdf' } : undefined,
      fields: ordered,
      signedCount: fields.filter((f) => f.signed).length,
      next: ordered.find((f) => !f.signed),
    };
  }

  async function state(conventionId: string): Promise<SignatureState> {
    const record = await store.get(conventionId);
    const file = currentFile(record);
    return stateOf(record, file, file ? await readStored(file) : undefined);
  }

  /** Renders the finalized content into the PDF to sign, once; later calls return where signing stands. */
  async function prepare(conventionId: string, onProgress?: (p: SigningProgress) => void): Promise<SignatureState> {
    const record = await store.get(conventionId);
    requireSignable(record);
    const existing = currentFile(record);
    if (existing) return stateOf(record, existing, await readStored(existing));
    // Main never trusts what was stored either: renderConvention validates again.
    const rendered = await render(record.convention, onProgress ? { onProgress: (p) => onProgress({ task: 'render', ...p }) } : {});
    const n = rendered.pageCount;
    await store.attachFile(conventionId, { kind: 'pdf', label: `PDF à signer (${n} page${n > 1 ? 's' : ''})`, bytes: rendered.bytes });
    return state(conventionId);
  }

  /** Signs the next field in order with an imported identity; the password is used once. */
  async function signNext(
    conventionId: string,
    identityId: string,
    password: string,
    onProgress?: (p: SigningProgress) => void,
  ): Promise<{ state: SignatureState; signature: Omit<SignFileResult, 'output'> }> {
    await prepare(conventionId, onProgress);
    const record = await store.get(conventionId);
    const file = currentFile(record)!;
    // Read (and its SHA-256 checked) once: on a 50 MB file each check costs main ~50 ms.
    const current = await readStored(file);
    const before = stateOf(record, file, current);
    if (!before.next) throw new UserError('all-signed', 'Toutes les signatures prévues sont recueillies : exportez le PDF signé.');
    const identity = await deps.identities.open(identityId, password);
    const { chunks, result } = await sign(current, {
      identity,
      signatory: before.next.order ?? before.next.name,
      trustAnchors: await deps.trust.anchors(),
      now: deps.now(),
      onProgress: onProgress && ((p) => onProgress({ task: 'sign', ...p })),
    });
    onProgress?.({ task: 'sign', phase: 'write', done: 0, total: 1 });
    const bytes = Buffer.concat(chunks);
    const complete = before.signedCount + 1 >= before.fields.length;
    const total = before.fields.length;
    await store.recordSignature(conventionId, {
      bytes,
      signer: result.signerName,
      complete,
      label: `PDF signé ${before.signedCount + 1}/${total} — ${result.signerName}`,
    });
    onProgress?.({ task: 'sign', phase: 'write', done: 1, total: 1 });
    return { state: await state(conventionId), signature: result };
  }

  /** The verifier's report on the PDF as signed so far, against the user's trust list. */
  async function verify(conventionId: string): Promise<VerifyReport> {
    const record = await store.get(conventionId);
    const file = currentFile(record);
    if (!file) throw new UserError('nothing-to-verify', "Cette convention n'a pas encore de PDF à signer : finalisez-la puis préparez le PDF.");
    return verifyPdf(await readStored(file), { trustAnchors: await deps.trust.anchors() });
  }

  /**
   * Writes the PDF as signed so far where the user chose, with the verification report beside
   * it (« …-verification.txt »). `choosePath` is the save dialog; null means cancelled.
   */
  async function exportSigned(
    conventionId: string,
    choosePath: (defaultName: string) => Promise<string | null>,
  ): Promise<{ fileName: string; reportFileName: string; verdict: VerifyReport['verdict'] } | null> {
    const record = await store.get(conventionId);
    const file = currentFile(record);
    if (!file) throw new UserError('nothing-to-export', "Cette convention n'a pas encore de PDF : finalisez-la, préparez le PDF et faites-le signer.");
    const bytes = await readStored(file);
    const report = verifyPdf(bytes, { trustAnchors: await deps.trust.anchors() });
    const suffix = record.summary.status === 'signed' ? 'signee' : file.kind === 'signed-pdf' ? 'en-cours-de-signature' : 'a-signer';
    const target = await choosePath(`${fileSlug(record.summary.shortTitle || record.summary.title)}-${suffix}.pdf`);
    if (target === null) return null;
    const reportPath = join(dirname(target), `${basename(target, extname(target))}-verification.txt`);
    const header = `Rapport de vérification — ${record.summary.title}\nFichier : ${basename(target)}\nSHA-256 : ${file.sha256}\nVérifié le : ${deps.now().toISOString()}\n\n`;
    try {
      await writeAtomic(target, [bytes]);
      await writeAtomic(reportPath, [Buffer.from(header + formatReport(report), 'utf8')]);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError('export-failed', `Le PDF n'a pas pu être écrit à cet endroit (${(e as NodeJS.ErrnoException).code ?? 'erreur'}). Choisissez un dossier où vous pouvez écrire.`);
    }
    await store.appendAudit(conventionId, 'exported', `PDF exporté : ${basename(target)} (${report.summary})`);
    return { fileName: basename(target), reportFileName: basename(reportPath), verdict: report.verdict };
  }

  return { state, prepare, signNext, verify, exportSigned };
}

/** Bytes hashed between two turns of main's event loop (a 50 MB file: 50 short steps, not one 50 ms block). */
const HASH_SLICE = 1024 * 1024;

/** SHA-256 in hex, letting main's event loop run (IPC, timers) between slices. */
async function sha256Yielding(bytes: Buffer): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += HASH_SLICE) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    hash.update(bytes.subarray(at, at + HASH_SLICE));
  }
  return hash.digest('hex');
}

/** « Délégation Camino 2020 » → « delegation-camino-2020 ». */
export function fileSlug(text: string): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'convention';
}
