import type { CallOptions } from '../../../shared/ipc/define';
import type { ProgressEvent, TaskProgress } from '../../../shared/ipc/push';

/** One step of main's long work as one call receives it: the step, tagged with that call's id. */
export type { ProgressEvent, TaskProgress };

/**
 * Runs `call` (one call to main, given the options to pass to `window.paraphe.x(input, options)`)
 * and follows that call's own progress: `onProgress` gets each of its steps, and no other call's
 * (the preload listens for this call's id only, so a preview still rendering and a signature
 * started meanwhile keep their bars apart), then `undefined` once the call is over, whatever its
 * outcome. A build whose preload takes no options just runs the call.
 */
export async function withProgress<T>(call: (options: CallOptions) => Promise<T>, onProgress: (p: ProgressEvent | undefined) => void): Promise<T> {
  try {
    return await call({ onProgress: (p) => onProgress(p) });
  } finally {
    onProgress(undefined);
  }
}
