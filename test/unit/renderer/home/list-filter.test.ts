import { describe, expect, it } from 'vitest';
import type { ConventionSummaryDto } from '../../../../shared/ipc/channels/conventions';
import { EMPTY_QUERY, displayName, filterChoices, filterConventions, fold, type Facets } from '../../../../renderer/home/list-filter';

const summary = (id: string, shortTitle: string, title: string, status: ConventionSummaryDto['status'], updatedAt: string): ConventionSummaryDto => ({
  id, shortTitle, title, status, updatedAt, kind: 'convention', createdAt: updatedAt, version: 1, inTrash: false,
});
const list = [
  summary('a', 'Délégation Camino 2020', 'Convention de délégation de gestion relative à Camino', 'signed', '2026-01-02T10:00:00Z'),
  summary('b', '', 'Convention de partenariat avec l’ANCT', 'draft', '2026-03-01T10:00:00Z'),
  summary('c', 'Avenant DINUM', 'Avenant n°1', 'finalized', '2026-02-01T10:00:00Z'),
];
const facets = new Map<string, Facets>([
  ['a', { date: '2020-03-26', parties: ['Ministère de la transition écologique', 'DINUM'] }],
  ['b', { date: '', parties: ['Agence nationale de la cohésion des territoires'] }],
  ['c', { date: '2026-04-15', parties: ['DINUM'] }],
]);
const ids = (rows: readonly ConventionSummaryDto[]) => rows.map((r) => r.id);

describe('home list', () => {
  it('names a convention by its short name, else its full title', () => {
    expect(displayName(list[0]!)).toBe('Délégation Camino 2020');
    expect(displayName(list[1]!)).toBe('Convention de partenariat avec l’ANCT');
    expect(fold('  Délégation   DE  Gestion ')).toBe('delegation de gestion');
  });

  it('searches the short name, the full title and the parties, every word, without accents', () => {
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, text: 'camino' }))).toEqual(['a']);
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, text: 'partenariat' }))).toEqual(['b']);
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, text: 'cohesion territoires' }))).toEqual(['b']);
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, text: 'dinum' }))).toEqual(['c', 'a']);
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, text: 'dinum camino' }))).toEqual(['a']);
    expect(filterConventions(list, facets, { ...EMPTY_QUERY, text: 'introuvable' })).toEqual([]);
  });

  it('filters by status, party and year', () => {
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, status: 'draft' }))).toEqual(['b']);
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, party: 'DINUM' }))).toEqual(['c', 'a']);
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, party: 'DINUM', year: '2020' }))).toEqual(['a']);
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, year: '2025' }))).toEqual([]);
  });

  it('sorts by last change, by name, or by date with undated last', () => {
    expect(ids(filterConventions(list, facets, EMPTY_QUERY))).toEqual(['b', 'c', 'a']);
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, sort: 'title' }))).toEqual(['c', 'b', 'a']);
    expect(ids(filterConventions(list, facets, { ...EMPTY_QUERY, sort: 'date' }))).toEqual(['c', 'a', 'b']);
  });

  it('offers the parties and years found, sorted', () => {
    expect(filterChoices(facets)).toEqual({
      parties: ['Agence nationale de la cohésion des territoires', 'DINUM', 'Ministère de la transition écologique'],
      years: ['2026', '2020'],
    });
  });
});
