import { resolveChar } from '../../../shared/rules/glyphs';
import { hyphenationPoints } from './hyphenate';
import { totalFit, type BreakItems } from './linebreak';
import {
  GlyphReport, NARROW_NBSP, REPLACEMENT, SCRIPT_SCALE, cutAt, isUrlLike, minWordWidth, splitLongWord, tokenize, wordSegments, wordText,
  type Space, type Word,
} from './tokens';
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
  /** Natural width (spaces at their width, a hyphen at a hyphenation included). */
  readonly width: number;
  /** Number of stretchable spaces (justification spreads the slack over them, or shrinks them). */
  readonly stretch: number;
  /** Fragments with `x` relative to the line start, before justification. */
  readonly fragments: readonly TextFragment[];
  /**
   * Never justified: the last line of a paragraph or before a forced break, and a line broken
   * at or inside a long URL or code whose spaces justification would stretch by more than half.
   * Such a line still shrinks its spaces when it was chosen wider than the column.
   */
  readonly last: boolean;
  /** Ends on a hyphen drawn at a hyphenation point (not one the word has). */
  readonly hyphenated?: boolean;
}

/** Context for measuring: the fonts, the size, and where missing glyphs are reported. */
export interface MeasureContext {
  readonly fonts: FontSet;
  readonly glyphs: GlyphReport;
  /** Where this text sits, for warnings (« article 3 »). */
  readonly where: string;
  /** French hyphenation of words where a paragraph would otherwise keep a loose line (the convention's option). */
  readonly hyphenate?: boolean;
}

export { GlyphReport, NARROW_NBSP, REPLACEMENT };

/** How far a space may grow and shrink, as a fraction of its width: 50 % wider is a loose line; never narrower than 75 % (0.2 em in Marianne). */
export const SPACE_STRETCH = 0.5;
export const SPACE_SHRINK = 0.25;
/** Beyond this ratio of its spaces' stretch, a line next to a cut URL is left ragged. */
const LOOSE = 1;
/** Costs of breaking inside a word (TeX's units: a space costs 0). */
const INNER_PENALTY = 100;
const HYPHEN_PENALTY = 50;

/** How the break before a box of a paragraph is made. */
type Junction = 'space' | 'inner' | 'hyphen';

/** A paragraph (text between forced breaks) as boxes and what joins them. */
interface Row {
  readonly words: Word[];
  /** The space before each box, null at the start and inside a word. */
  readonly gaps: Array<Space | null>;
  readonly joins: Junction[];
  /** True for a piece of a URL, or of a code or word longer than the line. */
  readonly cut: boolean[];
}

/**
 * Breaks runs into lines of at most `width` points. Each paragraph (text between forced
 * newlines) is broken as a whole (total fit, as TeX does): spaces may stretch and shrink a
 * little, and the breaks that make the paragraph's lines most even are chosen together; the
 * last line is ragged. Spaces collapse. A URL may break after « / », « . », « _ » or before
 * « - » at a cost; a word longer than the line (a code) too, then between characters if it
 * must. A line that still ends loose next to a cut URL or code is left ragged. Amounts, dates
 * and codes are cut only when wider than the whole line (and reported). With `ctx.hyphenate`,
 * a paragraph that would keep a loose line is broken again with French hyphenation points.
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
  const noGlueStretch = SPACE_STRETCH * (ctx.fonts.regular.advance(0x20) / 1000 || 0.25);
  const lines: BrokenLine[] = [];
  for (const seg of segments) {
    let row = buildRow(seg, max, ctx, false);
    if (row.words.length === 0) {
      lines.push(buildLine([], 0, size, true, null));
      continue;
    }
    let chosen = totalFit(breakItems(row, ctx), max, noGlueStretch);
    if (ctx.hyphenate && chosen.some((l, k) => k < chosen.length - 1 && l.ratio > LOOSE)) {
      // As TeX does: hyphenation only for a paragraph that cannot be set well without it.
      const hyphenated = buildRow(seg, max, ctx, true);
      if (hyphenated.words.length > row.words.length) {
        row = hyphenated;
        chosen = totalFit(breakItems(row, ctx), max, noGlueStretch);
      }
    }
    chosen.forEach((c, k) => {
      const items: Array<Word | Space> = [];
      let spaces = 0;
      for (let i = c.from; i < c.to; i += 1) {
        const gap = row.gaps[i];
        if (i > c.from && gap) {
          items.push(gap);
          spaces += 1;
        }
        items.push(row.words[i]!);
      }
      const hyphen = c.to < row.words.length && row.joins[c.to] === 'hyphen' ? lastStyle(row.words[c.to - 1]!) : null;
      let last = k === chosen.length - 1;
      // Next to a cut URL or code, a line is justified only if its spaces stay near their width.
      const nearCut = row.cut[c.to - 1] === true || row.cut[c.to] === true;
      if (!last && nearCut && spaces > 0 && c.ratio > LOOSE) last = true;
      lines.push(buildLine(items, c.width, size, last, hyphen));
    });
  }
  return lines;
}

/** The paragraph's boxes: words, URLs cut at their break points, over-long words cut, and (when asked) words cut at hyphenation points. */
function buildRow(seg: ReadonlyArray<Word | Space>, max: number, ctx: MeasureContext, hyphenate: boolean): Row {
  const row: Row = { words: [], gaps: [], joins: [], cut: [] };
  let lastWord = -1;
  for (let i = seg.length - 1; i >= 0 && lastWord < 0; i -= 1) if (seg[i]!.kind === 'word') lastWord = i;
  let pending: Space | null = null;
  const push = (word: Word, join: Junction, cut: boolean) => {
    row.gaps.push(row.words.length > 0 && join === 'space' ? pending : null);
    row.joins.push(join);
    row.cut.push(cut);
    row.words.push(word);
  };
  for (let index = 0; index < seg.length; index += 1) {
    const t = seg[index]!;
    if (t.kind === 'space') {
      pending = t;
      continue;
    }
    const text = t.pieces.length === 1 ? t.pieces[0]!.text : wordText(t);
    // Never the paragraph's last word (a last line of one syllable reads badly) unless it must be cut anyway.
    const hyph = hyphenate && (index !== lastWord || t.width > max) ? hyphenatedPieces(t, text, max, ctx) : null;
    if (hyph) {
      hyph[0].forEach((p, k) => push(p, hyph[1][k]!, false));
    } else if (t.width > max || isUrlLike(text)) {
      const pieces = t.width > max ? splitLongWord(t, max, ctx) : wordSegments(t, ctx);
      pieces.forEach((p, k) => push(p, k === 0 ? 'space' : 'inner', pieces.length > 1));
    } else push(t, 'space', false);
    pending = null;
  }
  return row;
}

