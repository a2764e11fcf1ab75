import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakLines, lineText, placeLines, type StyledRun } from '../../../../../main/pdf/layout/text';
import { fakeContext } from './fake-fonts';

const size = 10;
const word = fc.stringMatching(/^[a-zA-Zéèàç0-9«»:;,.\-/’]{1,30}$/);
const style = fc.constantFrom('regular' as const, 'bold' as const, 'italic' as const, 'boldItalic' as const);
const runs = fc.array(fc.record({ words: fc.array(word, { minLength: 1, maxLength: 12 }), style }), { minLength: 1, maxLength: 6 });

describe('breakLines (properties)', () => {
  it('never overflows the column, and loses, adds or reorders no character', () => {
    fc.assert(
      fc.property(runs, fc.integer({ min: 30, max: 400 }), (parts, width) => {
        const input: StyledRun[] = parts.map((p) => ({ text: `${p.words.join(' ')} `, style: p.style }));
        const boxes = placeLines(breakLines(input, width, size, fakeContext()), 0, 0, width, { size, leading: 12, align: 'justify' });
        for (const b of boxes) expect(b.width).toBeLessThanOrEqual(width + 1e-6);
        const strip = (s: string) => s.replace(/\s+/g, '');
        expect(strip(boxes.map(lineText).join(''))).toBe(strip(input.map((r) => r.text).join('')));
      }),
      { numRuns: Number(process.env.PARAPHE_PROPERTY_RUNS ?? 300) },
    );
  });

  it('with French hyphenation: never overflows, and the text less the hyphens drawn at cuts is the input', () => {
    const french = fc.stringMatching(/^[a-zéèàçêôœ’'\-]{1,18}[,.;:]?$/);
    const parts = fc.array(fc.record({ words: fc.array(fc.oneof(word, french, french), { minLength: 1, maxLength: 14 }), style }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(parts, fc.integer({ min: 30, max: 400 }), fc.constantFrom('justify' as const, 'left' as const), (ps, width, align) => {
        const input: StyledRun[] = ps.map((p) => ({ text: `${p.words.join(' ')} `, style: p.style }));
        const lines = breakLines(input, width, size, { ...fakeContext(), hyphenate: true });
        const boxes = placeLines(lines, 0, 0, width, { size, leading: 12, align });
        for (const b of boxes) expect(b.width).toBeLessThanOrEqual(width + 1e-6);
        const texts = boxes.map(lineText);
        lines.forEach((l, i) => {
          if (l.hyphenated) expect(texts[i]!.endsWith('-')).toBe(true);
        });
        const strip = (s: string) => s.replace(/\s+/g, '');
        expect(strip(texts.map((t, i) => (lines[i]!.hyphenated ? t.slice(0, -1) : t)).join(''))).toBe(strip(input.map((r) => r.text).join('')));
      }),
      { numRuns: Number(process.env.PARAPHE_PROPERTY_RUNS ?? 300) },
    );
  });

  it('cuts long URLs and codes anywhere but right after their own hyphen, keeping every character', () => {
    const url = fc.stringMatching(/^[a-z0-9\-/._]{20,120}$/);
    fc.assert(
      fc.property(fc.array(url, { minLength: 1, maxLength: 4 }), fc.integer({ min: 30, max: 200 }), (urls, width) => {
        const text = `Adresse : ${urls.join(' et ')}`;
        const boxes = placeLines(breakLines([{ text, style: 'regular' }], width, size, fakeContext()), 0, 0, width, { size, leading: 12, align: 'justify' });
        const lines = boxes.map(lineText);
        for (const b of boxes) expect(b.width).toBeLessThanOrEqual(width + 1e-6);
        const strip = (s: string) => s.replace(/\s+/g, '');
        expect(strip(lines.join(''))).toBe(strip(text));
        // A line that ends inside a word (the next line continues it) never ends on a hyphen,
        // unless the piece is nothing but hyphens wider than the line (« ------ »): no other cut.
        let pos = 0;
        const flat = text.replace(/\s+/g, ' ');
        lines.forEach((l, i) => {
          pos = flat.indexOf(l, pos) + l.length;
          const insideWord = i < lines.length - 1 && flat.charAt(pos) !== ' ';
          if (insideWord && !/(^|\s)-+$/.test(l)) expect(l.endsWith('-'), `${l} | ${lines[i + 1]}`).toBe(false);
        });
      }),
      { numRuns: Number(process.env.PARAPHE_PROPERTY_RUNS ?? 300) },
    );
  });
});
