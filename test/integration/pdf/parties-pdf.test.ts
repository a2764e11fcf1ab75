import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConvention } from '../../../main/pdf/index';
import { getTemplate } from '../../../shared/templates/index';
import { partnershipConvention } from '../../fixtures/real-conventions';
import { keepArtifact, normalize, run, workFile } from './tools';

/** The text of page 1 as pdftotext reads it, from « Entre » to the first visa. */
async function partiesText(name: string, c = partnershipConvention()): Promise<string> {
  const { bytes, warnings } = await renderConvention(c);
  expect(warnings).toEqual([]);
  const file = workFile(`${name}.pdf`);
  writeFileSync(file, bytes);
  keepArtifact(file, `${name}.pdf`);
  const page1 = normalize(run('pdftotext', ['-f', '1', '-l', '1', file, '-']).stdout);
  return page1.slice(page1.indexOf('Entre'), page1.indexOf('Vu le décret')).trim();
}

describe('parties in the PDF (pdftotext)', () => {
  it('reads as the original: openings, articles with elision, entities represented apart, function-only representatives, the designation lead', async () => {
    const text = await partiesText('partnership-parties');
    expect(text).toBe(normalize(`Entre
      D'une part, la Direction générale de l'aménagement, du logement et de la nature (DGALN), représentée par Stéphanie Dupuy-Lyon, Directrice générale de l'aménagement, du logement et de la nature ;
      la Direction générale de la prévention des risques (DGPR), représentée par le directeur général de la prévention des risques,
      Désignées ensemble sous le terme de « co-délégataires »,
      Et
      D'autre part, l'Agence nationale de la cohésion des territoires (ANCT)
      Adresse : 20 avenue de Ségur – 75007 PARIS
      Représentée par le directeur général délégué au numérique,
      Ci-après dénommée « l'Agence »,`));
  });

  it("prints a single party entity after its article at the head of the paragraph: « L'Agence »", async () => {
    const c = partnershipConvention();
    delete c.parties[1]!.opening;
    const text = await partiesText('partnership-parties-no-opening', c);
    expect(text).toContain("Et L'Agence nationale de la cohésion des territoires (ANCT) Adresse :");
    expect(text).not.toContain("L' Agence");
  });

  it('leaves the worked example’s parties as they were', async () => {
    const text = await partiesText('camino-parties', getTemplate('exemple-camino-2020')!.build());
    expect(text).toContain('Et Direction Interministérielle du Numérique (DINUM) Adresse : 20 avenue de Ségur – TSA 30 719 75 334 PARIS Cedex 07 Représentée par Nadi Bou Hanna, Directeur interministériel du numérique, Ci-après dénommée « le délégataire » ou « la DINUM »,');
    expect(text).toContain('Représentés par Emilie Piette, Secrétaire générale (SG), Stéphanie Dupuy-Lyon, Directrice générale de l\'aménagement, du logement et de la nature (DGALN), Cédric Bourillet, Directeur général de la prévention des risques (DGPR), Ci-après dénommée « le délégant »,');
  });
});
