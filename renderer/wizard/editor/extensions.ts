import { Node, mergeAttributes, type AnyExtension } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import { ACCOUNTING_NODE, BUDGET_NODE } from './tiptap-blocks';
import { wizardMessages, type WizardMessages } from '../../i18n/wizard-messages';

/** What the placeholders of the computed blocks say: interface words, not the document's. */
type EmbedTexts = Pick<WizardMessages, 'embedBudget' | 'embedAccounting'> & { readonly lang?: string };

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

/**
 * What the body editor allows: exactly what our Block model can hold (paragraphs, bold,
 * italic, nested lists, tables, the two computed blocks). Everything else StarterKit offers is
 * switched off so that a user cannot type what would be lost on save.
 */
export function editorExtensions(t: EmbedTexts = wizardMessages.fr): AnyExtension[] {
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
  ];
}
