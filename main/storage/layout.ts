import { join, relative, isAbsolute } from 'node:path';
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

/**
 * Ids become folder names: only these characters, so an id cannot escape the folder. The rule
 * holds for every id, new or read from disk (index, journal, record): storePaths refuses others.
 */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Names of generated files under files/<id>/: `<kind>-v<version>-<k>.<ext>`. */
export const FILE_NAME = /^(pdf|signed-pdf|report)-v(\d{1,9})-\d{1,9}\.[a-z0-9]{1,8}$/;
/** A stored file's path relative to the data folder; `\` separators come from records written on Windows. */
const FILE_REL_PATH = /^files[\\/]([A-Za-z0-9_-]{1,80})[\\/]([^\\/]+)$/;

/** The relative path a record keeps for file `name` of convention `id` (always `/`: Windows reads it too). */
export const fileRelPath = (id: string, name: string): string => `files/${safeId(id)}/${name}`;

/**
 * The absolute path of a stored file of convention `id`, or null when `relPath` (read from a
 * record) is not exactly `files/<id>/<generated name>`: then it could point anywhere.
 */
export function storedFilePath(dataDir: string, id: string, relPath: string): string | null {
  const m = FILE_REL_PATH.exec(relPath);
  if (!m || m[1] !== id || !FILE_NAME.test(m[2]!)) return null;
  return join(dataDir, 'files', id, m[2]!);
}

/** The id itself when safe; anything else is a bug upstream (every id read from disk is checked first). */
function safeId(id: string): string {
  if (!SAFE_ID.test(id)) throw new Error(`unsafe convention id refused: ${JSON.stringify(id.slice(0, 100))}`);
  return id;
}

/** True when `path` is `dir` itself or inside it, once both are resolved. */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Paths of one data folder. Every path built from an id checks the id (SAFE_ID). */
export function storePaths(dataDir: string) {
  return {
    dataDir,
    index: join(dataDir, 'index.json'),
    journal: join(dataDir, 'index.journal'),
    conventions: join(dataDir, 'conventions'),
    files: join(dataDir, 'files'),
    recovered: join(dataDir, 'recovered'),
    conventionDir: (id: string) => join(dataDir, 'conventions', safeId(id)),
    record: (id: string) => join(dataDir, 'conventions', safeId(id), 'record.json'),
    versionsDir: (id: string) => join(dataDir, 'conventions', safeId(id), 'v'),
    version: (id: string, n: number) => join(dataDir, 'conventions', safeId(id), 'v', `${versionNumber(n)}.json`),
    filesDir: (id: string) => join(dataDir, 'files', safeId(id)),
  };
}

function versionNumber(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`invalid version number refused: ${n}`);
  return n;
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
  date: z.string().optional(),
  parties: z.array(z.string()).optional(),
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
  origin: z.enum(['created', 'imported', 'duplicated', 'edited', 'autosave', 'renamed', 'restored', 'reopened']).optional(),
  restoredFrom: z.number().int().positive().optional(),
});

const AuditEntrySchema = z.object({
  at: z.string(),
  action: z.enum([
    'created', 'imported', 'duplicated', 'edited', 'renamed', 'restored-version',
    'finalized', 'rendered', 'signed', 'exported', 'trashed', 'restored-from-trash',
    'sent', 'reopened',
  ]),
  detail: z.string().optional(),
});

/** A file as the record keeps it: the path is relative to the data folder, so the folder can move. */
const FileEntrySchema = z.object({
  kind: z.enum(['pdf', 'signed-pdf', 'report']),
  /** `files/<id>/<name>`; that it names this convention's own folder is checked with the id (storedFilePath). */
  relPath: z.string().regex(FILE_REL_PATH),
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
  z.object({ s: z.number().int().positive(), del: z.string().regex(SAFE_ID) }),
]);
