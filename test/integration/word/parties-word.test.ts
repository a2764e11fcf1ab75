import { describe, expect, it } from 'vitest';
import { exportWord, importWord } from '../../../main/word/index';
import { partnershipConvention } from '../../fixtures/real-conventions';

/** The text of a .docx's paragraphs, one a line, through the importer's own reader (mammoth). */
async function paragraphs(bytes: Uint8Array): Promise<string[]> {
  const mammoth = await import('mammoth');
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return value.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

describe('parties and signature blocks in the Word export', () => {
  it('prints the parties as the PDF does: openings, articles, entities represented apart, function-only representatives, the designation lead', async () => {
    const lines = await paragraphs(await exportWord(partnershipConvention(), { draft: false }));
    const from = lines.indexOf('Entre');
    expect(lines.slice(from, from + 9)).toEqual([
      'Entre',
      "D'une part, la Direction générale de l'aménagement, du logement et de la nature (DGALN), représentée par Stéphanie Dupuy-Lyon, Directrice générale de l'aménagement, du logement et de la nature ;",
      'la Direction générale de la prévention des risques (DGPR), représentée par le directeur général de la prévention des risques,',
      'Désignées ensemble sous le terme de « co-délégataires »,',
      'Et',
      "D'autre part, l'Agence nationale de la cohésion des territoires (ANCT)",
      'Adresse : 20 avenue de Ségur – 75007 PARIS',
      'Représentée par le directeur général délégué au numérique,',
      "Ci-après dénommée « l'Agence »,",
    ]);
  });

  it('prints each signature block mention, entity, qualité, then the name, and reads it back', async () => {
    const c = partnershipConvention();
    const bytes = await exportWord(c, { draft: false });
    const lines = await paragraphs(bytes);
    const at = (t: string, from = 0) => lines.indexOf(t, from);
    const first = at('Pour les co-délégataires,');
    expect(lines.slice(first, first + 4)).toEqual([
      'Pour les co-délégataires,',
      "La Direction générale de l'aménagement, du logement et de la nature (DGALN)",
      'Directrice générale',
      'Stéphanie DUPUY-LYON',
    ]);
    expect(at('Jean DURAND')).toBeGreaterThan(at('Directeur général délégué au numérique', first));
    const back = await importWord(bytes, { id: 'back', today: '2021-04-01' });
    expect(back.convention.signatories.map((s) => s.name)).toEqual(['Stéphanie DUPUY-LYON', 'Claire MARTIN', 'Jean DURAND']);
    expect(back.convention.signatories[2]!.title).toBe('Directeur général délégué au numérique');
  });

  it('reads the articles before the names, the openings and a designation lead back from a Word document', async () => {
    const c = partnershipConvention();
    c.parties[0]!.entities = [{ determiner: 'Le', name: 'Secrétariat général', acronym: 'SG' }, { determiner: 'La', name: 'Direction du budget' }];
    c.parties[0]!.representatives = [{ name: 'Emilie Piette', title: 'Secrétaire générale' }];
    const back = (await importWord(await exportWord(c, { draft: false }), { id: 'back', today: '2021-04-01' })).convention;
    expect(back.parties[0]!.opening).toBe("D'une part,");
    expect(back.parties[0]!.entities).toEqual([{ determiner: 'Le', name: 'Secrétariat général', acronym: 'SG' }, { determiner: 'La', name: 'Direction du budget' }]);
    expect(back.parties[0]!.designationLead).toBe('désignées ensemble sous le terme de');
    expect(back.parties[0]!.designations).toEqual(['co-délégataires']);
    expect(back.parties[1]!.opening).toBe("D'autre part,");
    expect(back.parties[1]!.designationLead).toBeUndefined();
    expect(back.parties[1]!.designations).toEqual(["l'Agence"]);
    expect(back.parties[1]!.entities[0]).toMatchObject({ determiner: "L'", name: 'Agence nationale de la cohésion des territoires', acronym: 'ANCT' });
  });

  it('reads entities represented apart back as such, and a representative known by function only', async () => {
    const c = partnershipConvention();
    const back = (await importWord(await exportWord(c, { draft: false }), { id: 'back', today: '2021-04-01' })).convention;
    const [dgaln, dgpr] = back.parties[0]!.entities;
    expect(back.parties[0]!.representatives).toEqual([]);
    expect(dgaln).toMatchObject({ determiner: 'La', acronym: 'DGALN', representatives: c.parties[0]!.entities[0]!.representatives });
    expect(dgpr).toMatchObject({ determiner: 'La', acronym: 'DGPR', representatives: [{ name: '', title: 'Le directeur général de la prévention des risques' }] });
    expect(back.parties[1]!.representatives).toEqual([{ name: '', title: 'Le directeur général délégué au numérique' }]);
    expect(back.parties[1]!.entities[0]!.representatives).toBeUndefined();
  });

  it('keeps a single entity line « X, représentée par Y » as the party\'s representative', async () => {
    const c = partnershipConvention();
    c.parties[0]!.entities = [{ determiner: 'La', name: 'Direction du budget', representatives: [{ name: 'Mélanie Joder', title: 'Directrice du budget' }] }];
    const back = (await importWord(await exportWord(c, { draft: false }), { id: 'back', today: '2021-04-01' })).convention;
    expect(back.parties[0]!.entities).toEqual([{ determiner: 'La', name: 'Direction du budget' }]);
    expect(back.parties[0]!.representatives).toEqual([{ name: 'Mélanie Joder', title: 'Directrice du budget' }]);
  });
});
