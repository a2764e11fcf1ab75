import type { Block, ListItem, Run } from '../model/blocks';

/** Builders that keep the templates readable: plain text, bold and italic runs. */
export const t = (text: string): Run => ({ text });
export const b = (text: string): Run => ({ text, bold: true });
export const i = (text: string): Run => ({ text, italic: true });

/** A paragraph from a string (one plain run) or from runs. */
export function p(...content: Array<string | Run>): Block {
  return { kind: 'paragraph', runs: content.map((c) => (typeof c === 'string' ? t(c) : c)) };
}

/** A heading inside an article or annex (« Devops » in annex 2). */
export function h(...content: Array<string | Run>): Block {
  return { kind: 'heading', runs: content.map((c) => (typeof c === 'string' ? t(c) : c)) };
}

/** One bullet: a string or runs, with an optional nested list. */
export function li(content: string | Run | Run[], children?: ListItem[]): ListItem {
  const runs = typeof content === 'string' ? [t(content)] : Array.isArray(content) ? content : [content];
  return children ? { runs, children } : { runs };
}

/** A bullet list; strings become plain items. */
export function ul(...items: Array<string | ListItem>): Block {
  return { kind: 'list', items: items.map((it) => (typeof it === 'string' ? li(it) : it)) };
}

/** The convention's computed budget table, placed where the text presents it. */
export const budgetTable = (): Block => ({ kind: 'budget-table' });
/** The Chorus references of every UO (or of the listed ones). */
export const accountingReferences = (): Block => ({ kind: 'accounting-references' });
