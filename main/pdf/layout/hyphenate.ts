import { createRequire } from 'node:module';
import type French from 'hyphen/fr/index.js';
import { isAtomic } from './tokens';

/*
 * French hyphenation points of a word, from TeX's French patterns (the `hyphen` package), with
 * the restraint an official document asks for: only plain lower-case words are cut.
 */

/** Letters kept before and after a hyphenation point (French practice, babel-french's 2 and 3). */
export const LEFT_MIN = 2;
export const RIGHT_MIN = 3;

const LETTERS = /[\p{L}\p{M}]+/gu;
const CAPITAL = /\p{Lu}/u;
/** Digits, URLs, e-mail addresses, file names, references: never cut as words. */
const NOT_A_WORD = /[\d/@_\\=&#%+*<>|~$€§]|:\/\/|\.\p{L}/u;
/** Punctuation around the word that belongs to the sentence, not to it. */
const EDGES = /^[«(\["'“‘\u00a0\u202f ]+|[»)\]”’"',;:.!?…\u00a0\u202f ]+$/gu;

/*
 * The patterns (the `hyphen` package, about 40 kB of JavaScript) are loaded only for a
 * convention that asks for hyphenation: render.ts awaits {@link loadHyphenation} first, which
 * the bundles turn into a chunk of their own (CLI) or a module evaluated on demand (main).
 * The file itself is named: Node's ES module loader does not resolve the package's directory
 * entry (« hyphen/fr »).
 */
let french: typeof French | undefined;

/** Loads the French patterns once per process (before a layout that hyphenates). */
export async function loadHyphenation(): Promise<void> {
  french ??= (await import('hyphen/fr/index.js')).default;
}

/** Whether the patterns are loaded (tests: a convention without hyphenation never loads them). */
export function hyphenationLoaded(): boolean {
  return french !== undefined;
}

/**
 * The patterns, loaded synchronously when a layout hyphenates without render.ts's preload (a
 * test or a benchmark calling layoutConvention directly): from node_modules, as Node resolves it.
 */
function patterns(): typeof French {
  french ??= createRequire(import.meta.url)('hyphen/fr/index.js') as typeof French;
  return french;
}

/** Points found for a run of letters, by run: the same words come back often. */
const cache = new Map<string, readonly number[]>();
const CACHE_LIMIT = 20_000;

/** Pattern points of one run of lower-case letters, as offsets in it, honouring LEFT_MIN and RIGHT_MIN. */
function runPoints(run: string): readonly number[] {
  const known = cache.get(run);
  if (known) return known;
  const marked = patterns().hyphenateSync(run, { hyphenChar: '\u00ad', minWordLength: LEFT_MIN + RIGHT_MIN });
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
 * (names, acronyms, « ÉTAT »); never leaving fewer than 2 letters before or 3 after; never
 * right after a hyphen the word already has (« porte-parole »): readers and text extractors
 * would take it for a cut and drop it. Offsets in the text (UTF-16 units) where the next line
 * would start.
 */
export function hyphenationPoints(text: string): number[] {
  if (text.length < LEFT_MIN + RIGHT_MIN || isAtomic(text)) return [];
  const core = text.replace(EDGES, '');
  if (core === '' || NOT_A_WORD.test(core) || CAPITAL.test(core)) return [];
  const points: number[] = [];
  for (const m of text.matchAll(LETTERS)) {
    if (letterCount(m[0]) < LEFT_MIN + RIGHT_MIN) continue;
    for (const o of runPoints(m[0])) points.push(m.index + o);
  }
  return points;
}
