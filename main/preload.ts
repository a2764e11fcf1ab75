import { contextBridge, ipcRenderer } from 'electron';
import { channelNames, pushChannelNames } from '../shared/ipc/channel-names';
import { methodName, pushMethodName } from '../shared/ipc/define';

/*
 * Runs sandboxed, bundled to CommonJS (scripts/build.mjs). It exposes one named async function
 * per contract channel on `window.paraphe`, and one `onX(listener) → unsubscribe` per push
 * channel (`onProgress`), and nothing else: the renderer never touches ipcRenderer nor its
 * events, and a channel that is not in the contract cannot be reached from here.
 * Only the channel names are imported (no zod): main parses every input anyway.
 */

/** Subscribes to a push channel; returns the unsubscribe. */
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/** Builds the `window.paraphe` object: `conventionSave(input)` → invoke('convention:save', input); `onProgress(fn)` → subscribe('paraphe:progress', fn). */
export function buildApi(
  invoke: (channel: string, payload: unknown) => Promise<unknown>,
  subscribe: Subscribe,
): Record<string, (input?: unknown) => unknown> {
  const api: Record<string, (input?: unknown) => unknown> = {};
  for (const channel of channelNames) {
    api[methodName(channel)] = (input?: unknown) => invoke(channel, input);
  }
  for (const channel of pushChannelNames) {
    api[pushMethodName(channel)] = (listener?: unknown) => {
      if (typeof listener !== 'function') throw new TypeError(`${pushMethodName(channel)} attend une fonction.`);
      return subscribe(channel, (payload) => (listener as (p: unknown) => void)(payload));
    };
  }
  return Object.freeze(api);
}

contextBridge.exposeInMainWorld('paraphe', buildApi(
  (channel, payload) => ipcRenderer.invoke(channel, payload),
  (channel, listener) => {
    // Only the payload crosses: the IPC event (and its sender) stays in the preload.
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
));
