import { useCallback, useState } from 'react';
import { paraphe, unwrap } from './paraphe';

/** The outcome of the last Word export, for the Export step to show. */
export type WordExportOutcome =
  | { readonly kind: 'saved'; readonly fileName: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'error'; readonly message: string };

/**
 * « Exporter en Word »: saves the pending edits first (main exports what it holds), then main
 * asks where to write the .docx and marks it « Projet » unless the convention is finalized.
 */
export function useWordExport(conventionId: string, flush: () => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<WordExportOutcome | null>(null);
  const exportWord = useCallback(async () => {
    setBusy(true);
    setOutcome(null);
    try {
      await flush();
      const r = await unwrap(paraphe().conventionExportWord({ id: conventionId }));
      setOutcome(r.saved ? { kind: 'saved', fileName: r.path.split(/[\\/]/).pop() ?? r.path } : { kind: 'cancelled' });
    } catch (e) {
      setOutcome({ kind: 'error', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }, [conventionId, flush]);
  return { busy, outcome, exportWord };
}
