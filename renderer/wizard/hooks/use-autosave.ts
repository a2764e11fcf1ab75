import { useCallback, useEffect, useRef, useState } from 'react';
import type { Convention } from '../../../shared/model/convention';
import { paraphe, unwrap } from './paraphe';

/** Wait after the last change before saving: typing does not save on every keystroke. */
export const AUTOSAVE_DELAY_MS = 700;

/** What the header shows about saving. */
export type SaveState =
  | { readonly status: 'idle' }
  | { readonly status: 'pending' | 'saving' }
  | { readonly status: 'saved'; readonly at: Date }
  | { readonly status: 'error'; readonly message: string };

/**
 * Saves the draft (`convention:save`) a moment after it changes. Saves run one at a time, the
 * latest draft wins, and « Enregistré » is only shown once main has acknowledged the save of
 * the very revision on screen. `flush` saves now and resolves when it is stored (finalizing
 * needs the stored content to be the one on screen).
 */
export function useAutosave(convention: Convention, revision: number, onSaved?: () => void): {
  state: SaveState;
  flush: () => Promise<boolean>;
  dirty: boolean;
} {
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const latest = useRef({ convention, revision });
  latest.current = { convention, revision };
  const savedRevision = useRef(revision);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const saveNow = useCallback(async (): Promise<boolean> => {
    // One save at a time: wait for the one running, then save what is newest.
    while (inFlight.current) await inFlight.current;
    const { convention: c, revision: rev } = latest.current;
    if (rev === savedRevision.current) return true;
    setState({ status: 'saving' });
    const run = (async () => {
      try {
        await unwrap(paraphe().conventionSave({ convention: c, origin: 'autosave' }));
        savedRevision.current = rev;
        onSavedRef.current?.();
        // Only claim « Enregistré » when nothing newer waits to be saved.
        if (latest.current.revision === rev) setState({ status: 'saved', at: new Date() });
        return true;
      } catch (e) {
        setState({ status: 'error', message: (e as Error).message });
        return false;
      }
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, []);

  useEffect(() => {
    if (revision === savedRevision.current) return;
    setState((s) => (s.status === 'saving' ? s : { status: 'pending' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow().then((ok) => {
      // Something changed while saving: save again.
      if (ok && latest.current.revision !== savedRevision.current) void saveNow();
    }), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [revision, saveNow]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    return saveNow();
  }, [saveNow]);

  // Leaving the wizard saves what is pending.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (latest.current.revision !== savedRevision.current) void saveNow();
    },
    [saveNow],
  );

  return { state, flush, dirty: revision !== savedRevision.current };
}
