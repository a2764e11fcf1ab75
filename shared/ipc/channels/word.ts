import { z } from 'zod';
import { ConventionSummarySchema, FindingSchema } from './conventions';

/*
 * Word in and out. Both go through main's file dialogs: the renderer never sees a path it
 * did not get back from main, and never sends bytes of a file.
 */

const Id = z.string().min(1).max(100);

/** The contract's Word channels. Spread into `contract` in shared/ipc/contract.ts. */
export const wordChannels = {
  /**
   * Main asks where to save (« Enregistrer en Word ») and writes the .docx there, marked
   * « Projet » unless the convention is finalized. `saved: false` when the user cancelled.
   */
  'convention:export-word': {
    input: z.strictObject({ id: Id }),
    output: z.union([
      z.object({ saved: z.literal(true), path: z.string() }),
      z.object({ saved: z.literal(false) }),
    ]),
  },
  /**
   * Main asks which .docx to open, reads it into a new draft stored with the others, and
   * returns it with what the reader noticed (« Paragraphe non reconnu, placé dans l'article 3 :
   * vérifiez »). `null` when the user cancelled. A refused file (.doc, password, damaged, too
   * large once unzipped) is a French error and nothing is created.
   */
  'convention:import-word': {
    input: z.void(),
    output: z.object({ summary: ConventionSummarySchema, findings: z.array(FindingSchema) }).nullable(),
  },
  /**
   * What the Word reader noticed, kept with the draft (a report file beside it) so that it shows
   * again each time the draft opens; null when there is none or once the user dismissed it.
   */
  'convention:import-findings': {
    input: z.strictObject({ id: Id }),
    output: z.object({ source: z.string(), importedAt: z.string(), findings: z.array(FindingSchema) }).nullable(),
  },
  /** The user read the import's findings: they no longer show (a new, empty report records it). */
  'convention:dismiss-import-findings': {
    input: z.strictObject({ id: Id }),
    output: z.object({ dismissed: z.boolean() }),
  },
} as const;
