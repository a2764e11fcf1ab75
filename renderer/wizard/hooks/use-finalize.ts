import { useCallback, useState } from 'react';
import { paraphe, unwrap } from './paraphe';

/** Where finalization stands. */
export type FinalizeState =
  | { readonly status: 'idle' }
  | { readonly status: 'working' }
  /** Main refused: its French message, shown as is. */
  | { readonly status: 'error'; readonly message: string }
  /** What is on screen could not be saved first, so nothing was finalized (the step words it). */
  | { readonly status: 'not-saved' };

/**
 * Locks the stored content (`convention:finalize`) once what is on screen is saved. Main
 * re-validates and refuses a convention with errors; its French message is shown as is.
 */
export function useFinalize(id: string, flush: () => Promise<boolean>, onDone: (sha256: string) => void) {
  const [state, setState] = useState<FinalizeState>({ status: 'idle' });
  const finalize = useCallback(async () => {
    setState({ status: 'working' });
    if (!(await flush())) {
      setState({ status: 'not-saved' });
      return;
    }
    try {
      const out = await unwrap(paraphe().conventionFinalize({ id }));
      setState({ status: 'idle' });
      onDone(out.contentSha256);
    } catch (e) {
      setState({ status: 'error', message: (e as Error).message });
    }
  }, [id, flush, onDone]);
  return { state, finalize };
}
