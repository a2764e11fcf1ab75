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
import type { AuditEntry, ConventionRecord, ConventionStatus, ConventionStore, StoredFile } from '../storage/types';
import { renderConvention, type RenderProgress } from '../pdf/lazy';
import { writeUserFile } from './files';
import { findSignatureFields } from './pdf/fields';
import { PdfFile } from './pdf/file';
import { formatReport } from './report-text';
import { signBytes, type SignFileResult } from './service';
import { prefixSha256, signedCopyProblems, startsWith } from './signed-copy';
import type { SignProgress } from './sign-pdf';
import type { IdentityStore, TrustStore } from './stores';
import type { LevelOptions } from '../settings/level';
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
  /** Set when the copy to sign was sent to the next signatory and has not come back yet. */
  readonly awaiting?: { readonly name: string; readonly order?: number; readonly sentAt: string };
  /** The finalized PDF and the signed copies kept for the finalized version, oldest first. */
  readonly copies: readonly { readonly label: string; readonly createdAt: string; readonly sha256: string; readonly signed: boolean }[];
}

/** What importing a signed copy did: `already-imported` changed nothing. */
export interface ImportCopyOutcome {
  readonly outcome: 'imported' | 'already-imported';
  /** The signatures this copy added, in order (empty when already imported). */
  readonly added: readonly { readonly order?: number; readonly name: string }[];
  readonly state: SignatureState;
  readonly report: VerifyReport;
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
  /** The level asked for in the settings (TSA, revocation, proxy, offline policy); absent: B-B. */
  readonly levelOptions?: () => Promise<LevelOptions>;
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

  function stateOf(record: ConventionRecord, file: StoredFile | undefined, bytes: Buffer | undefined, audit: readonly AuditEntry[] = []): SignatureState {
    const fields = bytes ? fieldStates(bytes) : [];
    const ordered = [...fields].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
    const next = ordered.find((f) => !f.signed);
    // Sent and not back yet: no signature, finalization or reopening recorded since the last « sent ».
    const lastStep = [...audit].reverse().find((a) => a.action === 'sent' || a.action === 'signed' || a.action === 'finalized' || a.action === 'reopened');
    const version = record.finalized?.version;
    const copies = file
      ? record.files
          .filter((f) => f.version === version && (f.kind === 'pdf' || f.kind === 'signed-pdf'))
          .map((f) => ({ label: f.label, createdAt: f.createdAt, sha256: f.sha256, signed: f.kind === 'signed-pdf' }))
      : [];
    return {
      awaiting: next && lastStep?.action === 'sent' ? { name: next.signatoryName ?? next.name, order: next.order, sentAt: lastStep.at } : undefined,
      copies,
      status: record.summary.status,
      contentSha256: record.finalized?.contentSha256,
      file: file ? { label: file.label, sha256: file.sha256, createdAt: file.createdAt, signed: file.kind === 'signed-pdf' } : undefined,
      fields: ordered,
      signedCount: fields.filter((f) => f.signed).length,
      next,
    };
  }

  async function state(conventionId: string): Promise<SignatureState> {
    const record = await store.get(conventionId);
    const file = currentFile(record);
    return stateOf(record, file, file ? await readStored(file) : undefined, await store.audit(conventionId));
  }

  /** Renders the finalized content into the PDF to sign, once; later calls return where signing stands. */
  async function prepare(conventionId: string, onProgress?: (p: SigningProgress) => void): Promise<SignatureState> {
    const record = await store.get(conventionId);
    requireSignable(record);
    const existing = currentFile(record);
    if (existing) return stateOf(record, existing, await readStored(existing), await store.audit(conventionId));
    // Main never trusts what was stored either: renderConvention validates again.
    const rendered = await render(record.convention, onProgress ? { onProgress: (p) => onProgress({ task: 'render', ...p }) } : {});
    const n = rendered.pageCount;
    await store.attachFile(conventionId, { kind: 'pdf', label: `PDF à signer (${n} page${n > 1 ? 's' : ''})`, bytes: rendered.bytes });
    return state(conventionId);
  }

