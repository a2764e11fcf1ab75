/**
 * From the settings to the options of a signature: the TSA (B-T), the revocation services
 * (B-LT), the proxy and the timeout for both, and what to do when they cannot be reached.
 * Used by every app path that signs (the wizard, a received copy, a countersigned PDF).
 */
import type { Settings } from '../../shared/ipc/channels/settings';
import type { SignOptions } from '../signing/service';
import { loadSettings } from './settings';

/** What a signature is given from the settings. */
export type LevelOptions = Pick<SignOptions, 'timestamp' | 'validationData' | 'archiveTimestamp' | 'offline'> & {
  /** Said to the user with the outcome when the level asked for is not the one signed at. */
  readonly levelNote?: string;
};

/** Whole exchange with one service: the TSA, an OCSP responder, a CRL server. */
export const NETWORK_TIMEOUT_MS = 10_000;

/** The signing options for `settings`: B-LTA adds a document timestamp after the /DSS, from the same TSA. */
export function levelOptions(settings: Settings, opts: { timeoutMs?: number } = {}): LevelOptions {
  if (settings.level === 'B-B' || !settings.tsaUrl) return {};
  const http = { timeoutMs: opts.timeoutMs ?? NETWORK_TIMEOUT_MS, ...(settings.proxyUrl ? { proxy: settings.proxyUrl } : {}) };
  return {
    timestamp: { url: settings.tsaUrl, ...http },
    ...(settings.level === 'B-LT' || settings.level === 'B-LTA' ? { validationData: http } : {}),
    ...(settings.level === 'B-LTA' ? { archiveTimestamp: true } : {}),
    offline: settings.offline,
  };
}

/** Reads the data folder's settings at each signature (a change on the settings screen counts at once). */
export function levelOptionsFrom(dataDir: string, opts: { timeoutMs?: number } = {}): () => Promise<LevelOptions> {
  return async () => {
    const loaded = await loadSettings(dataDir);
    const options = levelOptions(loaded.settings, opts);
    // A damaged file found here is replaced by the defaults (B-B): the outcome says so.
    return loaded.notice ? { ...options, levelNote: loaded.notice } : options;
  };
}
