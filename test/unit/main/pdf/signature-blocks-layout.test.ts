import { describe, expect, it } from 'vitest';
import { loadMarianne, metricsOf } from '../../../../main/pdf/fonts';
import { layoutConvention, madeAt } from '../../../../main/pdf/layout/document';
import { signatureBlocks } from '../../../../shared/rules/signature-blocks';
import { lineText } from '../../../../main/pdf/layout/text';
import { A4, type Page, type SignatureBox, type TextBox } from '../../../../main/pdf/layout/types';
import { getTemplate } from '../../../../shared/templates/index';
import { smallConvention } from '../../../fixtures/conventions';
import { partnershipConvention } from '../../../fixtures/real-conventions';

const fonts = metricsOf(loadMarianne());
const body = (p: Page) => p.boxes.filter((b): b is TextBox => b.kind === 'text' && b.y < A4.height - A4.bottom);
const signatures = (p: Page) => p.boxes.filter((b): b is SignatureBox => b.kind === 'signature');
/** The text lines inside a signature box's column (same left edge). */
const column = (p: Page, s: SignatureBox) => body(p).filter((b) => Math.abs(b.x - s.x) < 0.5 && b.y > s.y - 80 && b.y < s.y + s.height + 30);

describe('signature blocks', () => {
  it('print the mention, then the qualité, then the box, then the name', () => {
    const doc = layoutConvention(partnershipConvention(), fonts);
    const third = doc.signatures[2]!;
    const page = doc.pages[third.page]!;
    const lines = column(page, third);
    const y = (t: string) => lines.find((b) => lineText(b) === t)!.y;
    expect(y('Pour le ministre et par délégation,')).toBeLessThan(y('Directeur général délégué au numérique'));
    expect(y('Directeur général délégué au numérique')).toBeLessThan(third.y);
    expect(y('Jean DURAND')).toBeGreaterThan(third.y + third.height);
    expect(lines.find((b) => lineText(b) === 'Jean DURAND')!.fragments[0]!.style).toBe('bold');
  });

  it('tells two alike blocks of one party apart by their entity; the boxes of a row share their top edge', () => {
    const c = partnershipConvention();
    expect(signatureBlocks(c).map((b) => b.above)).toEqual([
      ['Pour les co-délégataires,', "La Direction générale de l'aménagement, du logement et de la nature (DGALN)", 'Directrice générale'],
      ['Pour les co-délégataires,', 'La Direction générale de la prévention des risques (DGPR)', 'Directrice générale'],
      ['Pour le ministre et par délégation,', 'Directeur général délégué au numérique'],
    ]);
    const doc = layoutConvention(c, fonts);
    const [a, b] = doc.signatures;
    expect(a!.page).toBe(b!.page);
    // The first block's entity takes two lines, the second's one: the boxes still line up.
    expect(column(doc.pages[a!.page]!, a!).filter((l) => l.y < a!.y).length).toBeGreaterThan(column(doc.pages[b!.page]!, b!).filter((l) => l.y < b!.y).length);
    expect(a!.y).toBe(b!.y);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width);
  });

  it('names no entity when mentions or qualités already differ, and prints a qualité equal to the mention once', () => {
    const c = getTemplate('exemple-camino-2020')!.build();
    expect(signatureBlocks(c).map((b) => [...b.above, b.name])).toEqual([
      ['Le délégant,', 'Secrétaire général adjoint', 'Brice HUET'],
      ['Le délégataire', 'Pour le directeur interministériel du numérique, par délégation', 'Patrick SOULÉ'],
      ["L'adjoint à la Secrétaire générale", 'Patrice GUYOT'],
    ]);
  });

  it('keeps « Fait à … » with the first row and never leaves the signatures alone on a page, wherever the text ends', () => {
    const filler = 'Le délégataire rend compte au délégant des dépenses réalisées et de l’avancement des travaux, mensuellement ainsi qu’au terme de la convention.';
    // The last paragraph runs over several lines: it may be cut, its last lines going with the signatures.
    const last = `${filler} ${filler} ${filler} Il présente à cette occasion les prévisions de commande et de consommation du budget pour finir.`;
    const pagesSeen = new Set<number>();
    for (let n = 0; n < 44; n += 1) {
      const c = smallConvention();
      c.signatories.push({ id: 's3', partyId: 'p1', name: 'Marc TROIS', title: 'Adjoint' });
      c.articles[2]!.body.push(...Array.from({ length: n }, () => ({ kind: 'paragraph' as const, runs: [{ text: filler }] })));
      c.articles[2]!.body.push({ kind: 'paragraph', runs: [{ text: last }] });
      const doc = layoutConvention(c, fonts);
      const first = doc.signatures[0]!;
      pagesSeen.add(first.page);
      const lines = body(doc.pages[first.page]!).map(lineText);
      const made = lines.indexOf(madeAt(c));
      // At least two lines of the last paragraph stand right above « Fait à … » on that page.
      expect(made, `n = ${n}`).toBeGreaterThanOrEqual(2);
      expect(lines[made - 1], `n = ${n}`).toMatch(/budget pour finir\.$/);
      expect(last.includes(lines[made - 2]!.replace(/-$/, '')), `n = ${n}`).toBe(true);
      // Both rows of signatures are on that page.
      expect(doc.signatures.every((s) => s.page === first.page), `n = ${n}`).toBe(true);
    }
    // The loop moved the signatures across several pages, so page ends were met.
    expect(pagesSeen.size).toBeGreaterThan(2);
  });
});
