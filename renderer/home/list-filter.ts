import type { ConventionSummaryDto, ConventionStatusDto } from '../../shared/ipc/channels/conventions';

/*
 * The home list's search, filters and sort, pure: the screen holds the choices, this says
 * which rows show and in what order.
 */

/** The convention's date and its parties' names (`convention:facets`). */
export interface Facets {
  readonly date: string;
  readonly parties: readonly string[];
}

/** What the user chose above the list. */
export interface ListQuery {
  readonly text: string;
  readonly status: ConventionStatusDto | '';
  readonly party: string;
  readonly year: string;
  readonly sort: 'updated' | 'title' | 'date';
}

export const EMPTY_QUERY: ListQuery = { text: '', status: '', party: '', year: '', sort: 'updated' };

/** The name the lists show: the « Nom court », or the « Intitulé » while it is empty. */
export function displayName(s: Pick<ConventionSummaryDto, 'title' | 'shortTitle'>): string {
  return s.shortTitle.trim() || s.title;
}

/** Lower case without accents or repeated spaces: « Délégation » is found by « delegation ». */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’']/g, "'").replace(/\s+/g, ' ').toLowerCase().trim();
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The rows to show, in order. Every word of the search must be found (in any of the texts). */
export function filterConventions(
  list: readonly ConventionSummaryDto[],
  facets: ReadonlyMap<string, Facets>,
  q: ListQuery,
): ConventionSummaryDto[] {
  const words = fold(q.text).split(' ').filter(Boolean);
  const rows = list.filter((s) => {
    const f = facets.get(s.id);
    if (q.status && s.status !== q.status) return false;
    if (q.party && !f?.parties.includes(q.party)) return false;
    if (q.year && f?.date.slice(0, 4) !== q.year) return false;
    if (words.length === 0) return true;
    const haystack = fold([s.shortTitle, s.title, ...(f?.parties ?? [])].join(' \u0000 '));
    return words.every((w) => haystack.includes(w));
  });
  const byName = (a: ConventionSummaryDto, b: ConventionSummaryDto) => collator.compare(displayName(a), displayName(b));
  const byUpdated = (a: ConventionSummaryDto, b: ConventionSummaryDto) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0);
  if (q.sort === 'title') return rows.sort((a, b) => byName(a, b) || byUpdated(a, b));
  if (q.sort === 'date') {
    // Newest first; undated conventions last.
    const dateOf = (s: ConventionSummaryDto) => facets.get(s.id)?.date ?? '';
    return rows.sort((a, b) => {
      const da = dateOf(a);
      const db = dateOf(b);
      if (da !== db) return !da ? 1 : !db ? -1 : da < db ? 1 : -1;
      return byName(a, b);
    });
  }
  return rows.sort((a, b) => byUpdated(a, b) || byName(a, b));
}

/** The parties and years the filters offer, from what the list holds. */
export function filterChoices(facets: ReadonlyMap<string, Facets>): { parties: string[]; years: string[] } {
  const parties = new Set<string>();
  const years = new Set<string>();
  for (const f of facets.values()) {
    for (const p of f.parties) parties.add(p);
    if (/^\d{4}-/.test(f.date)) years.add(f.date.slice(0, 4));
  }
  return { parties: [...parties].sort(collator.compare), years: [...years].sort().reverse() };
}
