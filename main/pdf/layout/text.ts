import { GlyphReport, NARROW_NBSP, REPLACEMENT, splitLongWord, tokenize, type Space, type Word } from './tokens';
import type { Box, FontSet, FontStyle, Rgb, TextBox, TextFragment } from './types';

/** A run of text in one face, as layout sees it. */
export interface StyledRun {
  readonly text: string;
  readonly style: FontStyle;
}

export type Align = 'justify' | 'left' | 'center' | 'right';

/** How a paragraph is set. */
export interface TextStyle {
  readonly size: number;
  /** Distance between baselines. */
  readonly leading: number;
  readonly align: Align;
  readonly color?: Rgb;
}

/** One broken line before placement: natural widths, fragments at natural positions. */
export interface BrokenLine {
  readonly width: number;
  /** Number of stretchable spaces (justification spreads the slack over them). */
  readonly stretch: number;
  /** Fragments with `x` relative to the line start, before justification. */
  readonly fragments: readonly TextFragment[];
  /** True for the last line of a paragraph or before a forced break: never justified. */
  readonly last: boolean;
}

/** Context for measuring: the fonts, the size, and where missing glyphs are reported. */
export interface MeasureContext {
  readonly fonts: FontSet;
  readonly glyphs: GlyphReport;
  /** Where this text sits, for warnings (« article 3 »). */
  readonly where: string;
}

export { GlyphReport, NARROW_NBSP, REPLACEMENT };

/**
 * Breaks runs into lines of at most `width` points. Each paragraph (text between forced
 * newlines) is set with the breaks that make its lines most even (least total squared slack,
 * the last line free), which avoids the wide gaps first-fit justification leaves before a
 * long word. Spaces collapse; a word longer than the line is cut after its punctuation
 * (« 0113-PEBC- / ELAB »), else anywhere, and such a paragraph is set first-fit.
 */
export function breakLines(runs: readonly StyledRun[], width: number, size: number, ctx: MeasureContext): BrokenLine[] {
  const tokens = tokenize(runs, ctx);
  const max = width / size + 1e-9;
  const segments: Array<Array<Word | Space>> = [[]];
  for (const tok of tokens) {
    if (tok.kind === 'newline') segments.push([]);
    else segments[segments.length - 1]!.push(tok);
  }
  // A text that ends with a newline has no empty last line.
  if (segments.length > 1 && !segments[segments.length - 1]!.some((t) => t.kind === 'word')) segments.pop();
  const lines: BrokenLine[] = [];
  for (const seg of segments) {
    const words: Word[] = [];
    const gaps: Array<Space | null> = [];
    let pending: Space | null = null;
    for (const t of seg) {
      if (t.kind === 'space') pending = t;
      else {
        gaps.push(words.length > 0 ? pending : null);
        words.push(t);
        pending = null;
      }
    }
    if (words.length === 0) {
      lines.push(buildLine([], 0, size, true));
      continue;
    }
    const ranges = words.some((w) => w.width > max) ? null : evenBreaks(words, gaps, max);
    if (!ranges) {
      firstFit(words, gaps, max, size, ctx, lines);
      continue;
    }
    ranges.forEach(([from, to], k) => {
      const items: Array<Word | Space> = [];
      let w = 0;
      for (let i = from; i < to; i += 1) {
        const gap = gaps[i];
        if (i > from && gap) {
          items.push(gap);
          w += gap.width;
        }
        items.push(words[i]!);
        w += words[i]!.width;
      }
      lines.push(buildLine(items, w, size, k === ranges.length - 1));
    });
  }
  return lines;
}

/** Break points minimising the sum of squared relative slack over all lines but the last. */
function evenBreaks(words: readonly Word[], gaps: ReadonlyArray<Space | null>, max: number): Array<[number, number]> {
  const n = words.length;
  const cost = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(n + 1);
  cost[0] = 0;
  for (let j = 1; j <= n; j += 1) {
    let width = 0;
    for (let i = j - 1; i >= 0; i -= 1) {
      width += words[i]!.width + (i < j - 1 ? (gaps[i + 1]?.width ?? 0) : 0);
      if (width > max && i < j - 1) break;
      const slack = (max - width) / max;
      // A constant per line keeps the count of lines that of first fit unless evenness gains much.
      const line = (j === n ? 0 : slack * slack) + 0.05;
      const total = cost[i]! + line;
      if (total < cost[j]!) {
        cost[j] = total;
        from[j] = i;
      }
    }
  }
  const ranges: Array<[number, number]> = [];
  for (let j = n; j > 0; j = from[j]!) ranges.unshift([from[j]!, j]);
  return ranges;
}

