import { breakLines, baselineOffset, contentWidths, placeLine, type MeasureContext, type StyledRun, type TextStyle } from './text';
import { tagSlots, untagSlots, type Flowable, type Slot } from './flow';
import { shiftBox, structNode, type Box, type Rgb, type StructNode } from './types';

/** A cell's content: paragraphs of styled runs. */
export interface CellContent {
  readonly paragraphs: ReadonlyArray<readonly StyledRun[]>;
  readonly align?: TextStyle['align'];
}

/** How a table looks. */
export interface TableLook {
  readonly text: TextStyle;
  readonly padding: number;
  /** Space between two paragraphs of a cell. */
  readonly paragraphGap: number;
  readonly border: { readonly width: number; readonly color: Rgb };
  readonly headerFill?: Rgb;
}

/** A laid-out row: each cell's line slots (x absolute, y relative to the cell's content top). */
export interface TableRow {
  readonly cells: ReadonlyArray<readonly Slot[]>;
  readonly height: number;
  readonly header: boolean;
  /** Per column, what a continued piece of this row shows when its own cell would be empty (the UO label). */
  readonly repeat?: ReadonlyArray<readonly Slot[] | undefined>;
}

/**
 * Column widths from the cells' content, as HTML's automatic table layout does: each column's
 * least width (its widest amount, date, code or word, padding included) and preferred width
 * (its widest paragraph on one line). The table takes the whole `total`: columns get their
 * preferred width and share what is left in proportion to it when everything fits; else each
 * gets its least width, then all grow together towards their preferred widths (short columns
 * reach theirs, long texts share the rest).
 * Widths the author set (`weights`, relative) are followed as far as every column keeps its
 * least width. When even the least widths do not fit, they are scaled down (the cells then
 * cut their longest tokens, and say so).
 */
export function autoColumnWidths(
  rows: ReadonlyArray<readonly CellContent[]>,
  total: number,
  look: TableLook,
  ctx: MeasureContext,
  weights?: readonly number[],
): number[] {
  const count = Math.max(weights?.length ?? 0, ...rows.map((r) => r.length));
  const min = new Array<number>(count).fill(2 * look.padding + 1);
  const max = new Array<number>(count).fill(2 * look.padding + 1);
  for (const row of rows) {
    row.forEach((cell, c) => {
      for (const runs of cell.paragraphs) {
        const w = contentWidths(runs, look.text.size, ctx);
        min[c] = Math.max(min[c]!, w.min + 2 * look.padding + 0.01);
        max[c] = Math.max(max[c]!, w.max + 2 * look.padding + 0.01);
      }
    });
  }
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const minSum = sum(min);
  if (minSum >= total) return min.map((m) => (m * total) / minSum);
  if (weights && weights.length === count && sum(weights) > 0) {
    // The author's proportions, with columns below their least width raised to it and the
    // difference taken from the others in proportion to what they have above theirs.
    let widths = weights.map((w) => (total * w) / sum(weights));
    for (let pass = 0; pass < count; pass += 1) {
      const deficit = sum(widths.map((w, c) => Math.max(0, min[c]! - w)));
      if (deficit <= 1e-9) break;
      const spare = sum(widths.map((w, c) => Math.max(0, w - min[c]!)));
      widths = widths.map((w, c) => (w < min[c]! ? min[c]! : w - (deficit * (w - min[c]!)) / spare));
    }
    return widths;
  }
  const maxSum = sum(max);
  if (maxSum <= total) return max.map((m) => (m * total) / maxSum);
  // Water filling: every column may grow towards its preferred width up to a common level, so
  // short columns (« En cours ») are set on one line and long texts share what remains.
  const want = max.map((m, c) => m - min[c]!);
  const extra = total - minSum;
  const sorted = [...want].sort((a, b) => a - b);
  let level = 0;
  let left = extra;
  for (let i = 0; i < sorted.length; i += 1) {
    const step = (sorted[i]! - level) * (sorted.length - i);
    if (step >= left) {
      level += left / (sorted.length - i);
      left = 0;
      break;
    }
    left -= step;
    level = sorted[i]!;
  }
  return min.map((m, c) => m + Math.min(want[c]!, level));
}

/** Lays out one row of cells in the given columns. */
export function layoutRow(
  cells: readonly CellContent[],
  x: number,
  widths: readonly number[],
  look: TableLook,
  ctx: MeasureContext,
  header = false,
  /** The table element (Table) the row (TR) and its cells (TH, TD) belong to; none: artifacts. */
  table?: StructNode,
): TableRow {
  let cx = x;
  const tr = table ? structNode('TR', table) : undefined;
  const laid: Slot[][] = cells.map((cell, c) => {
    const w = widths[c] ?? 0;
    const inner = Math.max(1, w - 2 * look.padding);
    const style: TextStyle = { ...look.text, align: cell.align ?? look.text.align };
    const slots: Slot[] = [];
    cell.paragraphs.forEach((runs, p) => {
      const lines = breakLines(runs, inner, style.size, ctx);
      lines.forEach((line, i) => {
        const gap = p > 0 && i === 0 ? look.paragraphGap : 0;
        const box = placeLine(line, cx + look.padding, gap + baselineOffset(style), inner, style);
        slots.push({ height: style.leading + gap, boxes: [box] });
      });
    });
    // An empty cell is still a cell of its row (screen readers count columns): a line with
    // nothing on it gives its element an empty marked-content sequence.
    if (tr && !slots.some((s) => s.boxes.some((b) => b.kind === 'text'))) {
      slots.push({ height: 0, boxes: [{ kind: 'text', x: cx + look.padding, y: 0, size: style.size, wordSpacing: 0, width: 0, fragments: [] }] });
    }
    cx += w;
    return tr ? tagSlots(slots, structNode(header ? 'TH' : 'TD', tr)) : slots;
  });
  return { cells: laid, height: rowHeight(laid, look.padding), header };
}

