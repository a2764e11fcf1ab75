import type { FontStyle, LayoutWarning } from './types';
import type { MeasureContext, StyledRun } from './text';

/*
 * From styled runs to measured words and spaces: characters the font lacks are replaced (and
 * reported), invisible ones dropped, French spacing glued, over-long words cut.
 */

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

export interface Piece { style: FontStyle; text: string; width: number }
export interface Word { kind: 'word'; pieces: Piece[]; width: number }
export interface Space { kind: 'space'; style: FontStyle; width: number }
export interface Newline { kind: 'newline' }
export type Token = Word | Space | Newline;

/** Splits runs into words and spaces, replacing missing characters and measuring as it goes (width at size 1). */
export function tokenize(runs: readonly StyledRun[], ctx: MeasureContext): Token[] {
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

export function appendPiece(word: Word, p: Piece): void {
  const last = word.pieces[word.pieces.length - 1];
  if (last && last.style === p.style) {
    last.text += p.text;
    last.width += p.width;
  } else word.pieces.push(p);
  word.width += p.width;
}

/** Cuts a word longer than `max` (a code, a URL) after its punctuation, else between characters. */
export function splitLongWord(word: Word, max: number, ctx: MeasureContext): Word[] {
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
