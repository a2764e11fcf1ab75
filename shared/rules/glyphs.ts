/**
 * Which characters the PDF can print, known without Node: the code points Marianne covers (a
 * constant generated from the font files, checked by test/unit/shared/rules/glyphs.test.ts),
 * and how a character the font lacks is printed instead. The renderer's tokenizer and the
 * validator both call `resolveChar`, so the wizard warns about exactly the characters that
 * would print as « ? ».
 */

/** How a character is printed: as typed, dropped, as other text (maybe raised or lowered), or as « ? ». */
export type Resolved =
  | { readonly kind: 'as-is' }
  | { readonly kind: 'ignore' }
  | { readonly kind: 'map'; readonly text: string; readonly script?: Script }
  | { readonly kind: 'missing' };

/** A superscript (« 1ᵉʳ ») or subscript drawn with smaller letters of the font, raised or lowered. */
export type Script = 'super' | 'sub';

/** U+202F: fr-FR's thousands separator; Marianne lacks it and the drawing layer draws a narrowed space. */
export const NARROW_NBSP = 0x202f;
/** What replaces a character the font lacks: visible, and reported. */
export const REPLACEMENT = '?';

/** Invisible characters pasted text carries (soft hyphen, zero-width spaces, BOM): dropped, not « ? ». */
export const IGNORABLE: ReadonlySet<number> = new Set([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/** Stand-ins for characters with an obvious equivalent, used when the font lacks them. */
const EQUIVALENT = new Map<number, string>([
  [0x2010, '-'], [0x2011, '-'], [0x2012, '–'], [0x2212, '-'],
  [0x2000, ' '], [0x2001, ' '], [0x2002, ' '], [0x2003, ' '], [0x2004, ' '], [0x2005, ' '], [0x2006, ' '],
  [0x2007, ' '], [0x2008, ' '], [0x200a, ' '], [0x205f, ' '], [0x3000, ' '],
  [0x2028, '\n'], [0x2029, '\n'],
]);

/**
 * Superscript and subscript letters and digits (Unicode's <super> and <sub> compatibility
 * forms): NFKC would flatten « m² » to « m2 » and « 1ᵉʳ » to « 1er », losing what they say, so
 * they are drawn as smaller letters of the font, raised or lowered, when the font lacks them.
 */
const SUPER_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00aa, 0x00aa], [0x00b2, 0x00b3], [0x00b9, 0x00b9], [0x00ba, 0x00ba], [0x02b0, 0x02b8], [0x02e0, 0x02e4],
  [0x1d2c, 0x1d61], [0x1d78, 0x1d78], [0x1d9b, 0x1dbf], [0x2070, 0x207f], [0x2c7d, 0x2c7d], [0xa69c, 0xa69d],
  [0xa770, 0xa770], [0xa7f8, 0xa7f9], [0xab5c, 0xab5f],
];
const SUB_RANGES: ReadonlyArray<readonly [number, number]> = [[0x1d62, 0x1d6a], [0x2080, 0x209c], [0x2c7c, 0x2c7c]];

/**
 * Compatibility characters NFKC would change but whose meaning that changes: kept (and so
 * reported when the font lacks them) rather than silently rewritten. Fractions become
 * « 1⁄2 », circled and parenthesised numbers lose their marks.
 */
function nfkcKeepsMeaning(cp: number): boolean {
  if (cp >= 0x2460 && cp <= 0x24ff) return false; // ① ⑴ ⒜ Ⓐ
  if ((cp >= 0x2150 && cp <= 0x215f) || (cp >= 0xbc && cp <= 0xbe) || cp === 0x2189) return false; // ½ ⅓
  if (cp >= 0x3200 && cp <= 0x33ff) return false; // CJK enclosed and squared forms
  return true;
}

