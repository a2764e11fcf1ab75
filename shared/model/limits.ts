/*
 * How large a convention's parts may be. Every text field of the model has a maximum length,
 * generous for real conventions (the seed's longest visa is ~300 characters, its longest
 * paragraph ~1,500) but finite, so that a confused renderer or a crafted file cannot make main
 * store a 50 MB title. Documented in docs/format.md and carried into the JSON Schema.
 */

/** One-line names: a person's name, a UO code, a Chorus value. */
export const MAX_NAME = 200;
/** Titles and short texts on one or two lines: a convention's or article's title, a person's quality. */
export const MAX_TITLE = 500;
/** A place, an acronym. */
export const MAX_SHORT = 100;
/** A sentence or an address: a budget label, an entity's address, a Chorus value in `extra`. */
export const MAX_SENTENCE = 2_000;
/** A visa, quoted whole (« Vu le décret n°… »). */
export const MAX_VISA = 5_000;
/** One run of text in a paragraph, a list item or a table cell. */
export const MAX_RUN = 20_000;
/** Levels of nested lists (the validator already warns beyond four). */
export const MAX_LIST_DEPTH = 20;
/**
 * Levels of nesting of a whole convention document, arrays and objects counted: its deepest
 * legitimate part, a run in a list nested MAX_LIST_DEPTH deep, is 47 levels down.
 */
export const MAX_DOCUMENT_DEPTH = 64;

/**
 * True when `value` nests arrays and objects more than `max` levels deep (the value itself is
 * level 1). Iterative, so that it cannot overflow the stack itself: run it before a recursive
 * parser (zod) sees untrusted input nested thousands deep.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  const seen = new Set<object>();
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    if (depth > max) return true;
    seen.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
