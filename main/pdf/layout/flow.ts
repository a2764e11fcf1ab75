import { shiftBox, type Box, type Page, type PageFrame, type StructNode } from './types';

/**
 * Something the paginator places in the text column: it knows its height, how it may be
 * split at a page break, and how to draw itself once given a position. Paragraphs, list
 * items, tables and signature rows all implement it.
 */
export interface Flowable {
  readonly height: number;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  /** Must share its page with the start of what follows (headings, « … s'engage à : »). */
  readonly keepWithNext: boolean;
  /** Starts on a new page (annexes). */
  readonly breakBefore: boolean;
  /** Height of the smallest first piece allowed at the foot of a page (orphan control). */
  readonly minHead: number;
  /**
   * Splits so that the first piece fits in `avail`; null when no split honours the rules.
   * `force` relaxes them (a block taller than a whole page must be cut somewhere).
   */
  split(avail: number, force: boolean): [Flowable, Flowable] | null;
  /** The boxes, with the flowable's top edge at `top`. */
  render(top: number): Box[];
}

/** A horizontal slice of content (one line, one table row…) with boxes relative to its top. */
export interface Slot {
  readonly height: number;
  readonly boxes: readonly Box[];
}

export interface LinesOptions {
  readonly spaceBefore?: number;
  readonly spaceAfter?: number;
  readonly keepWithNext?: boolean;
  readonly breakBefore?: boolean;
  /** Never split (headings, a signature row). */
  readonly keepTogether?: boolean;
  /** Lines kept at the foot of a page (default 2). */
  readonly orphans?: number;
  /** Lines carried to the top of the next page (default 2). */
  readonly widows?: number;
}

/** The slots with their text put in the structure element `node`. */
export function tagSlots(slots: readonly Slot[], node: StructNode): Slot[] {
  return slots.map((s) => ({ height: s.height, boxes: s.boxes.map((b) => (b.kind === 'text' ? { ...b, node } : b)) }));
}

/** The slots as artifacts (content shown again: a repeated header, a carried-over label). */
export function untagSlots(slots: readonly Slot[]): Slot[] {
  return slots.map((s) => ({
    height: s.height,
    boxes: s.boxes.map((b) => {
      if (b.kind !== 'text' || !b.node) return b;
      const { node: _shown, ...rest } = b;
      return rest;
    }),
  }));
}

/** A stack of slots that splits between slots, with orphan and widow control. */
export class LinesFlowable implements Flowable {
  readonly height: number;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  readonly keepWithNext: boolean;
  readonly breakBefore: boolean;
  readonly minHead: number;
  private readonly orphans: number;
  private readonly widows: number;

  constructor(readonly slots: readonly Slot[], private readonly opts: LinesOptions = {}) {
    this.height = slots.reduce((h, s) => h + s.height, 0);
    this.spaceBefore = opts.spaceBefore ?? 0;
    this.spaceAfter = opts.spaceAfter ?? 0;
    this.keepWithNext = opts.keepWithNext ?? false;
    this.breakBefore = opts.breakBefore ?? false;
    this.orphans = opts.orphans ?? 2;
    this.widows = opts.widows ?? 2;
    const n = slots.length;
    this.minHead = opts.keepTogether || n < this.orphans + this.widows
      ? this.height
      : slots.slice(0, this.orphans).reduce((h, s) => h + s.height, 0);
  }

  split(avail: number, force: boolean): [Flowable, Flowable] | null {
    const n = this.slots.length;
    let k = 0;
    let h = 0;
    while (k < n && h + this.slots[k]!.height <= avail + 1e-6) {
      h += this.slots[k]!.height;
      k += 1;
    }
    if (force) k = Math.min(k, n - 1);
    else {
      if (this.opts.keepTogether) return null;
      k = Math.min(k, n - this.widows);
      if (k < this.orphans) return null;
      // A word cut by a hyphen is not carried over a page: fewer lines here, as far as the rules allow.
      while (k > this.orphans && endsOnHyphen(this.slots[k - 1]!)) k -= 1;
    }
    if (k < 1) return null;
    const head = new LinesFlowable(this.slots.slice(0, k), { ...this.opts, keepWithNext: false, spaceAfter: 0 });
    const tail = new LinesFlowable(this.slots.slice(k), { ...this.opts, spaceBefore: 0, breakBefore: false });
    return [head, tail];
  }

