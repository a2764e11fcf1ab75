import type { BrowserContext, Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Dispatch, Push } from '../../../main/ipc/register';

/** Name of the page binding that carries calls to the backend (what ipcRenderer.invoke is in Electron). */
export const BINDING = '__parapheInvoke';

/** Name of the page function the backend calls to push a message (what ipcRenderer.on receives in Electron). */
export const DELIVER = '__parapheDeliver';

/** The app's own preload, as `npm run build` bundles it for Electron. */
export const PRELOAD_BUNDLE = process.env.PARAPHE_OUT_DIR
  ? resolve(process.env.PARAPHE_OUT_DIR, 'main/preload.cjs')
  : fileURLToPath(new URL('../../../out/main/preload.cjs', import.meta.url));

/**
 * Gives the page the preload's `window.paraphe` by running the built preload itself
 * (out/main/preload.cjs) in the page, its `electron` answered by a stand-in: contextBridge
 * defines the global, ipcRenderer.invoke goes through a page binding to `dispatch` with the
 * calling frame's URL as the sender (what ipcMain passes as `event.senderFrame.url`) and the
 * same arguments (input, and the call id when the page follows the call's progress), and what
 * dispatch pushes reaches that frame's ipcRenderer.on listeners only (webContents.send's twin).
 * So the per-call progress filtering, the method names and the freezing are the preload's own.
 */
export async function installBridge(target: Page | BrowserContext, dispatch: Dispatch): Promise<void> {
  if (!existsSync(PRELOAD_BUNDLE)) throw new Error(`Preload non construit (${PRELOAD_BUNDLE} manque) : lancez « npm run build » avant les tests e2e.`);
  const preload = readFileSync(PRELOAD_BUNDLE, 'utf8');
  await target.exposeBinding(BINDING, async (source, channel: string, payload: unknown, callId?: unknown) => {
    // Pushes reach the page in order, and before the call's answer, as Electron's IPC does.
    let delivered: Promise<unknown> = Promise.resolve();
    const push: Push = (name, message) => {
      delivered = delivered
        .then(() => source.frame.evaluate(([fn, n, m]) => (globalThis as unknown as Record<string, (n: string, m: unknown) => void>)[fn]?.(n, m), [DELIVER, name, message] as const))
        .catch(() => undefined); // the page went away: nothing to deliver to
    };
    const result = await dispatch(channel, payload, source.frame.url(), push, callId);
    await delivered;
    return result;
  });
  // The preload's CommonJS bundle, wrapped as Node would wrap a module; given as script text
  // (not eval'd in the page, which the CSP forbids). tsx (the bench) compiles the stand-in with
  // esbuild's keepNames, which wraps its functions in a `__name` helper: the page gets a no-op one.
  const content = [
    '(() => {',
    'const __name = (fn) => fn;',
    `(${electronStandIn.toString()})(${JSON.stringify({ binding: BINDING, deliver: DELIVER })}, function (module, exports, require) {`,
    preload,
    '});',
    '})();',
  ].join('\n');
  await target.addInitScript({ content });
}

/** Runs in the page (serialised with toString()): the `electron` the preload requires. The Node tsconfig has no DOM types, hence globalThis. */
const electronStandIn = (
  names: { binding: string; deliver: string },
  preload: (module: { exports: unknown }, exports: unknown, require: (name: string) => unknown) => void,
): void => {
  const page = globalThis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const invoke = page[names.binding]!;
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => {
        Object.defineProperty(globalThis, key, { value, writable: false, configurable: false });
      },
    },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => invoke(channel, ...args),
      on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(fn));
      },
      removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
        listeners.get(channel)?.delete(fn);
      },
    },
  };
  Object.defineProperty(globalThis, names.deliver, {
    value: (channel: string, payload: unknown) => {
      // An IpcRendererEvent stand-in: the preload passes on the payload only.
      for (const fn of [...(listeners.get(channel) ?? [])]) fn({}, payload);
    },
    writable: false,
    configurable: false,
    enumerable: false,
  });
  const module = { exports: {} };
  preload(module, module.exports, (name) => {
    if (name === 'electron') return electron;
    throw new Error(`module interdit dans un preload sandboxé : ${name}`);
  });
};
