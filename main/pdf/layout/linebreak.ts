/**
 * Total-fit line breaking (Knuth and Plass, « Breaking paragraphs into lines », 1981), on
 * numbers only: a paragraph is a row of boxes (words or pieces of words), each preceded by a
 * possible break: either glue (a space, which stretches and shrinks and disappears at a break)
 * or a penalty (inside a URL or a code, at a hyphenation point, which may add a hyphen's width).
 * The breaks of the whole paragraph are chosen together, minimising the sum of the lines'
 * demerits, as TeX does.
 */

/** A paragraph as the breaker sees it; every array has one entry per box, lengths in ems. */
export interface BreakItems {
  /** Width of each box. */
  readonly box: ArrayLike<number>;
  /** Width of the glue before each box (0 when none: the first box, a piece of a cut word). */
  readonly glue: ArrayLike<number>;
  /** How much that glue may grow, and shrink. */
  readonly stretch: ArrayLike<number>;
  readonly shrink: ArrayLike<number>;
  /** Cost of breaking before each box (0 at a space). */
  readonly penalty: ArrayLike<number>;
  /** Width added at the end of a line broken before the box (a hyphen), 0 otherwise. */
  readonly penaltyWidth: ArrayLike<number>;
  /** True where a break before the box ends the line on a hyphen (two in a row cost more). */
  readonly flagged: ArrayLike<boolean>;
}

/** TeX's defaults, in its units: demerits = (line penalty + badness)² + penalty². */
export const LINE_PENALTY = 10;
/** Two adjacent lines of very different tightness (loose after tight, …). */
export const ADJACENT_DEMERITS = 10_000;
/** Two hyphenated lines in a row. */
export const DOUBLE_HYPHEN_DEMERITS = 10_000;
/** A hyphen on the line before the last (the reader turns to a line of one syllable). */
export const FINAL_HYPHEN_DEMERITS = 5_000;

/** Fitness classes: 0 very loose, 1 loose, 2 decent, 3 tight. */
const CLASSES = 4;
const DECENT = 2;

/** Stretch ratio of a line (positive: stretched, negative: shrunk, -1 at most). */
export function fitnessClass(ratio: number): number {
  if (ratio < -0.5) return 3;
  if (ratio <= 0.5) return 2;
  if (ratio <= 1) return 1;
  return 0;
}

/** One chosen line: boxes `from` (inclusive) to `to` (exclusive), and how far its glue is set. */
export interface ChosenLine {
  readonly from: number;
  readonly to: number;
  /** Natural width, hyphen included. */
  readonly width: number;
  /** Stretch (> 0) or shrink (< 0) ratio: 1 uses all of the glue's stretch. The last line is 0 unless shrunk. */
  readonly ratio: number;
}

/**
 * The breaks minimising the paragraph's total demerits for lines of `max` ems, the last line
 * ragged (free to stay short; it may still shrink). A line may never be wider than `max` once
 * its glue has shrunk as far as allowed, except a single box that alone exceeds it (the caller
 * cuts those first). `noGlueStretch` stands in for the stretch of a line with no glue (one word
 * followed by a URL), so that leaving such a line short is judged as a loose line would be.
 *
 * The search is the dynamic programme over (break, fitness class) that Knuth and Plass's active
 * list implements: for each break it looks back only as far as one line can reach (the boxes a
 * line of `max` can hold once shrunk), so the work is linear in the paragraph's length.
 */
