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
}

/** One saved version in the history panel. */
export interface VersionInfo {
  readonly version: number;
  readonly savedAt: string;
  /** Short French summary of what changed (« Article 3 modifié », « Création »…). */
  readonly summary: string;
  /** SHA-256 (hex) of the canonical JSON of that version's content. */
  readonly contentSha256: string;
}

export type AuditAction =
  | 'created' | 'imported' | 'duplicated' | 'edited' | 'renamed' | 'restored-version'
  | 'finalized' | 'rendered' | 'signed' | 'exported' | 'trashed' | 'restored-from-trash';

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
