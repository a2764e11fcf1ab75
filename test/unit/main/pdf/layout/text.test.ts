import { describe, expect, it } from 'vitest';
import { breakLines, lineText, placeLine, placeLines, type StyledRun, type TextStyle } from '../../../../../main/pdf/layout/text';
import { FAKE_FONTS, fakeContext } from './fake-fonts';
import { GlyphReport } from '../../../../../main/pdf/layout/text';

const size = 10; // a regular glyph is 5 pt wide, a space 2.5 pt
const JUSTIFY: TextStyle = { size, leading: 14, align: 'justify' };
const plain = (text: string): StyledRun[] => [{ text, style: 'regular' }];
const texts = (runs: StyledRun[], width: number, style = JUSTIFY) =>
  placeLines(breakLines(runs, width, size, fakeContext()), 0, 0, width, style).map(lineText);

describe('breakLines', () => {
  it('fills each line as far as it goes and keeps every word, in order', () => {
    // 10 chars = 50 pt; « aaaa bbbb » is 4*5 + 2.5 + 4*5 = 42.5 pt.
    const lines = texts(plain('aaaa bbbb cccc dddd eeee'), 50);
    expect(lines).toEqual(['aaaa bbbb', 'cccc dddd', 'eeee']);
  });

  it('collapses runs of spaces and drops them at line ends', () => {
    expect(texts(plain('  aaaa    bbbb  '), 1000)).toEqual(['aaaa bbbb']);
  });

  it('justifies every line but the last to the exact column width', () => {
    const width = 64;
    const boxes = placeLines(breakLines(plain('aa bb cc dd ee ff gg hh ii jj kk ll mm'), width, size, fakeContext()), 10, 0, width, JUSTIFY);
    expect(boxes.length).toBeGreaterThan(2);
    for (const b of boxes.slice(0, -1)) {
      expect(b.width).toBeCloseTo(width, 6);
      expect(b.wordSpacing).toBeGreaterThan(0);
    }
    const last = boxes[boxes.length - 1]!;
    expect(last.wordSpacing).toBe(0);
    expect(last.width).toBeLessThan(width);
  });

  it('centres and right-aligns lines within the column', () => {
    const [line] = breakLines(plain('abcd'), 100, size, fakeContext());
    expect(placeLine(line!, 0, 0, 100, { ...JUSTIFY, align: 'center' }).x).toBeCloseTo(40);
    expect(placeLine(line!, 0, 0, 100, { ...JUSTIFY, align: 'right' }).x).toBeCloseTo(80);
  });

  it('keeps bold and italic runs as fragments of their own face, at the right place', () => {
    const runs: StyledRun[] = [{ text: 'ab ', style: 'regular' }, { text: 'cd', style: 'bold' }, { text: 'ef gh', style: 'italic' }];
    const [box] = placeLines(breakLines(runs, 1000, size, fakeContext()), 0, 0, 1000, { ...JUSTIFY, align: 'left' });
    expect(box!.fragments.map((f) => [f.style, f.parts.join(' ')])).toEqual([
      ['regular', 'ab '],
      ['bold', 'cd'],
      ['italic', 'ef gh'],
    ]);
    // « ab » 10 pt + space 2.5 pt; bold « cd » 12 pt.
    expect(box!.fragments[1]!.x).toBeCloseTo(12.5);
    expect(box!.fragments[2]!.x).toBeCloseTo(24.5);
  });

  it('cuts a code longer than the line before its hyphens, never inside a segment that fits, and says so', () => {
    // 0113-PEBC-ELAB is 14 glyphs = 70 pt; the column holds 11 (55 pt).
    const ctx = fakeContext();
    const lines = placeLines(breakLines(plain('0113-PEBC-ELAB'), 55, size, ctx), 0, 0, 55, JUSTIFY).map(lineText);
    expect(lines).toEqual(['0113-PEBC', '-ELAB']);
    expect(ctx.glyphs.warnings().map((w) => w.code)).toEqual(['cut-token']);
    expect(ctx.glyphs.warnings()[0]!.message).toMatch(/« 0113-PEBC-ELAB » est plus large que la colonne/);
  });

  it('cuts a URL after its slashes and a word with no punctuation between letters', () => {
    const url = texts(plain('https://intranet.spm.rie.gouv.fr/a/b'), 60);
    expect(url.join('')).toBe('https://intranet.spm.rie.gouv.fr/a/b');
    for (const l of url) expect(l.length * 5).toBeLessThanOrEqual(60);
    expect(url[0]!.endsWith('/') || url[0]!.endsWith('.')).toBe(true);
    const word = texts(plain('abcdefghijklmnopqrstuvwxyz'), 50);
    expect(word).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxyz']);
  });

  it('never breaks inside « … » nor before a colon (French spacing)', () => {
    const text = 'aaa « le délégant » bbb ccc : ddd « x » eee ; fff';
    for (let width = 60; width <= 200; width += 3) {
      for (const l of texts(plain(text), width, { ...JUSTIFY, align: 'left' })) {
        expect(l.startsWith('»')).toBe(false);
        expect(l.startsWith(':')).toBe(false);
        expect(l.startsWith(';')).toBe(false);
        expect(l.endsWith('«')).toBe(false);
      }
    }
  });

  it('keeps « 140 000 EUR » on one line (no-break spaces) and measures U+202F narrow', () => {
    const amount = '140\u202f000\u00a0EUR';
    const lines = texts(plain(`aaaa ${amount}`), 60);
    expect(lines).toEqual(['aaaa', amount]);
    const [line] = breakLines(plain('1\u202f0'), 1000, size, fakeContext());
    expect(line!.width).toBeCloseTo(5 + 1.25 + 5);
  });

  it('replaces a character the font lacks with a visible « ? » and reports it once', () => {
    const ctx = fakeContext('article 2');
    const [line] = breakLines(plain('a😀b 😀'), 1000, size, ctx);
    const text = line!.fragments.map((f) => f.parts.join(' ')).join('');
    expect(text).toBe('a?b ?');
    const warnings = ctx.glyphs.warnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('U+1F600');
    expect(warnings[0]!.message).toContain('2 fois');
    expect(warnings[0]!.message).toContain('article 2');
  });

  it('drops invisible characters of pasted text and uses plain equivalents for dashes and spaces the font lacks', () => {
    const lacking = { has: (cp: number) => ![0x2011, 0x2003, 0x202f].includes(cp) && cp <= 0xffff, advance: (cp: number) => (cp === 0x20 ? 250 : 500) };
    const fonts = { ...FAKE_FONTS, regular: lacking };
    const ctx = { fonts, glyphs: new GlyphReport(), where: 'test' };
    const lines = placeLines(breakLines(plain('in\u00adter\u200bnational\ufeff 0113\u2011PEBC\u2003fin'), 1000, size, ctx), 0, 0, 1000, JUSTIFY).map(lineText);
    expect(lines).toEqual(['international 0113-PEBC fin']);
    expect(ctx.glyphs.warnings()).toEqual([]);
  });

  it('honours a newline as a forced, unjustified break', () => {
    const lines = breakLines(plain('aa bb\ncc'), 1000, size, fakeContext());
    expect(lines.map((l) => l.last)).toEqual([true, true]);
    expect(texts(plain('aa bb\ncc'), 1000)).toEqual(['aa bb', 'cc']);
  });

  it('gives an empty paragraph one empty line (it still takes its place)', () => {
    expect(breakLines(plain(''), 100, size, fakeContext())).toHaveLength(1);
  });
});
