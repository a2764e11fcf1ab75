import { randomBytes } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import type { HandlersFor } from '../../../shared/ipc/define';
import type { settingsChannels, Settings, SettingsView } from '../../../shared/ipc/channels/settings';
import { HIGHEST_LEVEL, checkSettings, loadSettings, mergeProxyCredentials, saveSettings, shownProxy, NETWORK_TIMEOUT_MS } from '../../settings/index';
import { requestTimestamp } from '../../signing/ltv/tsa-client';
import { TrustStore } from '../../signing/stores';

/** What the settings handlers need: the data folder (settings.json, the trust list). */
export interface SettingsHandlerDeps {
  readonly dataDir: string;
  /** Whole exchange of « Tester l’horodatage » (default: the signatures' own). */
  readonly timeoutMs?: number;
}

/**
 * The handlers of the settings channels. The proxy's credentials never go back to the
 * renderer (« *** » stands for them, and is replaced by the stored ones on the way in); the
 * TSA is asked from here, main, never from the renderer.
 */
export function createSettingsHandlers(deps: SettingsHandlerDeps): HandlersFor<typeof settingsChannels> {
  const trust = new TrustStore(deps.dataDir);
  const view = (settings: Settings, notice?: string): SettingsView => ({
    settings: { ...settings, proxyUrl: shownProxy(settings.proxyUrl) },
    proxyHasCredentials: settings.proxyUrl !== null && shownProxy(settings.proxyUrl) !== settings.proxyUrl,
    highestLevel: HIGHEST_LEVEL,
    ...(notice ? { notice } : {}),
  });

  return {
    'settings:get': async () => {
      // A damaged file is reported by the read that finds it, which replaces it by the defaults.
      const loaded = await loadSettings(deps.dataDir);
      return view(loaded.settings, loaded.notice);
    },
    'settings:set': async (input) => {
      const stored = (await loadSettings(deps.dataDir)).settings;
      const saved = await saveSettings(deps.dataDir, { ...input, proxyUrl: mergeProxyCredentials(input.proxyUrl, stored.proxyUrl) });
      return view(saved);
    },
    'settings:test-tsa': async (input) => {
      const stored = (await loadSettings(deps.dataDir)).settings;
      const tsaUrl = input.tsaUrl?.trim() || stored.tsaUrl;
      if (!tsaUrl) throw new UserError('SETTINGS_NO_TSA', 'Indiquez d’abord l’adresse de l’autorité d’horodatage, puis testez-la.');
      const proxyUrl = input.proxyUrl === undefined ? stored.proxyUrl : mergeProxyCredentials(input.proxyUrl, stored.proxyUrl);
      // The same checks as for storing (addresses only: the level does not matter here).
      const checked = checkSettings({ tsaUrl, proxyUrl, level: 'B-T', offline: 'refuse' });
      const started = performance.now();
      const granted = await requestTimestamp(
        randomBytes(32),
        { url: checked.tsaUrl!, timeoutMs: deps.timeoutMs ?? NETWORK_TIMEOUT_MS, ...(checked.proxyUrl ? { proxy: checked.proxyUrl } : {}) },
        await trust.anchors(),
      );
      return { time: granted.check.time.toISOString(), authority: granted.check.authority, elapsedMs: Math.round(performance.now() - started) };
    },
  };
}
