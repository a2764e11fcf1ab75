import { describe, expect, it } from 'vitest';
import { LinesFlowable, paginate, type Slot } from '../../../../../main/pdf/layout/flow';
import type { Box, Page, PageFrame, TextBox } from '../../../../../main/pdf/layout/types';

/** A frame whose column holds exactly 10 lines of 10 pt. */
const FRAME: PageFrame = { width: 200, height: 120, left: 10, right: 10, top: 10, bottom: 10 };

/** One slot per line, each a text box naming its paragraph and line. */
function lines(name: string, n: number, height = 10): Slot[] {
  return Array.from({ length: n }, (_, i) => ({
    height,
    boxes: [{ kind: 'text', x: 10, y: 8, size: 8, wordSpacing: 0, width: 10, fragments: [{ style: 'regular', x: 10, parts: [`${name}${i + 1}`] }] } satisfies TextBox],
  }));
}
const names = (page: Page) => page.boxes.filter((b): b is TextBox => b.kind === 'text').map((b) => b.fragments[0]!.parts[0]);

describe('paginate', () => {
  it('splits a paragraph at a page break, leaving at least two lines on each side', () => {
    // 9 lines fill the page but one: a 3-line paragraph cannot leave 1 line behind; it moves whole.
    const pages = paginate([new LinesFlowable(lines('a', 9)), new LinesFlowable(lines('b', 3))], FRAME);
    expect(pages.map(names)).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'],
      ['b1', 'b2', 'b3'],
    ]);
  });

  it('pulls a line back so no widow is left at the top of the next page', () => {
    // 11 lines: 10 would fit, but the 11th alone would be a widow: 9 + 2.
    const pages = paginate([new LinesFlowable(lines('a', 11))], FRAME);
    expect(pages.map((p) => names(p).length)).toEqual([9, 2]);
  });

  it('does not end a page on a word cut by a hyphen when one line fewer keeps the rules', () => {
    const cut = (slots: Slot[], ...at: number[]): Slot[] => slots.map((s, i) => (at.includes(i) ? { ...s, boxes: [{ ...(s.boxes[0] as TextBox), fragments: [{ style: 'regular', x: 10, parts: ['a', 'délé-'] }] }] } : s));
    // 14 lines: 10 fit; the 10th ends on « délé- »: the page ends after the 9th (after the 8th if that one is cut too).
    expect(paginate([new LinesFlowable(cut(lines('a', 14), 9))], FRAME).map((p) => p.boxes.length)).toEqual([9, 5]);
    expect(paginate([new LinesFlowable(cut(lines('a', 14), 8, 9))], FRAME).map((p) => p.boxes.length)).toEqual([8, 6]);
    // A hyphen of the text itself, alone (« - »), is no cut word.
    const dash = lines('a', 14).map((s, i) => (i === 9 ? { ...s, boxes: [{ ...(s.boxes[0] as TextBox), fragments: [{ style: 'regular' as const, x: 10, parts: ['a', '-'] }] }] } : s));
    expect(paginate([new LinesFlowable(dash)], FRAME).map((p) => p.boxes.length)).toEqual([10, 4]);
    // With two lines to keep at the foot, a cut second line stays: the rule comes first.
    const pages = paginate([new LinesFlowable(lines('b', 8)), new LinesFlowable(cut(lines('a', 6), 1))], FRAME);
    expect(pages.map((p) => p.boxes.length)).toEqual([10, 4]);
  });

  it('never leaves a single first line (orphan) at the foot of a page', () => {
    const pages = paginate([new LinesFlowable(lines('a', 9)), new LinesFlowable(lines('b', 6))], FRAME);
    expect(names(pages[0]!)).not.toContain('b1');
    expect(names(pages[1]!)[0]).toBe('b1');
  });

  it('carries a heading to the next page with the start of what follows', () => {
    const heading = new LinesFlowable(lines('h', 1), { keepTogether: true, keepWithNext: true });
    const pages = paginate([new LinesFlowable(lines('a', 8)), heading, new LinesFlowable(lines('b', 5))], FRAME);
    expect(names(pages[0]!)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
    expect(names(pages[1]!).slice(0, 2)).toEqual(['h1', 'b1']);
  });

  it('keeps a heading on the page when the first two lines of what follows fit', () => {
    const heading = new LinesFlowable(lines('h', 1), { keepTogether: true, keepWithNext: true });
    const pages = paginate([new LinesFlowable(lines('a', 6)), heading, new LinesFlowable(lines('b', 5))], FRAME);
    expect(names(pages[0]!)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'h1', 'b1', 'b2', 'b3']);
  });

  it('starts a block marked breakBefore on a new page', () => {
    const pages = paginate([new LinesFlowable(lines('a', 2)), new LinesFlowable(lines('x', 1), { breakBefore: true })], FRAME);
    expect(pages.map(names)).toEqual([['a1', 'a2'], ['x1']]);
  });

  it('cuts by force what is taller than a page, and loses nothing', () => {
    const pages = paginate([new LinesFlowable(lines('t', 1, 30), { keepTogether: true }), new LinesFlowable(lines('k', 25), { keepTogether: true })], FRAME);
    const all = pages.flatMap(names);
    expect(all).toEqual(['t1', ...Array.from({ length: 25 }, (_, i) => `k${i + 1}`)]);
    for (const p of pages) {
      for (const b of p.boxes as Box[]) if (b.kind === 'text') expect(b.y).toBeLessThanOrEqual(FRAME.height - FRAME.bottom);
    }
  });

  it('collapses the space between blocks to the larger of the two, and drops it at the top of a page', () => {
    const a = new LinesFlowable(lines('a', 1), { spaceAfter: 6 });
    const b = new LinesFlowable(lines('b', 1), { spaceBefore: 4 });
    const [page] = paginate([a, b], FRAME);
    const [ya, yb] = page!.boxes.map((x) => (x as TextBox).y);
    expect(yb! - ya!).toBeCloseTo(16);
    const [first] = paginate([new LinesFlowable(lines('c', 1), { spaceBefore: 20 })], FRAME);
    expect((first!.boxes[0] as TextBox).y).toBeCloseTo(FRAME.top + 8);
  });
});
