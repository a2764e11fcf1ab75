import type { Block, ListItem, Run, TableCell } from '../../../shared/model/blocks';
import type { AccountingReference, Budget } from '../../../shared/model/convention';
import { LinesFlowable, tagSlots, type Flowable, type LinesOptions, type Slot } from './flow';
import { autoColumnWidths, layoutRow, TableFlowable, type CellContent } from './table';
import { baselineOffset, breakLines, measure, placeLine, type MeasureContext, type StyledRun, type TextStyle } from './text';
import { BODY, LIST_INDENT, LIST_ITEM_GAP, PARAGRAPH_GAP, SECTION_HEADING, TABLE } from './style';
import { structNode, type FontStyle, type StructNode, type StructRole, type TextBox } from './types';
import { ACCOUNTING_FIELDS } from '../../../shared/rules/accounting-fields';
import { budgetFlowables } from './budget-table';
import { runText, subArticleLabel, subArticleNumbers } from '../../../shared/rules/numbering';

/** Where blocks are laid out: the measuring context and the text column. */
export interface BlockContext extends MeasureContext {
  readonly x: number;
  readonly width: number;
}

/** Current labels of reference targets, by id (« article 2 »); absent: references print their stored text. */
export type ReferenceLabels = ReadonlyMap<string, string>;

/** The model's runs as layout runs; a reference prints its target's current number. */
export function styled(runs: readonly Run[], refs?: ReferenceLabels): StyledRun[] {
  return runs.map((r) => ({ text: refs && r.ref ? runText(r, refs) : r.text, style: styleOf(r.bold === true, r.italic === true) }));
}

