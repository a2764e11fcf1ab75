import { useCallback, useState } from 'react';
import { paraphe, unwrap } from './paraphe';

/** Where « Rouvrir pour modification » stands. */
export type ReopenState =
  | { readonly status: 'idle' }
  /** Asking for confirmation: `signed` is how many signatures the new text will lose (undefined while counting). */
  | { readonly status: 'confirming'; readonly signed?: number }
  | { readonly status: 'working' }
  | { readonly status: 'error'; readonly message: string };

/**
 * « Rouvrir pour modification »: counts the signatures already on the PDF (`signature:state`),
 * asks, then `convention:reopen` (a new version, the finalized one and the signed copies kept).
 */
export function useReopen(conventionId: string, onReopened: () => void) {
  const [state, setState] = useState<ReopenState>({ status: 'idle' });
  const ask = useCallback(async () => {
    setState({ status: 'confirming' });
    const r = await paraphe().signatureState({ conventionId });
    setState((s) => (s.status === 'confirming' ? { status: 'confirming', signed: r.ok ? r.value.signedCount : 0 } : s));
  }, [conventionId]);
  const cancel = useCallback(() => setState({ status: 'idle' }), []);
  const confirm = useCallback(async () => {
    setState({ status: 'working' });
    try {
      await unwrap(paraphe().conventionReopen({ id: conventionId }));
      setState({ status: 'idle' });
      onReopened();
    } catch (e) {
      setState({ status: 'error', message: (e as Error).message });
    }
  }, [conventionId, onReopened]);
  return { state, ask, cancel, confirm };
}
