import { z } from 'zod';
import { CALL_ID_PATTERN, PROGRESS_CHANNEL } from './call-progress';

/*
 * What main pushes to the window on its own, without being asked: progress of long work
 * (rendering a PDF, signing a big file). One push channel, declared here once; the preload
 * exposes `onProgress(listener) → unsubscribe` from its name (scripts/build.mjs generates the
 * list the preload imports), and main sends only to the window whose call started the work,
 * only for a call that asked (it sent a call id, see call-progress.ts), each event tagged with
 * that call's id so that two long calls of one window never mix their bars.
 */

export { PROGRESS_CHANNEL };

/** The id a call's progress is tagged with, made up by the preload and checked by main. */
export const CallIdSchema = z.string().regex(CALL_ID_PATTERN);

/** One step of a long task, as a handler reports it: `done` of `total` in `phase` (total 0: not counted yet). */
export const TaskProgressSchema = z.strictObject({
  /** Which kind of work: rendering a PDF, or signing one. */
  task: z.enum(['render', 'sign']),
  /**
   * layout: pages being laid out (not counted yet); draw: page `done` of `total` drawn;
   * hash: bytes hashed; sign: the signature computed; write: the file written.
   */
  phase: z.enum(['layout', 'draw', 'hash', 'sign', 'write']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type TaskProgress = z.infer<typeof TaskProgressSchema>;

/** What crosses to the window: a step, tagged with the id of the call it belongs to. */
export const ProgressEventSchema = TaskProgressSchema.extend({ callId: CallIdSchema });
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** Main asks the window to show a screen (the menu's « Réglages de signature… »). */
export const NAVIGATE_CHANNEL = 'paraphe:navigate';
export const NavigateEventSchema = z.strictObject({ to: z.enum(['settings']) });

/** The push channels of the contract: main → the window that asked (progress), or the focused window (navigation). */
export const pushContract = {
  [PROGRESS_CHANNEL]: ProgressEventSchema,
  [NAVIGATE_CHANNEL]: NavigateEventSchema,
} as const;
