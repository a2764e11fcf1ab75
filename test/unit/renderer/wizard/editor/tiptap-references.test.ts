import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Block, ListItem, Run } from '../../../../../shared/model/blocks';
import { BlockSchema } from '../../../../../shared/model/blocks';
import { REFERENCE_NODE, blocksToDoc, docToBlocks, type PmNode } from '../../../../../renderer/wizard/editor/tiptap-blocks';

/** References (runs with `ref`) and numbered sub-article headings through the editor's JSON. */

const article: Block[] = [
  { kind: 'heading', runs: [{ text: 'Engagements' }], numbered: true },
  { kind: 'paragraph', runs: [{ text: 'Voir l’' }, { text: 'article 2', ref: { target: 'a2' } }, { text: ' et l’' }, { text: 'annexe 1', bold: true, ref: { target: 'x1' } }, { text: '.' }] },
  { kind: 'heading', runs: [{ text: 'Plain' }] },
  { kind: 'list', items: [{ runs: [{ text: 'Article 1er', ref: { target: 'a1' } }], children: [{ runs: [{ text: 'annexe 2', italic: true, ref: { target: 'x2' } }, { text: ' ;' }] }] }] },
  { kind: 'table', rows: [[{ paragraphs: [[{ text: 'cf. ' }, { text: 'article 3', ref: { target: 'a3' } }]] }]] },
];

describe('references and numbered headings ⇄ Tiptap JSON', () => {
  it('writes a reference as an inline atom with its target and text, emphasis as marks; a numbered heading as an attribute', () => {
    const doc = blocksToDoc(article);
    expect(doc.content?.[0]).toEqual({ type: 'heading', attrs: { level: 3, numbered: true }, content: [{ type: 'text', text: 'Engagements' }] });
    expect(doc.content?.[1]?.content?.[1]).toEqual({ type: REFERENCE_NODE, attrs: { target: 'a2', text: 'article 2' } });
    expect(doc.content?.[1]?.content?.[3]).toEqual({ type: REFERENCE_NODE, attrs: { target: 'x1', text: 'annexe 1' }, marks: [{ type: 'bold' }] });
    expect(doc.content?.[2]?.attrs).toEqual({ level: 3 });
  });

  it('round-trips references in paragraphs, list items at any depth and table cells', () => {
    expect(docToBlocks(blocksToDoc(article))).toEqual(article);
    for (const b of docToBlocks(blocksToDoc(article))) expect(BlockSchema.safeParse(b).success).toBe(true);
  });

  it('reads what the editor holds: numbered: false is no number, a reference never merges with its neighbours nor takes a line break', () => {
    const doc: PmNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3, numbered: false }, content: [{ type: 'text', text: 'Titre' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'selon l’' },
            { type: REFERENCE_NODE, attrs: { target: 'a1', text: 'article 1er' } },
            { type: REFERENCE_NODE, attrs: { target: 'a2', text: 'article 2' } },
            { type: 'hardBreak' },
            { type: 'text', text: 'suite' },
            // A reference without a target (never inserted by the editor) is dropped, not saved broken.
            { type: REFERENCE_NODE, attrs: { target: '', text: 'article ?' } },
          ],
        },
      ],
    };
    expect(docToBlocks(doc)).toEqual([
      { kind: 'heading', runs: [{ text: 'Titre' }] },
      { kind: 'paragraph', runs: [{ text: 'selon l’' }, { text: 'article 1er', ref: { target: 'a1' } }, { text: 'article 2', ref: { target: 'a2' } }, { text: '\nsuite' }] },
    ]);
  });

  // Property: any normalised body with references and numbered headings survives both ways.
  const text = fc.stringMatching(/^[a-zé ]{1,6}$/);
  const runs: fc.Arbitrary<Run[]> = fc
    .array(
      fc.record({ text, bold: fc.boolean(), italic: fc.boolean(), ref: fc.option(fc.constantFrom('a1', 'a2', 'x1'), { nil: undefined }) }),
      { minLength: 1, maxLength: 5 },
    )
    .map((rs) => {
      // Normalised as the editor reads: neighbours with the same emphasis are one run, unless one is a reference.
      const out: Run[] = [];
      for (const r of rs) {
        const run: Run = { text: r.text };
        if (r.bold) run.bold = true;
        if (r.italic) run.italic = true;
        if (r.ref) run.ref = { target: r.ref };
        const last = out[out.length - 1];
        if (last && !last.ref && !run.ref && !!last.bold === !!run.bold && !!last.italic === !!run.italic) last.text += run.text;
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
    fc.tuple(runs, fc.boolean()).map(([r, numbered]): Block => (numbered ? { kind: 'heading', runs: r, numbered: true } : { kind: 'heading', runs: r })),
    items(3).map((it) => ({ kind: 'list' as const, items: it })),
    fc.integer({ min: 1, max: 3 }).chain((cols) =>
      fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 3 }).map((rows) => ({ kind: 'table' as const, rows })),
    ),
  );
  it('round-trips any normalised body with references and numbered headings (property)', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), (blocks) => {
        expect(docToBlocks(blocksToDoc(blocks))).toEqual(blocks);
      }),
      { numRuns: 300 },
    );
  });
});
