import { describe, expect, it } from 'vitest';
import { conventionLines, diffLines } from '../../../../../renderer/wizard/model/compare';
import type { Convention } from '../../../../../shared/model/convention';

describe('comparing two versions', () => {
  it('diffs lines: kept, removed, added, in order', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
    expect(diffLines([], ['a'])).toEqual([{ kind: 'added', text: 'a' }]);
    expect(diffLines(['a'], [])).toEqual([{ kind: 'removed', text: 'a' }]);
  });

  it('reads a convention in order, with numbered articles, nested lists and amounts', () => {
    const c = {
      title: 'Convention', place: 'Paris', date: '2020-03-26', originals: 4,
      parties: [], visas: [{ id: 'v', text: 'Vu le décret' }], preamble: [],
      articles: [{ id: 'a', title: 'Objet', body: [{ kind: 'list', items: [{ runs: [{ text: 'un' }], children: [{ runs: [{ text: 'deux' }] }] }] }] }],
      budget: { currency: 'EUR', rows: [{ id: 'r', uo: '0113-PEBC-ELAB', ae: [{ id: 'l', amountCents: 14_000_000, label: 'au titre de 2020' }], cp: [] }] },
      accounting: [], signatories: [{ id: 's', partyId: 'p', name: 'Brice HUET', title: 'Directeur' }], annexes: [],
    } as unknown as Convention;
    expect(conventionLines(c)).toEqual([
      'Convention',
      'Fait à Paris, le 26 mars 2020, en 4 originaux',
      'Vu le décret',
      'Article 1 : Objet',
      '• un',
      '  • deux',
      'UO 0113-PEBC-ELAB',
      'AE 140\u202f000\u00a0EUR au titre de 2020',
      'Signataire 1 : Brice HUET, Directeur',
      'Mise en forme : premier article « Article 1 »',
    ]);
  });

  it('reads what version 2 prints: « Article 1er », sub-article numbers, references as numbered now, years, presentation', () => {
    const base = {
      title: 'Convention', place: 'Paris', date: '2021-01-15', originals: 2,
      parties: [{ id: 'p', role: 'partie', opening: 'D’une part,', entities: [{ determiner: 'L’', name: 'Agence', representatives: [{ name: '', title: 'Le directeur' }] }], representatives: [], designations: ['l’Agence'], designationLead: 'désignée sous le terme de' }],
      visas: [], preamble: [],
      articles: [
        { id: 'a1', title: 'Objet', body: [{ kind: 'heading', numbered: true, runs: [{ text: 'Pilotage' }] }, { kind: 'paragraph', runs: [{ text: 'Voir ' }, { text: 'article 1', ref: { target: 'a2' } }, { text: '.' }] }] },
        { id: 'a2', title: 'Durée', body: [] },
      ],
      budget: { currency: 'EUR', years: [2021, 2022], rows: [{ id: 'r', uo: 'UO-1', ae: [{ id: 'l', year: 2022, amountCents: 100_00, label: 'x' }], cp: [] }] },
      accounting: [], signatories: [], annexes: [],
      presentation: { firstArticle: '1er' },
    } as unknown as Convention;
    const lines = conventionLines(base);
    expect(lines).toEqual(expect.arrayContaining([
      'D’une part,', 'L’Agence', 'Représenté par Le directeur', 'désignée sous le terme de : l’Agence',
      'Article 1er : Objet', '1.1 Pilotage', 'Voir article 2.', 'Article 2 : Durée',
      'Budget pluriannuel : 2021, 2022', 'AE 2022 100\u00a0EUR x', 'Mise en forme : premier article « Article 1er »',
    ]));
    // Moving the articles renumbers the reference; turning hyphenation on is a change too.
    const moved = { ...base, articles: [base.articles[1]!, base.articles[0]!], presentation: { firstArticle: '1er', hyphenation: true } } as Convention;
    const diff = diffLines(lines, conventionLines(moved)).filter((d) => d.kind !== 'same').map((d) => `${d.kind} ${d.text}`);
    expect(diff).toEqual(expect.arrayContaining(['added Voir article 1er.', 'removed Voir article 2.', 'added Mise en forme : premier article « Article 1er », coupure des mots']));
  });
});
