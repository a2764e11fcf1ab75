/**
 * Total-fit line breaking (Knuth and Plass, « Breaking paragraphs into lines », 1981), on
 * numbers only: a paragraph is a row of boxes (words or pieces of words), each preceded by a
 * possible break: either glue (a space, which stretches and shrinks and disappears at a break)
 * or a penalty (inside a URL or a code, at a hyphenation point, which may add a hyphen's width).
 * The breaks of the whole paragraph are chosen together, minimising the sum of the lines'
 * demerits, as TeX does.
 *
 * The search runs in WebAssembly (linebreak.wat, the same operations in the same order, hence
 * the same breaks to the last bit); the script version below is its readable statement, the
 * fallback where WebAssembly is missing, and the reference the tests hold it to.
 */
import { LINEBREAK_WASM } from './linebreak-wasm';

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
  const n = items.count;
  if (n === 0) return [];
  const compiled = kernel();
  if (compiled === null) return totalFitScript(items, max, noGlueStretch);
  const { box, glue, stretch, shrink, penalty, penaltyWidth, flagged, W, Y, Z, back, cap } = compiled.views(n + 1);
  copy(box, items.box, n);
  copy(glue, items.glue, n);
  copy(stretch, items.stretch, n);
  copy(shrink, items.shrink, n);
  copy(penalty, items.penalty, n);
  copy(penaltyWidth, items.penaltyWidth, n);
  for (let k = 0; k < n; k += 1) flagged[k] = items.flagged[k] === true ? 1 : 0;
  const end = compiled.fit(n, cap, max, noGlueStretch);
  return chosenLines(items, max, noGlueStretch, end, W, Y, Z, back);
}

/** totalFit's search written in script: the statement linebreak.wat follows, and its fallback. */
export function totalFitScript(items: BreakItems, max: number, noGlueStretch: number): ChosenLine[] {
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
  return chosenLines(items, max, noGlueStretch, at, W, Y, Z, back);
}

/**
 * The lines of the cheapest paragraph, walked back from its end state `at` through `back`,
 * with the prefix sums W, Y, Z of its search.
 */
function chosenLines(items: BreakItems, max: number, noGlueStretch: number, end: number, W: Float64Array, Y: Float64Array, Z: Float64Array, back: Int32Array): ChosenLine[] {
  const { glue, stretch: glueStretch, shrink: glueShrink, penaltyWidth } = items;
  const n = items.count;
  const eps = 1e-9;
  let at = end;
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

/** The compiled search (linebreak.wat) and views of its memory. */
interface Kernel {
  /** Fills W, Y, Z, best and back for `n` boxes; returns the cheapest end state. */
  readonly fit: (n: number, cap: number, max: number, noGlueStretch: number) => number;
  /** Views of the memory laid out for at least `size` entries (memory grown if needed). */
  readonly views: (size: number) => KernelViews;
}

interface KernelViews {
  readonly cap: number;
  readonly box: Float64Array;
  readonly glue: Float64Array;
  readonly stretch: Float64Array;
  readonly shrink: Float64Array;
  readonly penalty: Float64Array;
  readonly penaltyWidth: Float64Array;
  readonly W: Float64Array;
  readonly Y: Float64Array;
  readonly Z: Float64Array;
  readonly best: Float64Array;
  readonly back: Int32Array;
  readonly flagged: Uint8Array;
}

/** Bytes of memory per unit of capacity (linebreak.wat's layout). */
const BYTES_PER_ENTRY = 169;
const PAGE = 65_536;

/** What this module uses of WebAssembly (typed by the DOM library, which main/ does not load). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

let compiledKernel: Kernel | null | undefined;

/** The compiled search, instantiated at first use; null where WebAssembly is missing. */
function kernel(): Kernel | null {
  if (compiledKernel !== undefined) return compiledKernel;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return (compiledKernel = null);
  const bytes = Uint8Array.from(atob(LINEBREAK_WASM), (c) => c.charCodeAt(0));
  const instance = new wasm.Instance(new wasm.Module(bytes), {});
  const memory = instance.exports.memory as WasmMemory;
  const fit = instance.exports.fit as Kernel['fit'];
  let current: KernelViews | null = null;
  const views = (size: number): KernelViews => {
    if (current !== null && current.cap >= size && current.box.buffer === memory.buffer) return current;
    let cap = Math.max(512, current?.cap ?? 0);
    while (cap < size) cap *= 2;
    const pages = Math.ceil((cap * BYTES_PER_ENTRY) / PAGE) - memory.buffer.byteLength / PAGE;
    if (pages > 0) memory.grow(pages);
    const buf = memory.buffer;
    const f64 = (k: number, length = cap) => new Float64Array(buf, k * 8 * cap, length);
    current = {
      cap,
      box: f64(0),
      glue: f64(1),
      stretch: f64(2),
      shrink: f64(3),
      penalty: f64(4),
      penaltyWidth: f64(5),
      W: f64(6),
      Y: f64(7),
      Z: f64(8),
      best: new Float64Array(buf, 72 * cap, 4 * cap),
      back: new Int32Array(buf, 136 * cap, 4 * cap),
      flagged: new Uint8Array(buf, 168 * cap, cap),
    };
    return current;
  };
  return (compiledKernel = { fit, views });
}

/**
 * For the tests: the least demerits of every (break, class) state after setting `items` by the
 * script and by the compiled search. Every operation of the demerits shows in some state, even
 * where the chosen breaks stay the same.
 */
export function searchStates(items: BreakItems, max: number, noGlueStretch: number): { script: Float64Array; compiled: Float64Array | null } {
  const size = (items.count + 1) * CLASSES;
  totalFitScript(items, max, noGlueStretch);
  const script = pool!.best.slice(0, size);
  const compiled = kernel();
  if (compiled === null) return { script, compiled: null };
  totalFit(items, max, noGlueStretch);
  return { script, compiled: compiled.views(items.count + 1).best.slice(0, size) };
}

/** Copies the first `n` numbers of `from` into `to`. */
function copy(to: Float64Array, from: ArrayLike<number>, n: number): void {
  if (from instanceof Float64Array) to.set(from.length === n ? from : from.subarray(0, n));
  else for (let k = 0; k < n; k += 1) to[k] = from[k]!;
}
