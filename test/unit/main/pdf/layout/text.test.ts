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

/** First fit on the fake faces (a glyph 5 pt, a space 2.5 pt): each line filled as far as it goes, as line-at-a-time breakers do. */
function firstFit(words: readonly string[], width: number): string[][] {
  const lines: string[][] = [[]];
  let w = 0;
  for (const word of words) {
    const cur = lines[lines.length - 1]!;
    const ww = word.length * 5;
    if (cur.length > 0 && w + 2.5 + ww > width) {
      lines.push([word]);
      w = ww;
    } else {
      w += (cur.length > 0 ? 2.5 : 0) + ww;
      cur.push(word);
    }
  }
  return lines;
}

/** Extra width given to each space of a line of `words` justified to `width` (fake faces). */
const firstFitSpacing = (words: readonly string[], width: number) => (width - words.join('').length * 5 - (words.length - 1) * 2.5) / (words.length - 1);

describe('breakLines: the paragraph as a whole (total fit)', () => {
  it('leaves no loose line where first fit leaves one, with as many lines', () => {
    const text = 'aaaa b ccc d eeeee fff gg hhhhh i jjj k lllll mm nn ooooo ppppp qq rrr ss ttttt uuuuu vv www xxx yyyyy zzzz';
    const width = 145;
    const greedy = firstFit(text.split(' '), width);
    // First fit: its third line « rrr ss ttttt uuuuu vv www xxx » has its spaces doubled (100 % wider).
    expect(greedy.slice(0, -1).map((l) => firstFitSpacing(l, width) / 2.5)).toEqual([expect.any(Number), expect.any(Number), 1]);
    const boxes = placeLines(breakLines(plain(text), width, size, fakeContext()), 0, 0, width, JUSTIFY);
    expect(boxes).toHaveLength(greedy.length);
    expect(boxes.map(lineText)).toEqual(['aaaa b ccc d eeeee fff gg hhhhh', 'i jjj k lllll mm nn ooooo ppppp', 'qq rrr ss ttttt uuuuu vv www xxx', 'yyyyy zzzz']);
    // Every justified line keeps its spaces within 50 % of their width: no loose line.
    for (const b of boxes.slice(0, -1)) {
      expect(b.wordSpacing).toBeGreaterThanOrEqual(0);
      expect(b.wordSpacing).toBeLessThanOrEqual(0.5 * 2.5);
      expect(b.width).toBeCloseTo(width, 6);
    }
  });

  it('shrinks the spaces of a line (never below 75 %) rather than leave the one before loose, and places its words accordingly', () => {
    const text = 'aaa bb cccc dddddd eee f ggg h iiiiiii jj';
    const width = 83;
    const lines = breakLines(plain(text), width, size, fakeContext());
    const boxes = placeLines(lines, 0, 0, width, JUSTIFY);
    expect(boxes.map(lineText)).toEqual(['aaa bb cccc dddddd', 'eee f ggg h iiiiiii', 'jj']);
    // Line 2 is 85 pt at its natural width: its 4 spaces give 0.5 pt each (of the 0.625 pt they may).
    expect(lines[1]!.width).toBeCloseTo(85, 6);
    const tight = boxes[1]!;
    expect(tight.wordSpacing).toBeCloseTo(-0.5, 6);
    expect(tight.wordSpacing).toBeGreaterThanOrEqual(-0.25 * 2.5);
    expect(tight.width).toBeCloseTo(width, 6);
    // First fit would have stretched « eee f ggg h » by 150 %.
    expect(firstFitSpacing(['eee', 'f', 'ggg', 'h'], width) / 2.5).toBeGreaterThan(1.4);
  });

  it('draws a line chosen wider than the column narrower whatever its alignment, so it never overflows', () => {
    const text = 'aaa bb cccc dddddd eee f ggg h iiiiiii jj';
    for (const align of ['left', 'center', 'right'] as const) {
      const boxes = placeLines(breakLines(plain(text), 83, size, fakeContext()), 0, 0, 83, { ...JUSTIFY, align });
      expect(boxes[1]!.wordSpacing).toBeCloseTo(-0.5, 6);
      expect(boxes[1]!.x).toBeCloseTo(0, 6);
      for (const b of boxes) expect(b.width).toBeLessThanOrEqual(83 + 1e-9);
    }
  });

  it('sets a paragraph of 20 000 words in well under a few seconds (each break looks back one line only)', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => 'abcdefgh'.slice(0, 1 + (i % 8)));
    const t0 = performance.now();
    const lines = breakLines(plain(words.join(' ')), 300, size, fakeContext());
    expect(lines.length).toBeGreaterThan(1000);
    // Comparing every pair of breaks would take tens of seconds here.
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('breakLines: French hyphenation (the convention\'s option)', () => {
  const text = 'Le délégataire assure les actes de gestion permettant de consommer les autorisations d’engagement et les crédits de paiement.';
  const width = 180;
  const hyph = () => ({ ...fakeContext(), hyphenate: true });

  it('is off by default: no word is cut, and the paragraph keeps loose lines', () => {
    const lines = breakLines(plain(text), width, size, fakeContext());
    expect(lines.some((l) => l.hyphenated)).toBe(false);
    const boxes = placeLines(lines, 0, 0, width, JUSTIFY);
    expect(boxes.map(lineText).join(' ')).toBe(text);
    expect(boxes.slice(0, -1).some((b) => b.wordSpacing > 0.5 * 2.5)).toBe(true);
  });

  it('cuts words at French hyphenation points with a hyphen at the line end, removing the loose lines', () => {
    const lines = breakLines(plain(text), width, size, hyph());
    const boxes = placeLines(lines, 0, 0, width, JUSTIFY);
    const texts = boxes.map(lineText);
    expect(texts).toEqual([
      'Le délégataire assure les actes de ges-',
      'tion permettant de consommer les auto-',
      'risations d’engagement et les crédits',
      'de paiement.',
    ]);
    expect(lines.map((l) => l.hyphenated === true)).toEqual([true, true, false, false]);
    for (const b of boxes.slice(0, -1)) {
      expect(b.wordSpacing).toBeLessThanOrEqual(0.5 * 2.5);
      expect(b.width).toBeCloseTo(width, 6);
    }
    // The hyphen is drawn (and measured) at the end of the line: the text less those hyphens is the paragraph.
    expect(texts.map((t, i) => (lines[i]!.hyphenated ? t.slice(0, -1) : `${t} `)).join('').trim()).toBe(text);
  });

  it('leaves alone a paragraph that sets well without it', () => {
    const lines = breakLines(plain('aaaa b ccc d eeeee fff gg hhhhh i jjj k lllll mm nn ooooo ppppp qq rrr ss ttttt uuuuu vv www xxx yyyyy zzzz'), 145, size, hyph());
    expect(lines.some((l) => l.hyphenated)).toBe(false);
  });

  it('never cuts the last word of a paragraph, amounts, codes, URLs, words with digits or capitals', () => {
    // Each paragraph is loose without cuts, so hyphenation is tried on all of them.
    const cases = [
      'on consomme les autorisations',
      'un montant de 1\u202f107\u202f456,00\u00a0€ prélevé, les autorisations',
      'la référence 0113-PEBC-ELAB convient, et voilà.',
      'voir https://www.economie.gouv.fr/administration bien',
      'les lignes budgétaires2024 et abcdefghij12 comme prévu',
      'la DIRECTION INTERMINISTÉRIELLE et Marianne Dupont-Lajoie sont là',
    ];
    for (const t of cases) {
      // From 70 pt on, every word fits a line (narrower, « autorisations » itself must be cut).
      for (let w = 70; w <= 200; w += 7) {
        const lines = breakLines(plain(t), w, size, hyph());
        const texts = placeLines(lines, 0, 0, w, JUSTIFY).map(lineText);
        lines.forEach((l, i) => {
          if (!l.hyphenated) return;
          const cutWord = `${texts[i]!.split(' ').pop()!.slice(0, -1)}${texts[i + 1]!.split(' ')[0]}`;
          expect(cutWord, `${t} @${w}: ${texts.join(' | ')}`).toMatch(/^[a-zéèàçôœ’]+[,.]?$/);
          expect(i + 1, 'not the last word').toBeLessThan(lines.length - 1 + (texts[i + 1]!.includes(' ') ? 1 : 0));
        });
        // The last word of the paragraph is always whole.
        expect(texts[texts.length - 1]!.endsWith(t.split(' ').pop()!)).toBe(true);
      }
    }
  });

  it('keeps at least 2 letters before a cut and 3 after it', () => {
    const t = 'ici les écologiques agrégations énumérées et les opérations utiles';
    for (let w = 40; w <= 160; w += 3) {
      const lines = breakLines(plain(t), w, size, hyph());
      const texts = placeLines(lines, 0, 0, w, JUSTIFY).map(lineText);
      lines.forEach((l, i) => {
        if (!l.hyphenated) return;
        const head = texts[i]!.split(' ').pop()!.slice(0, -1);
        const tail = texts[i + 1]!.split(' ')[0]!.replace(/[,.]$/, '');
        expect(head.length, `${head}-${tail}`).toBeGreaterThanOrEqual(2);
        expect(tail.length, `${head}-${tail}`).toBeGreaterThanOrEqual(3);
      });
    }
  });
});