/** First fit, for a paragraph holding a word longer than the line (cut after punctuation, else anywhere). */
function firstFit(words: readonly Word[], gaps: ReadonlyArray<Space | null>, max: number, size: number, ctx: MeasureContext, lines: BrokenLine[]): void {
  let items: Array<Word | Space> = [];
  let lineWidth = 0;
  const finish = (last: boolean) => {
    lines.push(buildLine(items, lineWidth, size, last));
    items = [];
    lineWidth = 0;
  };
  words.forEach((word, k) => {
    const sp = items.length > 0 ? gaps[k] ?? null : null;
    const sw = sp ? sp.width : 0;
    if (lineWidth + sw + word.width <= max) {
      if (sp) items.push(sp);
      items.push(word);
      lineWidth += sw + word.width;
      return;
    }
    if (items.length > 0) finish(false);
    if (word.width <= max) {
      items.push(word);
      lineWidth = word.width;
      return;
    }
    const chunks = splitLongWord(word, max, ctx);
    chunks.forEach((chunk, c) => {
      items.push(chunk);
      lineWidth = chunk.width;
      if (c < chunks.length - 1) finish(false);
    });
  });
  finish(true);
}

/** Merges a line's words and spaces into fragments of one style each (size-1 widths scaled by `size`). */
function buildLine(items: ReadonlyArray<Word | Space>, naturalWidth: number, size: number, last: boolean): BrokenLine {
  const fragments: Array<{ style: FontStyle; x: number; parts: string[] }> = [];
  let x = 0;
  let stretch = 0;
  let cur: { style: FontStyle; x: number; parts: string[] } | null = null;
  for (const it of items) {
    if (it.kind === 'space') {
      stretch += 1;
      if (!cur) {
        cur = { style: it.style, x, parts: [''] };
        fragments.push(cur);
      }
      // The space ends the current fragment's part; the next word opens a new part.
      cur.parts.push('');
      x += it.width * size;
      continue;
    }
    it.pieces.forEach((p) => {
      if (!cur || cur.style !== p.style) {
        cur = { style: p.style, x, parts: [p.text] };
        fragments.push(cur);
      } else cur.parts[cur.parts.length - 1] += p.text;
      x += p.width * size;
    });
  }
  return { width: naturalWidth * size, stretch, fragments, last };
}

/**
 * Places broken lines: one TextBox per line, the first baseline `ascent` below `top`,
 * justified (but never the last line) when asked.
 */
export function placeLines(
  lines: readonly BrokenLine[],
  x: number,
  top: number,
  width: number,
  style: TextStyle,
): TextBox[] {
  const boxes: TextBox[] = [];
  const baseline = baselineOffset(style);
  lines.forEach((line, i) => {
    boxes.push(placeLine(line, x, top + i * style.leading + baseline, width, style));
  });
  return boxes;
}

/** Distance from the top of a line slot to its baseline. */
export function baselineOffset(style: Pick<TextStyle, 'size' | 'leading'>): number {
  // Cap height ~0.7 em centred in the slot: text looks vertically centred in table cells too.
  return style.leading / 2 + style.size * 0.35;
}

/** One line as a TextBox at baseline `y`. */
export function placeLine(line: BrokenLine, x: number, y: number, width: number, style: TextStyle): TextBox {
  const slack = Math.max(0, width - line.width);
  let offset = 0;
  let spacing = 0;
  if (style.align === 'justify' && !line.last && line.stretch > 0) spacing = slack / line.stretch;
  else if (style.align === 'center') offset = slack / 2;
  else if (style.align === 'right') offset = slack;
  let seen = 0;
  const fragments = line.fragments.map((f) => {
    const fx = x + offset + f.x + seen * spacing;
    seen += f.parts.length - 1;
    return { style: f.style, x: fx, parts: f.parts };
  });
  const box: TextBox = {
    kind: 'text',
    x: x + offset,
    y,
    size: style.size,
    wordSpacing: spacing,
    width: line.width + spacing * line.stretch,
    fragments,
    ...(style.color ? { color: style.color } : {}),
  };
  return box;
}

/** The text of a line as a reader sees it (parts joined by spaces). */
export function lineText(box: TextBox): string {
  return box.fragments.map((f) => f.parts.join(' ')).join('');
}

/** Width of a single-line string at `size` (no breaking). */
export function measure(text: string, style: FontStyle, size: number, fonts: FontSet): number {
  const font = fonts[style];
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += font.advance(font.has(cp) || cp === NARROW_NBSP ? cp : REPLACEMENT.codePointAt(0)!);
  }
  return (w / 1000) * size;
}

/** Keeps only text boxes (handy in tests). */
export function textBoxes(boxes: readonly Box[]): TextBox[] {
  return boxes.filter((b): b is TextBox => b.kind === 'text');
}
