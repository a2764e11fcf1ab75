import type { ParapheApi } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/errors';

/**
 * The preload's API as the wizard sees it. Channels added by other features (PDF rendering,
 * signing) may be absent from an older contract or build: {@link optionalMethod} tells.
 */
export function paraphe(): ParapheApi {
  const api = (globalThis as unknown as { paraphe?: ParapheApi }).paraphe;
  if (!api) throw new Error("L'interface de Paraphe (window.paraphe) est absente : relancez l'application.");
  return api;
}

/** A loosely typed call, for channels this build may not have: undefined when absent. */
export function optionalMethod<I, O>(name: string): ((input: I) => Promise<Result<O>>) | undefined {
  const api = (globalThis as unknown as { paraphe?: Record<string, unknown> }).paraphe;
  const fn = api?.[name];
  return typeof fn === 'function' ? (fn as (input: I) => Promise<Result<O>>).bind(api) : undefined;
}

/** A Result turned into its value, or an Error carrying the French message (for hooks' catch). */
export async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (r.ok) return r.value;
  throw Object.assign(new Error(r.error.message), { code: r.error.code, details: r.error.details });
}
