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
    ]);
  });
});
