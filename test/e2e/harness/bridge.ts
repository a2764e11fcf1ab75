import type { BrowserContext, Page } from '@playwright/test';
import { channelNames, pushChannelNames } from '../../../shared/ipc/channel-names';
import { methodName, pushMethodName } from '../../../shared/ipc/define';
import type { Dispatch, Push } from '../../../main/ipc/register';

/** Name of the page binding that carries calls to the backend (what ipcRenderer.invoke is in Electron). */
export const BINDING = '__parapheInvoke';

/** Name of the page function the backend calls to push a message (what ipcRenderer.on receives in Electron). */
export const DELIVER = '__parapheDeliver';

/**
 * Gives the page the preload's `window.paraphe`: one named async function per contract
 * channel, each routed to `dispatch` with the calling frame's URL as the sender, exactly as
 * ipcMain passes `event.senderFrame.url`; and `onProgress(listener) → unsubscribe` per push
 * channel, fed by what dispatch pushes to the calling frame only (webContents.send's twin).
 */
export async function installBridge(target: Page | BrowserContext, dispatch: Dispatch): Promise<void> {
  await target.exposeBinding(BINDING, async (source, channel: string, payload: unknown) => {
    // Pushes reach the page in order, and before the call's answer, as Electron's IPC does.
    let delivered: Promise<unknown> = Promise.resolve();
    const push: Push = (name, message) => {
      delivered = delivered
        .then(() => source.frame.evaluate(([fn, n, m]) => (globalThis as unknown as Record<string, (n: string, m: unknown) => void>)[fn]?.(n, m), [DELIVER, name, message] as const))
        .catch(() => undefined); // the page went away: nothing to deliver to
    };
    const result = await dispatch(channel, payload, source.frame.url(), push);
    await delivered;
    return result;
  });
  const methods = channelNames.map((channel) => [methodName(channel), channel] as const);
  const pushes = pushChannelNames.map((channel) => [pushMethodName(channel), channel] as const);
  await target.addInitScript(({ binding, deliver, methods: list, pushes: pushList }) => {
    // Runs in the page; the Node tsconfig has no DOM types, hence globalThis.
    const page = globalThis as unknown as Record<string, (c: string, p: unknown) => Promise<unknown>>;
    const invoke = page[binding];
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const api: Record<string, (input?: unknown) => unknown> = {};
    for (const [method, channel] of list) api[method] = (input?: unknown) => invoke!(channel, input);
    for (const [method, channel] of pushList) {
      api[method] = (listener?: unknown) => {
        if (typeof listener !== 'function') throw new TypeError(`${method} attend une fonction.`);
        // No named function in here: tsx (the bench) would wrap it in an esbuild `__name` helper the page lacks.
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set.add(listener as (p: unknown) => void));
        return () => {
          set.delete(listener as (p: unknown) => void);
        };
      };
    }
    const deliverTo: Record<string, (channel: string, payload: unknown) => void> = {};
    deliverTo[deliver] = (channel, payload) => {
      for (const fn of [...(listeners.get(channel) ?? [])]) fn(payload);
    };
    Object.defineProperty(globalThis, deliver, {
      value: deliverTo[deliver],
      writable: false,
      configurable: false,
      enumerable: false,
    });
    Object.defineProperty(globalThis, 'paraphe', { value: Object.freeze(api), writable: false, configurable: false });
  }, { binding: BINDING, deliver: DELIVER, methods, pushes });
}
