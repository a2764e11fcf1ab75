import { describe, expect, it } from 'vitest';
import { loadMarianne, metricsOf } from '../../../../main/pdf/fonts';
import { layoutConvention } from '../../../../main/pdf/layout/document';
import { lineText } from '../../../../main/pdf/layout/text';
import { A4, type Page, type TextBox } from '../../../../main/pdf/layout/types';
import { getTemplate } from '../../../../shared/templates/index';
import { partnershipConvention } from '../../../fixtures/real-conventions';

const fonts = metricsOf(loadMarianne());
const body = (p: Page) => p.boxes.filter((b): b is TextBox => b.kind === 'text' && b.y < A4.height - A4.bottom);

/** The lines from « Entre » to the first visa, as laid out on page 1. */
function partyLines(doc: ReturnType<typeof layoutConvention>): TextBox[] {
  const lines = body(doc.pages[0]!);
  const from = lines.findIndex((b) => lineText(b) === 'Entre');
  const to = lines.findIndex((b) => lineText(b).startsWith('Vu '));
  return lines.slice(from, to);
}

describe('parties on the page', () => {
  it('prints the opening, the article with its elision, each entity represented apart, the lead of the designation', () => {
    const lines = partyLines(layoutConvention(partnershipConvention(), fonts));
    const text = lines.map(lineText).join('\n');
    expect(text.startsWith("Entre\nD'une part, la Direction générale de l'aménagement, du logement et de la nature")).toBe(true);
    const flat = text.replace(/\n/g, ' ');
    expect(flat).toContain('(DGALN), représentée par Stéphanie Dupuy-Lyon, Directrice générale');
    expect(flat).toContain('de la nature ; la Direction générale de la prévention des risques (DGPR), représentée par le directeur général de la prévention des risques,');
    expect(flat).toContain('Désignées ensemble sous le terme de « co-délégataires »,');
    expect(flat).toContain("Et D'autre part, l'Agence nationale de la cohésion des territoires (ANCT)");
    expect(flat).toContain('Représentée par le directeur général délégué au numérique,');
    expect(flat).not.toContain('Ci-après dénommée « co-délégataires »');
    // The two entities of the first party start lines of their own: clauses, never merged.
    expect(lines.filter((b) => /^(D'une part, la|la) Direction générale/.test(lineText(b)))).toHaveLength(2);
  });

  it('sets the article and the name in bold, the opening and the representation in regular', () => {
    const lines = partyLines(layoutConvention(partnershipConvention(), fonts));
    const agency = lines.find((b) => lineText(b).startsWith("D'autre part,"))!;
    const styled = agency.fragments.map((f) => [f.style, f.parts.join(' ')]);
    expect(styled[0]![0]).toBe('regular');
    expect(styled[0]![1]!.trim()).toBe("D'autre part,");
    expect(styled.find(([, t]) => t!.includes('Agence'))).toEqual(['bold', expect.stringMatching(/^ ?l'Agence nationale/)]);
  });

  it('keeps the worked example’s parties word for word', () => {
    const lines = partyLines(layoutConvention(getTemplate('exemple-camino-2020')!.build(), fonts)).map(lineText).join(' ');
    expect(lines).toContain('Direction Interministérielle du Numérique (DINUM) Adresse : 20 avenue de Ségur');
    expect(lines).toContain('Représentée par Nadi Bou Hanna, Directeur interministériel du numérique, Ci-après dénommée « le délégataire » ou « la DINUM »,');
    expect(lines).toContain('Représentés par Emilie Piette, Secrétaire générale (SG), Stéphanie Dupuy-Lyon,');
    expect(lines).not.toMatch(/D'une part|Désigné/);
  });
});
