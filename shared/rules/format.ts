/** French formatting of amounts and dates, as printed in conventions. */

/** U+202F, the narrow no-break space fr-FR puts between thousands. */
export const NARROW_NBSP = '\u202f';
/** U+00A0, keeps « EUR » on the line of its amount. */
export const NBSP = '\u00a0';

const whole = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const withCents = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 14000000 → « 140 000 EUR » (narrow no-break spaces); 123450 → « 1 234,50 EUR ». */
export function formatAmount(cents: number, currency = 'EUR'): string {
  return `${formatNumberCents(cents)}${NBSP}${currency}`;
}

/** The number alone: 14000000 → « 140 000 ». */
export function formatNumberCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`montant invalide : ${cents}`);
  const fmt = cents % 100 === 0 ? whole : withCents;
  // Intl's grouping separator for fr-FR is U+202F already; normalise in case an ICU uses U+00A0.
  return fmt.format(cents / 100).replace(/\u00a0/g, NARROW_NBSP);
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
