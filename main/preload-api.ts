import { PROGRESS_CHANNEL } from '../shared/ipc/call-progress';
import { channelNames, pushChannelNames } from '../shared/ipc/channel-names';
import { methodName, pushMethodName } from '../shared/ipc/define';

/*
 * What the preload (main/preload.ts) exposes as `window.paraphe`, apart from Electron so that
 * tests can wire it to main's dispatch without an Electron binary. Only the channel names are
 * imported (no zod): main parses every input anyway.
 */

/** Sends one call to main: `callId` only when the renderer follows the call's progress. */
export type Invoke = (channel: string, payload: unknown, callId?: string) => Promise<unknown>;

/** Subscribes to a push channel; returns the unsubscribe. */
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/** Options of {@link buildApi}; the app passes none. */
export interface BuildApiOptions {
  /** The call channels (default: the contract's). */
  readonly channels?: readonly string[];
  /** The push channels (default: the contract's). */
  readonly pushChannels?: readonly string[];
  /** Start of this page's call ids (default: random), so they differ from an earlier page's in the same window, whose calls main may still be working on. */
  readonly nonce?: string;
}

/**
 * Builds the `window.paraphe` object: `conventionSave(input)` → invoke('convention:save', input);
 * `pdfPreview(input, { onProgress })` → invoke('pdf:preview', input, callId) with `onProgress`
 * fed the events tagged `callId` only, until the call settles; `onProgress(fn)` → every progress
 * event of this window, whatever its call.
 */
export function buildApi(invoke: Invoke, subscribe: Subscribe, options: BuildApiOptions = {}): Record<string, (input?: unknown, options?: unknown) => unknown> {
  const { channels = channelNames, pushChannels = pushChannelNames, nonce = randomNonce() } = options;
  let calls = 0;
  const api: Record<string, (input?: unknown, options?: unknown) => unknown> = {};
  for (const channel of channels) {
    const method = methodName(channel);
    api[method] = (input?: unknown, callOptions?: unknown) => {
      const onProgress = callOptions === undefined || callOptions === null ? undefined : (callOptions as { onProgress?: unknown }).onProgress;
      if (onProgress === undefined) return invoke(channel, input);
      if (typeof onProgress !== 'function') throw new TypeError(`${method} : onProgress doit être une fonction.`);
      calls += 1;
      const callId = `${nonce}-${calls}`;
      const off = subscribe(PROGRESS_CHANNEL, (payload) => {
        if (typeof payload === 'object' && payload !== null && (payload as { callId?: unknown }).callId === callId) (onProgress as (p: unknown) => void)(payload);
      });
      // Listening stops when the call settles: a late event can reach no one.
      return invoke(channel, input, callId).finally(off);
    };
  }
  for (const channel of pushChannels) {
    api[pushMethodName(channel)] = (listener?: unknown) => {
      if (typeof listener !== 'function') throw new TypeError(`${pushMethodName(channel)} attend une fonction.`);
      return subscribe(channel, (payload) => (listener as (p: unknown) => void)(payload));
    };
  }
  return Object.freeze(api);
}

/** 10 base-36 characters: unique enough between two loads of one window (ids are not secrets). */
function randomNonce(): string {
  return Math.random().toString(36).slice(2, 12).padEnd(10, '0');
}
