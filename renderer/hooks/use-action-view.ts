import { useCallback, useRef, useState } from 'react';

/** What every screen that calls main shows: whether an action runs, and main's French error. */
export interface ActionViewBase {
  readonly busy: boolean;
  readonly error?: string;
}

/**
 * The state of a screen whose actions call main. `run(work)` marks the screen busy, clears the
 * error and the last outcome (`reset`, read once), and turns a failure into the message main
 * worded in French; it resolves to `undefined` when the work failed.
 */
export function useActionView<V extends ActionViewBase>(initial: V, reset: Partial<V>) {
  const [view, setView] = useState<V>(initial);
  const cleared = useRef(reset).current;
  const patch = useCallback((p: Partial<V>) => setView((s) => ({ ...s, ...p })), []);
  const run = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
      patch({ ...cleared, busy: true, error: undefined });
      try {
        const out = await work();
        patch({ busy: false } as Partial<V>);
        return out;
      } catch (e) {
        patch({ busy: false, error: (e as Error).message } as Partial<V>);
        return undefined;
      }
    },
    [patch, cleared],
  );
  return { view, patch, run };
}
