import type { FontSet, Page } from './types';

/**
 * Typesetting quality figures over laid-out pages, for tests and the benchmark: how many
 * justified lines have their spaces stretched beyond a bound (« loose » lines, the wide gaps
 * that line-at-a-time breaking leaves).
 */

/**
 * Lines whose stretchable spaces are wider than `1 + ratio` times a normal space (`ratio`
 * 0.5: more than 50 % beyond normal). The normal space is that of the line's first fragment.
 */
export function countLooseLines(pages: readonly Page[], fonts: FontSet, ratio = 0.5): number {
  let n = 0;
  for (const page of pages) {
    for (const b of page.boxes) {
      if (b.kind !== 'text' || b.wordSpacing <= 0) continue;
      const style = b.fragments[0]?.style ?? 'regular';
      const space = (fonts[style].advance(0x20) / 1000) * b.size;
      if (space > 0 && b.wordSpacing > ratio * space) n += 1;
    }
  }
  return n;
}
