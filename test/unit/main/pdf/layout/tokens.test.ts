import { describe, expect, it } from 'vitest';
import { breakLines, contentWidths, lineText, measure, placeLines, type MeasureContext, type StyledRun, type TextStyle } from '../../../../../main/pdf/layout/text';
import { breakOffsets, isAtomic, tokenize, wordText } from '../../../../../main/pdf/layout/tokens';
import type { FontMetrics, FontSet } from '../../../../../main/pdf/layout/types';
import { fakeContext, fakeFace } from './fake-fonts';
import { GlyphReport } from '../../../../../main/pdf/layout/text';

const size = 10; // a regular glyph is 5 pt wide, a space 2.5 pt
const JUSTIFY: TextStyle = { size, leading: 14, align: 'justify' };
const plain = (text: string): StyledRun[] => [{ text, style: 'regular' }];

/** A face like Marianne: no ligatures, no superscript letters. */
const lacking = (base: FontMetrics): FontMetrics => {
  const absent = new Set([0xfb01, 0xfb02, 0x1d49, 0x2b3, 0x1d50, 0x1d52, 0xff21, 0x2603]);
  return { has: (cp) => !absent.has(cp) && base.has(cp), advance: (cp) => (absent.has(cp) ? 0 : base.advance(cp)) };
};
const MARIANNE_LIKE: FontSet = {
  regular: lacking(fakeFace(500)), bold: lacking(fakeFace(600)), italic: lacking(fakeFace(500)), boldItalic: lacking(fakeFace(600)),
};
const ctxOf = (fonts: FontSet): MeasureContext & { glyphs: GlyphReport } => ({ fonts, glyphs: new GlyphReport(), where: 'test' });

describe('characters the font lacks', () => {
  it('maps compatibility characters through NFKC (« ﬁ » → « fi », full-width « Ａ ») before any « ? »', () => {
    const ctx = ctxOf(MARIANNE_LIKE);
    const [line] = placeLines(breakLines(plain('ﬁnancement ﬂux Ａ ☃'), 1000, size, ctx), 0, 0, 1000, JUSTIFY);
    expect(lineText(line!)).toBe('financement flux A ?');
    // « fi » is two glyphs wide: 10 + 9 (nancement) glyphs + « flux » + « A » + « ? », three spaces.
    expect(line!.width).toBeCloseTo((11 + 4 + 1 + 1) * 5 + 3 * 2.5, 6);
    expect(ctx.glyphs.warnings().map((w) => w.message).join()).toMatch(/U\+2603/);
    expect(ctx.glyphs.warnings()).toHaveLength(1);
  });

  it('draws French superscripts as smaller raised letters of the font: « 1ᵉʳ », « Mᵐᵉ », « nᵒ »', () => {
    const ctx = ctxOf(MARIANNE_LIKE);
    const [line] = placeLines(breakLines(plain('le 1ᵉʳ mars, Mᵐᵉ X, nᵒ 3'), 1000, size, ctx), 0, 0, 1000, JUSTIFY);
    expect(lineText(line!)).toBe('le 1er mars, Mme X, no 3');
    const sup = line!.fragments.filter((f) => f.script === 'super');
    expect(sup.map((f) => f.parts[0])).toEqual(['er', 'me', 'o']);
    // « er » at 65 % of the size: 2 × 5 × 0.65 = 6.5 pt; « mars » follows it.
    const er = line!.fragments.findIndex((f) => f.script === 'super');
    expect(line!.fragments[er + 1]!.x - line!.fragments[er]!.x).toBeCloseTo(6.5 + 2.5, 6);
    expect(ctx.glyphs.warnings()).toEqual([]);
  });

  it('measures a single line (footers, bullets) as it prints: « ﬁ » two letters, « ᵉʳ » smaller, « ☃ » a « ? »', () => {
    expect(measure('ﬁ', 'regular', size, MARIANNE_LIKE)).toBeCloseTo(10, 6);
    expect(measure('1ᵉʳ', 'regular', size, MARIANNE_LIKE)).toBeCloseTo(5 + 6.5, 6);
    expect(measure('☃', 'regular', size, MARIANNE_LIKE)).toBeCloseTo(5, 6);
  });
});

