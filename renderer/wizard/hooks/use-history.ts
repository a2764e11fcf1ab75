import { useCallback, useEffect, useState } from 'react';
import type { VersionInfoDto } from '../../../shared/ipc/channels/conventions';
import { conventionLines, diffLines, type DiffLine } from '../model/compare';
import { paraphe, unwrap } from './paraphe';

/** One saved version, as `convention:versions` gives it (autosave span, finalized, restore point). */
export type VersionRow = VersionInfoDto;

/** One line of the audit log (mirrors `convention:audit`). */
export interface AuditRow {
  readonly at: string;
  readonly action: string;
  readonly detail?: string;
}

/** Versions and audit log of a convention, loaded when the panel opens; restore a version. */
export function useHistory(id: string, open: boolean, flush: () => Promise<boolean>) {
  const [versions, setVersions] = useState<readonly VersionRow[]>([]);
  const [audit, setAudit] = useState<readonly AuditRow[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const load = useCallback(async () => {
    try {
      await flush();
      const [v, a] = await Promise.all([unwrap(paraphe().conventionVersions({ id })), unwrap(paraphe().conventionAudit({ id }))]);
      setVersions(v);
      setAudit(a);
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [id, flush]);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  /** Makes `version` current again (as a new version); resolves true when main did it. */
  const restore = useCallback(
    async (version: number) => {
      try {
        await flush();
        await unwrap(paraphe().conventionRestoreVersion({ id, version }));
        return true;
      } catch (e) {
        setError((e as Error).message);
        return false;
      }
    },
    [id, flush],
  );
  /** The two versions' text, compared line by line (older → newer). */
  const compare = useCallback(
    async (older: number, newer: number): Promise<DiffLine[] | undefined> => {
      try {
        const [a, b] = await Promise.all([
          unwrap(paraphe().conventionGetVersion({ id, version: older })),
          unwrap(paraphe().conventionGetVersion({ id, version: newer })),
        ]);
        return diffLines(conventionLines(a), conventionLines(b));
      } catch (e) {
        setError((e as Error).message);
        return undefined;
      }
    },
    [id],
  );
  return { versions, audit, error, restore, compare, reload: load };
}
