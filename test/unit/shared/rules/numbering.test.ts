import { describe, expect, it } from 'vitest';
import {
  annexHeading,
  articleHeading,
  articleNumber,
  designationSentence,
  roleLabel,
  signatoryMention,
} from '../../../../shared/rules/numbering';

describe('numbering', () => {
  it('numbers articles and annexes from 1 by their position', () => {
    expect(articleNumber(0)).toBe(1);
    expect(articleNumber(7)).toBe(8);
    expect(articleHeading({ title: 'Objet de la délégation' }, 0)).toBe('Article 1 : Objet de la délégation');
    expect(articleHeading({ title: '  Publication  ' }, 7)).toBe('Article 8 : Publication');
    expect(articleHeading({ title: ' ' }, 2)).toBe('Article 3');
    expect(annexHeading({ title: 'le manifeste beta.gouv.fr' }, 0)).toBe('Annexe 1 : le manifeste beta.gouv.fr');
    expect(annexHeading({ title: '' }, 1)).toBe('Annexe 2');
  });
});

describe('designations and mentions', () => {
  it('writes the seed’s « Ci-après dénommée » sentence', () => {
    expect(designationSentence({ designations: ['le délégataire', 'la DINUM'], designationGender: 'f' })).toBe(
      'Ci-après dénommée « le délégataire » ou « la DINUM »',
    );
    expect(designationSentence({ designations: ['le délégant'], designationGender: 'f' })).toBe('Ci-après dénommée « le délégant »');
  });

  it('agrees with a masculine first entity and skips blank names', () => {
    expect(designationSentence({ designations: [' le ministère ', '', '  '], designationGender: 'm' })).toBe('Ci-après dénommé « le ministère »');
    expect(designationSentence({ designations: ['a', 'b', 'c'], designationGender: 'f' })).toBe('Ci-après dénommée « a » ou « b » ou « c »');
  });

  it('says nothing when there is no designation', () => {
    expect(designationSentence({ designations: [], designationGender: 'f' })).toBe('');
    expect(designationSentence({ designations: ['', ' '], designationGender: 'm' })).toBe('');
  });

  it('labels roles and derives the line above a signature box', () => {
    expect(roleLabel('delegant')).toBe('le délégant');
    expect(roleLabel('delegataire')).toBe('le délégataire');
    expect(roleLabel('partie')).toBe('la partie');
    expect(signatoryMention(undefined, { role: 'delegant', designations: ['le délégant'] })).toBe('Le délégant,');
    expect(signatoryMention('  ', { role: 'delegataire', designations: [] })).toBe('Le délégataire,');
    expect(signatoryMention(" L'adjoint à la Secrétaire générale ", { role: 'delegant', designations: [] })).toBe("L'adjoint à la Secrétaire générale");
    expect(signatoryMention(undefined, { role: 'partie', designations: ["l'ONF"] })).toBe("L'ONF,");
    expect(signatoryMention(undefined, { role: 'partie', designations: [] })).toBe('La partie,');
    expect(signatoryMention(undefined, undefined)).toBe('');
  });
});
