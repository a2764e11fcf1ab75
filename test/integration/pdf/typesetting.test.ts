import { writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadMarianne, metricsOf, renderConvention } from '../../../main/pdf/index';
import { layoutConvention } from '../../../main/pdf/layout/document';
import type { Block, TableCell } from '../../../shared/model/blocks';
import type { Convention } from '../../../shared/model/convention';
import { validateConvention } from '../../../shared/rules/validate';
import { smallConvention } from '../../fixtures/conventions';
import { keepArtifact, normalize, run, workFile } from './tools';

/*
 * Issue 13's defects, checked on the PDF as a reader's tool (pdftotext) sees it: amounts and
 * dates of a wide table never cut, superscripts and ligatures in the text layer and the title
 * metadata, long URLs never broken after their own hyphen, budget tables continued with « (suite) ».
 */

const p = (text: string): TableCell => ({ paragraphs: [[{ text }]] });

async function pdfText(c: Convention, name: string, layout = false): Promise<{ text: string; pages: string[]; bytes: Uint8Array; warnings: string[] }> {
  const r = await renderConvention(c);
  const file = workFile(name);
  writeFileSync(file, r.bytes);
  keepArtifact(file, name);
  const raw = run('pdftotext', [...(layout ? ['-layout'] : []), file, '-']).stdout;
  return { text: raw, pages: raw.split('\f'), bytes: r.bytes, warnings: r.warnings };
}

describe('issue 13 defects in the PDF (pdftotext)', () => {
  it('a six-column table of deliverables prints every amount, date and reference whole', async () => {
    const amount = '1\u202f107\u202f456\u202f789,09\u00a0€';
    const table: Block = {
      kind: 'table',
      header: ['Livrable', 'Description', 'Échéance', 'Montant', 'Référence', 'État'].map(p),
      rows: [
        ['Maquette', 'Maquette fonctionnelle de la démarche en ligne, avec ses principaux écrans et le parcours des agents', '07/08/2022', amount, '0113-PEBC-ELAB', 'Livré'].map(p),
        ['Pilote', 'Ouverture du service à trois départements pilotes et retours des usagers', '15/12/2022', '12\u202f000,00\u00a0€', '0181-CPRI-ELAB', 'En cours'].map(p),
      ],
    };
    const c = smallConvention();
    c.articles[2]!.body = [table];
    const { text, warnings } = await pdfText(c, 'table-deliverables.pdf', true);
    expect(warnings).toEqual([]);
    const lines = text.split('\n').map(normalize);
    for (const whole of ['1 107 456 789,09 €', '07/08/2022', '15/12/2022', '12 000,00 €', '0113-PEBC-ELAB', '0181-CPRI-ELAB']) {
      expect(lines.some((l) => l.includes(whole)), whole).toBe(true);
    }
  });

  it('maps « ﬁ », draws « 1ᵉʳ » and « Mᵐᵉ » raised (text layer « 1er », « Mme »), and the title metadata says what is printed', async () => {
    const c = smallConvention();
    c.title = 'Convention de ﬁnancement du 1ᵉʳ trimestre';
    c.preamble = [{ kind: 'paragraph', runs: [{ text: 'Signée par Mᵐᵉ la directrice, nᵒ 12, le 2ᵉ jour.' }] }];
    const { text, bytes, warnings } = await pdfText(c, 'superscripts.pdf');
    expect(warnings).toEqual([]);
    const t = normalize(text);
    expect(t).toContain('Convention de financement du 1er trimestre');
    expect(t).toContain('Signée par Mme la directrice, no 12, le 2e jour.');
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Convention de financement du 1er trimestre');
    const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(Buffer.from(bytes).toString('utf8'))![0];
    expect(xmp).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Convention de financement du 1er trimestre</rdf:li>');
    // The raised letters are the font's own, smaller (6.5 pt under a 10 pt line) and lifted with a text rise.
    const qdf = run('qpdf', ['--qdf', '--object-streams=disable', workFile('superscripts.pdf'), '-']).stdout;
    expect(qdf).toMatch(/\n3\.3 Ts 1 0 0 1 [\d.]+ [\d.]+ Tm \[[^\]]+\] TJ 0 Ts\n/);
    expect(qdf).toMatch(/\/F1 6\.5 Tf/);
  });

  it('the validator names, before any PDF, exactly the characters the renderer prints as « ? »', () => {
    const c = smallConvention();
    c.preamble = [{ kind: 'paragraph', runs: [{ text: 'Validé ✓ le 1ᵉʳ mars ﬁnalement 🙂 ☃.' }] }];
    c.annexes[0]!.body.push({ kind: 'paragraph', runs: [{ text: 'Point ① et ✓' }] });
    const findings = validateConvention(c).filter((f) => f.code === 'text.glyph.missing');
    const laid = layoutConvention(c, metricsOf(loadMarianne()));
    const fromLayout = laid.warnings.filter((w) => w.code === 'missing-glyph').map((w) => /\((U\+[0-9A-F]+)[ )]/.exec(w.message)![1]).sort();
    expect([...new Set(findings.map((f) => f.params!.code))].sort()).toEqual(fromLayout);
    expect(fromLayout).toEqual(['U+1F642', 'U+2460', 'U+2603', 'U+2713']);
    expect(findings.map((f) => `${f.path} ${f.params!.where}`)).toEqual([
      'preamble[0].runs[0].text préambule', 'preamble[0].runs[0].text préambule', 'preamble[0].runs[0].text préambule',
      `annexes[0].body[${c.annexes[0]!.body.length - 1}].runs[0].text annexe 1`, `annexes[0].body[${c.annexes[0]!.body.length - 1}].runs[0].text annexe 1`,
    ]);
    expect(findings[0]!.message).toBe("Le caractère « ✓ » (U+2713 CHECK MARK, préambule) n'existe pas dans la police du PDF : il serait imprimé « ? ». Remplacez-le ou supprimez-le.");
  });

  it('a long URL breaks after « / » or « . » or before « - », never just after its own hyphen', async () => {
    const url = 'https://www.demarches-simplifiees.fr/commencer/convention-de-delegation-de-gestion-du-service-numerique-interministeriel-2022';
    const c = smallConvention();
    c.preamble = [{ kind: 'paragraph', runs: [{ text: `Adresse de repli : ${url} ; code 0113-PEBC-ELAB.` }] }];
    const { text } = await pdfText(c, 'long-url.pdf');
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const start = lines.findIndex((l) => l.startsWith('Adresse de repli'));
    const joined = lines.slice(start, start + 4).join('');
    expect(joined.replace(/\s/g, '')).toContain(url.replace(/\s/g, ''));
    for (const l of lines.slice(start, start + 3)) expect(l.endsWith('-'), l).toBe(false);
  });

  it('a budget table running over a page continues with « (suite) » and shows its UO on the new page', async () => {
    const c = smallConvention();
    const row = c.budget.rows[0]!;
    row.ae = Array.from({ length: 70 }, (_, i) => ({ id: `ae-${i}`, amountCents: (1000 + i) * 100, label: `au titre de la tranche ${i + 1} du programme` }));
    const { pages } = await pdfText(c, 'budget-suite.pdf');
    const budgetPages = pages.filter((pg) => pg.includes('au titre de la tranche'));
    expect(budgetPages.length).toBeGreaterThan(1);
    budgetPages.forEach((pg, i) => {
      expect(pg.includes('(suite)'), `page ${i + 1}`).toBe(i > 0);
      expect(pg).toContain('0113-PEBC-ELAB');
    });
  });
});