describe('amounts, dates and codes (atomic tokens)', () => {
  it('knows amounts with their grouping spaces and currency, dates and codes', () => {
    for (const t of ['1\u202f107\u202f456\u202f789,09\u00a0€', '07/08/2022', '(07/08/2022),', '0113-PEBC-ELAB', '140\u202f000\u00a0EUR', 'n°2004-1085', '12,5\u00a0%']) {
      expect(isAtomic(t), t).toBe(true);
    }
    for (const t of ['https://beta.gouv.fr/a-b', 'délégation', 'co-délégataires', 'Vu']) expect(isAtomic(t), t).toBe(false);
  });

  it('gives an amount or a date its whole width as least content width, a URL its widest piece', () => {
    const ctx = fakeContext();
    expect(contentWidths(plain('1\u202f107\u202f456\u202f789,09\u00a0€ et 07/08/2022'), size, ctx).min).toBeCloseTo(13 * 5 + 3 * 1.25 + 2 * 5, 6);
    expect(contentWidths(plain('https://a.gouv.fr/abcdefgh'), size, ctx).min).toBeCloseTo(8 * 5, 6);
    expect(contentWidths(plain('aa bb\ncccccc'), size, ctx)).toEqual({ min: 30, max: 30 });
  });
});

describe('long URLs and codes in running text', () => {
  const url = 'https://www.demarches-simplifiees.fr/commencer/convention-delegation';

  it('breaks after « / », « . », « _ » or before « - », never right after a hyphen of the URL', () => {
    expect(breakOffsets('https://a.b/c-d_e')).toEqual([8, 10, 12, 13, 16]);
    const ctx = fakeContext();
    const lines = placeLines(breakLines(plain(`Adresse de repli : ${url} pour la suite`), 150, size, ctx), 0, 0, 150, JUSTIFY).map(lineText);
    expect(lines.join('').replace(/ /g, '')).toBe(`Adressederepli:${url}pourlasuite`);
    for (const l of lines) expect(l.endsWith('-'), l).toBe(false);
    expect(ctx.glyphs.warnings()).toEqual([]);
  });

  it('never stretches the line before a long URL: it starts on that line, or the line is left ragged', () => {
    const ctx = fakeContext();
    const boxes = placeLines(breakLines(plain(`Adresse de repli : ${url}`), 150, size, ctx), 0, 0, 150, JUSTIFY);
    expect(lineText(boxes[0]!).startsWith('Adresse de repli : https:')).toBe(true);
    // No space stretched beyond half its width (2.5 pt).
    for (const b of boxes) expect(b.wordSpacing, lineText(b)).toBeLessThanOrEqual(1.25 + 1e-9);
  });

  it('leaves ragged a line that could only end loose before an unbreakable code', () => {
    const ctx = fakeContext();
    const boxes = placeLines(breakLines(plain('Le code est AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.'), 100, size, ctx), 0, 0, 100, JUSTIFY);
    for (const b of boxes) expect(b.wordSpacing, lineText(b)).toBeLessThanOrEqual(1.25 + 1e-9);
  });
});

describe('amounts typed with plain spaces', () => {
  it('keep their digit groups and currency together (« 140 000 EUR », « 50 % »), never a year and a number', () => {
    const words = tokenize(plain('soit 1 107 456,09 EUR et 50 % en 2020 100 agents'), fakeContext())
      .filter((t) => t.kind === 'word')
      .map((w) => wordText(w));
    expect(words).toEqual(['soit', '1 107 456,09 EUR', 'et', '50 %', 'en', '2020', '100', 'agents']);
    expect(isAtomic('1 107 456,09 EUR')).toBe(true);
    const lines = placeLines(breakLines(plain('soit 1 107 456 EUR et'), 60, size, fakeContext()), 0, 0, 60, JUSTIFY).map(lineText);
    expect(lines).toContain('1 107 456 EUR');
  });
});
