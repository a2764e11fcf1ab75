import { describe, expect, it } from 'vitest';
import {
  articleHeading, articleLabel, mapRuns, referenceLabels, resolveReferences, runText, subArticleLabel, subArticleNumbers, withCurrentReferences,
} from '../../../../shared/rules/numbering';
import type { Block } from '../../../../shared/model/blocks';

describe('article numbers', () => {
  it('prints « Article 1er » only when the convention asks for it', () => {
    expect(articleHeading({ title: 'Objet' }, 0)).toBe('Article 1 : Objet');
    expect(articleHeading({ title: 'Objet' }, 0, '1')).toBe('Article 1 : Objet');
    expect(articleHeading({ title: 'Objet' }, 0, '1er')).toBe('Article 1er : Objet');
    expect(articleHeading({ title: '' }, 0, '1er')).toBe('Article 1er');
    // Only the first article takes « er ».
    expect(articleHeading({ title: 'Durée' }, 1, '1er')).toBe('Article 2 : Durée');
    expect(articleLabel(10, '1er')).toBe('11');
  });

  it('writes the superscript « ᵉʳ » for the PDF, which draws it raised', () => {
    expect(articleHeading({ title: 'Objet' }, 0, '1er', 'print')).toBe('Article 1\u1d49\u02b3 : Objet');
    expect(articleLabel(0, '1', 'print')).toBe('1');
  });

  it('numbers only the numbered headings of a body, from 1', () => {
    const h = (numbered?: boolean): Block => (numbered === undefined ? { kind: 'heading', runs: [{ text: 'x' }] } : { kind: 'heading', runs: [{ text: 'x' }], numbered });
    const body: Block[] = [h(true), { kind: 'paragraph', runs: [] }, h(), h(false), h(true), h(true)];
    expect(subArticleNumbers(body)).toEqual([1, undefined, undefined, undefined, 2, 3]);
    expect(subArticleLabel(2, 2)).toBe('3.2');
    expect(subArticleLabel(0, 1)).toBe('1.1');
  });
});

describe('references', () => {
  const c = {
    articles: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }],
    annexes: [{ id: 'x1' }, { id: 'x2' }],
    presentation: { firstArticle: '1er' as const },
  };

  it('labels articles and annexes by their current place', () => {
    const labels = referenceLabels(c);
    expect(labels.get('a1')).toBe('article 1er');
    expect(labels.get('a3')).toBe('article 3');
    expect(labels.get('x2')).toBe('annexe 2');
    expect(referenceLabels({ ...c, presentation: undefined }).get('a1')).toBe('article 1');
    expect(referenceLabels(c, 'print').get('a1')).toBe('article 1\u1d49\u02b3');
    // Moving an article renumbers what points at it.
    const moved = referenceLabels({ ...c, articles: [c.articles[2]!, c.articles[0]!, c.articles[1]!] });
    expect(moved.get('a3')).toBe('article 1er');
    expect(moved.get('a1')).toBe('article 2');
  });

  it('prints the current label, keeping a capital, and the stored text when the target is gone', () => {
    const labels = referenceLabels(c);
    expect(runText({ text: 'article 7', ref: { target: 'a2' } }, labels)).toBe('article 2');
    expect(runText({ text: 'Article 7', ref: { target: 'a2' } }, labels)).toBe('Article 2');
    expect(runText({ text: 'annexe 9', ref: { target: 'gone' } }, labels)).toBe('annexe 9');
    expect(runText({ text: 'plain' }, labels)).toBe('plain');
    expect(resolveReferences([{ text: "l'" }, { text: 'article 9', bold: true, ref: { target: 'a1' } }], labels)).toEqual([
      { text: "l'" },
      { text: 'article 1er', bold: true, ref: { target: 'a1' } },
    ]);
  });
});

describe('stored texts of references brought up to date', () => {
  const body = (target: string, text: string): Block[] => [
    { kind: 'paragraph', runs: [{ text: 'voir l’' }, { text, ref: { target } }] },
    { kind: 'list', items: [{ runs: [{ text: 'point' }], children: [{ runs: [{ text, ref: { target } }] }] }] },
    { kind: 'table', header: [{ paragraphs: [[{ text: 'h' }]] }], rows: [[{ paragraphs: [[{ text, ref: { target } }]] }]] },
    { kind: 'budget-table' },
  ];
  const make = () => ({
    preamble: [] as Block[],
    articles: [{ id: 'a1', title: 'Un', body: body('a2', 'article 9') }, { id: 'a2', title: 'Deux', body: [{ kind: 'paragraph', runs: [{ text: 'rien' }] }] as Block[] }],
    annexes: [{ id: 'x1', title: 'Annexe', body: body('x1', 'annexe 1') }],
    presentation: { firstArticle: '1er' as const },
  });

  it('rewrites every stale reference, in paragraphs, nested list items and table cells', () => {
    const c = withCurrentReferences(make());
    expect(JSON.stringify(c.articles[0]!.body)).not.toContain('article 9');
    expect(JSON.stringify(c.articles[0]!.body).match(/"article 2"/g)).toHaveLength(3);
  });

  it('keeps what did not change as the same objects, and the whole when nothing changed', () => {
    const before = make();
    const after = withCurrentReferences(before);
    expect(after.articles[1]).toBe(before.articles[1]);
    expect(after.annexes).toBe(before.annexes);
    expect(after.articles[0]!.body[3]).toBe(before.articles[0]!.body[3]);
    expect(withCurrentReferences(after)).toBe(after);
    const blocks = after.articles[0]!.body;
    expect(mapRuns(blocks, (r) => r)).toBe(blocks);
  });
});
