import { IGNORABLE, NARROW_NBSP, REPLACEMENT, codePointLabel, codePointName, resolveChar, type Script } from '../../../shared/rules/glyphs';
import type { FontStyle, LayoutWarning } from './types';
import type { MeasureContext, StyledRun } from './text';

export { NARROW_NBSP, REPLACEMENT };

/*
 * From styled runs to measured words and spaces: characters the font lacks are replaced (and
 * reported), invisible ones dropped, French spacing glued, over-long words cut.
 */

/** Characters after which a long URL or code may break (« / », « . », « _ »…); never after a hyphen. */
const BREAK_AFTER = new Set(['/', '_', '.', '?', '&', '=', '#', '@']);
/** Characters before which a long URL or code may break: the hyphen stays at the start of the next line, where no reader takes it for a hyphenation. */
const BREAK_BEFORE = new Set(['-']);
/** French typography: no line break before these, nor after « (the seed writes « le délégant » with plain spaces). */
const NO_BREAK_BEFORE = new Set(['»', ':', ';', '!', '?']);
/** Superscripts and subscripts are drawn at this fraction of the line's size. */
export const SCRIPT_SCALE = 0.65;

/**
 * Collects characters the fonts cannot draw, once each, with where they were met: the
 * document still renders (with a visible « ? ») and the caller reports the warnings.
 */
export class GlyphReport {
  private readonly missing = new Map<number, { where: string[]; count: number }>();
  private readonly cuts = new Map<string, string[]>();
  /** Records an amount, a date or a code cut across lines because not even the whole width could hold it. */
  cut(text: string, where: string): void {
    const entry = this.cuts.get(text);
    if (!entry) this.cuts.set(text, [where]);
    else if (!entry.includes(where) && entry.length < 5) entry.push(where);
  }
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
    const cuts = [...this.cuts.entries()].map(([text, where]) => ({
      code: 'cut-token' as const,
      message:
        `« ${text} » est plus large que la colonne qui le porte, même réduite au minimum : il est coupé sur deux lignes (${where.join(', ')}). ` +
        'Élargissez la colonne ou réduisez le nombre de colonnes du tableau.',
    }));
    return [...this.missing.entries()].map(([cp, { where, count }]) => ({
      code: 'missing-glyph' as const,
      message:
        `Le caractère « ${String.fromCodePoint(cp)} » (${codePointLabel(cp)}${codePointName(cp) ? ` ${codePointName(cp)}` : ''}) n'existe pas dans la police : ` +
        `il est remplacé par « ${REPLACEMENT} » (${count} fois ; ${where.join(', ')}). Remplacez-le dans le texte si possible.`,
    }) as LayoutWarning).concat(cuts);
  }
}

/** A run of one face inside a word; `script` when drawn as a superscript or subscript. */
export interface Piece { style: FontStyle; text: string; width: number; script?: Script }
export interface Word { kind: 'word'; pieces: Piece[]; width: number }
export interface Space { kind: 'space'; style: FontStyle; width: number }
export interface Newline { kind: 'newline' }
export type Token = Word | Space | Newline;

