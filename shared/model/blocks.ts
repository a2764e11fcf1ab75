import { z } from 'zod/mini';
import { MAX_LIST_DEPTH, MAX_RUN, MAX_SHORT } from './limits';

/** A run of text with its emphasis; paragraphs are arrays of runs. */
export const RunSchema = z.object({
  text: z.string().check(z.maxLength(MAX_RUN)),
  bold: z.optional(z.boolean()),
  italic: z.optional(z.boolean()),
  /**
   * A reference to an article or an annex (by id): printed as its current number
   * (« l'article 2 », « l'annexe 1 »), following it when it moves; `text` keeps the last
   * printed form, for readers that do not know references.
   */
  ref: z.optional(z.object({ target: z.string().check(z.minLength(1), z.maxLength(100)) })),
});
export type Run = z.infer<typeof RunSchema>;

/** One bullet of a list; `children` nest a sub-list under it (hanging indent). */
export interface ListItem {
  runs: Run[];
  children?: ListItem[];
}
export const ListItemSchema: z.ZodMiniType<ListItem> = z.lazy(() =>
  z.object({
    runs: z.array(RunSchema),
    children: z.optional(z.array(ListItemSchema)),
  }),
);

/** A table cell holds paragraphs (each an array of runs), e.g. the seed's budget cells. */
export const TableCellSchema = z.object({ paragraphs: z.array(z.array(RunSchema)) });
export type TableCell = z.infer<typeof TableCellSchema>;

/**
 * The content of an article, an annex or the preamble. Budget and Chorus tables are not
 * typed here: `budget-table` and `accounting-references` blocks place the convention's
 * computed tables where the text needs them (article 2 and article 5 in the seed).
 */
export const BlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), runs: z.array(RunSchema) }),
  z.object({
    kind: z.literal('heading'),
    runs: z.array(RunSchema),
    /** A numbered sub-article: printed « 3.1 », « 3.2 »… after the article's number. */
    numbered: z.optional(z.boolean()),
  }),
  z.object({
    kind: z.literal('list'),
    ordered: z.optional(z.boolean()),
    items: z.array(ListItemSchema),
  }).check(z.refine((list) => listDepth(list.items) <= MAX_LIST_DEPTH, { message: `au plus ${MAX_LIST_DEPTH} niveaux de listes imbriquées`, path: ['items'] })),
  z.object({
    kind: z.literal('table'),
    /** Header row, repeated after a page break. */
    header: z.optional(z.array(TableCellSchema)),
    rows: z.array(z.array(TableCellSchema)),
    /** Relative column widths; equal when absent. */
    widths: z.optional(z.array(z.number().check(z.positive()))),
  }),
  z.object({ kind: z.literal('budget-table') }),
  z.object({
    kind: z.literal('accounting-references'),
    /** UO codes to show; all when absent. */
    uos: z.optional(z.array(z.string().check(z.maxLength(MAX_SHORT)))),
  }),
]);
export type Block = z.infer<typeof BlockSchema>;
export type BlockKind = Block['kind'];

/** Levels of a list: 1 for a flat list (iterative: the input may be nested deep). */
function listDepth(items: readonly ListItem[]): number {
  let deepest = 0;
  const stack: Array<[readonly ListItem[], number]> = [[items, 1]];
  while (stack.length) {
    const [level, depth] = stack.pop()!;
    if (level.length) deepest = Math.max(deepest, depth);
    for (const item of level) if (item.children?.length) stack.push([item.children, depth + 1]);
  }
  return deepest;
}
