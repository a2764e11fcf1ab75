/*
 * How one call asks for its own progress, in plain TypeScript (no zod): the sandboxed preload
 * imports this, and shared/ipc/push.ts builds the schemas main checks with from the same values.
 *
 * The renderer's side of the call (the preload) makes up a call id, sends it with the invoke as
 * a second argument, and listens to 'paraphe:progress' for that id only; main validates the id
 * and echoes it in every progress event of that call. Main assigns nothing and keeps no state,
 * so the renderer never depends on the order in which main answers or pushes: an event is its
 * call's or it is ignored, even one that arrives late from an earlier call or an earlier page.
 */

/** The push channel of progress (main → the window whose call is working). */
export const PROGRESS_CHANNEL = 'paraphe:progress';

/** A call id: 1 to 64 letters, digits, `_` or `-` (the preload's ids are « page nonce - counter »). */
export const CALL_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
