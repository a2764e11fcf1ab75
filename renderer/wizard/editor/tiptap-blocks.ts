/**
 * Converts between the editor's document (Tiptap/ProseMirror JSON) and our `Block[]`.
 * Pure: no editor, no DOM, so that both directions are unit-tested and the model stays the
 * single source of truth (the editor is only a view over it).
 */
import type { Block, ListItem, Run, TableCell } from '../../../shared/model/blocks';

/** The subset of Tiptap's JSONContent this module reads and writes. */
export interface PmNode {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

/** Node names of the two computed blocks, shared with the editor's extensions. */
export const BUDGET_NODE = 'budgetTable';
export const ACCOUNTING_NODE = 'accountingReferences';
/**
 * An inline, non-editable reference to an article or an annex (a run with `ref`): attrs
 * `target` (the id) and `text` (the run's stored text); bold/italic as marks.
 */
export const REFERENCE_NODE = 'articleReference';

const marksOfRun = (run: Run): Array<{ type: string }> => [...(run.bold ? [{ type: 'bold' }] : []), ...(run.italic ? [{ type: 'italic' }] : [])];

/** A reference run as the editor's inline node. */
function referenceNode(run: Run & { ref: NonNullable<Run['ref']> }): PmNode {
  const marks = marksOfRun(run);
  const node: PmNode = { type: REFERENCE_NODE, attrs: { target: run.ref.target, text: run.text } };
  return marks.length ? { ...node, marks } : node;
}

// ——— Blocks → editor ———

function runsToInline(runs: readonly Run[]): PmNode[] {
  const out: PmNode[] = [];
  for (const run of runs) {
    if (run.ref) {
      out.push(referenceNode({ ...run, ref: run.ref }));
      continue;
    }
    const marks = marksOfRun(run);
    // A line break inside a run is the editor's hard break (Maj+Entrée).
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) out.push({ type: 'hardBreak' });
      if (part !== '') out.push(marks.length ? { type: 'text', text: part, marks } : { type: 'text', text: part });
    });
  }
  return out;
}