  /** Signs the next field in order with an imported identity; the password is used once. The level is the settings' (see {@link LevelOptions}). */
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
    const { levelNote, ...level } = (await deps.levelOptions?.()) ?? {};
    const { chunks, result: signed } = await sign(current, {
      identity,
      signatory: before.next.order ?? before.next.name,
      trustAnchors: await deps.trust.anchors(),
      now: deps.now(),
      onProgress: onProgress && ((p) => onProgress({ task: 'sign', ...p })),
      ...level,
    });
    const result = withLevelNote(signed, levelNote);
    onProgress?.({ task: 'sign', phase: 'write', done: 0, total: 1 });
    const bytes = Buffer.concat(chunks);
    const complete = before.signedCount + 1 >= before.fields.length;
    const total = before.fields.length;
    await store.recordSignature(conventionId, {
      bytes,
      signer: result.signerName,
      complete,
      label: `PDF signé ${before.signedCount + 1}/${total} — ${result.signerName}`,
      // The level in the history: a signature the TSA could not timestamp is said there too.
      auditDetail: `Signature de ${result.signerName}${result.onBehalfOf ? ` pour ${result.onBehalfOf}` : ''} (niveau ${result.level})${result.notice ? ` — ${result.notice}` : ''}`,
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
      await writeUserFile(target, [bytes]);
      await writeUserFile(reportPath, [Buffer.from(header + formatReport(report), 'utf8')]);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError('export-failed', `Le PDF n'a pas pu être écrit à cet endroit (${(e as NodeJS.ErrnoException).code ?? 'erreur'}). Choisissez un dossier où vous pouvez écrire.`);
    }
    await store.appendAudit(conventionId, 'exported', `PDF exporté : ${basename(target)} (${report.summary})`);
    return { fileName: basename(target), reportFileName: basename(reportPath), verdict: report.verdict };
  }

  /**
   * « Envoyer pour signature »: writes the PDF as signed so far where the user chooses (default
   * « {nom court} – à signer par {n} {Nom}.pdf ») and records that it waits for that signatory.
   */
  async function send(
    conventionId: string,
    choosePath: (defaultName: string) => Promise<string | null>,
  ): Promise<{ fileName: string; state: SignatureState } | null> {
    const before = await prepare(conventionId);
    const next = before.next;
    if (!next) throw new UserError('all-signed', 'Toutes les signatures prévues sont recueillies : il n’y a plus personne à qui envoyer le PDF. Exportez le PDF signé.');
    const record = await store.get(conventionId);
    const file = currentFile(record)!;
    const bytes = await readStored(file);
    const who = next.signatoryName ?? next.name;
    const target = await choosePath(sentFileName(record.summary.shortTitle || record.summary.title, next.order ?? before.signedCount + 1, who));
    if (target === null) return null;
    try {
      await writeUserFile(target, [bytes]);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError('send-failed', `Le PDF n'a pas pu être écrit à cet endroit (${(e as NodeJS.ErrnoException).code ?? 'erreur'}). Choisissez un dossier où vous pouvez écrire.`);
    }
    await store.appendAudit(conventionId, 'sent', `Envoyé pour signature à ${who}${next.order ? ` (signataire ${next.order})` : ''} : ${basename(target)}`);
    return { fileName: basename(target), state: await state(conventionId) };
  }

