import type { Box, FontSet, FontStyle, LayoutWarning, Rgb, TextBox, TextFragment } from './types';

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

/** U+202F: fr-FR's thousands separator. Fonts often lack it; the drawing layer then draws a narrowed space. */
export const NARROW_NBSP = 0x202f;
/** What replaces a character the font lacks: visible, and reported. */
export const REPLACEMENT = '?';

/** Invisible characters pasted text carries (soft hyphen, zero-width spaces, BOM): dropped, not « ? ». */
const IGNORABLE = new Set([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
/** Stand-ins for characters with an obvious equivalent, used when the font lacks them. */
const EQUIVALENT = new Map<number, string>([
  [0x2010, '-'], [0x2011, '-'], [0x2012, '–'], [0x2212, '-'],
  [0x2000, ' '], [0x2001, ' '], [0x2002, ' '], [0x2003, ' '], [0x2004, ' '], [0x2005, ' '], [0x2006, ' '],
  [0x2007, ' '], [0x2008, ' '], [0x200a, ' '], [0x205f, ' '], [0x3000, ' '],
  [0x2028, '\n'], [0x2029, '\n'],
]);

/** Characters after which an over-long word (a code, a URL) may break. */
const BREAK_AFTER = new Set(['-', '/', '_', '.', '?', '&', '=', '#', '@', ':']);
/** French typography: no line break before these, nor after « (the seed writes « le délégant » with plain spaces). */
const NO_BREAK_BEFORE = new Set(['»', ':', ';', '!', '?']);

/**
 * Collects characters the fonts cannot draw, once each, with where they were met: the
 * document still renders (with a visible « ? ») and the caller reports the warnings.
 */
export class GlyphReport {
  private readonly missing = new Map<number, { where: string[]; count: number }>();
  /** Records one missing code point met in `where` (e.g. « article 3 »). */
  add(codePoint: number, where: string): void {
    const entry = this.missing.get(codePoint);
    if (!entry) this.missing.set(codePoint, { where: [where], count: 1 });
    else {
      entry.count += 1;
      if (!entry.where.includes(where) && entry.where.length < 5) entry.where.push(where);
    }
  }
  /** French warnings, one per missing character. */
  warnings(): LayoutWarning[] {
    return [...this.missing.entries()].map(([cp, { where, count }]) => ({
      code: 'missing-glyph' as const,
      message:
        `Le caractère « ${String.fromCodePoint(cp)} » (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) n'existe pas dans la police : ` +
        `il est remplacé par « ${REPLACEMENT} » (${count} fois ; ${where.join(', ')}). Remplacez-le dans le texte si possible.`,
    }));
  }
}

interface Piece { style: FontStyle; text: string; width: number }
interface Word { kind: 'word'; pieces: Piece[]; width: number }
interface Space { kind: 'space'; style: FontStyle; width: number }
interface Newline { kind: 'newline' }
type Token = Word | Space | Newline;

/** Context for measuring: the fonts, the size, and where missing glyphs are reported. */
export interface MeasureContext {
  readonly fonts: FontSet;
  readonly glyphs: GlyphReport;
  /** Where this text sits, for warnings (« article 3 »). */
  readonly where: string;
}

/** Splits runs into words and spaces, replacing missing characters and measuring as it goes (width at size 1). */
function tokenize(runs: readonly StyledRun[], ctx: MeasureContext): Token[] {
  const raw: Token[] = [];
  let word: Word | null = null;
  const append = (style: FontStyle, text: string, width: number) => {
    if (!word) word = { kind: 'word', pieces: [], width: 0 };
    const w: Word = word;
    const last = w.pieces[w.pieces.length - 1];
    if (last && last.style === style) {
      last.text += text;
      last.width += width;
    } else w.pieces.push({ style, text, width });
    w.width += width;
  };
  const endWord = () => {
    if (word) raw.push(word);
    word = null;
  };
  const questionMark = REPLACEMENT.codePointAt(0)!;
  for (const run of runs) {
    const font = ctx.fonts[run.style];
    const t = run.text;
    const n = t.length;
    // Characters are measured in place and copied as slices: no per-character strings.
    let segStart = -1;
    let segAdvance = 0;
    const flush = (end: number) => {
      if (segStart >= 0 && end > segStart) append(run.style, t.slice(segStart, end), segAdvance / 1000);
      segStart = -1;
      segAdvance = 0;
    };
    for (let i = 0; i < n; i += 1) {
      let cp = t.charCodeAt(i);
      let len = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
        const lo = t.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          len = 2;
        }
      }
      if (IGNORABLE.has(cp)) {
        flush(i);
        i += len - 1;
        continue;
      }
      const equivalent = EQUIVALENT.get(cp);
      if (equivalent !== undefined && !font.has(cp)) cp = equivalent.codePointAt(0)!;
      if (cp === 0x20 || cp === 0x09 || cp === 0x0d) {
        flush(i);
        endWord();
        const last = raw[raw.length - 1];
        if (!last || last.kind !== 'space') raw.push({ kind: 'space', style: run.style, width: font.advance(0x20) / 1000 });
      } else if (cp === 0x0a) {
        flush(i);
        endWord();
        raw.push({ kind: 'newline' });
      } else if (equivalent !== undefined && cp !== t.codePointAt(i)) {
        flush(i);
        append(run.style, equivalent, font.advance(cp) / 1000);
      } else if (cp === NARROW_NBSP || font.has(cp)) {
        if (segStart < 0) segStart = i;
        segAdvance += font.advance(cp);
      } else {
        flush(i);
        ctx.glyphs.add(cp, ctx.where);
        append(run.style, REPLACEMENT, font.advance(questionMark) / 1000);
      }
      i += len - 1;
    }
    flush(n);
  }
  endWord();
  return glueFrench(raw);
}

