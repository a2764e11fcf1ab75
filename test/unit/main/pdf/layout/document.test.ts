import { describe, expect, it } from 'vitest';
import { loadMarianne, metricsOf } from '../../../../../main/pdf/fonts';
import { layoutConvention, madeAt } from '../../../../../main/pdf/layout/document';
import { lineText } from '../../../../../main/pdf/layout/text';
import { A4, type Page, type TextBox } from '../../../../../main/pdf/layout/types';
import { smallConvention, syntheticConvention } from '../../../../fixtures/conventions';

const fonts = metricsOf(loadMarianne());
const texts = (p: Page) => p.boxes.filter((b): b is TextBox => b.kind === 'text');
/** Text boxes of the body (the footer sits below the frame's bottom). */
const bodyTexts = (p: Page) => texts(p).filter((b) => b.y < A4.height - A4.bottom);

describe('layoutConvention', () => {
  it('lays out the title, parties, articles, « Fait à … » and one signature box per signatory in order', () => {
    const c = smallConvention();
    const doc = layoutConvention(c, fonts);
    const all = doc.pages.flatMap((p) => texts(p).map(lineText));
    const find = (s: string) => all.findIndex((t) => t.includes(s));
    const order = ['Convention de test', 'Entre', 'Direction des essais', 'Et', 'Service des mesures', 'Vu le décret', 'Préambule', 'Article 1 : Objet', 'Article 2 : Budget', 'Article 3 : Tableau', madeAt(c), 'Annexe 1 : Modalités'];
    const at = order.map(find);
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(doc.signatures.map((s) => [s.order, s.name, s.party])).toEqual([[1, 'Anne ŒUVRAY', 'le délégant'], [2, 'Luc DURAND', 'le délégataire']]);
    expect(doc.signatures[0]!.mention).toBe('Le délégant,');
    expect(doc.warnings).toEqual([]);
  });

  it('prints a signatory title once when it is also the mention above the box', () => {
    const c = smallConvention();
    c.signatories[1] = { ...c.signatories[1]!, mention: "L'adjoint à la Secrétaire générale", title: "L'adjoint à la Secrétaire générale" };
    c.signatories[0] = { ...c.signatories[0]!, mention: 'Le délégant,', title: 'Cheffe du bureau Zêta' };
    const all = layoutConvention(c, fonts).pages.flatMap((p) => texts(p).map(lineText));
    expect(all.filter((t) => t.includes("L'adjoint à la Secrétaire générale"))).toHaveLength(1);
    expect(all.filter((t) => t.includes('Cheffe du bureau Zêta'))).toHaveLength(1);
    expect(all.filter((t) => t.includes('Le délégant,'))).toHaveLength(1);
  });

  it('puts « Page n / N » and the short title in every footer', () => {
    const doc = layoutConvention(smallConvention(), fonts);
    doc.pages.forEach((p, i) => {
      const foot = texts(p).filter((b) => b.y > A4.height - A4.bottom).map(lineText);
      expect(foot).toContain(`Page ${i + 1} / ${doc.pages.length}`);
      expect(foot).toContain('Convention de test');
    });
  });

  it('starts each annex on a new page', () => {
    const c = smallConvention();
    c.annexes.push({ id: 'x2', title: 'Deuxième', body: [{ kind: 'paragraph', runs: [{ text: 'Texte.' }] }] });
    const doc = layoutConvention(c, fonts);
    const firstOf = (s: string) => doc.pages.find((p) => bodyTexts(p).some((b) => lineText(b).includes(s)));
    expect(lineText(bodyTexts(firstOf('Annexe 1')!)[0]!)).toBe('Annexes');
    expect(lineText(bodyTexts(firstOf('Annexe 2')!)[0]!)).toBe('Annexe 2 : Deuxième');
  });

  it('hangs list text after its bullet, nested items further in', () => {
    const doc = layoutConvention(smallConvention(), fonts);
    const boxes = doc.pages.flatMap(bodyTexts);
    const item = boxes.find((b) => lineText(b) === 'fournir les données ;')!;
    const nested = boxes.find((b) => lineText(b) === 'disponible ;')!;
    const bullets = boxes.filter((b) => lineText(b) === '•' || lineText(b) === '–');
    expect(bullets.length).toBe(4);
    expect(bullets.some((b) => b.x < item.x && Math.abs(b.y - item.y) < 0.01)).toBe(true);
    expect(nested.x).toBeGreaterThan(item.x);
  });

  it('never ends a page with an article heading, and every line stays inside the text column', () => {
    const doc = layoutConvention(syntheticConvention(200, 300), fonts);
    expect(doc.pages.length).toBeGreaterThan(100);
    for (const p of doc.pages) {
      const body = bodyTexts(p);
      const last = lineText(body[body.length - 1]!);
      expect(last.startsWith('Article ')).toBe(false);
      for (const b of body) {
        expect(b.x).toBeGreaterThanOrEqual(A4.left - 0.01);
        expect(b.x + b.width).toBeLessThanOrEqual(A4.width - A4.right + 0.01);
        expect(b.y).toBeLessThanOrEqual(A4.height - A4.bottom);
      }
    }
  });

  it('repeats the budget header row on every page the synthetic budget continues on', () => {
    const doc = layoutConvention(syntheticConvention(20, 300), fonts);
    const budgetPages = doc.pages.filter((p) => bodyTexts(p).some((b) => /SYNT-EL/.test(lineText(b))));
    expect(budgetPages.length).toBeGreaterThan(2);
    for (const p of budgetPages) expect(bodyTexts(p).map(lineText)).toEqual(expect.arrayContaining(['AE', 'CP']));
    const uos = doc.pages.flatMap((p) => bodyTexts(p).map(lineText)).filter((t) => /^\d{4}-SYNT-EL\d\d$/.test(t));
    // A row cut by a page shows its UO again on the next: each of the 100 at least once.
    expect(new Set(uos).size).toBe(100);
  });

  it('continues a budget table with « (suite) » in its header and the UO of a row cut by the page', () => {
    const c = smallConvention();
    const row = c.budget.rows[0]!;
    const line = row.ae[0]!;
    row.ae = Array.from({ length: 70 }, (_, i) => ({ ...line, id: `ae-${i}`, label: `au titre de la tranche ${i + 1} du programme` }));
    const doc = layoutConvention(c, fonts);
    const pages = doc.pages.filter((p) => bodyTexts(p).some((b) => lineText(b).includes('au titre de la tranche')));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      const lines = bodyTexts(p);
      const ae = lines.find((b) => lineText(b) === 'AE')!;
      expect(ae).toBeDefined();
      expect(lines.some((b) => lineText(b) === '(suite)')).toBe(i > 0);
      // The first line below the header in the UO column is the UO, never an empty cell.
      const uoColumn = lines.filter((b) => b.y > ae.y + 1 && b.x < ae.x - 60).sort((a, b) => a.y - b.y);
      expect(lineText(uoColumn[0]!)).toBe(row.uo);
    });
  });

  it('prints what an avenant amends under its title', () => {
    const c = smallConvention();
    c.kind = 'avenant';
    c.avenant = { number: 1, base: { title: 'Convention de délégation de gestion', date: '2020-03-26' } };
    const lines = layoutConvention(c, fonts).pages.flatMap((p) => texts(p).map(lineText));
    expect(lines[1]).toBe('Avenant n°1 à la convention « Convention de délégation de gestion » du 26 mars 2020');
  });

  it('reports a character Marianne lacks instead of dropping it', () => {
    const c = smallConvention();
    c.preamble = [{ kind: 'paragraph', runs: [{ text: 'Symbole ☃ inconnu' }] }];
    const doc = layoutConvention(c, fonts);
    expect(doc.warnings.map((w) => w.message).join('\n')).toMatch(/U\+2603.*préambule/);
    expect(doc.pages.flatMap((p) => texts(p).map(lineText))).toContain('Symbole ? inconnu');
  });
});