  /**
   * « Importer un exemplaire signé »: takes back a copy signed elsewhere when it is this
   * convention's finalized PDF plus valid signatures only, extending the copy already recorded
   * with the next signatures in order. Anything else is refused with its reason and the record
   * is left as it was; the same copy imported twice changes nothing the second time.
   */
  async function importCopy(conventionId: string, copy: Buffer, fileName: string): Promise<ImportCopyOutcome> {
    const refuse = (code: string, why: string): never => {
      throw new UserError(code, `« ${fileName} » n’a pas été importé : ${why} Rien n’a changé dans la convention.`);
    };
    const record = await store.get(conventionId);
    if (!record.finalized || !SIGNING_STATUSES.includes(record.summary.status)) {
      refuse('not-finalized', record.finalized
        ? `la convention a été rouverte pour modification depuis la version finalisée ${record.finalized.version} : les exemplaires signés de cette version ne valent plus pour le texte actuel.`
        : 'la convention n’est pas finalisée, aucun exemplaire signé ne peut lui correspondre.');
    }
    const finalizedVersion = record.finalized!.version;
    const original = record.files.find((f) => f.kind === 'pdf' && f.version === finalizedVersion);
    if (!original) refuse('nothing-to-import', 'le PDF à signer de la version finalisée n’a pas encore été préparé ici, donc aucun exemplaire n’a pu en être envoyé.');
    const originalBytes = await readStored(original!);
    if (!startsWith(copy, { length: originalBytes.length, sha256: original!.sha256 })) {
      for (const older of record.files.filter((f) => f.kind === 'pdf' && f.version !== finalizedVersion)) {
        const bytes = await readFile(older.path).catch(() => undefined);
        if (bytes && startsWith(copy, { length: bytes.length, sha256: older.sha256 })) {
          refuse('copy-earlier-version', `c’est un exemplaire de la version ${older.version} de cette convention, remplacée depuis par la version finalisée ${finalizedVersion}.`);
        }
      }
      refuse('copy-other-document', `ce fichier n’est pas issu du PDF finalisé de cette convention (version ${finalizedVersion}) : sa première version diffère. C’est un autre document, ou une autre version.`);
    }
    const current = currentFile(record)!;
    const currentBytes = await readStored(current);
    const copySha = prefixSha256(copy, copy.length);
    const report = verifyPdf(copy, { trustAnchors: await deps.trust.anchors() });
    if (copySha === current.sha256 && current.kind === 'signed-pdf') {
      return { outcome: 'already-imported', added: [], state: await state(conventionId), report };
    }
    const problems = signedCopyProblems(copy, { length: originalBytes.length, sha256: original!.sha256 }, report, original!.label);
    if (problems.length > 0) refuse('copy-invalid', `ses signatures ne sont pas valables. ${problems.join(' ')}`);
    const had = fieldStates(currentBytes);
    const has = fieldStates(copy);
    const hadCount = had.filter((f) => f.signed).length;
    const hasCount = has.filter((f) => f.signed).length;
    if (hasCount < hadCount) {
      refuse('copy-fewer-signatures', `il porte ${hasCount} signature${hasCount > 1 ? 's' : ''}, moins que l’exemplaire déjà enregistré (${hadCount}).`);
    }
    if (!startsWith(copy, { length: currentBytes.length, sha256: current.sha256 })) {
      refuse('copy-parallel', `il ne prolonge pas l’exemplaire déjà enregistré (${hadCount} signature${hadCount > 1 ? 's' : ''}) : il a été signé à partir d’une autre copie. La signature se fait à tour de rôle, chacun signant l’exemplaire signé par le précédent ; deux exemplaires signés en parallèle ne peuvent pas être fusionnés.`);
    }
    if (hasCount === hadCount) refuse('copy-no-new-signature', 'il ne porte aucune signature de plus que l’exemplaire déjà enregistré.');
    const ordered = [...has].filter((f) => f.order !== undefined).sort((a, b) => a.order! - b.order!);
    const gap = ordered.findIndex((f) => !f.signed);
    const after = gap >= 0 ? ordered.slice(gap).find((f) => f.signed) : undefined;
    if (after) {
      const first = ordered[gap]!;
      refuse('copy-order', `la signature ${after.order} (${after.signatoryName ?? after.name}) y est apposée avant celle de ${first.signatoryName ?? first.name} (signataire ${first.order}), qui devait signer d’abord.`);
    }
    const wasSigned = new Set(had.filter((f) => f.signed).map((f) => f.name));
    const added = has
      .filter((f) => f.signed && !wasSigned.has(f.name))
      .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity))
      .map((f) => ({ order: f.order, name: report.signatures.find((s) => s.field === f.name)?.signer?.commonName ?? f.signatoryName ?? f.name }));
    const names = added.map((a) => a.name).join(', ');
    await store.recordSignature(conventionId, {
      bytes: copy,
      signer: names,
      complete: hasCount >= has.length,
      label: `Exemplaire signé ${hasCount}/${has.length} importé — ${names}`,
      auditDetail: `Exemplaire signé par ${names} importé (${fileName})`,
    });
    return { outcome: 'imported', added, state: await state(conventionId), report };
  }

  return { state, prepare, signNext, verify, exportSigned, send, importCopy };
}

/** Characters no file name may hold on Windows, macOS or Linux. */
const UNSAFE_IN_NAME = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** A title or a name made safe as part of a file name, keeping accents and spaces. */
export function fileNamePart(text: string): string {
  return text.normalize('NFC').replace(UNSAFE_IN_NAME, ' ').replace(/\s+/g, ' ').trim().slice(0, 80).replace(/[. ]+$/, '') || 'convention';
}

/** « Délégation Camino – à signer par 2 Patrick SOULÉ.pdf »: the copy sent to the next signatory. */
export function sentFileName(shortTitle: string, order: number, name: string): string {
  return `${fileNamePart(shortTitle)} – à signer par ${order} ${fileNamePart(name)}.pdf`;
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

/** The outcome with the settings' note (B-LTA signed at B-LT) when no fallback notice says more. */
export function withLevelNote<R extends { readonly notice?: string }>(result: R, note: string | undefined): R {
  return note && !result.notice ? { ...result, notice: note } : result;
}
