import { useCallback, useEffect, useState } from 'react';
import type { ConventionRecordDto } from '../../../shared/ipc/channels/conventions';
import { paraphe, unwrap } from './paraphe';

/** Loading state of the convention the wizard edits. */
export type RecordState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly record: ConventionRecordDto };

/** Loads one stored convention (`convention:get`); `reload` fetches it again. */
export function useConventionRecord(id: string): { state: RecordState; reload: () => Promise<ConventionRecordDto | undefined> } {
  const [state, setState] = useState<RecordState>({ status: 'loading' });
  const reload = useCallback(async () => {
    try {
      const record = await unwrap(paraphe().conventionGet({ id }));
      setState({ status: 'ready', record });
      return record;
    } catch (e) {
      setState({ status: 'error', message: (e as Error).message });
      return undefined;
    }
  }, [id]);
  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);
  return { state, reload };
}