export function totalFit(items: BreakItems, max: number, noGlueStretch: number): ChosenLine[] {
  const n = items.box.length;
  if (n === 0) return [];
  // Prefix sums: width, stretch and shrink of boxes and glue before box k.
  const W = new Float64Array(n + 1);
  const Y = new Float64Array(n + 1);
  const Z = new Float64Array(n + 1);
  for (let k = 0; k < n; k += 1) {
    const g = k === 0 ? 0 : items.glue[k]!;
    W[k + 1] = W[k]! + g + items.box[k]!;
    Y[k + 1] = Y[k]! + (k === 0 ? 0 : items.stretch[k]!);
    Z[k + 1] = Z[k]! + (k === 0 ? 0 : items.shrink[k]!);
  }
  const best = new Float64Array((n + 1) * CLASSES).fill(Number.POSITIVE_INFINITY);
  const back = new Int32Array((n + 1) * CLASSES).fill(-1);
  best[DECENT] = 0;
  const eps = 1e-9;
  for (let j = 1; j <= n; j += 1) {
    const last = j === n;
    const pen = last ? 0 : items.penalty[j]!;
    const penWidth = last ? 0 : items.penaltyWidth[j]!;
    const flaggedJ = !last && items.flagged[j] === true;
    for (let i = j - 1; i >= 0; i -= 1) {
      // A break before box i drops the glue there.
      const gi = i === 0 ? 0 : items.glue[i]!;
      const natural = W[j]! - W[i]! - gi;
      const shrink = Z[j]! - Z[i]! - (i === 0 ? 0 : items.shrink[i]!);
      // Lines starting further left only get wider: stop once even shrunk they overflow.
      if (natural - shrink > max + eps && i < j - 1) break;
      const width = natural + penWidth;
      const stretch = Y[j]! - Y[i]! - (i === 0 ? 0 : items.stretch[i]!);
      let ratio: number;
      if (width > max + eps) {
        // Shrink as needed; only a lone box may still overflow (it counts as fully shrunk).
        const r = shrink > 0 ? (max - width) / shrink : Number.NEGATIVE_INFINITY;
        if (r < -1 - eps && i < j - 1) continue;
        ratio = Math.max(-1, r);
      } else if (last) ratio = 0;
      else ratio = (max - width) / (stretch > 0 ? stretch : noGlueStretch);
      const badness = 100 * Math.abs(ratio) ** 3;
      let demerits = (LINE_PENALTY + badness) ** 2;
      if (pen > 0) demerits += pen * pen;
      const flaggedI = i > 0 && items.flagged[i] === true;
      if (flaggedI && flaggedJ) demerits += DOUBLE_HYPHEN_DEMERITS;
      if (flaggedI && last) demerits += FINAL_HYPHEN_DEMERITS;
      const cls = fitnessClass(ratio);
      for (let c = 0; c < CLASSES; c += 1) {
        const prior = best[i * CLASSES + c]!;
        if (prior === Number.POSITIVE_INFINITY) continue;
        const total = prior + demerits + (Math.abs(cls - c) > 1 ? ADJACENT_DEMERITS : 0);
        const at = j * CLASSES + cls;
        if (total < best[at]!) {
          best[at] = total;
          back[at] = i * CLASSES + c;
        }
      }
    }
  }
  let at = n * CLASSES;
  for (let c = 1; c < CLASSES; c += 1) if (best[n * CLASSES + c]! < best[at]!) at = n * CLASSES + c;
  const lines: ChosenLine[] = [];
  while (at >= CLASSES) {
    const prev = back[at]!;
    const j = Math.floor(at / CLASSES);
    const i = Math.floor(prev / CLASSES);
    const last = j === n;
    const natural = W[j]! - W[i]! - (i === 0 ? 0 : items.glue[i]!) + (last ? 0 : items.penaltyWidth[j]!);
    const stretch = Y[j]! - Y[i]! - (i === 0 ? 0 : items.stretch[i]!);
    const shrink = Z[j]! - Z[i]! - (i === 0 ? 0 : items.shrink[i]!);
    const ratio = natural > max + eps ? (shrink > 0 ? Math.max(-1, (max - natural) / shrink) : -1) : last ? 0 : (max - natural) / (stretch > 0 ? stretch : noGlueStretch);
    lines.push({ from: i, to: j, width: natural, ratio });
    at = prev;
  }
  return lines.reverse();
}
