import type { Convention, ConventionKind } from '../../shared/model/convention';

/** Where a convention stands in its life. */
export type ConventionStatus = 'draft' | 'finalized' | 'signing' | 'signed';

/** One line of the home list: enough to show and sort without loading the content. */
export interface ConventionSummary {
  readonly id: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly kind: ConventionKind;
  readonly status: ConventionStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Number of the current version (1 for a new convention). */
  readonly version: number;
  readonly inTrash: boolean;
  /**
   * The convention's date and its parties' names, for the home list's search and filters.
   * Absent in summaries written before they were kept here: readers then open the record.
   */
  readonly date?: string;
  readonly parties?: readonly string[];
}

/**
 * What made a version: a new convention (created, imported, duplicated), a save the user or a
 * program asked for (edited), the wizard's timed saves (autosave), a rename, or a restore point.
 */
export type VersionOrigin = 'created' | 'imported' | 'duplicated' | 'edited' | 'autosave' | 'renamed' | 'restored' | 'reopened';

/** One saved version in the history panel. */
export interface VersionInfo {
  readonly version: number;
  readonly savedAt: string;
  /** Short French summary of what changed (« Article 3 modifié », « Création »…). */
  readonly summary: string;
  /** SHA-256 (hex) of the canonical JSON of that version's content. */
  readonly contentSha256: string;
  /** True for a version that was finalized (locked); it stays in history after later edits. */
  readonly finalized?: boolean;
  /** When it was finalized; kept in the version's file too, so a record rebuilt from history knows it. */
  readonly finalizedAt?: string;
  /**
   * What made this version. Absent on versions written before the store recorded it: readers
   * then fall back to the audit's wording (see `versionRows` in main/ipc/handlers/conventions.ts).
   */
  readonly origin?: VersionOrigin;
  /** Set on a restore point: the version whose content `restoreVersion` brought back. */
  readonly restoredFrom?: number;
  /**
   * Set on a version made by the wizard's autosaves: later autosaves of the same sitting
   * replace its content instead of adding versions (see autosave.ts). `savedAt` is the last
   * of them, `startedAt` the first; `saves` counts them.
   */
  readonly autosave?: { readonly startedAt: string; readonly saves: number };
}

/** Options of `save`. */
export interface SaveOptions {
  /** Short French summary kept with the version; computed from the changes when absent. */
  readonly summary?: string;
  /**
   * 'autosave' for the wizard's timed saves: they join the latest version while it is an open
   * autosave version (see autosave.ts). 'explicit' (the default: the CLI, imports, a « save »
   * the user asked for) always makes a new version.
   */
  readonly origin?: 'autosave' | 'explicit';
}

export type AuditAction =
  | 'created' | 'imported' | 'duplicated' | 'edited' | 'renamed' | 'restored-version'
  | 'finalized' | 'rendered' | 'signed' | 'exported' | 'trashed' | 'restored-from-trash'
  /** A copy to sign sent to the next signatory; a locked convention reopened for changes. */
  | 'sent' | 'reopened';

export interface AuditEntry {
  readonly at: string;
  readonly action: AuditAction;
  /** French detail, e.g. « Signature 2 : Patrick SOULÉ », a file name, a version number. */
  readonly detail?: string;
}

/** A generated or signed PDF (or report) kept beside the data. */
export interface StoredFile {
  readonly kind: 'pdf' | 'signed-pdf' | 'report';
  /** Absolute path inside the data folder. */
  readonly path: string;
  readonly sha256: string;
  readonly createdAt: string;
  readonly label: string;
  /** Version of the content the file was made from. */
  readonly version: number;
}

export interface ConventionRecord {
  readonly summary: ConventionSummary;
  readonly convention: Convention;
  /** Set once finalized: the content is locked under this hash. */
  readonly finalized?: { readonly at: string; readonly version: number; readonly contentSha256: string };
  readonly files: readonly StoredFile[];
}

/** What start-up found damaged and did about it; shown once to the user. */
export interface RecoveryReport {
  readonly items: ReadonlyArray<{ readonly file: string; readonly movedTo: string; readonly restoredFrom?: string }>;
  /** French, says what happened and what was recovered. */
  readonly message: string;
}

/** What `attachFile` receives: the bytes of a generated file and how to label it. */
export interface AttachFileInput {
  readonly kind: StoredFile['kind'];
  /** French label shown in the file list, e.g. « PDF pour signature ». */
  readonly label: string;
  readonly bytes: Uint8Array;
  /** File extension without the dot; `pdf` for PDFs and `json` for reports when absent. */
  readonly extension?: string;
}

