/** Small immutable helpers for the ordered lists the wizard edits. */

/** A copy of `list` with the item at `from` moved to `to` (clamped); same list when nothing moves. */
export function move<T>(list: readonly T[], from: number, to: number): readonly T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from === target || from < 0 || from >= list.length) return list;
  const out = list.slice();
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item as T);
  return out;
}

/** A copy with the item at `index` replaced by `update(item)`. */
export function updateAt<T>(list: readonly T[], index: number, update: (item: T) => T): T[] {
  return list.map((item, i) => (i === index ? update(item) : item));
}

/** A copy without the item at `index`. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** A copy with `item` inserted at `index` (appended when beyond the end). */
export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  const out = list.slice();
  out.splice(Math.max(0, Math.min(out.length, index)), 0, item);
  return out;
}

/** A short unique id for a new visa, article, line… (random: ids never collide across sessions). */
export function newId(prefix: string): string {
  return `${prefix}-${globalThis.crypto.randomUUID().slice(0, 8)}`;
}
