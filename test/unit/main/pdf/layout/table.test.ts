import { describe, expect, it } from 'vitest';
import { paginate } from '../../../../../main/pdf/layout/flow';
import { autoColumnWidths, layoutRow, TableFlowable, type CellContent, type TableLook } from '../../../../../main/pdf/layout/table';
import { lineText } from '../../../../../main/pdf/layout/text';
import type { Page, PageFrame, RectBox, TextBox } from '../../../../../main/pdf/layout/types';
import { fakeContext } from './fake-fonts';

const LOOK: TableLook = { text: { size: 10, leading: 10, align: 'left' }, padding: 2, paragraphGap: 0, border: { width: 0.5, color: [0, 0, 0] }, headerFill: [0.9, 0.9, 0.9] };
/** Column holds 100 pt: 10 rows of one line (14 pt each with padding) do not fit on one page. */
const FRAME: PageFrame = { width: 220, height: 120, left: 10, right: 10, top: 10, bottom: 10 };
const cell = (...paragraphs: string[]): CellContent => ({ paragraphs: paragraphs.map((t) => [{ text: t, style: 'regular' as const }]) });
const texts = (p: Page) => p.boxes.filter((b): b is TextBox => b.kind === 'text').map(lineText);

function makeTable(rows: CellContent[][], header = true) {
  const ctx = fakeContext();
  const widths = [100, 100];
  const head = header ? layoutRow([cell('Poste'), cell('Montant')], 10, widths, LOOK, ctx, true) : null;
  return new TableFlowable(head, rows.map((r) => layoutRow(r, 10, widths, LOOK, ctx)), 10, widths, LOOK);
}

describe('TableFlowable', () => {
  it('splits between rows and repeats the header at the top of the next page', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [cell(`r${i + 1}`), cell(`${i + 1}`)]);
    const pages = paginate([makeTable(rows)], FRAME);
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(texts(p).slice(0, 2)).toEqual(['Poste', 'Montant']);
    const body = pages.flatMap(texts).filter((t) => t.startsWith('r'));
    expect(body).toEqual(rows.map((_, i) => `r${i + 1}`));
  });

  it('draws a bordered rectangle per cell, the header filled', () => {
    const [page] = paginate([makeTable([[cell('a'), cell('b')]])], FRAME);
    const rects = page!.boxes.filter((b): b is RectBox => b.kind === 'rect');
    expect(rects).toHaveLength(4);
    expect(rects.filter((r) => r.fill)).toHaveLength(2);
    expect(rects.every((r) => r.stroke?.width === 0.5)).toBe(true);
  });

  it('grows a row with its tallest multi-line cell', () => {
    // « aaaa bbbb cccc » in 96 pt of text: each word 20 pt, so it stays on one line; force three with long words.
    const t = makeTable([[cell('x'), cell('aaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbb ccccccccccccccccc')]], false);
    expect(t.rows[0]!.height).toBeCloseTo(3 * 10 + 2 * 2);
  });

  it('splits a row taller than the rest of the page between the lines of its cells', () => {
    const tall = Array.from({ length: 14 }, (_, i) => `l${i + 1}`);
    const pages = paginate([makeTable([[cell('r1'), cell('1')], [cell('r2'), cell(...tall)]])], FRAME);
    expect(pages.length).toBe(2);
    const lines = pages.flatMap(texts).filter((t) => /^l\d+$/.test(t));
    expect(lines).toEqual(tall);
    // The continued row starts under the repeated header on page 2.
    expect(texts(pages[1]!).slice(0, 3)).toEqual(['Poste', 'Montant', expect.stringMatching(/^l\d+$/)]);
    // Widow control inside the cell: at least two lines carried over.
    expect(texts(pages[1]!).filter((t) => /^l\d+$/.test(t)).length).toBeGreaterThanOrEqual(2);
    for (const p of pages) {
      for (const b of p.boxes) if (b.kind === 'rect') expect(b.y + b.height).toBeLessThanOrEqual(FRAME.height - FRAME.bottom + 1e-6);
    }
  });
});

describe('autoColumnWidths (HTML automatic table layout)', () => {
  const AMOUNT = '1\u202f107\u202f456\u202f789,09\u00a0€';
  // A table of deliverables: 6 columns in 400 pt (fake glyphs 5 pt at size 10, padding 2).
  const deliverables = [
    [cell('Livrable'), cell('Description'), cell('Date'), cell('Montant'), cell('Référence'), cell('État')],
    [cell('Maquette'), cell('Maquette fonctionnelle de la démarche en ligne avec ses écrans principaux'), cell('07/08/2022'), cell(AMOUNT), cell('0113-PEBC-ELAB'), cell('livré')],
    [cell('Pilote'), cell('Ouverture à trois départements pilotes'), cell('15/12/2022'), cell('12\u202f000,00\u00a0€'), cell('0181-CPRI-ELAB'), cell('en cours')],
  ];

  it('gives every column at least its widest amount, date or code, and the rest to the long text', () => {
    const ctx = fakeContext();
    const widths = autoColumnWidths(deliverables, 400, LOOK, ctx);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(400, 6);
    const rows = deliverables.map((r) => layoutRow(r, 0, widths, LOOK, ctx));
    const lines = (r: number, c: number) => rows[r]!.cells[c]!.map((s) => lineText(s.boxes[0] as TextBox));
    expect(lines(1, 2)).toEqual(['07/08/2022']);
    expect(lines(1, 3)).toEqual([AMOUNT]);
    expect(lines(1, 4)).toEqual(['0113-PEBC-ELAB']);
    // Short columns reach their preferred width before the long text takes the rest.
    expect(lines(2, 5)).toEqual(['en cours']);
    expect(widths[1]).toBe(Math.max(...widths));
    expect(ctx.glyphs.warnings()).toEqual([]);
  });

  it('uses preferred widths when everything fits on one line, and follows the widths the author set', () => {
    const ctx = fakeContext();
    const short = [[cell('aa'), cell('bbbb')]];
    const [a, b] = autoColumnWidths(short, 100, LOOK, ctx);
    expect(a! / b!).toBeCloseTo((10 + 4.01) / (20 + 4.01), 3);
    expect(autoColumnWidths(short, 100, LOOK, ctx, [3, 1])).toEqual([75, 25]);
    // An author width below a date's width is raised to it, the difference taken from the other column.
    const dated = [[cell('07/08/2022'), cell('texte')]];
    const [d, t] = autoColumnWidths(dated, 200, LOOK, ctx, [1, 9]);
    expect(d).toBeCloseTo(50 + 4.01, 6);
    expect(t).toBeCloseTo(200 - 54.01, 6);
  });

  it('cuts an amount only when not even the whole table can hold it, and says so', () => {
    const ctx = fakeContext();
    const rows = [[cell(AMOUNT), cell(AMOUNT)]];
    const widths = autoColumnWidths(rows, 100, LOOK, ctx);
    expect(widths[0]).toBeCloseTo(50, 6);
    layoutRow(rows[0]!, 0, widths, LOOK, ctx);
    expect(ctx.glyphs.warnings().map((w) => w.code)).toEqual(['cut-token']);
  });
});
