import { z } from 'zod';

/*
 * What main pushes to the window on its own, without being asked: progress of long work
 * (rendering a PDF, signing a big file). One push channel, declared here once; the preload
 * exposes `onProgress(listener) → unsubscribe` from its name (scripts/build.mjs generates the
 * list the preload imports), and main sends only to the window whose call started the work.
 */

/** One step of a long task: `done` of `total` in `phase` (total 0: not counted yet). */
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

/** The push channel of progress. */
export const PROGRESS_CHANNEL = 'paraphe:progress';

/** The push channels of the contract: main → the window that asked. */
export const pushContract = {
  [PROGRESS_CHANNEL]: TaskProgressSchema,
} as const;
