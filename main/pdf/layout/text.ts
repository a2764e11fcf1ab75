import { resolveChar } from '../../../shared/rules/glyphs';
import { GlyphReport, NARROW_NBSP, REPLACEMENT, SCRIPT_SCALE, minWordWidth, splitLongWord, tokenize, type Space, type Word } from './tokens';
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
  /**
   * Never justified: the last line of a paragraph or before a forced break, and a line broken
   * at or inside a long URL or code whose spaces justification would stretch by more than half.
   */
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

/** Beyond this stretch of its spaces (a fraction of their width), a line next to a cut URL is left ragged. */
const LOOSE = 0.5;
/** Cost of a break inside a long URL or code, so that a space is preferred when it does as well. */
const INNER_BREAK_COST = 0.02;

/**
 * Breaks runs into lines of at most `width` points. Each paragraph (text between forced
 * newlines) is set with the breaks that make its lines most even (least total squared slack,
 * the last line free), which avoids the wide gaps first-fit justification leaves before a
 * long word. Spaces collapse. A word longer than the line (a URL, a code) may break after
 * « / », « . », « _ » or before « - », where the even breaking chooses, so it starts on the
 * line before rather than leaving that line stretched; a line that still ends loose next to
 * it is left ragged. Amounts, dates and codes are cut only when wider than the whole line
 * (and reported).
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
    /** True for a piece of a cut word: it joins the previous piece without a space. */
    const inner: boolean[] = [];
    /** True for a piece of a word longer than the line. */
    const cut: boolean[] = [];
    let pending: Space | null = null;
    for (const t of seg) {
      if (t.kind === 'space') pending = t;
      else {
        const pieces = t.width > max ? splitLongWord(t, max, ctx) : [t];
        pieces.forEach((p, k) => {
          gaps.push(words.length > 0 && k === 0 ? pending : null);
          inner.push(k > 0);
          cut.push(pieces.length > 1);
          words.push(p);
        });
        pending = null;
      }
    }
    if (words.length === 0) {
      lines.push(buildLine([], 0, size, true));
      continue;
    }
    const ranges = evenBreaks(words, gaps, inner, max);
    ranges.forEach(([from, to], k) => {
      const items: Array<Word | Space> = [];
      let w = 0;
      let spaces = 0;
      let spaceWidth = 0;
      for (let i = from; i < to; i += 1) {
        const gap = gaps[i];
        if (i > from && gap) {
          items.push(gap);
          w += gap.width;
          spaces += 1;
          spaceWidth += gap.width;
        }
        items.push(words[i]!);
        w += words[i]!.width;
      }
      let last = k === ranges.length - 1;
      // Next to a cut URL or code, a line is justified only if its spaces stay near their width.
      const nearCut = cut[to - 1] === true || cut[to] === true;
      if (!last && nearCut && spaces > 0 && (max - w) / spaces > LOOSE * (spaceWidth / spaces)) last = true;
      lines.push(buildLine(items, w, size, last));
    });
  }
  return lines;
}

/** Break points minimising the sum of squared relative slack over all lines but the last. */
function evenBreaks(words: readonly Word[], gaps: ReadonlyArray<Space | null>, inner: readonly boolean[], max: number): Array<[number, number]> {
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
      const line = (j === n ? 0 : slack * slack) + 0.05 + (j < n && inner[j] ? INNER_BREAK_COST : 0);
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

/**
 * Least and preferred widths of a text at `size` (HTML's min-content and max-content): the
 * widest piece that may not be broken (an amount, a date or a code whole; a URL between its
 * break opportunities), and the widest paragraph set on one line.
 */
export function contentWidths(runs: readonly StyledRun[], size: number, ctx: MeasureContext): { min: number; max: number } {
  // Measuring must not count missing characters twice: the layout proper reports them.
  const quiet: MeasureContext = { ...ctx, glyphs: new GlyphReport() };
  let min = 0;
  let max = 0;
  let line = 0;
  let pending = 0;
  for (const tok of tokenize(runs, quiet)) {
    if (tok.kind === 'newline') {
      max = Math.max(max, line);
      line = 0;
      pending = 0;
    } else if (tok.kind === 'space') pending = line > 0 ? tok.width : 0;
    else {
      min = Math.max(min, minWordWidth(tok, quiet));
      line += pending + tok.width;
      pending = 0;
    }
  }
  max = Math.max(max, line);
  return { min: min * size, max: max * size };
}

/** Merges a line's words and spaces into fragments of one style each (size-1 widths scaled by `size`). */
function buildLine(items: ReadonlyArray<Word | Space>, naturalWidth: number, size: number, last: boolean): BrokenLine {
  type Frag = { style: FontStyle; x: number; parts: string[]; script?: 'super' | 'sub' };
  const fragments: Frag[] = [];
  let x = 0;
  let stretch = 0;
  let cur: Frag | null = null;
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
      if (!cur || cur.style !== p.style || cur.script !== p.script) {
        cur = p.script ? { style: p.style, x, parts: [p.text], script: p.script } : { style: p.style, x, parts: [p.text] };
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
    return f.script ? { style: f.style, x: fx, parts: f.parts, script: f.script } : { style: f.style, x: fx, parts: f.parts };
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

/** Width of a single-line string at `size` (no breaking), characters the font lacks measured as they print. */
export function measure(text: string, style: FontStyle, size: number, fonts: FontSet): number {
  const font = fonts[style];
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (font.has(cp) || cp === NARROW_NBSP) {
      w += font.advance(cp);
      continue;
    }
    const r = resolveChar(cp, (c) => font.has(c));
    if (r.kind === 'missing') w += font.advance(REPLACEMENT.codePointAt(0)!);
    else if (r.kind === 'map') for (const m of r.text) w += font.advance(m.codePointAt(0)!) * (r.script ? SCRIPT_SCALE : 1);
  }
  return (w / 1000) * size;
}

/** Keeps only text boxes (handy in tests). */
export function textBoxes(boxes: readonly Box[]): TextBox[] {
  return boxes.filter((b): b is TextBox => b.kind === 'text');
}
