import { writeFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderConvention } from '../../../main/pdf/index';
import { partnershipConvention } from '../../fixtures/real-conventions';
import { keepArtifact, normalize, run, workFile } from './tools';

/** A word of the page as pdftotext -bbox-layout places it (PDF units, y from the top). */
interface Word { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }

function words(file: string): Word[] {
  const xml = run('pdftotext', ['-bbox-layout', file, '-']).stdout;
  const out: Word[] = [];
  let page = -1;
  for (const m of xml.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0] === '<page ') {
      page += 1;
      continue;
    }
    out.push({ page, text: m[5]!.replace(/&apos;/g, "'").replace(/&amp;/g, '&'), xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]! });
  }
  return out;
}

describe('signature blocks of a partnership, in the PDF', () => {
  let file: string;
  let bytes: Uint8Array;
  let text: string;

  beforeAll(async () => {
    const result = await renderConvention(partnershipConvention());
    expect(result.warnings).toEqual([]);
    bytes = result.bytes;
    file = workFile('partnership-signatures.pdf');
    writeFileSync(file, bytes);
    keepArtifact(file, 'partnership-signatures.pdf');
    text = normalize(run('pdftotext', ['-layout', file, '-']).stdout);
  });

  it('reads « Fait à … » then each block: mention, entity when alike, qualité, then the name under the box', () => {
    const raw = run('pdftotext', [file, '-']).stdout;
    const after = normalize(raw.slice(raw.indexOf('Fait à Lyon')));
    expect(after.startsWith('Fait à Lyon, en deux originaux, le 1er avril 2021')).toBe(true);
    for (const seq of [
      ['Pour les co-délégataires,', "La Direction générale de l'aménagement,", 'Directrice générale', 'Stéphanie DUPUY-LYON'],
      ['Pour les co-délégataires,', 'La Direction générale de la prévention des risques (DGPR)', 'Directrice générale', 'Claire MARTIN'],
      ['Pour le ministre et par délégation,', 'Directeur général délégué au numérique', 'Jean DURAND'],
    ]) {
      let from = 0;
      for (const s of seq) {
        const at = after.indexOf(s, from);
        expect(at, `« ${s} »`).toBeGreaterThanOrEqual(0);
        from = at + s.length;
      }
    }
    expect(text).toContain('Pour le ministre et par délégation,');
  });

  it('puts each signature field between its qualité and its name, the two fields of a row side by side', async () => {
    const doc = await PDFDocument.load(bytes);
    const height = doc.getPage(0).getHeight();
    const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
    const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
    const rects = Array.from({ length: fields.size() }, (_, i) => {
      const f = doc.context.lookup(fields.get(i) as PDFRef, PDFDict);
      const [x1, y1, x2, y2] = f.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
      // In pdftotext's terms: y grows downwards from the top of the page.
      return { page: pageOf.get(f.get(PDFName.of('P'))!.toString())!, left: x1!, right: x2!, top: height - y2!, bottom: height - y1! };
    });
    expect(rects).toHaveLength(3);
    const all = words(file);
    const find = (t: string, page: number, near: { left: number; right: number }) =>
      all.find((w) => w.page === page && w.text === t && w.xMin >= near.left - 1 && w.xMax <= near.right + 1)!;
    const check = (i: number, titleWord: string, nameWord: string) => {
      const r = rects[i]!;
      const title = find(titleWord, r.page, r);
      const name = find(nameWord, r.page, r);
      expect(title.yMax, `field ${i + 1}`).toBeLessThanOrEqual(r.top + 0.5);
      expect(name.yMin, `field ${i + 1}`).toBeGreaterThanOrEqual(r.bottom - 0.5);
      expect(name.yMin - r.bottom, `field ${i + 1}`).toBeLessThan(12);
    };
    check(0, 'Directrice', 'DUPUY-LYON');
    check(1, 'Directrice', 'MARTIN');
    check(2, 'délégué', 'DURAND');
    expect(rects[0]!.top).toBeCloseTo(rects[1]!.top, 3);
    expect(rects[0]!.page).toBe(rects[1]!.page);
    expect(rects[1]!.left).toBeGreaterThan(rects[0]!.right);
    expect(rects[2]!.top).toBeGreaterThan(rects[0]!.bottom);
  });
});