const inRanges = (cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean => {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
};

/**
 * How `cp` is printed by a face for which `has` says which code points have a glyph: as typed
 * when the face has it, dropped when invisible, an obvious equivalent (« ‑ » → « - »), a
 * superscript letter raised, a compatibility character through NFKC (« ﬁ » → « fi », full-width
 * « Ａ » → « A »), else missing (printed « ? »).
 */
export function resolveChar(cp: number, has: (cp: number) => boolean): Resolved {
  if (IGNORABLE.has(cp)) return { kind: 'ignore' };
  if (cp === NARROW_NBSP || has(cp)) return { kind: 'as-is' };
  const equivalent = EQUIVALENT.get(cp);
  if (equivalent !== undefined) return { kind: 'map', text: equivalent };
  const script: Script | undefined = inRanges(cp, SUPER_RANGES) ? 'super' : inRanges(cp, SUB_RANGES) ? 'sub' : undefined;
  if (script || nfkcKeepsMeaning(cp)) {
    const text = String.fromCodePoint(cp).normalize('NFKC');
    if (text !== String.fromCodePoint(cp) && text !== '' && allPrintable(text, has)) {
      return script ? { kind: 'map', text, script } : { kind: 'map', text };
    }
  }
  return { kind: 'missing' };
}

function allPrintable(text: string, has: (cp: number) => boolean): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c !== 0x20 && c !== NARROW_NBSP && !has(c)) return false;
  }
  return true;
}

/** True when Marianne (all four faces: they cover the same code points) has a glyph for `cp`. */
export function marianneHas(cp: number): boolean {
  return inRanges(cp, MARIANNE_RANGES);
}

let allMarianne: RegExp | undefined;

/** True when Marianne draws every character of `text` (tabs and line breaks allowed). */
function marianneDrawsAll(text: string): boolean {
  allMarianne ??= new RegExp(`^[\\t\\n\\r${MARIANNE_RANGES.map(([a, b]) => `\\u{${a.toString(16)}}-\\u{${b.toString(16)}}`).join('')}]*$`, 'u');
  return allMarianne.test(text);
}

/**
 * The text as printed with Marianne, for what must match the page (the PDF's title metadata):
 * compatibility characters mapped, superscripts as plain letters (as the text layer reads them),
 * invisible characters dropped, runs of white space as one space, missing characters as « ? ».
 */
export function printedText(text: string, has: (cp: number) => boolean = marianneHas): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const r = resolveChar(cp, has);
    if (r.kind === 'as-is') out += ch;
    else if (r.kind === 'map') out += r.text;
    else if (r.kind === 'missing') out += REPLACEMENT;
  }
  return out.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** The characters of `text` that would print as « ? », each once, in order of appearance. */
export function unprintable(text: string, has: (cp: number) => boolean = marianneHas): number[] {
  // Nearly every text: all drawn by Marianne, said by one regular expression instead of a
  // look at each character (the validator reads every string of a convention).
  if (has === marianneHas && marianneDrawsAll(text)) return [];
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x7f && cp >= 0x20) continue;
    if (cp === 0x09 || cp === 0x0a || cp === 0x0d) continue;
    if (resolveChar(cp, has).kind === 'missing' && !out.includes(cp)) out.push(cp);
  }
  return out;
}

