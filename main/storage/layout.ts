import { join } from 'node:path';
import { z } from 'zod';
import { ConventionSchema, type Convention } from '../../shared/model/convention';
import type { AuditEntry, ConventionSummary, VersionInfo } from './types';

/*
 * On-disk layout of a data folder (format 1):
 *
 *   paraphe.lock                      pid of the process that writes (lock.ts)
 *   index.json                        snapshot of every convention's summary (lowdb document)
 *   index.journal                     summary changes since the snapshot, one JSON line each
 *   conventions/<id>/record.json      the convention: current content, history list, audit,
 *                                     files, finalization (lowdb document, one per convention)
 *   conventions/<id>/record.json.bak  the previous good copy of record.json
 *   conventions/<id>/v/<n>.json       the content of version n, written once, never changed,
 *                                     except the latest version while autosaves of one sitting
 *                                     join it (autosave.ts): then it is replaced, durably,
 *                                     before the record that names its new SHA-256; and once
 *                                     more when it is finalized: the same content, flagged
 *                                     `finalized`, durably, after the record that commits it
 *   files/<id>/<kind>-v<n>-<k>.<ext>  generated and signed PDFs, reports
 *   recovered/<time>-<name>           damaged files moved aside at start-up, never deleted
 *
 * Saving one convention touches its own folder and appends one line to the journal, so its
 * cost does not depend on how many conventions are stored.
 *
 * Every JSON document is sealed: `{"sha256":"<hex of the JSON text>","data":<the document>}`;
 * every journal line is `<first 16 hex of the SHA-256 of the JSON> <JSON>` (durable-file.ts).
 */

export const STORE_FORMAT = 1 as const;

/** Ids become folder names: only these characters, so an imported id cannot escape the folder. */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Paths of one data folder. */
export function storePaths(dataDir: string) {
  return {
    dataDir,
    index: join(dataDir, 'index.json'),
    journal: join(dataDir, 'index.journal'),
    conventions: join(dataDir, 'conventions'),
    files: join(dataDir, 'files'),
    recovered: join(dataDir, 'recovered'),
    conventionDir: (id: string) => join(dataDir, 'conventions', id),
    record: (id: string) => join(dataDir, 'conventions', id, 'record.json'),
    versionsDir: (id: string) => join(dataDir, 'conventions', id, 'v'),
    version: (id: string, n: number) => join(dataDir, 'conventions', id, 'v', `${n}.json`),
    filesDir: (id: string) => join(dataDir, 'files', id),
  };
}
export type StorePaths = ReturnType<typeof storePaths>;

const StatusSchema = z.enum(['draft', 'finalized', 'signing', 'signed']);

export const SummarySchema = z.object({
  id: z.string().regex(SAFE_ID),
  title: z.string(),
  shortTitle: z.string(),
  kind: z.enum(['convention', 'avenant']),
  status: StatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().positive(),
  inTrash: z.boolean(),
});

export const VersionInfoSchema = z.object({
  version: z.number().int().positive(),
  savedAt: z.string(),
  summary: z.string(),
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  finalized: z.boolean().optional(),
  // The fields below came after format 1's first records: optional, so older files read as before.
  finalizedAt: z.string().optional(),
  autosave: z.object({ startedAt: z.string(), saves: z.number().int().positive() }).optional(),
  origin: z.enum(['created', 'imported', 'duplicated', 'edited', 'autosave', 'renamed', 'restored']).optional(),
  restoredFrom: z.number().int().positive().optional(),
});

const AuditEntrySchema = z.object({
  at: z.string(),
  action: z.enum([
    'created', 'imported', 'duplicated', 'edited', 'renamed', 'restored-version',
    'finalized', 'rendered', 'signed', 'exported', 'trashed', 'restored-from-trash',
  ]),
  detail: z.string().optional(),
});

/** A file as the record keeps it: the path is relative to the data folder, so the folder can move. */
const FileEntrySchema = z.object({
  kind: z.enum(['pdf', 'signed-pdf', 'report']),
  relPath: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  createdAt: z.string(),
  label: z.string(),
  version: z.number().int().positive(),
});
export type FileEntry = z.infer<typeof FileEntrySchema>;

/** The lowdb document of one convention. */
export const RecordDocSchema = z.object({
  format: z.literal(STORE_FORMAT),
  summary: SummarySchema,
  convention: ConventionSchema,
  finalized: z.object({ at: z.string(), version: z.number().int().positive(), contentSha256: z.string() }).optional(),
  files: z.array(FileEntrySchema),
  versions: z.array(VersionInfoSchema).min(1),
  audit: z.array(AuditEntrySchema),
});
export interface RecordDoc {
  format: typeof STORE_FORMAT;
  summary: ConventionSummary;
  convention: Convention;
  finalized?: { at: string; version: number; contentSha256: string };
  files: FileEntry[];
  versions: VersionInfo[];
  audit: AuditEntry[];
}

/** The file of one version of the content: self-describing, so a record can be rebuilt from history. */
export const VersionDocSchema = z.object({
  format: z.literal(STORE_FORMAT),
  id: z.string(),
  info: VersionInfoSchema,
  convention: ConventionSchema,
});
export interface VersionDoc {
  format: typeof STORE_FORMAT;
  id: string;
  info: VersionInfo;
  convention: Convention;
}

/** One index entry: the summary plus the size of record.json, so start-up can spot a damaged record by a stat. */
export const IndexEntrySchema = SummarySchema.extend({ bytes: z.number().int().nonnegative() });
export type IndexEntry = ConventionSummary & { bytes: number };

export interface IndexDoc {
  format: typeof STORE_FORMAT;
  /** Last journal line folded into this snapshot. */
  seq: number;
  entries: IndexEntry[];
}

/** A journal line: a summary put or an id deleted, numbered. */
export const JournalLineSchema = z.union([
  z.object({ s: z.number().int().positive(), put: IndexEntrySchema }),
  z.object({ s: z.number().int().positive(), del: z.string() }),
]);
