import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchStates, totalFit, totalFitScript, type BreakItems } from '../../../../../main/pdf/layout/linebreak';

const root = join(__dirname, '..', '..', '..', '..', '..');

/**
 * A paragraph of `n` boxes: spaces (glue with stretch and shrink), breaks inside a word
 * (penalty 100) or at a hyphenation point (penalty 50, a hyphen's width, flagged), boxes wider
 * than the measure now and then. Words are mostly a few ems in a measure of tens, as in a
 * convention, so that most lines could be set several ways and every rule of the demerits
 * decides some; half the paragraphs have widths in eighths of an em, where ratios fall exactly
 * on the class boundaries (0.5, 1, −0.5) and totals tie. Typed arrays longer than `count`, as
 * text.ts reuses them.
 */
const paragraph = fc
  .record({
    boxes: fc.array(
      fc.record({ width: fc.double({ min: 0.3, max: 6, noNaN: true }), join: fc.constantFrom('space', 'space', 'space', 'space', 'narrow', 'inner', 'hyphen', 'hyphen'), wide: fc.integer({ min: 0, max: 40 }) }),
      { minLength: 1, maxLength: 200 },
    ),
    max: fc.double({ min: 4, max: 45, noNaN: true }),
    eighths: fc.boolean(),
    noGlueStretch: fc.constantFrom(0.125, 0.1, 0.3),
    spare: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ boxes, max: rawMax, eighths, noGlueStretch, spare }) => {
    const q = (x: number) => (eighths ? Math.max(0.125, Math.round(x * 8) / 8) : x);
    const max = q(rawMax);
    const n = boxes.length;
    const size = n + spare;
    const items = { count: n, box: new Float64Array(size), glue: new Float64Array(size), stretch: new Float64Array(size), shrink: new Float64Array(size), penalty: new Float64Array(size), penaltyWidth: new Float64Array(size), flagged: new Array<boolean>(size).fill(false) };
    boxes.forEach((b, k) => {
      items.box[k] = b.wide === 0 ? max * 1.4 : q(b.width);
      if (k === 0) return;
      if (b.join === 'space' || b.join === 'narrow') {
        const w = b.join === 'space' ? 0.25 : 0.125;
        items.glue[k] = w;
        items.stretch[k] = w * 0.5;
        items.shrink[k] = w * 0.25;
      } else if (b.join === 'inner') items.penalty[k] = 100;
      else {
        items.penalty[k] = 50;
        items.penaltyWidth[k] = eighths ? 0.375 : 0.33;
        items.flagged[k] = true;
      }
    });
    // Leftovers of a longer paragraph past `count`: never read.
    for (let k = n; k < size; k += 1) items.box[k] = 1e6;
    return { items: items as BreakItems, max, noGlueStretch };
  });

describe('totalFit compiled to WebAssembly (linebreak.wat)', () => {
  it('is linebreak.wat as scripts/wasm.mjs assembles it (edit the .wat, then npm run wasm)', async () => {
    const { assemble, moduleText, WASM_MODULES } = (await import(join(root, 'scripts', 'wasm.mjs'))) as {
      assemble: (file: string) => Promise<Buffer>;
      moduleText: (m: unknown, bytes: Buffer) => string;
      WASM_MODULES: readonly { wat: string; ts: string }[];
    };
    for (const m of WASM_MODULES) {
      const expected = moduleText(m, await assemble(join(root, m.wat)));
      expect(await readFile(join(root, m.ts), 'utf8'), `${m.ts} n'est pas ${m.wat} assemblé : lancez npm run wasm`).toBe(expected);
    }
  });

  it('chooses the same breaks as the script version, to the last bit of every width, ratio and demerit', () => {
    fc.assert(
      fc.property(paragraph, ({ items, max, noGlueStretch }) => {
        expect(totalFit(items, max, noGlueStretch)).toEqual(totalFitScript(items, max, noGlueStretch));
        // Every state's least demerits: the rules that rarely change a choice still show here.
        const { script, compiled } = searchStates(items, max, noGlueStretch);
        expect(compiled).not.toBeNull();
        expect(Array.from(compiled!)).toEqual(Array.from(script));
      }),
      { numRuns: Number(process.env.PARAPHE_PROPERTY_RUNS ?? 1000) },
    );
  });

  it('agrees on the boundaries: a ratio of exactly −0.5, 0.5 or 1, a line a hair over the measure', () => {
    // « 4 4 4 | 4 »: the first line is 12.5 wide with two spaces (stretch 0.25, shrink 0.125 in all).
    const four: BreakItems = {
      count: 4,
      box: [4, 4, 4, 4],
      glue: [0, 0.25, 0.25, 0.25],
      stretch: [0, 0.125, 0.125, 0.125],
      shrink: [0, 0.0625, 0.0625, 0.0625],
      penalty: [0, 0, 0, 0],
      penaltyWidth: [0, 0, 0, 0],
      flagged: [false, false, false, false],
    };
    const measures = [12.4375, 12.625, 12.75, 12.5 + 5e-9, 12.5 - 5e-9, 12.375 - 5e-9, 12.375 + 5e-9, 12.5 - 0.125 * (1 + 5e-9), 12.5 - 0.125 * (1 - 5e-9)];
    for (const max of measures) {
      const { script, compiled } = searchStates(four, max, 0.125);
      expect(Array.from(compiled!), `mesure ${max}`).toEqual(Array.from(script));
      expect(totalFit(four, max, 0.125)).toEqual(totalFitScript(four, max, 0.125));
    }
  });

  it('grows its memory for a long paragraph, then still sets short ones the same', () => {
    const n = 6000;
    const long: BreakItems = {
      count: n,
      box: Array.from({ length: n }, (_, k) => 1 + ((k * 37) % 11) / 4),
      glue: Array.from({ length: n }, (_, k) => (k === 0 || k % 13 === 0 ? 0 : 0.25)),
      stretch: Array.from({ length: n }, (_, k) => (k === 0 || k % 13 === 0 ? 0 : 0.125)),
      shrink: Array.from({ length: n }, (_, k) => (k === 0 || k % 13 === 0 ? 0 : 0.0625)),
      penalty: Array.from({ length: n }, (_, k) => (k > 0 && k % 13 === 0 ? 50 : 0)),
      penaltyWidth: Array.from({ length: n }, (_, k) => (k > 0 && k % 13 === 0 ? 0.33 : 0)),
      flagged: Array.from({ length: n }, (_, k) => k > 0 && k % 13 === 0),
    };
    const lines = totalFit(long, 30, 0.125);
    expect(lines.length).toBeGreaterThan(300);
    expect(lines).toEqual(totalFitScript(long, 30, 0.125));
    const short: BreakItems = { ...long, count: 40 };
    expect(totalFit(short, 12, 0.125)).toEqual(totalFitScript(short, 12, 0.125));
  });
});
