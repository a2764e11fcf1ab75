import { describe, expect, it } from 'vitest';
import { daysInMonth, frenchDateText, moveDate, readFrenchDate, weekdayOf } from '../../../../../renderer/wizard/components/date-text';

describe('readFrenchDate', () => {
  it('reads the day first, with or without separators', () => {
    for (const text of ['15/04/2026', '15042026', '15-04-2026', '15.04.2026', ' 15 / 04 / 2026 ', '15 04 2026']) {
      expect(readFrenchDate(text), text).toEqual({ kind: 'date', iso: '2026-04-15' });
    }
    expect(readFrenchDate('1/4/2026')).toEqual({ kind: 'date', iso: '2026-04-01' });
    expect(readFrenchDate('29/02/2024')).toEqual({ kind: 'date', iso: '2024-02-29' });
  });

  it('refuses a date that does not exist', () => {
    expect(readFrenchDate('31/02/2026')).toEqual({ kind: 'impossible', day: 31, month: 2, year: 2026 });
    expect(readFrenchDate('29022025')).toEqual({ kind: 'impossible', day: 29, month: 2, year: 2025 });
    expect(readFrenchDate('12/13/2026')).toEqual({ kind: 'impossible', day: 12, month: 13, year: 2026 });
    expect(readFrenchDate('00/01/2026').kind).toBe('impossible');
  });

  it('says incomplete for a partial or ambiguous text, and empty for nothing', () => {
    for (const text of ['15/04', '1504202', '15/04/26', '2026-04-15', 'demain', '150420261']) {
      expect(readFrenchDate(text).kind, text).toBe('incomplete');
    }
    expect(readFrenchDate('   ')).toEqual({ kind: 'empty' });
  });
});

describe('calendar arithmetic', () => {
  it('writes ISO dates back the French way', () => {
    expect(frenchDateText('2026-04-15')).toBe('15/04/2026');
    expect(frenchDateText('2026-02-30')).toBe('');
    expect(frenchDateText('')).toBe('');
  });

  it('knows month lengths and Monday-first weekdays', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(weekdayOf(2026, 4, 15)).toBe(2); // a Wednesday
    expect(weekdayOf(2026, 3, 1)).toBe(6); // a Sunday
  });

  it('moves by days across months and years, and by months clamped to the last day', () => {
    expect(moveDate('2026-12-31', { days: 1 })).toBe('2027-01-01');
    expect(moveDate('2026-03-01', { days: -1 })).toBe('2026-02-28');
    expect(moveDate('2026-01-31', { months: 1 })).toBe('2026-02-28');
    expect(moveDate('2024-02-29', { months: 12 })).toBe('2025-02-28');
    expect(moveDate('2026-01-15', { months: -1 })).toBe('2025-12-15');
  });
});
