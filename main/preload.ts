import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './preload-api';

/*
 * Runs sandboxed, bundled to CommonJS (scripts/build.mjs). It exposes one named async function
 * per contract channel on `window.paraphe`, and one `onX(listener) → unsubscribe` per push
 * channel (`onProgress`), and nothing else (see preload-api.ts): the renderer never touches
 * ipcRenderer nor its events, and a channel that is not in the contract cannot be reached.
 * The e2e harness (test/e2e/harness/bridge.ts) runs this very bundle in Chromium.
 */

contextBridge.exposeInMainWorld('paraphe', buildApi(
  (channel, payload, callId) => (callId === undefined ? ipcRenderer.invoke(channel, payload) : ipcRenderer.invoke(channel, payload, callId)),
  (channel, listener) => {
    // Only the payload crosses: the IPC event (and its sender) stays in the preload.
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
));
