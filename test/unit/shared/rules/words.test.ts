import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountInWords, integerInWords } from '../../../../shared/rules/words';

const euros = (n: number) => n * 100;

describe('integerInWords', () => {
  it.each([
    [0, 'zéro'],
    [1, 'un'],
    [10, 'dix'],
    [16, 'seize'],
    [17, 'dix-sept'],
    [20, 'vingt'],
    [21, 'vingt et un'],
    [22, 'vingt-deux'],
    [31, 'trente et un'],
    [61, 'soixante et un'],
    [70, 'soixante-dix'],
    [71, 'soixante et onze'],
    [72, 'soixante-douze'],
    [79, 'soixante-dix-neuf'],
    [80, 'quatre-vingts'],
    [81, 'quatre-vingt-un'],
    [90, 'quatre-vingt-dix'],
    [91, 'quatre-vingt-onze'],
    [99, 'quatre-vingt-dix-neuf'],
    [100, 'cent'],
    [101, 'cent un'],
    [180, 'cent quatre-vingts'],
    [200, 'deux cents'],
    [201, 'deux cent un'],
    [280, 'deux cent quatre-vingts'],
    [999, 'neuf cent quatre-vingt-dix-neuf'],
    [1000, 'mille'],
    [1001, 'mille un'],
    [2000, 'deux mille'],
    [21_000, 'vingt et un mille'],
    [80_000, 'quatre-vingt mille'],
    [81_000, 'quatre-vingt-un mille'],
    [100_000, 'cent mille'],
    [200_000, 'deux cent mille'],
    [220_000, 'deux cent vingt mille'],
    [1_000_000, 'un million'],
    [1_001_000, 'un million mille'],
    [1_200_000, 'un million deux cent mille'],
    [2_000_000, 'deux millions'],
    [80_000_000, 'quatre-vingts millions'],
    [200_000_000, 'deux cents millions'],
    [1_000_000_000, 'un milliard'],
    [3_000_000_000, 'trois milliards'],
    [1_000_000_000_000, 'un billion'],
  ])('%i → « %s »', (n, words) => {
    expect(integerInWords(n)).toBe(words);
  });

  it('refuses what it cannot write', () => {
    expect(() => integerInWords(-1)).toThrow(RangeError);
    expect(() => integerInWords(1.5)).toThrow(RangeError);
    expect(() => integerInWords(1e15)).toThrow(RangeError);
    expect(() => integerInWords(Number.NaN)).toThrow(RangeError);
  });

  it('never writes « un mille », never doubles spaces, never leaves a dangling hyphen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        const w = integerInWords(n);
        expect(w).not.toMatch(/(^|illions? |illiards? )un mille/);
        expect(w).not.toMatch(/ {2}|^ | $|-$|^-|- | -/);
        expect(w).toMatch(/^[a-zéè -]+$/);
      }),
    );
  });

  it('gives each number its own words (no two numbers below 100 000 collide)', () => {
    const seen = new Map<string, number>();
    for (let n = 0; n < 100_000; n += 1) {
      const w = integerInWords(n);
      expect(seen.get(w)).toBeUndefined();
      seen.set(w, n);
    }
  });
});

describe('amountInWords', () => {
  it.each([
    [euros(220_000), 'deux cent vingt mille euros'],
    [euros(140_000), 'cent quarante mille euros'],
    [euros(100_000), 'cent mille euros'],
    [euros(80_000), 'quatre-vingt mille euros'],
    [euros(80), 'quatre-vingts euros'],
    [euros(200), 'deux cents euros'],
    [euros(21), 'vingt et un euros'],
    [euros(1_000_000), "un million d'euros"],
    [euros(2_000_000), "deux millions d'euros"],
    [euros(1_000_000_000), "un milliard d'euros"],
    [euros(1_200_000), 'un million deux cent mille euros'],
    [euros(1_000_001), 'un million un euros'],
    [euros(1), 'un euro'],
    [0, 'zéro euro'],
    [1, 'un centime'],
    [50, 'cinquante centimes'],
    [150, 'un euro et cinquante centimes'],
    [euros(220_000) + 5, 'deux cent vingt mille euros et cinq centimes'],
    [euros(1_000_000) + 1, "un million d'euros et un centime"],
    [-euros(5), 'moins cinq euros'],
  ])('%i centimes → « %s »', (cents, words) => {
    expect(amountInWords(cents)).toBe(words);
  });

  it('refuses fractions of a centime', () => {
    expect(() => amountInWords(0.5)).toThrow(RangeError);
  });
});
