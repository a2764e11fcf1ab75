import { describe, expect, it } from 'vitest';
import { hyphenationPoints } from '../../../../../main/pdf/layout/hyphenate';

/** The word with « | » at each point. */
const shown = (word: string) => {
  let out = '';
  let from = 0;
  for (const p of hyphenationPoints(word)) {
    out += `${word.slice(from, p)}|`;
    from = p;
  }
  return out + word.slice(from);
};

describe('hyphenationPoints (French patterns)', () => {
  it('cuts French words where French typesetting does', () => {
    expect(shown('délégation')).toBe('dé|lé|ga|tion');
    expect(shown('interministériel')).toBe('in|ter|mi|nis|té|riel');
    expect(shown('établissement')).toBe('éta|blis|se|ment');
    expect(shown('budgétaires')).toBe('bud|gé|taires');
  });

  it('keeps at least 2 letters before a cut and 3 after it', () => {
    for (const word of ['écologique', 'agrégation', 'opérations', 'énumérée', 'aérien', 'conformément', 'anticonstitutionnellement']) {
      for (const p of hyphenationPoints(word)) {
        expect(p, word).toBeGreaterThanOrEqual(2);
        expect(word.length - p, word).toBeGreaterThanOrEqual(3);
      }
    }
    expect(shown('agrégation')).toBe('agré|ga|tion');
    // Too short to leave 2 and 3 letters.
    expect(hyphenationPoints('aéro')).toEqual([]);
  });

  it('cuts the word after an elision, never at the apostrophe, and keeps the punctuation of the sentence out', () => {
    expect(shown('l’autorisation')).toBe('l’au|to|ri|sa|tion');
    expect(shown("d'engagement,")).toBe("d'en|ga|ge|ment,");
    expect(shown('(délégation)')).toBe('(dé|lé|ga|tion)');
    expect(hyphenationPoints('l’autorisation').every((p) => p > 2)).toBe(true);
  });

  it('never cuts right after a hyphen the word has (extractors would drop it), only inside its parts', () => {
    expect(shown('porte-parole')).toBe('porte-pa|role');
    expect(shown('c’est-à-dire')).toBe('c’est-à-dire');
    expect(shown('sous-préfecture')).toBe('sous-pré|fec|ture');
  });

  it('never cuts amounts, dates, codes, URLs, e-mail addresses, words with digits or capitals', () => {
    for (const word of [
      '1\u202f107\u202f456,09\u00a0€', '07/08/2022', '0113-PEBC-ELAB', 'DGALN/DEB', 'n°2004-1085',
      'https://www.economie.gouv.fr/administration', 'www.legifrance.gouv.fr', 'contact@numerique.gouv.fr',
      'budgétaires2024', 'délégation3', 'fichier_de_gestion', 'numerique.gouv',
      'DÉLÉGATION', 'Marianne', 'Direction', 'Dupont-Lajoie', 'interMINISTÉRIEL',
    ]) {
      expect(hyphenationPoints(word), word).toEqual([]);
    }
  });
});
