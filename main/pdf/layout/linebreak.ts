/**
 * Total-fit line breaking (Knuth and Plass, « Breaking paragraphs into lines », 1981), on
 * numbers only: a paragraph is a row of boxes (words or pieces of words), each preceded by a
 * possible break: either glue (a space, which stretches and shrinks and disappears at a break)
 * or a penalty (inside a URL or a code, at a hyphenation point, which may add a hyphen's width).
 * The breaks of the whole paragraph are chosen together, minimising the sum of the lines'
 * demerits, as TeX does.
 */

/** A paragraph as the breaker sees it; every array has an entry per box (at least `count`), lengths in ems. */
export interface BreakItems {
  /** Number of boxes (the arrays may be longer: buffers reused from paragraph to paragraph). */
  readonly count: number;
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
  const { box, glue, stretch: glueStretch, shrink: glueShrink, penalty, penaltyWidth, flagged } = items;
  const n = items.count;
  if (n === 0) return [];
  const { W, Y, Z, best, back, reach, reachFrom } = buffers(n + 1);
  // Prefix sums: width, stretch and shrink of boxes and glue before box k.
  W[0] = 0;
  Y[0] = 0;
  Z[0] = 0;
  for (let k = 0; k < n; k += 1) {
    W[k + 1] = W[k]! + (k === 0 ? 0 : glue[k]!) + box[k]!;
    Y[k + 1] = Y[k]! + (k === 0 ? 0 : glueStretch[k]!);
    Z[k + 1] = Z[k]! + (k === 0 ? 0 : glueShrink[k]!);
  }
  const INF = Number.POSITIVE_INFINITY;
  // best[j·4 + c]: least demerits of a paragraph start broken before box j, its last line of class c.
  best.fill(INF, 0, (n + 1) * CLASSES);
  back.fill(-1, 0, (n + 1) * CLASSES);
  // reach[i·4 + c] (and reachFrom): least demerits to go on from break i with a line of class c, adjacency included, and from which state.
  best[DECENT] = 0;
  settle(best, reach, reachFrom, 0);
  const eps = 1e-9;
  for (let j = 1; j <= n; j += 1) {
    const last = j === n;
    const pen = last ? 0 : penalty[j]!;
    const penWidth = last ? 0 : penaltyWidth[j]!;
    const flaggedJ = !last && flagged[j] === true;
    const fixed = pen > 0 ? pen * pen : 0;
    for (let i = j - 1; i >= 0; i -= 1) {
      // A break before box i drops the glue there.
      const natural = W[j]! - W[i]! - (i === 0 ? 0 : glue[i]!);
      const shrink = Z[j]! - Z[i]! - (i === 0 ? 0 : glueShrink[i]!);
      // Lines starting further left only get wider: stop once even shrunk they overflow.
      if (natural - shrink > max + eps && i < j - 1) break;
      if (reach[i * CLASSES + DECENT] === INF) continue;
      const width = natural + penWidth;
      let ratio: number;
      if (width > max + eps) {
        // Shrink as needed; only a lone box may still overflow (it counts as fully shrunk).
        const r = shrink > 0 ? (max - width) / shrink : -INF;
        if (r < -1 - eps && i < j - 1) continue;
        ratio = r < -1 ? -1 : r;
      } else if (last) ratio = 0;
      else {
        const stretch = Y[j]! - Y[i]! - (i === 0 ? 0 : glueStretch[i]!);
        ratio = (max - width) / (stretch > 0 ? stretch : noGlueStretch);
      }
      const a = ratio < 0 ? -ratio : ratio;
      const lineDemerits = LINE_PENALTY + 100 * a * a * a;
      let demerits = lineDemerits * lineDemerits + fixed;
      if (i > 0 && flagged[i] === true) {
        if (flaggedJ) demerits += DOUBLE_HYPHEN_DEMERITS;
        if (last) demerits += FINAL_HYPHEN_DEMERITS;
      }
      // fitnessClass(ratio), written out: this loop runs cold in a short process, where a call costs.
      const cls = ratio < -0.5 ? 3 : ratio <= 0.5 ? 2 : ratio <= 1 ? 1 : 0;
      const total = reach[i * CLASSES + cls]! + demerits;
      const at = j * CLASSES + cls;
      if (total < best[at]!) {
        best[at] = total;
        back[at] = reachFrom[i * CLASSES + cls]!;
      }
    }
    settle(best, reach, reachFrom, j);
  }
  let at = n * CLASSES;
  for (let c = 1; c < CLASSES; c += 1) if (best[n * CLASSES + c]! < best[at]!) at = n * CLASSES + c;
  const lines: ChosenLine[] = [];
  while (at >= CLASSES) {
    const prev = back[at]!;
    const j = Math.floor(at / CLASSES);
    const i = Math.floor(prev / CLASSES);
    const last = j === n;
    const natural = W[j]! - W[i]! - (i === 0 ? 0 : glue[i]!) + (last ? 0 : penaltyWidth[j]!);
    const stretch = Y[j]! - Y[i]! - (i === 0 ? 0 : glueStretch[i]!);
    const shrink = Z[j]! - Z[i]! - (i === 0 ? 0 : glueShrink[i]!);
    const ratio = natural > max + eps ? (shrink > 0 ? Math.max(-1, (max - natural) / shrink) : -1) : last ? 0 : (max - natural) / (stretch > 0 ? stretch : noGlueStretch);
    lines.push({ from: i, to: j, width: natural, ratio });
    at = prev;
  }
  return lines.reverse();
}

/**
 * For break `i`, the least demerits to go on with a line of each class, adjacency included
 * (`reach`), and the state they come from (`reachFrom`). A function of its own, not a closure
 * made per paragraph.
 */
function settle(best: Float64Array, reach: Float64Array, reachFrom: Int32Array, i: number): void {
  for (let cls = 0; cls < CLASSES; cls += 1) {
    let m = Number.POSITIVE_INFINITY;
    let from = -1;
    for (let c = 0; c < CLASSES; c += 1) {
      const v = best[i * CLASSES + c]! + (c - cls > 1 || cls - c > 1 ? ADJACENT_DEMERITS : 0);
      if (v < m) {
        m = v;
        from = i * CLASSES + c;
      }
    }
    reach[i * CLASSES + cls] = m;
    reachFrom[i * CLASSES + cls] = from;
  }
}

/** Work arrays, reused from paragraph to paragraph: allocating typed arrays costs more than the search itself. */
let pool: { size: number; W: Float64Array; Y: Float64Array; Z: Float64Array; best: Float64Array; back: Int32Array; reach: Float64Array; reachFrom: Int32Array } | null = null;

function buffers(size: number): NonNullable<typeof pool> {
  if (!pool || pool.size < size) {
    const s = Math.max(size, 2 * (pool?.size ?? 128));
    pool = {
      size: s,
      W: new Float64Array(s),
      Y: new Float64Array(s),
      Z: new Float64Array(s),
      best: new Float64Array(s * CLASSES),
      back: new Int32Array(s * CLASSES),
      reach: new Float64Array(s * CLASSES),
      reachFrom: new Int32Array(s * CLASSES),
    };
  }
  return pool;
}