  /** The same lines with another space after them (the last item of a nested list). */
  withSpaceAfter(spaceAfter: number): LinesFlowable {
    return new LinesFlowable(this.slots, { ...this.opts, spaceAfter });
  }

  render(top: number): Box[] {
    const out: Box[] = [];
    let y = top;
    for (const slot of this.slots) {
      for (const b of slot.boxes) out.push(shiftBox(b, 0, y));
      y += slot.height;
    }
    return out;
  }
}

/** True when a slot's last line ends on a hyphen after a letter (a word cut across lines). */
function endsOnHyphen(slot: Slot): boolean {
  for (let i = slot.boxes.length - 1; i >= 0; i -= 1) {
    const b = slot.boxes[i]!;
    if (b.kind !== 'text') continue;
    const f = b.fragments[b.fragments.length - 1];
    const part = f?.parts[f.parts.length - 1] ?? '';
    return part.length > 1 && part.endsWith('-') && /\p{L}/u.test(part.charAt(part.length - 2));
  }
  return false;
}

const EPS = 1e-6;

/**
 * Places flowables on pages: keeps headings with what follows, splits what may be split
 * (never leaving fewer lines than the orphan/widow rules allow), starts annexes on a new
 * page, and cuts by force only what is taller than a page.
 */
export function paginate(items: readonly Flowable[], frame: PageFrame): Page[] {
  const bottom = frame.height - frame.bottom;
  const pages: Page[] = [];
  let boxes: Box[] = [];
  let y = frame.top;
  let empty = true;
  let prev: Flowable | null = null;
  const newPage = () => {
    pages.push({ boxes });
    boxes = [];
    y = frame.top;
    empty = true;
    prev = null;
  };
  const gapBefore = (it: Flowable) => (empty || !prev ? 0 : Math.max(prev.spaceAfter, it.spaceBefore));

  /** Height needed for `it` plus the minimal start of the chain it is kept with. */
  const chainNeed = (it: Flowable, index: number, depth: number): number => {
    if (!it.keepWithNext || depth > 6) return it.height;
    const next = items[index + 1];
    if (!next || next.breakBefore) return it.height;
    const gap = Math.max(it.spaceAfter, next.spaceBefore);
    const rest = next.keepWithNext ? chainNeed(next, index + 1, depth + 1) : next.minHead;
    return it.height + gap + rest;
  };

  const place = (it: Flowable, gap: number) => {
    y += gap;
    const rendered = it.render(y);
    for (const b of rendered) boxes.push(b);
    y += it.height;
    empty = false;
    prev = it;
  };

  for (let i = 0; i < items.length; i += 1) {
    let it: Flowable = items[i]!;
    if (it.breakBefore && !empty) newPage();
    for (let guard = 0; guard < 100_000; guard += 1) {
      const gap = gapBefore(it);
      const avail = bottom - y - gap;
      const need = chainNeed(it, i, 0);
      if (need <= avail + EPS) {
        place(it, gap);
        break;
      }
      if (it.height <= avail + EPS && it.keepWithNext && !empty) {
        // It fits, but what it must stay with does not: carry it over.
        newPage();
        continue;
      }
      {
        // Too tall for what is left: split it (a kept-with-next tail still travels with its follower).
        const parts = it.split(avail, false);
        if (parts) {
          place(parts[0], gap);
          newPage();
          it = parts[1];
          continue;
        }
      }
      if (!empty) {
        newPage();
        continue;
      }
      if (it.height <= avail + EPS) {
        place(it, gap);
        break;
      }
      // Taller than a whole page: cut where it must.
      const forced = it.split(avail, true);
      if (forced) {
        place(forced[0], gap);
        newPage();
        it = forced[1];
        continue;
      }
      place(it, gap);
      break;
    }
  }
  if (!empty || pages.length === 0) pages.push({ boxes });
  return pages;
}