/** A word cut at its hyphenation points, each piece with the junction before it; null when it has none or a piece would not fit. */
function hyphenatedPieces(word: Word, text: string, max: number, ctx: MeasureContext): [Word[], Junction[]] | null {
  const points = hyphenationPoints(text);
  if (points.length === 0) return null;
  const pieces = cutAt(word, points, ctx);
  if (pieces.length !== points.length + 1) return null;
  for (const p of pieces) if (p.width + hyphenWidth(lastStyle(p), ctx) > max) return null;
  return [pieces, ['space', ...points.map((): Junction => 'hyphen')]];
}

function lastStyle(word: Word): FontStyle {
  return word.pieces[word.pieces.length - 1]!.style;
}

function hyphenWidth(style: FontStyle, ctx: Pick<MeasureContext, 'fonts'>): number {
  return ctx.fonts[style].advance(0x2d) / 1000;
}

/** The paragraph in the breaker's terms: boxes, glue that stretches and shrinks, penalties (in arrays reused from call to call). */
function breakItems(row: Row, ctx: MeasureContext): BreakItems {
  const n = row.words.length;
  if (items.box.length < n) {
    const s = Math.max(n, 2 * items.box.length);
    items = { count: 0, box: new Float64Array(s), glue: new Float64Array(s), stretch: new Float64Array(s), shrink: new Float64Array(s), penalty: new Float64Array(s), penaltyWidth: new Float64Array(s), flagged: new Array<boolean>(s).fill(false) };
  }
  const { box, glue, stretch, shrink, penalty, penaltyWidth, flagged } = items;
  for (let k = 0; k < n; k += 1) {
    box[k] = row.words[k]!.width;
    const gap = row.gaps[k];
    glue[k] = gap ? gap.width : 0;
    stretch[k] = gap ? gap.width * SPACE_STRETCH : 0;
    shrink[k] = gap ? gap.width * SPACE_SHRINK : 0;
    penalty[k] = 0;
    penaltyWidth[k] = 0;
    flagged[k] = false;
    if (k === 0) continue;
    switch (row.joins[k]) {
      case 'inner':
        penalty[k] = INNER_PENALTY;
        break;
      case 'hyphen':
        penalty[k] = HYPHEN_PENALTY;
        penaltyWidth[k] = hyphenWidth(lastStyle(row.words[k - 1]!), ctx);
        flagged[k] = true;
        break;
      default:
        break;
    }
  }
  items.count = n;
  return items;
}

let items: { count: number; box: Float64Array; glue: Float64Array; stretch: Float64Array; shrink: Float64Array; penalty: Float64Array; penaltyWidth: Float64Array; flagged: boolean[] } = {
  count: 0, box: new Float64Array(0), glue: new Float64Array(0), stretch: new Float64Array(0), shrink: new Float64Array(0), penalty: new Float64Array(0), penaltyWidth: new Float64Array(0), flagged: [],
};

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

/**
 * Merges a line's words and spaces into fragments of one style each (size-1 widths scaled by
 * `size`), with a hyphen of face `hyphen` at the end of a line cut at a hyphenation point.
 */
function buildLine(items: ReadonlyArray<Word | Space>, naturalWidth: number, size: number, last: boolean, hyphen: FontStyle | null): BrokenLine {
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
  if (hyphen) {
    const end = fragments[fragments.length - 1];
    if (end && end.style === hyphen && !end.script) end.parts[end.parts.length - 1] += '-';
    else fragments.push({ style: hyphen, x, parts: ['-'] });
  }
  return hyphen ? { width: naturalWidth * size, stretch, fragments, last, hyphenated: true } : { width: naturalWidth * size, stretch, fragments, last };
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
  // A line chosen wider than the column (whatever its alignment) draws its spaces narrower.
  if (line.width > width && line.stretch > 0) spacing = (width - line.width) / line.stretch;
  else if (style.align === 'justify' && !line.last && line.stretch > 0) spacing = slack / line.stretch;
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
