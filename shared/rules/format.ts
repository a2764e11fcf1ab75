/** French formatting of amounts and dates, as printed in conventions. */

/** U+202F, the narrow no-break space fr-FR puts between thousands. */
export const NARROW_NBSP = '\u202f';
/** U+00A0, keeps « EUR » on the line of its amount. */
export const NBSP = '\u00a0';

/** Digits grouped by three from the right with U+202F, as fr-FR groups them (« 1 000 » too). */
function grouped(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i += 1) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += NARROW_NBSP;
    out += digits[i];
  }
  return out;
}

/** 14000000 → « 140 000 EUR » (narrow no-break spaces); 123450 → « 1 234,50 EUR ». */
export function formatAmount(cents: number, currency = 'EUR'): string {
  return `${formatNumberCents(cents)}${NBSP}${currency}`;
}

/**
 * The number alone: 14000000 → « 140 000 », -5 → « -0,05 ». What Intl.NumberFormat('fr-FR')
 * prints (a test compares them), computed on the integer: no ICU to start (its first French
 * formatter cost a fresh process 20 ms or more, the largest part of loading the PDF engine),
 * and exact beyond 2^52 / 200 euros where dividing by 100 in floating point drifts.
 */
export function formatNumberCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`montant invalide : ${cents}`);
  const abs = Math.abs(cents);
  const rest = abs % 100;
  const sign = cents < 0 || Object.is(cents, -0) ? '-' : '';
  const euros = grouped(String((abs - rest) / 100));
  return rest === 0 ? `${sign}${euros}` : `${sign}${euros},${String(rest).padStart(2, '0')}`;
}

/**
 * Parses what a person types as an amount in euros: « 140 000 », « 140000,50 », « 1 234.5 € ».
 * Returns cents, or null when it is not an amount.
 */
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/(EUR|€)$/i, '');
  const m = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  const euros = Number(m[2]);
  const cents = Number((m[3] ?? '').padEnd(2, '0'));
  const value = euros * 100 + cents;
  if (!Number.isSafeInteger(value)) return null;
  // « -0 » is zero, not negative zero.
  return m[1] && value !== 0 ? -value : value;
}

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

/** True for a real calendar date in ISO form (« 2020-02-30 » is not). */
export function isValidIsoDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  // Date.UTC maps years 0–99 to 1900–1999: set the full year explicitly.
  const last = new Date(0);
  last.setUTCFullYear(y, mo, 0);
  const days = last.getUTCDate();
  return d <= days;
}

/** « 2020-03-26 » → « 26 mars 2020 »; the first of the month is « 1er ». */
export function formatDate(iso: string): string {
  if (!isValidIsoDate(iso)) throw new RangeError(`date invalide : ${iso}`);
  const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d === 1 ? '1er' : d} ${MONTHS[mo - 1]} ${y}`;
}
