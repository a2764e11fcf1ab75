import { Extension, Node, mergeAttributes, type AnyExtension } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import { ACCOUNTING_NODE, BUDGET_NODE, REFERENCE_NODE } from './tiptap-blocks';
import { ReferenceLabels } from './references';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PmNodeType } from '@tiptap/pm/model';
import { wizardMessages, type WizardMessages } from '../../i18n/wizard-messages';

/** What the placeholders of the computed blocks say: interface words, not the document's. */
type EmbedTexts = Pick<WizardMessages, 'embedBudget' | 'embedAccounting'> & Partial<Pick<WizardMessages, 'referenceMissing'>> & { readonly lang?: string };

/** The computed budget table, placed where the text presents it; its content comes from the Budget step. */
const budgetTable = (t: EmbedTexts) => Node.create({
  name: BUDGET_NODE,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  parseHTML: () => [{ tag: 'div[data-paraphe="budget-table"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { 'data-paraphe': 'budget-table', class: 'paraphe-embed', lang: t.lang ?? 'fr' }),
    t.embedBudget,
  ],
});

/** The Chorus references of every UO (or of the listed ones), from the Références comptables step. */
const accountingReferences = (t: EmbedTexts) => Node.create({
  name: ACCOUNTING_NODE,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes: () => ({
    uos: {
      default: null,
      parseHTML: (el: HTMLElement) => el.getAttribute('data-uos')?.split(',').filter(Boolean) ?? null,
      renderHTML: (attrs: Record<string, unknown>) => (Array.isArray(attrs.uos) ? { 'data-uos': attrs.uos.join(',') } : {}),
    },
  }),
  parseHTML: () => [{ tag: 'div[data-paraphe="accounting-references"]' }],
  renderHTML: ({ node, HTMLAttributes }) => {
    const uos = node.attrs.uos as string[] | null;
    return [
      'div',
      mergeAttributes(HTMLAttributes, { 'data-paraphe': 'accounting-references', class: 'paraphe-embed', lang: t.lang ?? 'fr' }),
      t.embedAccounting(uos ?? []),
    ];
  },
});

/** Tells the editor its article's number (undefined in an annex or the preamble): `setMeta(SUB_ARTICLE_KEY, n)`. */
export const SUB_ARTICLE_KEY = new PluginKey<{ article: number | undefined; decorations: DecorationSet }>('paraphe-sub-articles');

/** « 3.1 », « 3.2 »… before each numbered heading of the document, as the PDF prints them. */
function subArticleDecorations(doc: PmNodeType, article: number | undefined): DecorationSet {
  if (article === undefined) return DecorationSet.empty;
  const out: Decoration[] = [];
  let n = 0;
  doc.forEach((node, offset) => {
    if (node.type.name !== 'heading' || node.attrs.numbered !== true) return;
    n += 1;
    const label = `${article}.${n}`;
    out.push(Decoration.widget(offset + 1, () => {
      const span = document.createElement('span');
      span.className = 'paraphe-subnum';
      span.contentEditable = 'false';
      span.textContent = `${label}\u00a0`;
      return span;
    }, { side: -1, ignoreSelection: true, key: `sub-${label}` }));
  });
  return DecorationSet.create(doc, out);
}

/**
 * A numbered sub-article heading: `numbered` on the heading node (`data-numbered` in HTML),
 * shown with its number after the article's (`article`, updated through SUB_ARTICLE_KEY).
 */
const numberedHeadings = (article: number | undefined) => Extension.create({
  name: 'numberedHeadings',
  addProseMirrorPlugins: () => [
    new Plugin({
      key: SUB_ARTICLE_KEY,
      state: {
        init: (_, state: EditorState) => ({ article, decorations: subArticleDecorations(state.doc, article) }),
        apply: (tr, value) => {
          const meta = tr.getMeta(SUB_ARTICLE_KEY) as { article: number | undefined } | undefined;
          const next = meta ? meta.article : value.article;
          if (!tr.docChanged && next === value.article) return value;
          return { article: next, decorations: subArticleDecorations(tr.doc, next) };
        },
      },
      props: { decorations: (state) => SUB_ARTICLE_KEY.getState(state)?.decorations ?? DecorationSet.empty },
    }),
  ],
  addGlobalAttributes: () => [{
    types: ['heading'],
    attributes: {
      numbered: {
        default: false,
        parseHTML: (el: HTMLElement) => el.getAttribute('data-numbered') === 'true',
        renderHTML: (attrs: Record<string, unknown>) => (attrs.numbered === true ? { 'data-numbered': 'true' } : {}),
      },
    },
  }],
});

/**
 * A reference to an article or an annex: an inline chip that cannot be edited letter by
 * letter (deleted or moved as one), showing its target's current number from `labels`.
 */
const articleReference = (t: EmbedTexts, labels: ReferenceLabels) => Node.create({
  name: REFERENCE_NODE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes: () => ({
    target: {
      default: '',
      parseHTML: (el: HTMLElement) => el.getAttribute('data-target') ?? '',
      renderHTML: (attrs: Record<string, unknown>) => ({ 'data-target': String(attrs.target ?? '') }),
    },
    text: {
      default: '',
      parseHTML: (el: HTMLElement) => el.textContent ?? '',
      renderHTML: () => ({}),
    },
  }),
  parseHTML: () => [{ tag: 'span[data-paraphe="reference"]' }],
  renderHTML: ({ node, HTMLAttributes }) => [
    'span',
    mergeAttributes(HTMLAttributes, { 'data-paraphe': 'reference', class: 'paraphe-ref' }),
    labels.text(String(node.attrs.target), String(node.attrs.text)),
  ],
  renderText: ({ node }) => labels.text(String(node.attrs.target), String(node.attrs.text)),
  addNodeView: () => ({ node }) => {
    let current = node;
    const dom = document.createElement('span');
    dom.className = 'paraphe-ref';
    dom.contentEditable = 'false';
    dom.setAttribute('data-paraphe', 'reference');
    const paint = () => {
      const target = String(current.attrs.target);
      dom.setAttribute('data-target', target);
      dom.textContent = labels.text(target, String(current.attrs.text));
      const missing = !labels.has(target);
      dom.classList.toggle('paraphe-ref--missing', missing);
      if (missing && t.referenceMissing) dom.title = t.referenceMissing;
      else dom.removeAttribute('title');
    };
    paint();
    const unsubscribe = labels.subscribe(paint);
    return {
      dom,
      update: (next) => {
        if (next.type.name !== REFERENCE_NODE) return false;
        current = next;
        paint();
        return true;
      },
      ignoreMutation: () => true,
      destroy: unsubscribe,
    };
  },
});

/**
 * Tab in a table's last cell leaves the table (to the text after it, a paragraph made if
 * none) instead of adding an empty row that would print in the PDF; « + Ligne » adds rows.
 */
const tabOutOfTable = Extension.create({
  name: 'tabOutOfTable',
  priority: 1000,
  addKeyboardShortcuts: () => ({
    Tab: ({ editor }) => {
      const { $from } = editor.state.selection;
      let cell = -1;
      for (let d = $from.depth; d > 0; d -= 1) {
        const name = $from.node(d).type.name;
        if (name === 'tableCell' || name === 'tableHeader') {
          cell = d;
          break;
        }
      }
      if (cell < 2) return false;
      const row = cell - 1;
      const table = cell - 2;
      const lastCell = $from.index(row) === $from.node(row).childCount - 1;
      const lastRow = $from.index(table) === $from.node(table).childCount - 1;
      if (!lastCell || !lastRow) return false;
      const after = $from.after(table);
      const next = editor.state.doc.resolve(after).nodeAfter;
      if (next && next.isTextblock) return editor.chain().setTextSelection(after + 1).scrollIntoView().run();
      return editor.chain().insertContentAt(after, { type: 'paragraph' }).setTextSelection(after + 1).scrollIntoView().run();
    },
  }),
});

/**
 * What the body editor allows: exactly what our Block model can hold (paragraphs, bold,
 * italic, nested lists, tables, the two computed blocks, headings (numbered or not), references). Everything else StarterKit offers is
 * switched off so that a user cannot type what would be lost on save.
 */
export function editorExtensions(t: EmbedTexts = wizardMessages.fr, labels: ReferenceLabels = new ReferenceLabels(), article?: number): AnyExtension[] {
  return [
    StarterKit.configure({
      blockquote: false,
      codeBlock: false,
      code: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: false,
      heading: { levels: [3] },
      // The model has no trailing empty paragraph; gap cursor lets one type after a table.
      trailingNode: false,
    }),
    TableKit.configure({ table: { resizable: false } }),
    budgetTable(t),
    accountingReferences(t),
    numberedHeadings(article),
    tabOutOfTable,
    articleReference(t, labels),
  ];
}
