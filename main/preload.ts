import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../shared/ipc/channel-names';
import { methodName } from '../shared/ipc/define';

/*
 * Runs sandboxed, bundled to CommonJS (scripts/build.mjs). It exposes one named async function
 * per contract channel on `window.paraphe` and nothing else: the renderer never touches
 * ipcRenderer, and a channel that is not in the contract cannot be reached from here.
 * Only the channel names are imported (no zod): main parses every input anyway.
 */

/** Builds the `window.paraphe` object: `conventionSave(input)` → invoke('convention:save', input). */
export function buildApi(invoke: (channel: string, payload: unknown) => Promise<unknown>): Record<string, (input?: unknown) => Promise<unknown>> {
  const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const channel of channelNames) {
    api[methodName(channel)] = (input?: unknown) => invoke(channel, input);
  }
  return Object.freeze(api);
}

contextBridge.exposeInMainWorld('paraphe', buildApi((channel, payload) => ipcRenderer.invoke(channel, payload)));