/** « U+1F642 »: how a code point is named in messages. */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Unicode names of characters users paste most often from other tools (others are named by code only). */
const NAMES: ReadonlyMap<number, string> = new Map([
  [0x2713, 'CHECK MARK'], [0x2714, 'HEAVY CHECK MARK'], [0x2717, 'BALLOT X'], [0x2718, 'HEAVY BALLOT X'],
  [0x2610, 'BALLOT BOX'], [0x2611, 'BALLOT BOX WITH CHECK'], [0x2612, 'BALLOT BOX WITH X'],
  [0x25cf, 'BLACK CIRCLE'], [0x25aa, 'BLACK SMALL SQUARE'], [0x25a0, 'BLACK SQUARE'], [0x27a2, 'THREE-D TOP-LIGHTED RIGHTWARDS ARROWHEAD'],
  [0x2192, 'RIGHTWARDS ARROW'], [0x21d2, 'RIGHTWARDS DOUBLE ARROW'], [0x2190, 'LEFTWARDS ARROW'],
  [0x2605, 'BLACK STAR'], [0x260e, 'BLACK TELEPHONE'], [0x2709, 'ENVELOPE'],
  [0xf0a7, 'PRIVATE USE (WINGDINGS BULLET)'], [0xf0b7, 'PRIVATE USE (SYMBOL BULLET)'], [0xf0d8, 'PRIVATE USE (WINGDINGS ARROW)'],
  [0x1f642, 'SLIGHTLY SMILING FACE'], [0x1f600, 'GRINNING FACE'], [0x1f44d, 'THUMBS UP SIGN'],
  [0xfffd, 'REPLACEMENT CHARACTER'],
]);

/** The Unicode name of a code point when this module knows it. */
export function codePointName(cp: number): string | undefined {
  return NAMES.get(cp);
}

// The lines between the markers are written by `PARAPHE_UPDATE_GLYPHS=1 npx vitest run
// test/unit/shared/rules/glyphs.test.ts` from Marianne's cmap; that test fails when they drift.
// BEGIN GENERATED
/** Code points Marianne has a glyph for, as sorted [first, last] ranges (598 code points). */
export const MARIANNE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e], [0xa0, 0xac], [0xae, 0xb4], [0xb6, 0x17e], [0x18f, 0x190], [0x194, 0x194], [0x19d, 0x19d], [0x1a0, 0x1a1],
  [0x1af, 0x1b0], [0x1cd, 0x1dc], [0x1e6, 0x1e7], [0x1fa, 0x1ff], [0x218, 0x21b], [0x232, 0x233], [0x237, 0x237], [0x259, 0x259],
  [0x25b, 0x25b], [0x263, 0x263], [0x272, 0x272], [0x2be, 0x2bf], [0x2c6, 0x2c8], [0x2cc, 0x2cc], [0x2d8, 0x2dd], [0x300, 0x304],
  [0x306, 0x30d], [0x312, 0x312], [0x31b, 0x31b], [0x323, 0x323], [0x326, 0x329], [0x32e, 0x32e], [0x331, 0x331], [0x351, 0x351],
  [0x357, 0x357], [0x1e0c, 0x1e11], [0x1e20, 0x1e21], [0x1e24, 0x1e25], [0x1e28, 0x1e2b], [0x1e32, 0x1e35], [0x1e42, 0x1e43], [0x1e46, 0x1e47],
  [0x1e5a, 0x1e5b], [0x1e62, 0x1e63], [0x1e6c, 0x1e6f], [0x1e80, 0x1e85], [0x1e92, 0x1e93], [0x1e96, 0x1e97], [0x1e9e, 0x1e9e], [0x1ea0, 0x1ef9],
  [0x2000, 0x200d], [0x2013, 0x2014], [0x2018, 0x201a], [0x201c, 0x201e], [0x2020, 0x2022], [0x2026, 0x2026], [0x2030, 0x2030], [0x2039, 0x203a],
  [0x2044, 0x2044], [0x2060, 0x2060], [0x2070, 0x2071], [0x2074, 0x2079], [0x207f, 0x2089], [0x20ac, 0x20ac], [0x2116, 0x2116], [0x2122, 0x2122],
  [0x2190, 0x2193], [0x2196, 0x2199], [0x2212, 0x2212], [0x221a, 0x221a], [0x222b, 0x222b], [0x2248, 0x2248], [0x2260, 0x2260], [0x2264, 0x2265],
  [0x25ca, 0x25ca], [0x25cc, 0x25cc], [0xfeff, 0xfeff], [0xffff, 0xffff],
];
// END GENERATED
