import type { ApiFor } from './define';
import { conventionChannels } from './channels/conventions';
import { pdfChannels } from './channels/pdf';
import { signingChannels } from './channels/signing';

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
} as const;

/** Every channel name of the contract. */
export type Channel = keyof typeof contract & string;

/** The renderer's `window.paraphe`: `conventionSave(input)` for `'convention:save'`, etc. */
export type ParapheApi = ApiFor<typeof contract>;
