import type { TaskProgress } from '../../../shared/ipc/push';

/** One step of main's long work, as `window.paraphe.onProgress` delivers it. */
export type { TaskProgress };

/**
 * Runs `work` (a call to main) while listening to the progress main pushes to this window:
 * `onProgress` gets each step, then `undefined` once the call is over, whatever its outcome.
 * A build without the push channel just runs the work.
 */
export async function withProgress<T>(work: () => Promise<T>, onProgress: (p: TaskProgress | undefined) => void): Promise<T> {
  const api = (globalThis as unknown as { paraphe?: { onProgress?: (fn: (p: TaskProgress) => void) => () => void } }).paraphe;
  const off = typeof api?.onProgress === 'function' ? api.onProgress((p) => onProgress(p)) : undefined;
  try {
    return await work();
  } finally {
    off?.();
    onProgress(undefined);
  }
}
