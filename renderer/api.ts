import type { ParapheApi } from '../shared/ipc/contract';

declare global {
  interface Window {
    /** Built by the preload (main/preload.ts) from the IPC contract. */
    readonly paraphe: ParapheApi;
  }
}

/** The preload's API. Hooks call this; components receive data and callbacks as props. */
export function api(): ParapheApi {
  if (!window.paraphe) throw new Error('window.paraphe manquant : la page doit être ouverte par Paraphe.');
  return window.paraphe;
}

/** The value inside a Result envelope, or throws an Error carrying the French message and code. */
export async function unwrap<T>(call: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const result = await call;
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.message);
}

/** A failed call: the code from main and its French message, ready to show. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}