/** What `recordSignature` receives: the PDF as signed so far and who signed it. */
export interface SignatureInput {
  readonly bytes: Uint8Array;
  /** Name of the signatory who just signed, e.g. « Patrick SOULÉ ». */
  readonly signer: string;
  /** True when this was the last signature: the convention becomes 'signed'. */
  readonly complete: boolean;
  readonly label?: string;
  /** The audit line's detail when not « Signature de … » (e.g. « Exemplaire signé par … importé »). */
  readonly auditDetail?: string;
}

/** One version of a convention as stored in history. */
export interface StoredVersion {
  readonly info: VersionInfo;
  readonly convention: Convention;
}

/** Options of `openStore`; the defaults suit the app, tests shorten them. */
export interface OpenStoreOptions {
  /** Clock used for every timestamp (tests pass a fixed one). */
  readonly now?: () => Date;
  /** Index journal lines kept before the index snapshot is rewritten (default 500). */
  readonly compactAfter?: number;
  /**
   * Up to this many conventions, start-up reads and checks every stored document; above it,
   * start-up checks sizes only and each document is checked when first read (default 200:
   * about three files of ~30 KB are read per convention).
   */
  readonly fullCheckUpTo?: number;
}

/**
 * The conventions of one data folder. Every method is async and throws `UserError` (French
 * message) for what the user can meet: unknown id, invalid convention, folder in use…
 */
export interface ConventionStore {
  /** The data folder this store writes to. */
  readonly dataDir: string;
  /**
   * What start-up (or a later read) found damaged and repaired; null when all was sound. Above
   * `fullCheckUpTo` conventions part of start-up's checks runs just after opening: await
   * `settled()` for the complete report.
   */
  readonly recovery: RecoveryReport | null;
  /** Resolves once the checks queued at start-up (and every call made before) are done. */
  settled(): Promise<void>;
  /** Summaries, most recently changed first; `trash: true` lists the trash instead. */
  list(options?: { trash?: boolean }): Promise<ConventionSummary[]>;
  get(id: string): Promise<ConventionRecord>;
  /** Stores a new convention (version 1); a fresh id is given when its id is taken or unsafe. */
  create(convention: Convention, action?: 'created' | 'imported' | 'duplicated'): Promise<ConventionRecord>;
  /**
   * Saves a new version (no-op when the content did not change); a finalized convention becomes
   * a draft again. An autosave may replace the latest version instead (see `SaveOptions`).
   */
  save(convention: Convention, options?: SaveOptions): Promise<ConventionRecord>;
  /** Renames the printed title, or the short name (`field: 'shortTitle'`) the lists and file names use. */
  rename(id: string, title: string, field?: 'title' | 'shortTitle'): Promise<ConventionRecord>;
  /** A copy titled « Copie de … », as a new draft. */
  duplicate(id: string): Promise<ConventionRecord>;
  /** History, newest first. */
  versions(id: string): Promise<VersionInfo[]>;
  getVersion(id: string, version: number): Promise<StoredVersion>;
  /** Makes version `version` current again, as a new version. */
  restoreVersion(id: string, version: number): Promise<ConventionRecord>;
  /** Validates, locks and records the SHA-256 of the content; refuses when the validator finds errors. */
  finalize(id: string): Promise<ConventionRecord>;
  /**
   * Unlocks a finalized (or partly or fully signed) convention for changes: a new version with
   * the same content, as a draft. The finalized version, its PDF and every signed copy stay in
   * the history and the files; `detail` ends the audit line. A draft is returned unchanged.
   */
  reopen(id: string, detail?: string): Promise<ConventionRecord>;
  /** Writes a generated file beside the data (durably) and records its SHA-256. */
  attachFile(id: string, file: AttachFileInput): Promise<StoredFile>;
  /** Stores the PDF signed so far and moves the convention to 'signing' or 'signed'. */
  recordSignature(id: string, signature: SignatureInput): Promise<ConventionRecord>;
  /** The audit log, oldest first. */
  audit(id: string): Promise<AuditEntry[]>;
  /** Records an action done by another service (rendered, exported…). */
  appendAudit(id: string, action: AuditAction, detail?: string): Promise<void>;
  trash(id: string): Promise<ConventionRecord>;
  restoreFromTrash(id: string): Promise<ConventionRecord>;
  /** Deletes for good every convention in the trash, with its history and files; returns how many. */
  emptyTrash(): Promise<number>;
  /** Finishes pending writes and releases the data folder for another process. */
  close(): Promise<void>;
}
