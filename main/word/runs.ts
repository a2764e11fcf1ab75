import type { ListItem, Run, TableCell } from '../../shared/model/blocks';
import { MAX_LIST_DEPTH, MAX_RUN } from '../../shared/model/limits';
import { textOf, type HtmlElement, type HtmlNode } from './html';

/*
 * Inline HTML (what mammoth writes inside a paragraph, a list item or a cell) → the model's
 * runs, lists and cells. What the model cannot hold is noted in `dropped` (underline, links,
 * images, notes), so that the import says so once instead of losing it silently.
 */

/** Formatting the model does not keep, met while reading: reported once per kind. */
export type Dropped = Set<'underline' | 'link' | 'image' | 'note' | 'strike'>;

interface Style {
  bold: boolean;
  italic: boolean;
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'tr', 'td', 'th', 'thead', 'tbody', 'div']);

/** Runs of an inline tree; whitespace collapsed, adjacent runs of the same style merged. */
export function runsOf(node: HtmlNode, dropped: Dropped, skip: (el: HtmlElement) => boolean = () => false): Run[] {
  const raw: Array<{ text: string } & Style> = [];
  const walk = (n: HtmlNode, style: Style): void => {
    if (n.type === 'text') {
      raw.push({ text: n.text, ...style });
      return;
    }
    if (skip(n)) return;
    const tag = n.tag;
    if (tag === 'br') return void raw.push({ text: ' ', ...style });
    if (tag === 'img') return void dropped.add('image');
    if (tag === 'u') dropped.add('underline');
    if (tag === 's' || tag === 'del' || tag === 'strike') dropped.add('strike');
    if (tag === 'a' && n.attrs.href && !n.attrs.href.startsWith('#')) dropped.add('link');
    if (tag === 'sup' && n.children.some((c) => c.type === 'element' && c.tag === 'a')) dropped.add('note');
    // mammoth's note references (<sup><a href="#footnote-1">[1]</a></sup>): the mark itself is dropped.
    if (tag === 'a' && /^#(foot|end)note-/.test(n.attrs.href ?? '')) return;
    const next = {
      bold: style.bold || tag === 'strong' || tag === 'b',
      italic: style.italic || tag === 'em' || tag === 'i',
    };
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock && raw.length) raw.push({ text: ' ', ...style });
    for (const c of n.children) walk(c, next);
  };
  walk(node, { bold: false, italic: false });
  const out: Run[] = [];
  for (const r of raw) {
    const text = r.text.replace(/[ \t\r\n\f\v]+/g, ' ');
    if (!text) continue;
    const last = out[out.length - 1];
    if (last && !!last.bold === r.bold && !!last.italic === r.italic) last.text += text;
    else out.push({ text, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}) });
  }
  // Trim the paragraph's ends.
  if (out.length) out[0]!.text = out[0]!.text.replace(/^ +/, '');
  if (out.length) out[out.length - 1]!.text = out[out.length - 1]!.text.replace(/ +$/, '');
  return splitLongRuns(out.filter((r) => r.text !== ''));
}

/** A run longer than the model allows becomes several runs of the same style. */
function splitLongRuns(runs: Run[]): Run[] {
  if (runs.every((r) => r.text.length <= MAX_RUN)) return runs;
  const out: Run[] = [];
  for (const r of runs) {
    for (let i = 0; i < r.text.length; i += MAX_RUN) out.push({ ...r, text: r.text.slice(i, i + MAX_RUN) });
  }
  return out;
}

/** The plain text of runs. */
export const plainText = (runs: readonly Run[]): string => runs.map((r) => r.text).join('');

/** True when every visible character is bold (a heading typed as a bold paragraph). */
export const allBold = (runs: readonly Run[]): boolean => runs.length > 0 && runs.every((r) => r.bold || r.text.trim() === '');

/** Items of a <ul>/<ol>; nesting deeper than the model allows is flattened into its parent. */
export function listItems(list: HtmlElement, dropped: Dropped, depth = 1): ListItem[] {
  const items: ListItem[] = [];
  for (const li of list.children) {
    if (li.type !== 'element' || li.tag !== 'li') continue;
    const isList = (el: HtmlElement) => el.tag === 'ul' || el.tag === 'ol';
    const runs = runsOf(li, dropped, isList);
    const children: ListItem[] = [];
    for (const c of li.children) if (c.type === 'element' && isList(c)) children.push(...listItems(c, dropped, depth + 1));
    if (children.length && depth >= MAX_LIST_DEPTH) {
      items.push({ runs });
      items.push(...children.map(flattenItem));
    } else items.push(children.length ? { runs, children } : { runs });
  }
  return items;
}

