import { describe, expect, it } from 'vitest';
import { ReferenceLabels, referenceTextAt } from '../../../../../renderer/wizard/editor/references';
import type { Block } from '../../../../../shared/model/blocks';

describe('reference chips', () => {
  it('capitalise a reference that opens a sentence, not one inside it', () => {
    expect(referenceTextAt('article 2', '')).toBe('Article 2');
    expect(referenceTextAt('article 2', 'Le délai court. ')).toBe('Article 2');
    expect(referenceTextAt('article 1er', 'Selon l’')).toBe('article 1er');
    expect(referenceTextAt('annexe 1', 'précisé à : ')).toBe('annexe 1');
  });

  it('tell their views only when a label changed, and show a stored text when the target is gone', () => {
    const labels = new ReferenceLabels();
    let calls = 0;
    const off = labels.subscribe(() => (calls += 1));
    labels.set(new Map([['a1', 'article 1er'], ['a2', 'article 2']]));
    expect(calls).toBe(1);
    labels.set(new Map([['a1', 'article 1er'], ['a2', 'article 2']]));
    expect(calls).toBe(1);
    labels.set(new Map([['a1', 'article 2'], ['a2', 'article 1er']]));
    expect(calls).toBe(2);
    expect(labels.text('a1', 'Article 7')).toBe('Article 2');
    expect(labels.text('gone', 'annexe 3')).toBe('annexe 3');
    expect(labels.has('gone')).toBe(false);
    off();
    labels.set(new Map());
    expect(calls).toBe(2);
  });

  it('bring stored texts up to date on save, and hand back the same blocks when nothing changed', () => {
    const labels = new ReferenceLabels();
    labels.set(new Map([['a1', 'article 3']]));
    const stale: Block[] = [{ kind: 'paragraph', runs: [{ text: 'voir l’' }, { text: 'article 1', ref: { target: 'a1' } }] }];
    expect(labels.refresh(stale)).toEqual([{ kind: 'paragraph', runs: [{ text: 'voir l’' }, { text: 'article 3', ref: { target: 'a1' } }] }]);
    const fresh = labels.refresh(stale);
    expect(labels.refresh(fresh)).toBe(fresh);
  });
});
