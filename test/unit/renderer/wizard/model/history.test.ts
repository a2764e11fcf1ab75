import { describe, expect, it } from 'vitest';
import type { Convention } from '../../../../../shared/model/convention';
import { COALESCE_MS, HISTORY_LIMIT, draftReducer, initialDraft } from '../../../../../renderer/wizard/model/history';

const base = { title: '' } as unknown as Convention;
const setTitle = (title: string) => (c: Convention): Convention => ({ ...c, title });

describe('draft history', () => {
  it('undoes and redoes edits in order', () => {
    let s = initialDraft(base);
    s = draftReducer(s, { type: 'edit', recipe: setTitle('a'), at: 0 });
    s = draftReducer(s, { type: 'edit', recipe: setTitle('b'), at: 10 });
    expect(s.present.title).toBe('b');
    s = draftReducer(s, { type: 'undo' });
    expect(s.present.title).toBe('a');
    s = draftReducer(s, { type: 'undo' });
    expect(s.present.title).toBe('');
    expect(draftReducer(s, { type: 'undo' })).toBe(s);
    s = draftReducer(s, { type: 'redo' });
    s = draftReducer(s, { type: 'redo' });
    expect(s.present.title).toBe('b');
    expect(draftReducer(s, { type: 'redo' })).toBe(s);
  });

  it('merges keystrokes in one field into one undo step, not across fields or pauses', () => {
    let s = initialDraft(base);
    for (const [i, t] of ['P', 'Pa', 'Par'].entries()) s = draftReducer(s, { type: 'edit', recipe: setTitle(t), key: 'title', at: i * 100 });
    expect(s.past).toHaveLength(1);
    s = draftReducer(s, { type: 'edit', recipe: setTitle('Paris'), key: 'title', at: 200 + COALESCE_MS });
    expect(s.past).toHaveLength(2);
    s = draftReducer(s, { type: 'edit', recipe: (c) => ({ ...c, place: 'x' }), key: 'place', at: 300 + COALESCE_MS });
    expect(s.past).toHaveLength(3);
    s = draftReducer(s, { type: 'undo' });
    s = draftReducer(s, { type: 'undo' });
    expect(s.present.title).toBe('Par');
  });

  it('a new edit clears the redo stack; a no-op edit changes nothing', () => {
    let s = initialDraft(base);
    s = draftReducer(s, { type: 'edit', recipe: setTitle('a'), at: 0 });
    s = draftReducer(s, { type: 'undo' });
    s = draftReducer(s, { type: 'edit', recipe: setTitle('c'), at: 5 });
    expect(s.future).toHaveLength(0);
    expect(draftReducer(s, { type: 'edit', recipe: (c) => c })).toBe(s);
  });

  it('bounds the undo stack and bumps the revision on every change', () => {
    let s = initialDraft(base);
    for (let i = 0; i < HISTORY_LIMIT + 20; i += 1) s = draftReducer(s, { type: 'edit', recipe: setTitle(String(i)), at: i * 10_000 });
    expect(s.past).toHaveLength(HISTORY_LIMIT);
    expect(s.revision).toBe(HISTORY_LIMIT + 20);
  });
});