function rowHeight(cells: ReadonlyArray<readonly Slot[]>, padding: number): number {
  let max = 0;
  for (const slots of cells) max = Math.max(max, slots.reduce((h, s) => h + s.height, 0));
  return max + 2 * padding;
}

export interface TableOptions {
  readonly spaceBefore?: number;
  readonly spaceAfter?: number;
  readonly keepTogether?: boolean;
  readonly keepWithNext?: boolean;
  /** The header on the pages the table continues on (« (suite) »); the header itself when absent. */
  readonly continuedHeader?: TableRow;
  /** This piece continues a table: its header is shown again, as an artifact (read once, on the first page). */
  readonly continued?: boolean;
}

/**
 * A bordered table that splits between rows, or inside a tall row between lines of its
 * cells, and repeats its header row at the top of every page it continues on.
 */
export class TableFlowable implements Flowable {
  readonly height: number;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  readonly keepWithNext: boolean;
  readonly breakBefore = false;
  readonly minHead: number;

  constructor(
    readonly header: TableRow | null,
    readonly rows: readonly TableRow[],
    private readonly x: number,
    private readonly widths: readonly number[],
    private readonly look: TableLook,
    private readonly opts: TableOptions = {},
  ) {
    const hh = header?.height ?? 0;
    this.height = hh + rows.reduce((h, r) => h + r.height, 0);
    this.spaceBefore = opts.spaceBefore ?? 0;
    this.spaceAfter = opts.spaceAfter ?? 0;
    this.keepWithNext = opts.keepWithNext ?? false;
    const first = rows[0];
    this.minHead = opts.keepTogether || !first ? this.height : hh + Math.min(first.height, this.minRowHead(first));
  }

  /** The least of a row that may end a page: two lines of each cell, padding included. */
  private minRowHead(row: TableRow): number {
    let max = 0;
    for (const slots of row.cells) max = Math.max(max, slots.slice(0, 2).reduce((h, s) => h + s.height, 0));
    return max + 2 * this.look.padding;
  }

  split(avail: number, force: boolean): [Flowable, Flowable] | null {
    if (this.opts.keepTogether && !force) return null;
    const hh = this.header?.height ?? 0;
    let used = hh;
    let k = 0;
    while (k < this.rows.length && used + this.rows[k]!.height <= avail + 1e-6) {
      used += this.rows[k]!.height;
      k += 1;
    }
    if (k >= this.rows.length) return null;
    const cut = this.splitRow(this.rows[k]!, avail - used, force);
    let head: TableRow[];
    let tail: TableRow[];
    if (cut) {
      head = [...this.rows.slice(0, k), cut[0]];
      tail = [cut[1], ...this.rows.slice(k + 1)];
    } else if (k > 0) {
      head = this.rows.slice(0, k);
      tail = this.rows.slice(k);
    } else return null;
    const make = (header: TableRow | null, rows: TableRow[], opts: TableOptions) => new TableFlowable(header, rows, this.x, this.widths, this.look, opts);
    return [
      make(this.header, head, { ...this.opts, spaceAfter: 0, keepWithNext: false }),
      make(this.opts.continuedHeader ?? this.header, tail, { ...this.opts, spaceBefore: 0, continued: true }),
    ];
  }

  /** Cuts a row between lines so that its first part is at most `avail` tall. */
  private splitRow(row: TableRow, avail: number, force: boolean): [TableRow, TableRow] | null {
    const inner = avail - 2 * this.look.padding;
    if (inner <= 0) return null;
    const heads: Slot[][] = [];
    const tails: Slot[][] = [];
    let shown = 0;
    for (const slots of row.cells) {
      let k = 0;
      let h = 0;
      while (k < slots.length && h + slots[k]!.height <= inner + 1e-6) {
        h += slots[k]!.height;
        k += 1;
      }
      if (!force && k < slots.length) {
        // Widows and orphans inside a cell: at least two lines on each side of the break.
        if (slots.length - k < 2) k = slots.length - 2;
        if (k < 2) k = 0;
      }
      shown += k;
      heads.push(slots.slice(0, k));
      tails.push(slots.slice(k));
    }
    if (shown === 0) return null;
    // A continued row never leaves its label cell empty: the UO is repeated on the new page.
    row.repeat?.forEach((slots, c) => {
      if (slots && tails[c]!.length === 0) tails[c] = untagSlots(slots);
    });
    const pad = this.look.padding;
    const extra = row.repeat ? { repeat: row.repeat } : {};
    return [
      { cells: heads, height: rowHeight(heads, pad), header: row.header, ...extra },
      { cells: tails, height: rowHeight(tails, pad), header: row.header, ...extra },
    ];
  }

  render(top: number): Box[] {
    const out: Box[] = [];
    let y = top;
    const drawRow = (row: TableRow, artifact = false) => {
      let x = this.x;
      row.cells.forEach((shown, c) => {
        const slots = artifact ? untagSlots(shown) : shown;
        const w = this.widths[c] ?? 0;
        out.push({
          kind: 'rect', x, y, width: w, height: row.height,
          stroke: this.look.border,
          ...(row.header && this.look.headerFill ? { fill: this.look.headerFill } : {}),
        });
        let sy = y + this.look.padding;
        for (const s of slots) {
          for (const b of s.boxes) out.push(shiftBox(b, 0, sy));
          sy += s.height;
        }
        x += w;
      });
      y += row.height;
    };
    if (this.header) drawRow(this.header, this.opts.continued === true);
    for (const r of this.rows) drawRow(r);
    return out;
  }
}

