import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitnessClass, totalFit, totalFitScript, type BreakItems } from '../../../../../main/pdf/layout/linebreak';

/** Boxes of the given widths joined by spaces of width 1 (stretch 0.5, shrink 0.25); `inner` marks breaks inside a word. */
function items(widths: readonly number[], opts: { inner?: ReadonlySet<number>; hyphen?: ReadonlySet<number> } = {}): BreakItems {
  const n = widths.length;
  const joined = (k: number) => opts.inner?.has(k) === true || opts.hyphen?.has(k) === true;
  return {
    count: n,
    box: widths,
    glue: widths.map((_, k) => (k === 0 || joined(k) ? 0 : 1)),
    stretch: widths.map((_, k) => (k === 0 || joined(k) ? 0 : 0.5)),
    shrink: widths.map((_, k) => (k === 0 || joined(k) ? 0 : 0.25)),
    penalty: widths.map((_, k) => (opts.hyphen?.has(k) ? 50 : opts.inner?.has(k) ? 100 : 0)),
    penaltyWidth: widths.map((_, k) => (opts.hyphen?.has(k) ? 0.5 : 0)),
    flagged: widths.map((_, k) => opts.hyphen?.has(k) === true),
  };
}

it('sorts lines into TeX’s fitness classes', () => {
  expect([-1, -0.6, -0.5, 0, 0.5, 0.7, 1, 1.5].map(fitnessClass)).toEqual([3, 3, 2, 2, 2, 1, 1, 0]);
});

// The compiled search (linebreak.wat) and its script statement, held to the same rules.
describe.each([
  ['totalFit (WebAssembly)', totalFit],
  ['totalFitScript', totalFitScript],
])('%s', (_name, totalFit) => {

  it('chooses the breaks of the whole paragraph: two lines stretched at most 50 % rather than a full one and a loose one', () => {
    // Measure 16. First fit fills line 1 exactly (2 1 2 4 1 1), then sets 1 2 3 2 1 (13 wide) with
    // 3 to spread over 4 spaces of stretch 0.5 each: ratio 1.5 (spaces 75 % wider).
    const widths = [2, 1, 2, 4, 1, 1, 1, 2, 3, 2, 1, 4, 1];
    const lines = totalFit(items(widths), 16, 0.5);
    expect(lines.map((l) => [l.from, l.to])).toEqual([[0, 5], [5, 11], [11, 13]]);
    expect(lines.map((l) => l.ratio)).toEqual([1, 0.4, 0]);
  });

  it('shrinks a line when that avoids a loose one, never beyond its spaces’ shrink', () => {
    // 5 boxes of 4 and 4 spaces: 24 wide, 1 of shrink; in 23.2 it fits at ratio -0.8.
    const lines = totalFit(items([4, 4, 4, 4, 4, 2]), 23.2, 0.5);
    expect(lines[0]).toMatchObject({ from: 0, to: 5 });
    expect(lines[0]!.ratio).toBeCloseTo(-0.8, 9);
    // In 22.9 it would need more than all the shrink: the line breaks earlier.
    expect(totalFit(items([4, 4, 4, 4, 4, 2]), 22.9, 0.5)[0]!.to).toBeLessThan(5);
  });

  it('adds the hyphen’s width to a line ending at a hyphenation point', () => {
    // « 4 3-3 4 »: boxes 1 and 2 are one word cut by a hyphen of width 0.5.
    const lines = totalFit(items([4, 3, 3, 4], { hyphen: new Set([2]) }), 8.5, 0.5);
    expect(lines.map((l) => [l.from, l.to, l.width])).toEqual([[0, 2, 8.5], [2, 4, 8]]);
    // Without the hyphenation point, the word moves down whole.
    expect(totalFit(items([4, 6, 4]), 8.5, 0.5).map((l) => [l.from, l.to])).toEqual([[0, 1], [1, 2], [2, 3]]);
  });

  it('always finds breaks, and no line is wider than the measure once shrunk (but a lone box)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.2, max: 30, noNaN: true }), { minLength: 1, maxLength: 80 }), fc.double({ min: 5, max: 60, noNaN: true }), fc.integer({ min: 0, max: 2 ** 30 }), (raw, max, seed) => {
        const widths = raw.map((w) => Math.min(w, max));
        const inner = new Set(widths.map((_, k) => k).filter((k) => k > 0 && ((seed >> (k % 30)) & 1) === 1));
        const it = items(widths, { inner });
        const lines = totalFit(it, max, 0.5);
        expect(lines[0]!.from).toBe(0);
        expect(lines[lines.length - 1]!.to).toBe(widths.length);
        lines.forEach((l, i) => {
          if (i > 0) expect(l.from).toBe(lines[i - 1]!.to);
          expect(l.to).toBeGreaterThan(l.from);
          let shrink = 0;
          for (let k = l.from + 1; k < l.to; k += 1) shrink += it.shrink[k]!;
          if (l.to - l.from > 1) expect(l.width - shrink).toBeLessThanOrEqual(max + 1e-6);
          expect(l.ratio).toBeGreaterThanOrEqual(-1);
        });
      }),
      { numRuns: Number(process.env.PARAPHE_PROPERTY_RUNS ?? 300) },
    );
  });
});
