import { isValidIsoDate } from '../../../shared/rules/format';

/*
 * The date field's text, always read and written the French way (JJ/MM/AAAA), whatever the
 * browser's or the system's locale: Chromium's native date input follows the OS locale, so
 * that in an English Chromium « 15042026 » became 4 December.
 */

/** What the typed text says: nothing yet, a date (ISO), a date that does not exist, or a text still incomplete. */
export type DateReading =
  | { readonly kind: 'empty' }
  | { readonly kind: 'date'; readonly iso: string }
  | { readonly kind: 'impossible'; readonly day: number; readonly month: number; readonly year: number }
  | { readonly kind: 'incomplete' };

/**
 * Reads « 15/04/2026 », « 15042026 », « 15-04-2026 », « 15.04.2026 », « 1/4/2026 » or « 15 04 2026 ».
 * The year always has four digits: a two-digit year is ambiguous in a legal act.
 */
export function readFrenchDate(text: string): DateReading {
  const s = text.trim();
  if (!s) return { kind: 'empty' };
  let parts: [string, string, string] | undefined;
  const digits = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (digits) parts = [digits[1]!, digits[2]!, digits[3]!];
  const separated = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(s);
  if (separated) parts = [separated[1]!, separated[2]!, separated[3]!];
  if (!parts) return { kind: 'incomplete' };
  const [day, month, year] = parts.map(Number) as [number, number, number];
  const iso = isoOf(year, month, day);
  return isValidIsoDate(iso) ? { kind: 'date', iso } : { kind: 'impossible', day, month, year };
}

/** « 2026-04-15 » → « 15/04/2026 »; anything else → ''. */
export function frenchDateText(iso: string): string {
  if (!isValidIsoDate(iso)) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The ISO text of a day (no time zone involved). */
export function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days of a month (1–12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  const last = new Date(0);
  last.setUTCFullYear(year, month, 0);
  return last.getUTCDate();
}

/** Monday-first weekday of a day: 0 for Monday … 6 for Sunday. */
export function weekdayOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return (d.getUTCDay() + 6) % 7;
}

/**
 * The day moved by a number of days, or of months (clamped to the month's last day, as a
 * calendar does: 31 January plus one month is 28 or 29 February).
 */
export function moveDate(iso: string, by: { days?: number; months?: number }): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (by.months) {
    const index = y * 12 + (m - 1) + by.months;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    return isoOf(year, month, Math.min(d, daysInMonth(year, month)));
  }
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d + (by.days ?? 0));
  return isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Today in local time, as ISO. */
export function todayIso(now = new Date()): string {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
