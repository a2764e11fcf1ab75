import { describe, expect, it } from 'vitest';
import { insertAt, move, newId, removeAt, updateAt } from '../../../../../renderer/wizard/model/list-ops';

describe('list operations', () => {
  it('moves an item and clamps the target; a no-op move returns the same list', () => {
    const l = ['a', 'b', 'c', 'd'];
    expect(move(l, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(move(l, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(move(l, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(move(l, 2, 2)).toBe(l);
    expect(move(l, 9, 0)).toBe(l);
    expect(l).toEqual(['a', 'b', 'c', 'd']);
  });

  it('updates, removes and inserts without touching the input', () => {
    const l = [1, 2, 3];
    expect(updateAt(l, 1, (x) => x * 10)).toEqual([1, 20, 3]);
    expect(removeAt(l, 0)).toEqual([2, 3]);
    expect(insertAt(l, 1, 9)).toEqual([1, 9, 2, 3]);
    expect(insertAt(l, 99, 9)).toEqual([1, 2, 3, 9]);
    expect(l).toEqual([1, 2, 3]);
  });

  it('makes distinct ids with their prefix', () => {
    const ids = new Set(Array.from({ length: 500 }, () => newId('visa')));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^visa-[0-9a-f]{8}$/);
  });
});
