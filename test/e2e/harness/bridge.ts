import type { BrowserContext, Page } from '@playwright/test';
import { channelNames } from '../../../shared/ipc/channel-names';
import { methodName } from '../../../shared/ipc/define';
import type { Dispatch } from '../../../main/ipc/register';

/** Name of the page binding that carries calls to the backend (what ipcRenderer.invoke is in Electron). */
export const BINDING = '__parapheInvoke';

/**
 * Gives the page the preload's `window.paraphe`: one named async function per contract
 * channel, each routed to `dispatch` with the calling frame's URL as the sender, exactly as
 * ipcMain passes `event.senderFrame.url`.
 */
export async function installBridge(target: Page | BrowserContext, dispatch: Dispatch): Promise<void> {
  await target.exposeBinding(BINDING, async (source, channel: string, payload: unknown) => dispatch(channel, payload, source.frame.url()));
  const methods = channelNames.map((channel) => [methodName(channel), channel] as const);
  await target.addInitScript(({ binding, methods: list }) => {
    // Runs in the page; the Node tsconfig has no DOM types, hence globalThis.
    const page = globalThis as unknown as Record<string, (c: string, p: unknown) => Promise<unknown>>;
    const invoke = page[binding];
    const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const [method, channel] of list) api[method] = (input?: unknown) => invoke!(channel, input);
    Object.defineProperty(globalThis, 'paraphe', { value: Object.freeze(api), writable: false, configurable: false });
  }, { binding: BINDING, methods });
}
