import type { ApiFor, PushApiFor } from './define';
import { conventionChannels } from './channels/conventions';
import { pdfChannels } from './channels/pdf';
import { extendChannels, signingChannels } from './channels/signing';
import { pkcs11Channels } from './channels/pkcs11';
import { wordChannels } from './channels/word';
import { settingsChannels } from './channels/settings';
import { pushContract } from './push';

export { pushContract, TaskProgressSchema, type TaskProgress } from './push';

/**
 * The one IPC contract: every channel between the renderer and main, with the zod schema
 * main parses its input with and the shape of its output. Main registers a handler per key
 * (main/ipc/register.ts), the preload exposes one function per key (main/preload.ts), and the
 * renderer sees `window.paraphe` typed as {@link ParapheApi}.
 */
export const contract = {
  ...conventionChannels,
  ...pdfChannels,
  ...signingChannels,
  ...extendChannels,
  ...pkcs11Channels,
  ...wordChannels,
  ...settingsChannels,
} as const;

/** Every channel name of the contract. */
export type Channel = keyof typeof contract & string;

/** Every push channel name (main → window). */
export type PushChannel = keyof typeof pushContract & string;

/**
 * The renderer's `window.paraphe`: `conventionSave(input)` for `'convention:save'`, etc., and
 * `onProgress(listener)` (returns its unsubscribe) for the push channel `'paraphe:progress'`.
 */
export type ParapheApi = ApiFor<typeof contract> & PushApiFor<typeof pushContract>;
