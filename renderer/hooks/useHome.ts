import { useCallback, useEffect, useState } from 'react';
import type { ConventionSummaryDto } from '../../shared/ipc/channels/conventions';
import type { ParapheApi } from '../../shared/ipc/contract';
import { api, unwrap } from '../api';

/** A template as offered in the creation form. */
export type TemplateOption = Awaited<ReturnType<typeof loadTemplates>>[number];
/** What `app:info` tells the home screen. */
export type AppInfo = Extract<Awaited<ReturnType<ParapheApi['appInfo']>>, { ok: true }>['value'];

async function loadTemplates() {
  return unwrap(api().templateList());
}

/** What the home screen shows: conventions, trash, templates and the app's facts, with a refresh. */
export function useHomeData() {
  const [conventions, setConventions] = useState<ConventionSummaryDto[] | null>(null);
  const [trash, setTrash] = useState<ConventionSummaryDto[] | null>(null);
  const [templates, setTemplates] = useState<TemplateOption[]>([]);
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [list, trashed] = await Promise.all([unwrap(api().conventionList()), unwrap(api().trashList())]);
      setConventions(list);
      setTrash(trashed);
      setLoadError(null);
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
    loadTemplates().then(setTemplates, (e: unknown) => setLoadError(messageOf(e)));
    (async () => unwrap(api().appInfo()))().then(setAppInfo, (e: unknown) => setLoadError(messageOf(e)));
  }, [refresh]);

  return { conventions, trash, templates, appInfo, loadError, refresh };
}

/** The message of a failed call, in French from main. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
