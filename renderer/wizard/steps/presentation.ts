import type { Convention, Presentation } from '../../../shared/model/convention';

/**
 * The convention with one presentation choice changed. A choice back at its default (a box
 * unchecked) is removed, and an emptied presentation with it: checking then unchecking gives
 * back the same content, and the same hash.
 */
export function withPresentation(c: Convention, patch: Partial<Omit<Presentation, 'blocMarque'>>): Convention {
  const next: Record<string, unknown> = { ...c.presentation, ...patch };
  for (const key of ['hyphenation', 'amountsInWords'] as const) if (next[key] !== true) delete next[key];
  if (next.firstArticle === undefined) delete next.firstArticle;
  const { presentation: _old, ...rest } = c;
  return Object.keys(next).length > 0 ? { ...rest, presentation: next as Presentation } : rest;
}
