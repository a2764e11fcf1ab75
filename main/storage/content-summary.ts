import type { Convention } from '../../shared/model/convention';
import type { ConventionSummary } from './types';

/**
 * The part of a convention's summary read from its content: what the home list shows, sorts
 * and filters on (title, kind, date, the parties' names) without opening the record.
 */
export type ContentSummary = Pick<ConventionSummary, 'title' | 'shortTitle' | 'kind' | 'date' | 'parties'>;

/** The summary fields of `c`; parties are its entities' names, spaces tidied, each once. */
export function contentSummary(c: Convention): ContentSummary {
  const names = c.parties.flatMap((p) => p.entities.map((e) => e.name.replace(/\s+/g, ' ').trim())).filter(Boolean);
  return { title: c.title, shortTitle: c.shortTitle, kind: c.kind, date: c.date, parties: [...new Set(names)] };
}
