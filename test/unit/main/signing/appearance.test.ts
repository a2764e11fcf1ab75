import { describe, expect, it } from 'vitest';
import { parsePdfDate, pdfDate, stampAppearance, stampDate, winAnsiSafe } from '../../../../main/signing/appearance';

describe('signature stamp', () => {
  it('keeps French letters and replaces what WinAnsi cannot show', () => {
    expect(winAnsiSafe('Élodie, Œuvre, ç, à, « guillemets »')).toBe('Élodie, Œuvre, ç, à, « guillemets »');
    expect(winAnsiSafe('140\u202f000 EUR')).toBe('140 000 EUR');
    expect(winAnsiSafe('日本')).toBe('??');
  });

  it('formats dates like Acrobat’s stamp and like PDF /M, and reads them back', () => {
    const d = new Date('2020-03-23T20:37:43Z');
    expect(stampDate(d)).toMatch(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}'\d{2}'$/);
    expect(pdfDate(d)).toMatch(/^D:\d{14}[+-]\d{2}'\d{2}'$/);
    expect(parsePdfDate(pdfDate(d))!.toISOString()).toBe(d.toISOString());
    expect(parsePdfDate("D:20200323213743+01'00'")!.toISOString()).toBe('2020-03-23T20:37:43.000Z');
    expect(parsePdfDate('hier')).toBeUndefined();
  });

  it('fits long lines in the box by wrapping and shrinking the text', () => {
    const ap = stampAppearance(170, 70, [
      { text: 'Signature numérique de Stéphanie DUPUY-LYON', bold: true },
      { text: 'Directrice générale de l’aménagement, du logement et de la nature' },
      { text: "Date : 2020.03.23 21:37:43 +01'00'" },
    ]);
    const ops = Buffer.from(ap.data).toString('latin1');
    const sizes = [...ops.matchAll(/\/F\d ([\d.]+) Tf/g)].map((m) => Number(m[1]));
    const ys = [...ops.matchAll(/Tm <[0-9a-f]+> Tj/g)].length;
    expect(ys).toBeGreaterThan(3);
    expect(Math.max(...sizes)).toBeLessThan(11);
    expect(ap.dict.get('BBox')).toEqual([0, 0, 170, 70]);
  });
});
