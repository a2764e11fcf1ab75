import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Block, ListItem, Run } from '../../../../../shared/model/blocks';
import { BlockSchema } from '../../../../../shared/model/blocks';
import { blocksToDoc, docToBlocks, type PmNode } from '../../../../../renderer/wizard/editor/tiptap-blocks';

const seedArticle: Block[] = [
  { kind: 'paragraph', runs: [{ text: 'Le délégant confie au délégataire ' }, { text: 'la réalisation', bold: true }, { text: ' de :' }] },
  {
    kind: 'list',
    items: [
      { runs: [{ text: 'la mise en place d’une équipe' }], children: [{ runs: [{ text: 'un intrapreneur', italic: true }] }, { runs: [{ text: 'un coach' }] }] },
      { runs: [{ text: 'le suivi', bold: true, italic: true }] },
    ],
  },
  {
    kind: 'table',
    header: [{ paragraphs: [[{ text: 'UO' }]] }, { paragraphs: [[{ text: 'AE' }]] }],
    rows: [[{ paragraphs: [[{ text: '0113-PEBC-ELAB' }]] }, { paragraphs: [[{ text: '140 000 EUR' }], [{ text: 'total' }]] }]],
    widths: [2, 1],
  },
  { kind: 'budget-table' },
  { kind: 'accounting-references', uos: ['0113-PEBC-ELAB'] },
  { kind: 'accounting-references' },
  { kind: 'heading', runs: [{ text: 'Titre' }] },
  { kind: 'list', ordered: true, items: [{ runs: [{ text: 'premier' }] }] },
];

describe('blocks ⇄ Tiptap JSON', () => {
  it('writes the Tiptap shapes StarterKit and the table extension expect', () => {
    const doc = blocksToDoc(seedArticle);
    expect(doc.type).toBe('doc');
    const [p, list, table, budget, refs] = doc.content ?? [];
    expect(p?.content?.[1]).toEqual({ type: 'text', text: 'la réalisation', marks: [{ type: 'bold' }] });
    expect(list?.type).toBe('bulletList');
    const firstItem = list?.content?.[0];
    expect(firstItem?.type).toBe('listItem');
    expect(firstItem?.content?.map((n) => n.type)).toEqual(['paragraph', 'bulletList']);
    expect(table?.content?.[0]?.content?.[0]?.type).toBe('tableHeader');
    expect(table?.content?.[0]?.content?.[0]?.attrs?.colwidth).toEqual([2]);
    expect(table?.content?.[1]?.content?.[1]?.content).toHaveLength(2);
    expect(budget).toEqual({ type: 'budgetTable' });
    expect(refs).toEqual({ type: 'accountingReferences', attrs: { uos: ['0113-PEBC-ELAB'] } });
  });

  it('round-trips the seed-like article exactly', () => {
    expect(docToBlocks(blocksToDoc(seedArticle))).toEqual(seedArticle);
  });

  it('reads what the editor produces: split text nodes, hard breaks, multi-paragraph list items', () => {
    const doc: PmNode = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Fait ' },
            { type: 'text', text: 'à Paris', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' le', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'suite' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'un' }] },
                { type: 'paragraph', content: [{ type: 'text', text: 'deux' }] },
                { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }] },
                { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] }] },
              ],
            },
          ],
        },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'cité' }] }] },
      ],
    };
    expect(docToBlocks(doc)).toEqual([
      { kind: 'paragraph', runs: [{ text: 'Fait ' }, { text: 'à Paris le\n', bold: true }, { text: 'suite' }] },
      { kind: 'list', items: [{ runs: [{ text: 'un\ndeux' }], children: [{ runs: [{ text: 'a' }] }, { runs: [{ text: 'b' }] }] }] },
      { kind: 'paragraph', runs: [{ text: 'cité' }] },
    ]);
  });

  it('maps an empty body to one empty paragraph and back to nothing', () => {
    expect(blocksToDoc([])).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(docToBlocks({ type: 'doc', content: [{ type: 'paragraph' }] })).toEqual([]);
  });

  it('gives empty table cells the paragraph ProseMirror requires', () => {
    const doc = blocksToDoc([{ kind: 'table', rows: [[{ paragraphs: [] }]] }]);
    expect(doc.content?.[0]?.content?.[0]?.content?.[0]?.content).toEqual([{ type: 'paragraph' }]);
  });

  it('every converted document is a valid Block[] for the schema', () => {
    for (const b of docToBlocks(blocksToDoc(seedArticle))) expect(BlockSchema.safeParse(b).success).toBe(true);
  });

  // Property: any normalised body survives the editor both ways.
  const text = fc.stringMatching(/^[a-zé ]{1,6}$/);
  const runs: fc.Arbitrary<Run[]> = fc
    .array(fc.record({ text, bold: fc.boolean(), italic: fc.boolean() }), { minLength: 1, maxLength: 4 })
    .map((rs) => {
      // Normalise like the editor does: neighbours with the same emphasis are one run.
      const out: Run[] = [];
      for (const r of rs) {
        const run: Run = { text: r.text };
        if (r.bold) run.bold = true;
        if (r.italic) run.italic = true;
        const last = out[out.length - 1];
        if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic) last.text += run.text;
        else out.push(run);
      }
      return out;
    });
  const items: fc.Memo<ListItem[]> = fc.memo((n) =>
    fc.array(
      n > 1
        ? fc.record({ runs, children: items(n - 1) }).map((i) => (i.children.length ? i : { runs: i.runs }))
        : runs.map((r) => ({ runs: r })),
      { minLength: 1, maxLength: 3 },
    ),
  );
  const cell = fc.array(runs, { minLength: 1, maxLength: 2 }).map((paragraphs) => ({ paragraphs }));
  const block: fc.Arbitrary<Block> = fc.oneof(
    runs.map((r) => ({ kind: 'paragraph' as const, runs: r })),
    runs.map((r) => ({ kind: 'heading' as const, runs: r })),
    items(3).map((it) => ({ kind: 'list' as const, items: it })),
    fc.integer({ min: 1, max: 3 }).chain((cols) =>
      fc.record({
        header: fc.array(cell, { minLength: cols, maxLength: cols }),
        rows: fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 3 }),
      }).map((t) => ({ kind: 'table' as const, header: t.header, rows: t.rows })),
    ),
    fc.constant({ kind: 'budget-table' as const }),
  );
  it('round-trips any normalised body (property)', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), (blocks) => {
        expect(docToBlocks(blocksToDoc(blocks))).toEqual(blocks);
      }),
      { numRuns: 300 },
    );
  });
});