/** Splits runs into words and spaces, replacing missing characters and measuring as it goes (width at size 1). */
export function tokenize(runs: readonly StyledRun[], ctx: MeasureContext): Token[] {
  const raw: Token[] = [];
  let word: Word | null = null;
  const append = (style: FontStyle, text: string, width: number, script?: Script) => {
    if (!word) word = { kind: 'word', pieces: [], width: 0 };
    appendPiece(word, script ? { style, text, width, script } : { style, text, width });
  };
  const endWord = () => {
    if (word) raw.push(word);
    word = null;
  };
  const questionMark = REPLACEMENT.codePointAt(0)!;
  for (const run of runs) {
    const font = ctx.fonts[run.style];
    const has = (cp: number) => font.has(cp);
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
    const space = () => {
      endWord();
      const last = raw[raw.length - 1];
      if (!last || last.kind !== 'space') raw.push({ kind: 'space', style: run.style, width: font.advance(0x20) / 1000 });
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
      if (cp === 0x20 || cp === 0x09 || cp === 0x0d) {
        flush(i);
        space();
      } else if (cp === 0x0a) {
        flush(i);
        endWord();
        raw.push({ kind: 'newline' });
      } else if (cp === NARROW_NBSP || (font.has(cp) && !IGNORABLE.has(cp))) {
        if (segStart < 0) segStart = i;
        segAdvance += font.advance(cp);
      } else {
        flush(i);
        const r = resolveChar(cp, has);
        if (r.kind === 'map') {
          if (r.text === ' ') space();
          else if (r.text === '\n') {
            endWord();
            raw.push({ kind: 'newline' });
          } else {
            const scale = r.script ? SCRIPT_SCALE : 1;
            let w = 0;
            for (const ch of r.text) w += font.advance(ch.codePointAt(0)!);
            append(run.style, r.text, (w * scale) / 1000, r.script);
          }
        } else if (r.kind === 'missing') {
          ctx.glyphs.add(cp, ctx.where);
          append(run.style, REPLACEMENT, font.advance(questionMark) / 1000);
        } else if (r.kind === 'as-is') {
          append(run.style, String.fromCodePoint(cp), font.advance(cp) / 1000);
        }
      }
      i += len - 1;
    }
    flush(n);
  }
  endWord();
  return glueFrench(raw);
}