/** Joins « word and word » across the spaces French typography forbids breaking at. */
function glueFrench(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const tok = tokens[i]!;
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    if (tok.kind === 'space' && prev?.kind === 'word' && next?.kind === 'word') {
      const prevText = prev.pieces[prev.pieces.length - 1]!.text;
      const nextText = next.pieces[0]!.text;
      if (prevText.endsWith('«') || NO_BREAK_BEFORE.has(nextText.charAt(0))) {
        // The space stays a real space glyph inside the word, just not a break.
        appendPiece(prev, { style: tok.style, text: ' ', width: tok.width });
        for (const p of next.pieces) appendPiece(prev, { ...p });
        i += 1;
        continue;
      }
    }
    out.push(tok);
  }
  return out;
}

function appendPiece(word: Word, p: Piece): void {
  const last = word.pieces[word.pieces.length - 1];
  if (last && last.style === p.style) {
    last.text += p.text;
    last.width += p.width;
  } else word.pieces.push(p);
  word.width += p.width;
}

/** Cuts a word longer than `max` (a code, a URL) after its punctuation, else between characters. */
function splitLongWord(word: Word, max: number, ctx: MeasureContext): Word[] {
  const chars: Array<{ ch: string; style: FontStyle; width: number }> = [];
  for (const p of word.pieces) {
    const font = ctx.fonts[p.style];
    for (const ch of p.text) {
      const cp = ch.codePointAt(0)!;
      chars.push({ ch, style: p.style, width: font.advance(cp) / 1000 });
    }
  }
  const chunks: Word[] = [];
  let start = 0;
  while (start < chars.length) {
    let width = 0;
    let lastFit = start; // exclusive end of the longest prefix that fits
    let lastBreak = -1;
    for (let i = start; i < chars.length; i += 1) {
      if (width + chars[i]!.width > max && i > start) break;
      width += chars[i]!.width;
      lastFit = i + 1;
      if (BREAK_AFTER.has(chars[i]!.ch) && i + 1 < chars.length) lastBreak = i + 1;
    }
    const end = lastFit >= chars.length ? chars.length : lastBreak > start ? lastBreak : lastFit;
    const chunk: Word = { kind: 'word', pieces: [], width: 0 };
    for (let i = start; i < end; i += 1) {
      const c = chars[i]!;
      appendPiece(chunk, { style: c.style, text: c.ch, width: c.width });
    }
    chunks.push(chunk);
    start = end;
  }
  return chunks;
}

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
