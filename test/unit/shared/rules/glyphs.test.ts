import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMarianne } from '../../../../main/pdf/fonts';
import { MARIANNE_RANGES, marianneHas, printedText, resolveChar, unprintable } from '../../../../shared/rules/glyphs';

const file = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'rules', 'glyphs.ts');

/** The ranges of code points a set covers, sorted. */
function ranges(cps: Iterable<number>): Array<[number, number]> {
  const sorted = [...new Set(cps)].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const cp of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === cp - 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}

const hex = (n: number) => `0x${n.toString(16)}`;

describe('Marianne coverage constant (shared/rules/glyphs.ts)', () => {
  const family = loadMarianne();
  const sets = Object.values(family).map((f) => (f.font as unknown as { characterSet: number[] }).characterSet);

  it('the four faces cover the same code points', () => {
    const first = JSON.stringify(ranges(sets[0]!));
    for (const s of sets) expect(JSON.stringify(ranges(s))).toBe(first);
  });

  it('matches the font files (PARAPHE_UPDATE_GLYPHS=1 regenerates it)', () => {
    const actual = ranges(sets[0]!);
    if (process.env.PARAPHE_UPDATE_GLYPHS) {
      const count = actual.reduce((n, [a, b]) => n + b - a + 1, 0);
      const body = actual.map(([a, b]) => `[${hex(a)}, ${hex(b)}]`);
      const lines: string[] = [];
      for (let i = 0; i < body.length; i += 8) lines.push(`  ${body.slice(i, i + 8).join(', ')},`);
      const generated = [
        `/** Code points Marianne has a glyph for, as sorted [first, last] ranges (${count} code points). */`,
        'export const MARIANNE_RANGES: ReadonlyArray<readonly [number, number]> = [',
        ...lines,
        '];',
      ].join('\n');
      const text = readFileSync(file, 'utf8').replace(/(\/\/ BEGIN GENERATED\n)[\s\S]*?(\n\/\/ END GENERATED)/, `$1${generated}$2`);
      writeFileSync(file, text);
      return;
    }
    expect(MARIANNE_RANGES.map(([a, b]) => [a, b])).toEqual(actual);
  });

  it('answers like the font for every code point of the Basic Multilingual Plane (U+FFFF, a non-character, aside)', () => {
    const m = family.regular.metrics;
    for (let cp = 0; cp < 0xffff; cp += 1) if (cp !== 0x202f && marianneHas(cp) !== m.has(cp)) expect.fail(`U+${cp.toString(16)}`);
  });
});

describe('resolveChar and printedText', () => {
  it('keeps what Marianne has (°, €, œ, ª) and maps ligatures and full-width forms through NFKC', () => {
    for (const ch of '°€œŒªº²') expect(resolveChar(ch.codePointAt(0)!, marianneHas)).toEqual({ kind: 'as-is' });
    expect(resolveChar(0xfb01, marianneHas)).toEqual({ kind: 'map', text: 'fi' });
    expect(resolveChar(0xfb02, marianneHas)).toEqual({ kind: 'map', text: 'fl' });
    expect(resolveChar(0xff21, marianneHas)).toEqual({ kind: 'map', text: 'A' });
  });

  it('draws French superscripts as raised letters', () => {
    for (const [cp, text] of [[0x1d49, 'e'], [0x2b3, 'r'], [0x1d50, 'm'], [0x1d52, 'o']] as const) {
      expect(resolveChar(cp, marianneHas)).toEqual({ kind: 'map', text, script: 'super' });
    }
  });

  it('never flattens a fraction or a circled number, reports emoji', () => {
    expect(unprintable('½ ① 🙂 ✓ ﬁ 1ᵉʳ')).toEqual([...'①🙂✓'].map((c) => c.codePointAt(0)).filter((cp) => !marianneHas(cp!)));
    expect(unprintable('Convention financière : 140 000 €, n°2, 1er, « œuvre »')).toEqual([]);
  });

  it('says of every code point what a look at each character says (the one-expression shortcut included)', () => {
    // A `has` other than marianneHas itself never takes the shortcut: the character-by-character answer.
    const byCharacter = (t: string) => unprintable(t, (cp) => marianneHas(cp));
    for (let cp = 0; cp < 0x30000; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const text = `Le délégant ${String.fromCodePoint(cp)}\tfin`;
      const got = unprintable(text);
      if (got.length !== byCharacter(text).length || got[0] !== byCharacter(text)[0]) expect.fail(`U+${cp.toString(16)} : ${got} au lieu de ${byCharacter(text)}`);
    }
    // A lone surrogate (a pasted half of an emoji) is reported, not skipped.
    expect(unprintable('a\ud83d b')).toEqual([0xd83d]);
  });

  it('prints the title as the page does', () => {
    expect(printedText('Convention  ﬁnancière du 1ᵉʳ mars\u00ad 🙂')).toBe('Convention financière du 1er mars ?');
  });
});
