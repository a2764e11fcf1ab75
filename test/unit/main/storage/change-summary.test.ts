import { describe, expect, it } from 'vitest';
import { summarizeChanges } from '../../../../main/storage/change-summary';
import { sampleConvention, withEditedArticle } from './sample-convention';

const base = sampleConvention({ articles: 6, paragraphs: 1 });

describe('summarizeChanges', () => {
  it('names modified articles by number', () => {
    expect(summarizeChanges(base, withEditedArticle(withEditedArticle(base, 5, 'a'), 3, 'b'))).toBe('Articles modifiés : 3, 5');
    expect(summarizeChanges(base, withEditedArticle(base, 2, 'a'))).toBe('Article modifié : 2');
  });

  it('names added, removed and reordered articles and annexes', () => {
    const added = { ...base, articles: [...base.articles, { id: 'new', title: 'Résiliation', body: [] }] };
    expect(summarizeChanges(base, added)).toBe('Article ajouté : 7');
    const removed = { ...base, articles: base.articles.filter((a) => a.id !== 'a4') };
    expect(summarizeChanges(base, removed)).toBe('Article supprimé : 4');
    const swapped = { ...base, articles: [base.articles[1]!, base.articles[0]!, ...base.articles.slice(2)] };
    expect(summarizeChanges(base, swapped)).toBe('Articles réordonnés');
    expect(summarizeChanges(base, { ...base, annexes: [] })).toBe('Annexe supprimée : 1');
  });

  it('names the other parts of the convention', () => {
    const changed = {
      ...base,
      title: 'Autre',
      budget: { ...base.budget, rows: base.budget.rows.slice(1) },
      signatories: base.signatories.slice(0, 2),
      visas: base.visas.slice(1),
    };
    expect(summarizeChanges(base, changed)).toBe('Titre modifié ; 1 visa supprimé ; Budget modifié ; Signataires modifiés');
    expect(summarizeChanges(base, structuredClone(base))).toBe('Aucune modification');
  });
});
