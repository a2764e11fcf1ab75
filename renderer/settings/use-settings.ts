import { useCallback, useEffect, useState } from 'react';
import type { Settings, SettingsView, TsaTest } from '../../shared/ipc/channels/settings';
import { api, ApiError, unwrap } from '../api';

/** What the settings screen shows: the stored settings, what the last action did, its error. */
export interface SettingsState {
  readonly view?: SettingsView;
  readonly busy?: 'save' | 'test';
  readonly saved?: boolean;
  readonly tested?: TsaTest;
  /** From main, French: a refused address, a TSA that does not answer… */
  readonly error?: { readonly code: string; readonly message: string; readonly field?: 'tsaUrl' | 'proxyUrl' };
}

const fieldOf = (code: string): 'tsaUrl' | 'proxyUrl' | undefined =>
  code === 'SETTINGS_BAD_PROXY_URL' || code === 'NET_BAD_PROXY' ? 'proxyUrl' : code.startsWith('SETTINGS_') && code !== 'SETTINGS_WRITE_FAILED' ? 'tsaUrl' : undefined;

function failure(e: unknown): SettingsState['error'] {
  if (e instanceof ApiError) return { code: e.code, message: e.message, field: fieldOf(e.code) };
  return { code: 'unexpected', message: e instanceof Error ? e.message : String(e) };
}

/** The settings through main: read once, saved, and « Tester l’horodatage » (main asks the TSA). */
export function useSettings() {
  const [state, setState] = useState<SettingsState>({});
  useEffect(() => {
    let live = true;
    unwrap(api().settingsGet({}))
      .then((view) => live && setState({ view }))
      .catch((e: unknown) => live && setState({ error: failure(e) }));
    return () => {
      live = false;
    };
  }, []);

  const save = useCallback(async (settings: Settings): Promise<boolean> => {
    setState((s) => ({ view: s.view, busy: 'save' }));
    try {
      const view = await unwrap(api().settingsSet(settings));
      setState({ view, saved: true });
      return true;
    } catch (e) {
      setState((s) => ({ view: s.view, error: failure(e) }));
      return false;
    }
  }, []);

  const test = useCallback(async (tsaUrl: string, proxyUrl: string | null) => {
    setState((s) => ({ view: s.view, busy: 'test' }));
    try {
      const tested = await unwrap(api().settingsTestTsa({ tsaUrl, proxyUrl }));
      setState((s) => ({ view: s.view, tested }));
    } catch (e) {
      setState((s) => ({ view: s.view, error: failure(e) }));
    }
  }, []);

  return { state, save, test };
}
