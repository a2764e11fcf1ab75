import { describe, expect, it } from 'vitest';
import { list, type BlockContext } from '../../../../../main/pdf/layout/blocks';
import { layoutConvention } from '../../../../../main/pdf/layout/document';
import { lineText } from '../../../../../main/pdf/layout/text';
import type { TextBox } from '../../../../../main/pdf/layout/types';
import { smallConvention } from '../../../../fixtures/conventions';
import { FAKE_FONTS, fakeContext } from './fake-fonts';

const ctx = (): BlockContext => ({ ...fakeContext(), x: 0, width: 200 });
const boxesOf = (f: { render(top: number): unknown[] }) => f.render(0) as TextBox[];

describe('list', () => {
  it('hangs every line of an item at the same indent, the bullet alone in the margin before it', () => {
    const [item] = list([{ runs: [{ text: 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk' }] }], false, ctx());
    const boxes = boxesOf(item!);
    const bullet = boxes.find((b) => lineText(b) === '•')!;
    const lines = boxes.filter((b) => b !== bullet);
    expect(lines.length).toBeGreaterThan(1);
    expect(new Set(lines.map((b) => b.x)).size).toBe(1);
    expect(bullet.x).toBeLessThan(lines[0]!.x);
    expect(bullet.y).toBe(lines[0]!.y);
    for (const l of lines) expect(l.x + l.width).toBeLessThanOrEqual(200 + 1e-6);
  });

  it('numbers an ordered list and indents each nesting level once more', () => {
    const items = list([{ runs: [{ text: 'un' }], children: [{ runs: [{ text: 'sous' }], children: [{ runs: [{ text: 'sous-sous' }] }] }] }, { runs: [{ text: 'deux' }] }], true, ctx());
    const texts = items.map((f) => boxesOf(f).map((b) => [lineText(b), b.x] as const));
    expect(texts.map((t) => t.map(([s]) => s))).toEqual([['1.', 'un'], ['–', 'sous'], ['•', 'sous-sous'], ['2.', 'deux']]);
    const xs = texts.map((t) => t[1]![1]);
    expect(xs[1]).toBeGreaterThan(xs[0]!);
    expect(xs[2]).toBeGreaterThan(xs[1]!);
    expect(xs[3]).toBe(xs[0]);
  });
});

describe('a bare convention', () => {
  it('lays out with no visa, preamble, budget, Chorus table or annex', () => {
    const c = smallConvention();
    c.visas = [];
    c.preamble = [];
    c.budget = { currency: 'EUR', rows: [] };
    c.accounting = [];
    c.annexes = [];
    c.articles = [{ id: 'a', title: 'Seul article', body: [{ kind: 'budget-table' }, { kind: 'accounting-references' }] }];
    const doc = layoutConvention(c, FAKE_FONTS);
    expect(doc.pages).toHaveLength(1);
    expect(doc.signatures).toHaveLength(2);
    expect(doc.pages[0]!.boxes.filter((b) => b.kind === 'rect' && !b.fill && b.stroke && b.stroke.width === 0.6)).toHaveLength(0);
  });
});
