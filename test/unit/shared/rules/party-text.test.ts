import { describe, expect, it } from 'vitest';
import type { Party } from '../../../../shared/model/convention';
import { designationSentence } from '../../../../shared/rules/numbering';
import { entityName, partyParagraphs, representativeText } from '../../../../shared/rules/party-text';
import { getTemplate } from '../../../../shared/templates/index';
import { partnershipConvention } from '../../../fixtures/real-conventions';

/** A party's paragraphs as text, names between ** as the PDF sets them in bold. */
const text = (p: Party) => partyParagraphs(p).map((q) => q.runs.map((r) => (r.bold ? `**${r.text}**` : r.text)).join(''));
const party = (over: Partial<Party>): Party => ({
  id: 'p', role: 'delegataire', entities: [{ name: 'Direction interministérielle du numérique', acronym: 'DINUM' }],
  representatives: [{ name: 'Nadi Bou Hanna', title: 'Directeur interministériel du numérique' }],
  designations: ['le délégataire'], designationGender: 'f', ...over,
});

describe('a party as printed', () => {
  it('prints the worked example as before the optional fields existed', () => {
    const [delegant, delegataire] = getTemplate('exemple-camino-2020')!.build().parties;
    expect(text(delegataire!)).toEqual([
      '**Direction Interministérielle du Numérique (DINUM)**',
      'Adresse : 20 avenue de Ségur – TSA 30 719 75 334 PARIS Cedex 07',
      'Représentée par Nadi Bou Hanna, Directeur interministériel du numérique,',
      'Ci-après dénommée « le délégataire » ou « la DINUM »,',
    ]);
    expect(text(delegant!)[0]).toMatch(/^\*\*Secrétariat général .*\*\*, \*\*Direction générale de l'aménagement, du logement et de la nature\*\* et \*\*Direction générale de la prévention des risques\*\*$/);
    expect(text(delegant!)[1]).toMatch(/^Représentés par Emilie Piette, Secrétaire générale \(SG\), Stéphanie Dupuy-Lyon, /);
    expect(partyParagraphs(delegataire!).map((p) => p.keepWithNext)).toEqual([true, true, true, false]);
  });

  it('puts the article before the name, with a capital at the head and none inside, elided without a space', () => {
    expect(entityName({ determiner: 'La', name: 'Direction générale' }, true)).toBe('La Direction générale');
    expect(entityName({ determiner: 'La', name: 'Direction générale' }, false)).toBe('la Direction générale');
    expect(entityName({ determiner: "l'", name: 'Agence', acronym: 'ANCT' }, true)).toBe("L'Agence (ANCT)");
    expect(entityName({ determiner: 'L’', name: 'Office national des forêts' }, false)).toBe('l’Office national des forêts');
    expect(entityName({ determiner: ' ', name: 'Secrétariat général' }, true)).toBe('Secrétariat général');
    expect(text(party({ entities: [{ determiner: 'Le', name: 'Secrétariat général' }, { determiner: 'La', name: 'Direction du budget' }] }))[0])
      .toBe('**Le Secrétariat général** et **la Direction du budget**');
  });

  it('prints a representative known by function only, the article in lower case after « par »', () => {
    expect(representativeText({ name: '', title: 'Le directeur interministériel du numérique' })).toBe('le directeur interministériel du numérique');
    expect(representativeText({ name: '', title: "L'inspecteur général" })).toBe("l'inspecteur général");
    expect(representativeText({ name: '', title: 'Directeur général' })).toBe('Directeur général');
    expect(text(party({ representatives: [{ name: ' ', title: 'Le directeur interministériel du numérique' }] }))).toContain(
      'Représentée par le directeur interministériel du numérique,',
    );
    // A representative with neither is left out, as before.
    expect(text(party({ representatives: [{ name: '', title: '' }] })).some((l) => l.startsWith('Représent'))).toBe(false);
  });

  it('keeps entities represented apart as clauses of their own, never merged', () => {
    const [codelegataires, agence] = partnershipConvention().parties;
    expect(text(codelegataires!)).toEqual([
      "D'une part, **la Direction générale de l'aménagement, du logement et de la nature (DGALN)**, représentée par Stéphanie Dupuy-Lyon, Directrice générale de l'aménagement, du logement et de la nature ;",
      '**la Direction générale de la prévention des risques (DGPR)**, représentée par le directeur général de la prévention des risques,',
      'Désignées ensemble sous le terme de « co-délégataires »,',
    ]);
    expect(text(agence!)).toEqual([
      "D'autre part, **l'Agence nationale de la cohésion des territoires (ANCT)**",
      'Adresse : 20 avenue de Ségur – 75007 PARIS',
      'Représentée par le directeur général délégué au numérique,',
      'Ci-après dénommée « l\'Agence »,',
    ]);
  });

  it('agrees « représenté(e)(s) » with the entity’s article and names two representatives of one entity', () => {
    const p = party({
      representatives: [],
      designationGender: 'm',
      entities: [
        { determiner: 'Le', name: 'Secrétariat général', representatives: [{ name: 'A B', title: 'Secrétaire générale' }, { name: 'C D', title: 'Adjoint' }] },
        { determiner: 'Les', name: 'Services déconcentrés', representatives: [{ name: '', title: 'Les préfets de région' }] },
      ],
    });
    expect(text(p).slice(0, 2)).toEqual([
      '**Le Secrétariat général**, représenté par A B, Secrétaire générale et C D, Adjoint ;',
      '**les Services déconcentrés**, représentés par les préfets de région,',
    ]);
  });

  it('opens with the opening alone when the party has no entity yet', () => {
    expect(text(party({ entities: [], opening: "D'une part," }))[0]).toBe("D'une part,");
  });
});

describe('designationSentence', () => {
  it('uses the lead instead of « Ci-après dénommée », its first letter a capital', () => {
    expect(designationSentence({ designations: ['co-délégataires'], designationGender: 'm', designationLead: 'désignés sous le terme de' }))
      .toBe('Désignés sous le terme de « co-délégataires »');
    expect(designationSentence({ designations: ['le délégataire', 'la DINUM'], designationGender: 'f', designationLead: '  ' }))
      .toBe('Ci-après dénommée « le délégataire » ou « la DINUM »');
    expect(designationSentence({ designations: [' '], designationGender: 'f', designationLead: 'désignée par' })).toBe('');
  });
});
