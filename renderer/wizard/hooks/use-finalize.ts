import { useCallback, useState } from 'react';
import { paraphe, unwrap } from './paraphe';

/** Where finalization stands. */
export type FinalizeState =
  | { readonly status: 'idle' }
  | { readonly status: 'working' }
  | { readonly status: 'error'; readonly message: string };

/**
 * Locks the stored content (`convention:finalize`) once what is on screen is saved. Main
 * re-validates and refuses a convention with errors; its French message is shown as is.
 */
export function useFinalize(id: string, flush: () => Promise<boolean>, onDone: (sha256: string) => void) {
  const [state, setState] = useState<FinalizeState>({ status: 'idle' });
  const finalize = useCallback(async () => {
    setState({ status: 'working' });
    if (!(await flush())) {
      setState({ status: 'error', message: "La dernière modification n'a pas pu être enregistrée : la convention n'est pas finalisée. Réessayez." });
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
