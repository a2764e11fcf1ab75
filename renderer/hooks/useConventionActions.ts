import { useCallback, useState } from 'react';
import type { ConventionSummaryDto } from '../../shared/ipc/channels/conventions';
import { api, unwrap } from '../api';
import type { Messages } from '../i18n/messages';
import { messageOf } from './useHome';
import { displayName } from '../home/list-filter';

/** A message shown after an action: success (maybe with « Annuler ») or the French error. */
export interface Notice {
  readonly severity: 'success' | 'error' | 'info';
  readonly text: string;
  /** An undo for a reversible action (trash → restore). */
  readonly undo?: () => void;
}

/**
 * Every home-screen action over IPC. Each runs one call, refreshes the lists, and leaves a
 * notice: the renderer never decides on its own that something was saved.
 */
export function useConventionActions(t: Messages, refresh: () => Promise<void>) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async <T,>(call: () => Promise<T>, success: (value: T) => Notice | null): Promise<T | undefined> => {
    setBusy(true);
    try {
      const value = await call();
      setNotice(success(value));
      return value;
    } catch (e) {
      setNotice({ severity: 'error', text: messageOf(e) });
      return undefined;
    } finally {
      setBusy(false);
      await refresh();
    }
  }, [refresh]);

  const restore = useCallback((id: string) =>
    run(() => unwrap(api().conventionRestoreFromTrash({ id })), (s) => ({ severity: 'success', text: t.restored(displayName(s)) })), [run, t]);

  return {
    notice,
    busy,
    dismissNotice: () => setNotice(null),
    // The home screen names a new convention by its short name (« Nom court »), and renames that.
    create: (templateId: string, shortTitle?: string) =>
      run(() => unwrap(api().conventionCreate(shortTitle ? { templateId, shortTitle } : { templateId })), (s) => ({ severity: 'success', text: t.created(displayName(s)) })),
    rename: (id: string, shortTitle: string) =>
      run(() => unwrap(api().conventionRename({ id, title: shortTitle, field: 'shortTitle' })), (s) => ({ severity: 'success', text: t.renamed(displayName(s)) })),
    duplicate: (id: string) =>
      run(() => unwrap(api().conventionDuplicate({ id })), (s) => ({ severity: 'success', text: t.duplicated(displayName(s)) })),
    trash: (item: ConventionSummaryDto) =>
      run(() => unwrap(api().conventionTrash({ id: item.id })), (s) => ({ severity: 'success', text: t.trashed(displayName(s)), undo: () => void restore(item.id) })),
    restore,
    emptyTrash: () =>
      run(() => unwrap(api().trashEmpty()), (r) => ({ severity: 'success', text: t.trashEmptied(r.removed) })),
    createAvenant: (baseId: string) =>
      run(() => unwrap(api().conventionCreateAvenant({ baseId })), (s) => ({ severity: 'success', text: t.avenantCreated(displayName(s)) })),
    importText: (text: string, fileName: string) =>
      run(() => unwrap(api().conventionImport({ text, fileName })), (s) => ({ severity: 'success', text: t.imported(displayName(s)) })),
    /** Main asks for the .docx; `null` when the user cancelled (no notice then). */
    importWord: () =>
      run(() => unwrap(api().conventionImportWord()), (r) => (r ? { severity: 'success', text: t.wordImported(displayName(r.summary), r.findings.length) } : null)),
    exportWord: (id: string) =>
      run(() => unwrap(api().conventionExportWord({ id })), (r) => (r.saved ? { severity: 'success', text: t.wordExported(fileName(r.path)) } : { severity: 'info', text: t.wordExportCancelled })),
    exportOne: (id: string) =>
      run(() => unwrap(api().conventionExport({ id })), (r) => (r.saved ? { severity: 'success', text: t.exported(r.path) } : { severity: 'info', text: t.exportCancelled })),
  };
}

/** The last part of a path main chose, whatever the OS's separator. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
