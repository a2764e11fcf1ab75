import { z } from 'zod';
import { ConventionKindSchema, ConventionSchema } from '../../model/convention';

/*
 * Channels of the home screen and of the convention's life: list, create, rename, duplicate,
 * trash, versions, finalize, audit, import/export, plus the app's own facts. Inputs are strict
 * objects: an unexpected key is refused rather than ignored, so a confused renderer learns it
 * at once. Outputs are described for the types the renderer sees; main produces them.
 */

const Id = z.string().min(1).max(100);
const NoInput = z.void();
/** Refuses anything longer than this as a title: a title is one line of a cover page. */
const MAX_TITLE = 500;
/** A convention JSON above this is refused before parsing (the seed is ~40 kB). */
export const MAX_IMPORT_CHARS = 20_000_000;

/** Where a convention stands in its life. */
export const ConventionStatusSchema = z.enum(['draft', 'finalized', 'signing', 'signed']);
export type ConventionStatusDto = z.infer<typeof ConventionStatusSchema>;

/** One line of the home list. Mirrors `ConventionSummary` in main/storage/types.ts. */
export const ConventionSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  kind: ConventionKindSchema,
  status: ConventionStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  inTrash: z.boolean(),
});
export type ConventionSummaryDto = z.infer<typeof ConventionSummarySchema>;

/** A generated or signed file kept beside the data. */
export const StoredFileSchema = z.object({
  kind: z.enum(['pdf', 'signed-pdf', 'report']),
  path: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
  label: z.string(),
  version: z.number().int(),
});

/** One convention with its content, lock and files. Mirrors `ConventionRecord`. */
export const ConventionRecordSchema = z.object({
  summary: ConventionSummarySchema,
  convention: ConventionSchema,
  finalized: z.object({ at: z.string(), version: z.number().int(), contentSha256: z.string() }).optional(),
  files: z.array(StoredFileSchema).readonly(),
});
export type ConventionRecordDto = z.infer<typeof ConventionRecordSchema>;

/** One saved version in the history panel. */
export const VersionInfoSchema = z.object({
  version: z.number().int(),
  savedAt: z.string(),
  summary: z.string(),
  contentSha256: z.string(),
  finalized: z.boolean().optional(),
  /** Set when the wizard's autosaves of one sitting made it: `savedAt` is the last of them, `startedAt` the first. */
  autosave: z.object({ startedAt: z.string(), saves: z.number().int().positive() }).optional(),
  /** Set on a restore point: the version made by restoring this earlier one (`convention:restore-version`). */
  restoredFrom: z.number().int().positive().optional(),
});
export type VersionInfoDto = z.infer<typeof VersionInfoSchema>;

export const AuditActionSchema = z.enum([
  'created', 'imported', 'duplicated', 'edited', 'renamed', 'restored-version',
  'finalized', 'rendered', 'signed', 'exported', 'trashed', 'restored-from-trash',
  'sent', 'reopened',
]);
export const AuditEntrySchema = z.object({ at: z.string(), action: AuditActionSchema, detail: z.string().optional() });

/** What start-up found damaged and did about it. Mirrors `RecoveryReport`. */
export const RecoveryReportSchema = z.object({
  items: z.array(z.object({ file: z.string(), movedTo: z.string(), restoredFrom: z.string().optional() })).readonly(),
  message: z.string(),
});

/** One finding of the validator. Mirrors `Finding` in shared/model/migrate.ts. */
export const FindingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  path: z.string(),
  message: z.string(),
  /** Stable name of the problem, for texts in other languages (shared/rules/finding-texts.ts). */
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** A template offered on the home screen. */
export const TemplateInfoSchema = z.object({ id: z.string(), title: z.string(), description: z.string() });

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  /** Set when start-up repaired something; shown once on the home screen. */
  recovery: RecoveryReportSchema.nullable(),
});

const ById = z.strictObject({ id: Id });
const ByVersion = z.strictObject({ id: Id, version: z.number().int().positive() });
const Title = z.string().trim().min(1, 'le titre ne peut pas être vide').max(MAX_TITLE);