/** The face for a bold/italic combination. */
export function styleOf(bold: boolean, italic: boolean): FontStyle {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

/** Plain text in one face. */
export function plain(text: string, style: FontStyle = 'regular'): StyledRun[] {
  return [{ text, style }];
}

/** Lines of a paragraph as slots, each holding one line box. */
export function paragraphSlots(runs: readonly StyledRun[], x: number, width: number, style: TextStyle, ctx: MeasureContext): Slot[] {
  const lines = breakLines(runs, width, style.size, ctx);
  const base = baselineOffset(style);
  return lines.map((line) => ({ height: style.leading, boxes: [placeLine(line, x, base, width, style)] }));
}

/** Where a block goes in the document's structure: its role, and the element it belongs to. */
export interface Tagging {
  readonly role?: StructRole;
  readonly parent?: StructNode;
}

/** A paragraph; it keeps with what follows when it announces it (« … s'engage à : »). */
export function paragraph(runs: readonly StyledRun[], style: TextStyle, ctx: BlockContext, opts: LinesOptions & Tagging = {}): Flowable {
  const { role = 'P', parent, ...lines } = opts;
  return new LinesFlowable(tagSlots(paragraphSlots(runs, ctx.x, ctx.width, style, ctx), structNode(role, parent)), {
    spaceAfter: PARAGRAPH_GAP,
    keepWithNext: announces(runs),
    ...lines,
  });
}

function announces(runs: readonly StyledRun[]): boolean {
  const last = runs[runs.length - 1];
  return last !== undefined && last.text.trimEnd().endsWith(':');
}

/** A heading (an H2 unless told): never split, never left alone at the foot of a page. */
export function heading(runs: readonly StyledRun[], style: TextStyle, ctx: BlockContext, opts: LinesOptions & Tagging = {}): Flowable {
  const { role = 'H2', parent, ...lines } = opts;
  return new LinesFlowable(tagSlots(paragraphSlots(runs, ctx.x, ctx.width, style, ctx), structNode(role, parent)), { keepTogether: true, keepWithNext: true, ...lines });
}

const BULLETS = ['•', '–'] as const;

/** A bullet list: one flowable per item, nested items indented, the text hanging after its bullet. */
export function list(items: readonly ListItem[], ordered: boolean, ctx: BlockContext, level = 0, refs?: ReferenceLabels, parent?: StructNode): LinesFlowable[] {
  const out: LinesFlowable[] = [];
  const style = BODY;
  // The list (L), each item (LI) with its label (Lbl) and its text (LBody); a sub-list sits in its item.
  const l = structNode('L', parent);
  items.forEach((item, n) => {
    const indent = (level + 1) * LIST_INDENT;
    const textX = ctx.x + indent;
    const li = structNode('LI', l);
    const slots = tagSlots(paragraphSlots(styled(item.runs, refs), textX, ctx.width - indent, style, ctx), structNode('LBody', li));
    const marker = ordered ? `${n + 1}.` : BULLETS[level % BULLETS.length]!;
    const markerX = textX - LIST_INDENT + (ordered ? 0 : 4);
    const first = slots[0];
    if (first) {
      const bullet: TextBox = {
        kind: 'text', x: markerX, y: baselineOffset(style), size: style.size, wordSpacing: 0,
        width: measure(marker, 'regular', style.size, ctx.fonts),
        fragments: [{ style: 'regular', x: markerX, parts: [marker] }],
        ...(style.color ? { color: style.color } : {}),
        node: structNode('Lbl', li),
      };
      slots[0] = { height: first.height, boxes: [bullet, ...first.boxes] };
    }
    const children = item.children ?? [];
    const isLast = n === items.length - 1 && children.length === 0;
    out.push(new LinesFlowable(slots, {
      spaceBefore: n === 0 ? LIST_ITEM_GAP : 0,
      spaceAfter: isLast && level === 0 ? PARAGRAPH_GAP : LIST_ITEM_GAP,
      keepWithNext: children.length > 0 || announces(item.runs.map((r) => ({ text: r.text, style: 'regular' as const }))),
    }));
    if (children.length > 0) out.push(...list(children, false, ctx, level + 1, refs, li));
  });
  // Whatever ends the whole list (maybe a nested item) is followed by a paragraph's space.
  if (level === 0 && out.length > 0) out[out.length - 1] = out[out.length - 1]!.withSpaceAfter(PARAGRAPH_GAP);
  return out;
}

/** Column widths in points from relative weights (equal when absent). */
export function columnWidths(total: number, count: number, weights?: readonly number[]): number[] {
  const w = weights && weights.length === count ? weights : Array.from({ length: count }, () => 1);
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => (total * x) / sum);
}

function cellContent(cell: TableCell | undefined, bold = false, refs?: ReferenceLabels): CellContent {
  const paragraphs = (cell?.paragraphs ?? []).map((runs) =>
    bold ? styled(runs, refs).map((r) => ({ ...r, style: styleOf(true, r.style === 'italic' || r.style === 'boldItalic') })) : styled(runs, refs),
  );
  return { paragraphs };
}

/** A table block of the model: columns sized from their content, borders, header repeated after a page break. */
export function table(block: Extract<Block, { kind: 'table' }>, ctx: BlockContext, refs?: ReferenceLabels): Flowable {
  const cols = block.header?.length ?? block.rows[0]?.length ?? 0;
  const headCells = block.header ? block.header.map((c) => cellContent(c, true, refs)) : null;
  const bodyCells = block.rows.map((r) => Array.from({ length: cols }, (_, c) => cellContent(r[c], false, refs)));
  const weights = block.widths && block.widths.length === cols ? block.widths : undefined;
  const widths = autoColumnWidths(headCells ? [headCells, ...bodyCells] : bodyCells, ctx.width, TABLE, ctx, weights);
  const node = structNode('Table');
  const header = headCells ? layoutRow(headCells, ctx.x, widths, TABLE, ctx, true, node) : null;
  const rows = bodyCells.map((r) => layoutRow(r, ctx.x, widths, TABLE, ctx, false, node));
  return new TableFlowable(header, rows, ctx.x, widths, TABLE, { spaceBefore: 4, spaceAfter: PARAGRAPH_GAP + 2 });
}

