import { Fragment, Slice, type Node as PmNode } from '@tiptap/pm/model';
import type { EditorView } from '@tiptap/pm/view';

/*
 * Paste that keeps to what the model holds (issue 15): what pasted HTML carries and the model
 * cannot (underline, links, footnote marks, images, strikethrough) is dropped and said, and a
 * table pasted inside a list goes after the list, where the model can hold it, instead of
 * showing nested in the list and being saved as flat text.
 */

import type { Dropped } from './paste-kinds';

export type { Dropped };

/** Footnote and endnote calls as Word and LibreOffice write them in HTML. */
const FOOTNOTE = 'a[href^="#_ftn"], a[href^="#_edn"], a[href^="#sdfootnote"], a[href^="#sdendnote"], .MsoFootnoteReference, .MsoEndnoteReference, sup.footnote-ref';

/**
 * Pasted HTML cleaned of what the editor would silently lose: footnote calls removed (they
 * would glue their number to the word: « délégation1 »), links and underlines unwrapped
 * (their text kept). Returns what was dropped, in order of first appearance.
 */
export function cleanPastedHtml(html: string, parse: (html: string) => Document = (h) => new DOMParser().parseFromString(h, 'text/html')): { html: string; dropped: Dropped[] } {
  const dropped = new Set<Dropped>();
  // Word's inline styles say nothing the model keeps, and the window's CSP refuses them even
  // in a parsed, unshown document: read what they say, then drop them before parsing.
  // Only inside tags: « le style = … » in the text itself is kept.
  const unstyled = html.replace(/<[a-z][^>]*>/gi, (tag) =>
    tag.replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, (_m, value: string) => {
      if (/underline/i.test(value)) dropped.add('underline');
      if (/line-through/i.test(value)) dropped.add('strike');
      return '';
    }),
  );
  const doc = parse(unstyled);
  const unwrap = (el: Element) => el.replaceWith(...Array.from(el.childNodes));
  for (const el of Array.from(doc.body.querySelectorAll(FOOTNOTE))) {
    if (!el.isConnected) continue;
    // The call's anchor wraps its superscript number: remove the whole call.
    (el.closest('a') ?? el).remove();
    dropped.add('footnote');
  }
  for (const el of Array.from(doc.body.querySelectorAll('a[href]'))) {
    unwrap(el);
    dropped.add('link');
  }
  for (const el of Array.from(doc.body.querySelectorAll('u, ins'))) {
    unwrap(el);
    dropped.add('underline');
  }
  for (const el of Array.from(doc.body.querySelectorAll('s, strike, del'))) {
    unwrap(el);
    dropped.add('strike');
  }
  if (doc.body.querySelector('img, svg, picture')) dropped.add('image');
  const order: Dropped[] = ['underline', 'link', 'footnote', 'strike', 'image'];
  return { html: doc.body.innerHTML, dropped: order.filter((d) => dropped.has(d)) };
}

const isList = (n: PmNode) => n.type.name === 'bulletList' || n.type.name === 'orderedList';

/** The fragment without its tables (collected into `tables`), at any depth. */
function withoutTables(fragment: Fragment, tables: PmNode[]): Fragment {
  const out: PmNode[] = [];
  fragment.forEach((node) => {
    if (node.type.name === 'table') tables.push(node);
    else if (node.isLeaf || node.isText) out.push(node);
    else out.push(node.copy(withoutTables(node.content, tables)));
  });
  return Fragment.from(out);
}

/**
 * A paste inside a list that holds tables: the text goes where the caret is, the tables after
 * the outermost list. Returns false (ProseMirror pastes as usual) outside a list or without a table.
 */
export function pasteTablesAfterList(view: EditorView, slice: Slice): boolean {
  const { $from } = view.state.selection;
  let listDepth = -1;
  for (let d = 1; d <= $from.depth; d += 1) {
    if (isList($from.node(d))) {
      listDepth = d;
      break;
    }
  }
  if (listDepth < 0) return false;
  const tables: PmNode[] = [];
  const rest = withoutTables(slice.content, tables);
  if (tables.length === 0) return false;
  const tr = view.state.tr;
  // Tables first: they go after the list, so the caret's position is unchanged.
  tr.insert($from.after(listDepth), tables);
  if (rest.textBetween(0, rest.size, ' ').trim() !== '') tr.replaceSelection(new Slice(rest, Math.min(slice.openStart, Slice.maxOpen(rest).openStart), Math.min(slice.openEnd, Slice.maxOpen(rest).openEnd)));
  view.dispatch(tr.scrollIntoView());
  return true;
}