/** The contract's convention-side channels. Spread into `contract` in shared/ipc/contract.ts. */
export const conventionChannels = {
  'app:info': { input: NoInput, output: AppInfoSchema },
  'template:list': { input: NoInput, output: z.array(TemplateInfoSchema) },

  'convention:list': { input: NoInput, output: z.array(ConventionSummarySchema) },
  'convention:get': { input: ById, output: ConventionRecordSchema },
  'convention:create': {
    /** `title` is the printed title (« Intitulé »), `shortTitle` the name in lists and file names (« Nom court »). */
    input: z.strictObject({ templateId: Id, title: Title.optional(), shortTitle: Title.optional() }),
    output: ConventionSummarySchema,
  },
  'convention:save': {
    input: z.strictObject({
      convention: ConventionSchema,
      /** Short French summary kept with the version (« Article 3 modifié »). */
      summary: z.string().max(200).optional(),
      /**
       * 'autosave' for the wizard's timed saves: they join the latest version while it is an open
       * autosave version of the same sitting (main/storage/autosave.ts) instead of adding one.
       * Absent means 'explicit': always a new version (the CLI, other callers).
       */
      origin: z.enum(['autosave', 'explicit']).optional(),
    }),
    output: ConventionSummarySchema,
  },
  'convention:rename': {
    /** Renames the printed title, or with `field: 'shortTitle'` the short name the home list shows. */
    input: z.strictObject({ id: Id, title: Title, field: z.enum(['title', 'shortTitle']).optional() }),
    output: ConventionSummarySchema,
  },
  /**
   * What the home list searches and filters on besides the summary: each convention's date and
   * its parties' names (entities), read from the current versions (main keeps them by version).
   */
  'convention:facets': {
    input: NoInput,
    output: z.array(z.object({ id: z.string(), date: z.string(), parties: z.array(z.string()) })),
  },
  /**
   * The PDF being signed (the prepared PDF or the latest signed copy) for the Signature step to
   * show; null before it is prepared. Refused when the file changed outside Paraphe.
   */
  'convention:signing-document': {
    input: ById,
    output: z.object({ base64: z.string(), label: z.string(), signed: z.boolean() }).nullable(),
  },
  'convention:duplicate': { input: ById, output: ConventionSummarySchema },
  'convention:trash': { input: ById, output: ConventionSummarySchema },
  'convention:restore-from-trash': { input: ById, output: ConventionSummarySchema },
  'trash:list': { input: NoInput, output: z.array(ConventionSummarySchema) },
  'trash:empty': { input: NoInput, output: z.object({ removed: z.number().int() }) },

  'convention:versions': { input: ById, output: z.array(VersionInfoSchema) },
  'convention:get-version': { input: ByVersion, output: ConventionSchema },
  'convention:restore-version': { input: ByVersion, output: ConventionSummarySchema },
  'convention:finalize': {
    input: ById,
    output: z.object({ summary: ConventionSummarySchema, contentSha256: z.string() }),
  },
  /**
   * « Rouvrir pour modification »: a finalized (or signed) convention becomes a draft again as a
   * new version; the finalized PDF and the signed copies stay. `signaturesLost` counts the
   * signatures that no longer apply to the text to come.
   */
  'convention:reopen': {
    input: ById,
    output: z.object({ summary: ConventionSummarySchema, signaturesLost: z.number().int().nonnegative() }),
  },
  'convention:audit': { input: ById, output: z.array(AuditEntrySchema) },
  /** Findings for a stored convention (by id) or for a draft held by the renderer. */
  'convention:validate': {
    input: z.union([ById, z.strictObject({ convention: z.unknown() })]),
    output: z.object({ valid: z.boolean(), findings: z.array(FindingSchema) }),
  },

  /** A new avenant (next number) pre-filled from a stored convention: parties, visas, references. */
  'convention:create-avenant': { input: z.strictObject({ baseId: Id }), output: ConventionSummarySchema },

  /**
   * The renderer reads the file the user picked (an <input type="file">) and hands over its
   * text: the sandboxed renderer only ever sees the one file the user chose, and main parses
   * and validates it fully before anything is written.
   */
  'convention:import': {
    input: z.strictObject({ text: z.string().max(MAX_IMPORT_CHARS), fileName: z.string().max(1000).optional() }),
    output: ConventionSummarySchema,
  },
  /** Main asks where to save through its dialog port and writes the JSON there. */
  'convention:export': {
    input: ById,
    output: z.union([
      z.object({ saved: z.literal(true), path: z.string() }),
      z.object({ saved: z.literal(false) }),
    ]),
  },
} as const;
