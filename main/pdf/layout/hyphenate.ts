import french from 'hyphen/fr';
import { isAtomic } from './tokens';

/*
 * French hyphenation points of a word, from TeX's French patterns (the `hyphen` package), with
 * the restraint an official document asks for: only plain lower-case words are cut.
 */

/** Letters kept before and after a hyphenation point (French practice, babel-french's 2 and 3). */
export const LEFT_MIN = 2;
export const RIGHT_MIN = 3;

/** A place where a word may be cut across lines. */
export interface HyphenPoint {
  /** Offset in the word's text (UTF-16 units) where the next line starts. */
  readonly offset: number;
  /**
   * True after a hyphen the word already has (« porte-parole »): nothing is added. False at a
   * pattern's point: a hyphen is drawn at the end of the line.
   */
  readonly explicit: boolean;
}

const LETTERS = /[\p{L}\p{M}]+/gu;
const CAPITAL = /\p{Lu}/u;
/** Digits, URLs, e-mail addresses, file names, references: never cut as words. */
const NOT_A_WORD = /[\d/@_\\=&#%+*<>|~$€§]|:\/\/|\.\p{L}/u;
/** Punctuation around the word that belongs to the sentence, not to it. */
const EDGES = /^[«(\["'“‘\u00a0\u202f ]+|[»)\]”’"',;:.!?…\u00a0\u202f ]+$/gu;

/** Points found for a run of letters, by run: the same words come back often. */
const cache = new Map<string, readonly number[]>();
const CACHE_LIMIT = 20_000;

/** Pattern points of one run of lower-case letters, as offsets in it, honouring LEFT_MIN and RIGHT_MIN. */
function runPoints(run: string): readonly number[] {
  const known = cache.get(run);
  if (known) return known;
  const marked = french.hyphenateSync(run, { hyphenChar: '\u00ad', minWordLength: LEFT_MIN + RIGHT_MIN });
  const points: number[] = [];
  let offset = 0;
  for (const ch of marked) {
    if (ch === '\u00ad') {
      if (letterCount(run.slice(0, offset)) >= LEFT_MIN && letterCount(run.slice(offset)) >= RIGHT_MIN) points.push(offset);
    } else offset += ch.length;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(run, points);
  return points;
}

const MARKS = /\p{M}/gu;

/** Letters in `s`, combining accents not counted (« e » + U+0301 is one letter). */
function letterCount(s: string): number {
  return s.length - (s.match(MARKS)?.length ?? 0);
}

/**
 * Where `text` (one word as printed, with any punctuation glued to it) may be cut: never in
 * an amount, a date, a code, a URL or a word with digits; never in a word with a capital
 * (names, acronyms, « ÉTAT »); never leaving fewer than 2 letters before or 3 after. A hyphen
 * the word already has is a point too, under the same rule.
 */
export function hyphenationPoints(text: string): HyphenPoint[] {
  if (text.length < LEFT_MIN + RIGHT_MIN || isAtomic(text)) return [];
  const core = text.replace(EDGES, '');
  if (core === '' || NOT_A_WORD.test(core) || CAPITAL.test(core)) return [];
  const points: HyphenPoint[] = [];
  for (const m of text.matchAll(LETTERS)) {
    const run = m[0];
    const at = m.index;
    // After the word's own hyphen: both sides whole words of enough letters.
    if (at > 0 && text.charAt(at - 1) === '-' && letterCount(run) >= RIGHT_MIN) {
      const before = /([\p{L}\p{M}]+)-$/u.exec(text.slice(0, at));
      if (before && letterCount(before[1]!) >= LEFT_MIN) points.push({ offset: at, explicit: true });
    }
    if (letterCount(run) < LEFT_MIN + RIGHT_MIN) continue;
    for (const o of runPoints(run)) points.push({ offset: at + o, explicit: false });
  }
  return points.sort((a, b) => a.offset - b.offset);
}