function flattenItem(item: ListItem): ListItem {
  return { runs: item.runs };
}

/** A table cell: its paragraphs; a list inside a cell becomes « – » paragraphs. */
export function cellOf(td: HtmlElement, dropped: Dropped): TableCell {
  const paragraphs: Run[][] = [];
  const loose: HtmlNode[] = [];
  const flushLoose = () => {
    if (!loose.length) return;
    const runs = runsOf({ type: 'element', tag: 'span', attrs: {}, children: loose.splice(0) }, dropped);
    if (runs.length) paragraphs.push(runs);
  };
  const visit = (n: HtmlNode, bullet: string): void => {
    if (n.type === 'element' && (n.tag === 'ul' || n.tag === 'ol')) {
      flushLoose();
      for (const li of n.children) {
        if (li.type !== 'element') continue;
        const runs = runsOf(li, dropped, (el) => el.tag === 'ul' || el.tag === 'ol');
        if (runs.length) paragraphs.push([{ text: `${bullet}– ` }, ...runs]);
        for (const c of li.children) if (c.type === 'element' && (c.tag === 'ul' || c.tag === 'ol')) visit(c, `${bullet}  `);
      }
    } else if (n.type === 'element' && (/^(p|h[1-6]|div|table|tr|td|th|tbody|thead)$/.test(n.tag))) {
      flushLoose();
      if (/^(table|tr|tbody|thead|div|td|th)$/.test(n.tag)) for (const c of n.children) visit(c, bullet);
      else {
        const runs = runsOf(n, dropped);
        if (runs.length) paragraphs.push(runs);
      }
    } else loose.push(n);
  };
  for (const c of td.children) visit(c, '');
  flushLoose();
  return { paragraphs };
}

/** Rows of a table element (thead/tbody flattened), each a list of cell elements, spans expanded. */
export function tableGrid(table: HtmlElement): { header: HtmlElement[] | null; rows: Array<Array<HtmlElement | null>> } {
  const trs: Array<{ tr: HtmlElement; head: boolean }> = [];
  const collect = (el: HtmlElement, head: boolean) => {
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      if (c.tag === 'tr') trs.push({ tr: c, head: head || c.children.every((td) => td.type !== 'element' || td.tag === 'th') });
      else if (c.tag === 'thead' || c.tag === 'tbody' || c.tag === 'tfoot') collect(c, c.tag === 'thead');
    }
  };
  collect(table, false);
  // Rowspans carried down: column index → rows still covered.
  const carry = new Map<number, number>();
  const grid: Array<{ cells: Array<HtmlElement | null>; head: boolean }> = [];
  for (const { tr, head } of trs) {
    const cells: Array<HtmlElement | null> = [];
    let col = 0;
    const skipCarried = () => {
      while ((carry.get(col) ?? 0) > 0) {
        carry.set(col, carry.get(col)! - 1);
        cells.push(null);
        col += 1;
      }
    };
    for (const td of tr.children) {
      if (td.type !== 'element' || (td.tag !== 'td' && td.tag !== 'th')) continue;
      skipCarried();
      const span = Math.min(50, Math.max(1, Number(td.attrs.colspan) || 1));
      const rowspan = Math.min(1000, Math.max(1, Number(td.attrs.rowspan) || 1));
      for (let s = 0; s < span; s += 1) {
        cells.push(s === 0 ? td : null);
        if (rowspan > 1) carry.set(col, rowspan - 1);
        col += 1;
      }
    }
    skipCarried();
    grid.push({ cells, head });
  }
  const width = Math.max(0, ...grid.map((r) => r.cells.length));
  for (const r of grid) while (r.cells.length < width) r.cells.push(null);
  const first = grid[0];
  if (first?.head) return { header: first.cells.map((c) => c ?? { type: 'element', tag: 'td', attrs: {}, children: [] }), rows: grid.slice(1).map((r) => r.cells) };
  return { header: null, rows: grid.map((r) => r.cells) };
}

/** Text of a cell element (or '' for a spanned slot). */
export const cellText = (td: HtmlElement | null): string => (td ? textOf(td).replace(/\s+/g, ' ').trim() : '');
