import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  NARROW_NBSP,
  NBSP,
  formatAmount,
  formatDate,
  formatNumberCents,
  isValidIsoDate,
  parseAmount,
} from '../../../../shared/rules/format';

describe('formatAmount', () => {
  it('groups thousands with U+202F and keeps « EUR » on the line with U+00A0', () => {
    expect(formatAmount(140_000_00)).toBe(`140${NARROW_NBSP}000${NBSP}EUR`);
    expect(formatAmount(220_000_00)).toBe('220\u202f000\u00a0EUR');
    expect(formatAmount(1_000_000_00)).toBe(`1${NARROW_NBSP}000${NARROW_NBSP}000${NBSP}EUR`);
  });

  it('prints cents only when there are some, with a decimal comma', () => {
    expect(formatAmount(1_234_50)).toBe(`1${NARROW_NBSP}234,50${NBSP}EUR`);
    expect(formatAmount(5)).toBe(`0,05${NBSP}EUR`);
    expect(formatAmount(0)).toBe(`0${NBSP}EUR`);
    expect(formatAmount(999)).toBe(`9,99${NBSP}EUR`);
  });

  it('has no plain or no-break space inside the number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        const n = formatNumberCents(cents);
        expect(n).not.toMatch(/[ \u00a0]/);
      }),
    );
  });

  it('prints what Intl.NumberFormat fr-FR prints, without starting ICU', () => {
    const whole = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
    const withCents = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const intl = (cents: number) => (cents % 100 === 0 ? whole : withCents).format(cents / 100).replace(/\u00a0/g, NARROW_NBSP);
    for (const cents of [0, -0, 1, -1, 5, 50, -50, 99, 100, -100, 999_99, 1_000_00, -1_000_00, 1_234_50, 123_456_789_01, 10 ** 15]) {
      expect(formatNumberCents(cents), String(cents)).toBe(intl(cents));
    }
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), (cents) => {
        expect(formatNumberCents(cents)).toBe(intl(cents));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes another currency code', () => {
    expect(formatAmount(100, 'CHF')).toBe(`1${NBSP}CHF`);
  });

  it('refuses a non-integer number of cents', () => {
    expect(() => formatAmount(1.5)).toThrow(RangeError);
    expect(() => formatAmount(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('parseAmount', () => {
  it.each([
    ['140 000', 140_000_00],
    ['140\u202f000', 140_000_00],
    ['140\u00a0000 EUR', 140_000_00],
    ['140000,5', 140_000_50],
    ['1 234.56 €', 1_234_56],
    ['0', 0],
    ['-0', 0],
    ['-12', -12_00],
    ['12eur', 12_00],
  ])('« %s » → %i centimes', (text, cents) => {
    expect(Object.is(parseAmount(text), cents)).toBe(true);
  });

  it.each(['', 'abc', '12,345', '1.234.567', '1e5', '€', '--1', '99999999999999999'])('« %s » is not an amount', (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it('reads back what formatAmount prints', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(parseAmount(formatAmount(cents))).toBe(cents === 0 ? 0 : cents);
      }),
    );
  });
});

describe('dates', () => {
  it('writes French dates, « 1er » for the first of the month', () => {
    expect(formatDate('2020-03-26')).toBe('26 mars 2020');
    expect(formatDate('2020-03-01')).toBe('1er mars 2020');
    expect(formatDate('2018-12-14')).toBe('14 décembre 2018');
    expect(formatDate('2019-08-29')).toBe('29 août 2019');
    expect(formatDate('2020-02-29')).toBe('29 février 2020');
    expect(formatDate('2021-01-02')).toBe('2 janvier 2021');
  });

  it('knows which dates exist', () => {
    expect(isValidIsoDate('2020-02-29')).toBe(true);
    expect(isValidIsoDate('2019-02-29')).toBe(false);
    expect(isValidIsoDate('2100-02-29')).toBe(false);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('0004-02-29')).toBe(true);
    expect(isValidIsoDate('0000-02-29')).toBe(true);
    expect(isValidIsoDate('0100-02-29')).toBe(false);
    expect(isValidIsoDate('2020-04-31')).toBe(false);
    expect(isValidIsoDate('2020-13-01')).toBe(false);
    expect(isValidIsoDate('2020-00-10')).toBe(false);
    expect(isValidIsoDate('2020-01-00')).toBe(false);
    expect(isValidIsoDate('2020-1-01')).toBe(false);
    expect(isValidIsoDate('26/03/2020')).toBe(false);
  });

  it('refuses to write a date that does not exist', () => {
    expect(() => formatDate('2020-02-30')).toThrow(RangeError);
    expect(() => formatDate('hier')).toThrow(RangeError);
  });
});