/** Digit groups and currency typed with plain spaces (« 140 000 EUR ») stay together: an amount is never cut. */
const GROUP_END = /(?:^|[^\d])\d{1,3}$/;
const GROUP = /^\d{3}(?:$|[^\d])/;
const UNIT = /^(?:€|EUR|k€|M€|%|HT|TTC)(?:$|[^\p{L}])/u;
function amountContinues(prevText: string, nextText: string): boolean {
  return GROUP_END.test(prevText) && (GROUP.test(nextText) || UNIT.test(nextText));
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
      if (prevText.endsWith('«') || NO_BREAK_BEFORE.has(nextText.charAt(0)) || amountContinues(prevText, nextText)) {
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

/** Adds a piece to a word, merging it with the last one when face and script agree. */
export function appendPiece(word: Word, p: Piece): void {
  const last = word.pieces[word.pieces.length - 1];
  if (last && last.style === p.style && last.script === p.script) {
    last.text += p.text;
    last.width += p.width;
  } else word.pieces.push(p);
  word.width += p.width;
}

/** The text of a word, all pieces joined. */
export function wordText(word: Word): string {
  return word.pieces.map((p) => p.text).join('');
}

/** Punctuation around a token that is not part of it: « (07/08/2022) », « 0113-PEBC-ELAB, ». */
const LEADING = /^[«(\[“"'\u00a0\u202f ]+/u;
const TRAILING = /[»)\]”"',;:.!?\u00a0\u202f ]+$/u;
/** Amounts with their grouping spaces and currency, dates, numbers with a prefix (« n°2004-1085 »). */
const NUMBER = /^(?:n°|N°)?[+\-−]?\d[\d\u00a0\u202f .,/:'’\-]*(?:[\u00a0\u202f ]?(?:€|EUR|k€|M€|%|HT|TTC|\$|£))?$/u;
/** Codes: capitals and digits in groups (« 0113-PEBC-ELAB », « DGALN/DEB »). */
const CODE = /^[A-Z0-9]+(?:[-_./][A-Z0-9]+)+$/;

/**
 * True for a token that must never be cut across lines (an amount, a date, a reference code),
 * unless not even the whole width can hold it.
 */
export function isAtomic(text: string): boolean {
  const core = text.replace(LEADING, '').replace(TRAILING, '');
  return core !== '' && (NUMBER.test(core) || CODE.test(core));
}

/**
 * Offsets (in UTF-16 units) where a long URL or code may break: after « / », « . », « _ »…
 * and before a hyphen, never between two punctuation marks (« https:// ») nor at either end.
 */
export function breakOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = 1; i < text.length; i += 1) {
    const prev = text.charAt(i - 1);
    const ch = text.charAt(i);
    const punct = (c: string) => BREAK_AFTER.has(c) || BREAK_BEFORE.has(c) || c === ':';
    if (BREAK_AFTER.has(prev) && !punct(ch) && i > 1) out.push(i);
    else if (BREAK_BEFORE.has(ch) && !punct(prev) && i < text.length - 1) out.push(i);
  }
  return out;
}

/** Cuts a word at the given offsets of its text; each piece keeps its face and script. */
export function cutAt(word: Word, offsets: readonly number[], ctx: MeasureContext): Word[] {
  const out: Word[] = [];
  let cur: Word = { kind: 'word', pieces: [], width: 0 };
  let pos = 0;
  let k = 0;
  for (const p of word.pieces) {
    const font = ctx.fonts[p.style];
    const scale = p.script ? SCRIPT_SCALE : 1;
    const t = p.text;
    // Widths are re-measured (a piece's width is only known as a whole), a slice at a time.
    let from = 0;
    let advance = 0;
    const flush = (end: number) => {
      if (end > from) appendPiece(cur, p.script ? { style: p.style, text: t.slice(from, end), width: (advance * scale) / 1000, script: p.script } : { style: p.style, text: t.slice(from, end), width: (advance * scale) / 1000 });
      from = end;
      advance = 0;
    };
    for (let i = 0; i < t.length; ) {
      while (k < offsets.length && offsets[k]! < pos + i) k += 1;
      if (k < offsets.length && pos + i === offsets[k]) {
        flush(i);
        out.push(cur);
        cur = { kind: 'word', pieces: [], width: 0 };
        k += 1;
      }
      const cp = t.codePointAt(i)!;
      advance += font.advance(cp);
      i += cp > 0xffff ? 2 : 1;
    }
    flush(t.length);
    pos += t.length;
  }
  out.push(cur);
  return out.filter((w) => w.pieces.length > 0);
}

/** A web address or an e-mail address: it may break inside (after « / », « . »…) even when it fits a line. */
const URL_LIKE = /^[«(\["'“]*(?:(?:https?|ftp):\/\/|www\.)|^[«(\["'“]*[^\s@]+@[^\s@]+\.\p{L}{2,}/u;

/** True for a word that is a URL or an e-mail address. */
export function isUrlLike(text: string): boolean {
  return (text.includes('://') || text.includes('www.') || text.includes('@')) && URL_LIKE.test(text);
}

/** The pieces of a word between its break opportunities (the word itself when it has none). */
export function wordSegments(word: Word, ctx: MeasureContext): Word[] {
  const offsets = breakOffsets(wordText(word));
  return offsets.length === 0 ? [word] : cutAt(word, offsets, ctx);
}

/** The least width a word can be set in without cutting it where it must not be cut (size 1). */
export function minWordWidth(word: Word, ctx: MeasureContext): number {
  if (isAtomic(wordText(word))) return word.width;
  let w = 0;
  for (const s of wordSegments(word, ctx)) w = Math.max(w, s.width);
  return w;
}

/**
 * Cuts a word longer than `max` into pieces that fit: at its break opportunities (after « / »,
 * before « - »…), then between characters only for a piece still too long. An amount, a date or
 * a code so cut is reported: it can be misread.
 */
export function splitLongWord(word: Word, max: number, ctx: MeasureContext): Word[] {
  const text = wordText(word);
  if (isAtomic(text)) ctx.glyphs.cut(text, ctx.where);
  const out: Word[] = [];
  for (const seg of wordSegments(word, ctx)) {
    if (seg.width <= max) {
      out.push(seg);
      continue;
    }
    const chars = cutAt(seg, Array.from({ length: wordText(seg).length - 1 }, (_, i) => i + 1), ctx);
    let cur: Word = { kind: 'word', pieces: [], width: 0 };
    for (const c of chars) {
      if (cur.pieces.length > 0 && cur.width + c.width > max) {
        // Never end a line on the code's own hyphens: they move down with what follows them.
        const t = wordText(cur);
        let k = t.length;
        while (k > 0 && t.charAt(k - 1) === '-') k -= 1;
        if (k > 0 && k < t.length) {
          const [head, hyphens] = cutAt(cur, [k], ctx);
          out.push(head!);
          cur = hyphens!;
        }
        if (cur.width + c.width > max) {
          out.push(cur);
          cur = { kind: 'word', pieces: [], width: 0 };
        }
      }
      for (const p of c.pieces) appendPiece(cur, { ...p });
    }
    if (cur.pieces.length > 0) out.push(cur);
  }
  return out;
}