function paragraph(runs: readonly Run[]): PmNode {
  const content = runsToInline(runs);
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function listToNode(items: readonly ListItem[], ordered: boolean): PmNode {
  return {
    type: ordered ? 'orderedList' : 'bulletList',
    content: items.map((item) => {
      const content: PmNode[] = [paragraph(item.runs)];
      if (item.children && item.children.length) content.push(listToNode(item.children, false));
      return { type: 'listItem', content };
    }),
  };
}

function cellToNode(cell: TableCell, header: boolean, width: number | undefined): PmNode {
  const paragraphs = cell.paragraphs.length ? cell.paragraphs : [[]];
  const attrs: Record<string, unknown> = { colspan: 1, rowspan: 1, colwidth: width !== undefined ? [width] : null };
  return { type: header ? 'tableHeader' : 'tableCell', attrs, content: paragraphs.map((p) => paragraph(p)) };
}

function blockToNode(block: Block): PmNode {
  switch (block.kind) {
    case 'paragraph':
      return paragraph(block.runs);
    case 'heading': {
      const content = runsToInline(block.runs);
      const attrs = block.numbered ? { level: 3, numbered: true } : { level: 3 };
      return content.length ? { type: 'heading', attrs, content } : { type: 'heading', attrs };
    }
    case 'list':
      return listToNode(block.items, block.ordered === true);
    case 'table': {
      const widths = block.widths;
      const rows: PmNode[] = [];
      const row = (cells: readonly TableCell[], header: boolean, first: boolean): PmNode => ({
        type: 'tableRow',
        content: cells.map((c, i) => cellToNode(c, header, first ? widths?.[i] : undefined)),
      });
      if (block.header) rows.push(row(block.header, true, true));
      block.rows.forEach((r, i) => rows.push(row(r, false, !block.header && i === 0)));
      return { type: 'table', content: rows };
    }
    case 'budget-table':
      return { type: BUDGET_NODE };
    case 'accounting-references':
      return { type: ACCOUNTING_NODE, attrs: { uos: block.uos ?? null } };
  }
}

/** Our blocks as an editor document; an empty body is one empty paragraph (the editor needs one). */
export function blocksToDoc(blocks: readonly Block[]): PmNode {
  const content = blocks.map(blockToNode);
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

// ——— Editor → blocks ———

/** Neighbours that are one run: same emphasis, and neither a reference (each reference stays its own run). */
function sameMarks(a: Run, b: Run): boolean {
  return !a.ref && !b.ref && Boolean(a.bold) === Boolean(b.bold) && Boolean(a.italic) === Boolean(b.italic);
}

/** Inline nodes to runs, merging neighbours with the same emphasis. */
function inlineToRuns(nodes: readonly PmNode[] | undefined): Run[] {
  const runs: Run[] = [];
  const push = (run: Run) => {
    const last = runs[runs.length - 1];
    if (last && sameMarks(last, run)) runs[runs.length - 1] = { ...last, text: last.text + run.text };
    else runs.push(run);
  };
  for (const node of nodes ?? []) {
    if (node.type === 'text' && node.text) {
      const marks = new Set((node.marks ?? []).map((m) => m.type));
      const run: Run = { text: node.text };
      if (marks.has('bold')) run.bold = true;
      if (marks.has('italic')) run.italic = true;
      push(run);
    } else if (node.type === REFERENCE_NODE) {
      const target = node.attrs?.target;
      if (typeof target !== 'string' || target === '') continue;
      const marks = new Set((node.marks ?? []).map((m) => m.type));
      const text = node.attrs?.text;
      const run: Run = { text: typeof text === 'string' ? text : '' };
      if (marks.has('bold')) run.bold = true;
      if (marks.has('italic')) run.italic = true;
      run.ref = { target };
      push(run);
    } else if (node.type === 'hardBreak') {
      // The break belongs to the previous run when there is one, so emphasis is kept (never to
      // a reference, whose text is its target's label).
      const last = runs[runs.length - 1];
      if (last && !last.ref) runs[runs.length - 1] = { ...last, text: `${last.text}\n` };
      else push({ text: '\n' });
    } else if (node.content) {
      for (const r of inlineToRuns(node.content)) push(r);
    }
  }
  return runs;
}

/** Text blocks inside a container, flattened to runs with line breaks between them. */
function textOf(nodes: readonly PmNode[] | undefined): Run[] {
  const out: Run[] = [];
  (nodes ?? []).forEach((n, i) => {
    const runs = n.type === 'paragraph' || n.type === 'heading' ? inlineToRuns(n.content) : textOf(n.content);
    if (i > 0 && out.length) out.push({ text: '\n' });
    out.push(...runs);
  });
  return inlineToRuns(out.map((r) => (r.ref ? referenceNode({ ...r, ref: r.ref }) : { type: 'text', text: r.text, marks: marksOfRun(r) })));
}

const isList = (n: PmNode) => n.type === 'bulletList' || n.type === 'orderedList';

function nodeToItems(list: PmNode): ListItem[] {
  return (list.content ?? []).map((li) => {
    const parts = li.content ?? [];
    const text = parts.filter((p) => !isList(p));
    const children = parts.filter(isList).flatMap(nodeToItems);
    const item: ListItem = { runs: textOf(text) };
    if (children.length) item.children = children;
    return item;
  });
}

function nodeToCell(cell: PmNode): TableCell {
  return { paragraphs: (cell.content ?? []).map((p) => (p.type === 'paragraph' ? inlineToRuns(p.content) : textOf(p.content))) };
}

function nodeToBlock(node: PmNode): Block | undefined {
  switch (node.type) {
    case 'paragraph':
      return { kind: 'paragraph', runs: inlineToRuns(node.content) };
    case 'heading':
      return node.attrs?.numbered === true ? { kind: 'heading', runs: inlineToRuns(node.content), numbered: true } : { kind: 'heading', runs: inlineToRuns(node.content) };
    case 'bulletList':
    case 'orderedList': {
      const block: Block = { kind: 'list', items: nodeToItems(node) };
      if (node.type === 'orderedList') block.ordered = true;
      return block;
    }
    case 'table': {
      const rows = node.content ?? [];
      const first = rows[0];
      const firstIsHeader = !!first && (first.content ?? []).length > 0 && (first.content ?? []).every((c) => c.type === 'tableHeader');
      const widthsRaw = (first?.content ?? []).map((c) => {
        const w = c.attrs?.colwidth;
        return Array.isArray(w) && typeof w[0] === 'number' && w[0] > 0 ? w[0] : undefined;
      });
      const block: Extract<Block, { kind: 'table' }> = {
        kind: 'table',
        rows: (firstIsHeader ? rows.slice(1) : rows).map((r) => (r.content ?? []).map(nodeToCell)),
      };
      if (firstIsHeader && first) block.header = (first.content ?? []).map(nodeToCell);
      if (widthsRaw.length && widthsRaw.every((w) => w !== undefined)) block.widths = widthsRaw as number[];
      return block;
    }
    case BUDGET_NODE:
      return { kind: 'budget-table' };
    case ACCOUNTING_NODE: {
      const uos = node.attrs?.uos;
      return Array.isArray(uos) ? { kind: 'accounting-references', uos: uos.map(String) } : { kind: 'accounting-references' };
    }
    default:
      // Anything else the editor might hold (pasted quote, code…) keeps its text as a paragraph.
      return node.content ? { kind: 'paragraph', runs: textOf(node.content) } : undefined;
  }
}

/** An editor document as our blocks; a document holding one empty paragraph is an empty body. */
export function docToBlocks(doc: PmNode): Block[] {
  const nodes = doc.content ?? [];
  if (nodes.length === 1 && nodes[0]?.type === 'paragraph' && !(nodes[0].content ?? []).length) return [];
  return nodes.map(nodeToBlock).filter((b): b is Block => b !== undefined);
}