/** The Chorus references of one UO as a small two-column table, kept on one page. */
export function accountingTable(ref: AccountingReference, ctx: BlockContext): Flowable {
  const width = Math.min(ctx.width, 340);
  const widths = columnWidths(width, 2, [0.5, 0.5]);
  const node = structNode('Table');
  const header = layoutRow(
    [{ paragraphs: [plain('Références Chorus :', 'bold')] }, { paragraphs: [plain(ref.uo, 'bold')] }],
    ctx.x, widths, TABLE, ctx, true, node,
  );
  const rows = [];
  for (const [key, label] of ACCOUNTING_FIELDS) {
    const value = ref[key];
    if (typeof value !== 'string') continue;
    rows.push(layoutRow([{ paragraphs: [plain(label)] }, { paragraphs: [plain(value)] }], ctx.x, widths, TABLE, ctx, false, node));
  }
  for (const e of ref.extra) rows.push(layoutRow([{ paragraphs: [plain(e.label)] }, { paragraphs: [plain(e.value)] }], ctx.x, widths, TABLE, ctx, false, node));
  return new TableFlowable(header, rows, ctx.x, widths, TABLE, { spaceBefore: 6, spaceAfter: PARAGRAPH_GAP + 2, keepTogether: rows.length <= 12 });
}

/** What the structure needs from the convention to lay out computed blocks. */
export interface ComputedData {
  readonly budget: Budget;
  readonly accounting: readonly AccountingReference[];
  /** The budget's totals also in words (`presentation.amountsInWords`). */
  readonly amountsInWords?: boolean;
  /** What references print (shared/rules/numbering.ts `referenceLabels`, print form). */
  readonly references?: ReferenceLabels;
}

/**
 * The blocks of an article (its index given), an annex or the preamble. In an article, numbered
 * headings print their sub-article number (« 3.1 ») before their text; elsewhere (annexes, the
 * preamble: no article number to follow) they print as plain headings.
 */
export function bodyFlowables(blocks: readonly Block[], data: ComputedData, ctx: BlockContext, articleIndex?: number): Flowable[] {
  const numbers = articleIndex === undefined ? [] : subArticleNumbers(blocks);
  const out: Flowable[] = [];
  blocks.forEach((b, i) => {
    const n = numbers[i];
    if (b.kind === 'heading' && n !== undefined && articleIndex !== undefined) {
      out.push(sectionHeading([{ text: `${subArticleLabel(articleIndex, n)}\u00a0`, style: 'bold' }, ...styled(b.runs, data.references)], ctx));
    } else out.push(...blockFlowables(b, data, ctx));
  });
  return out;
}

/** A heading inside an article or an annex, in bold (italic kept). */
function sectionHeading(runs: readonly StyledRun[], ctx: BlockContext): Flowable {
  return heading(runs.map((r) => ({ ...r, style: styleOf(true, r.style === 'italic' || r.style === 'boldItalic') })), SECTION_HEADING, ctx, { spaceBefore: 10, spaceAfter: 4, role: 'H3' });
}

/** Any block of an article, an annex or the preamble. */
export function blockFlowables(block: Block, data: ComputedData, ctx: BlockContext): Flowable[] {
  switch (block.kind) {
    case 'paragraph':
      return [paragraph(styled(block.runs, data.references), BODY, ctx)];
    case 'heading':
      return [sectionHeading(styled(block.runs, data.references), ctx)];
    case 'list':
      return list(block.items, block.ordered === true, ctx, 0, data.references);
    case 'table':
      return [table(block, ctx, data.references)];
    case 'budget-table':
      return data.budget.rows.length > 0 ? budgetFlowables(data.budget, ctx, { amountsInWords: data.amountsInWords === true }) : [];
    case 'accounting-references': {
      const wanted = block.uos ? new Set(block.uos) : null;
      return data.accounting.filter((r) => !wanted || wanted.has(r.uo)).map((r) => accountingTable(r, ctx));
    }
  }
}
