import { describe, expect, it } from 'vitest';
import { formatFrenchDateTime, messages } from '../../../../renderer/i18n/messages';

describe('formatFrenchDateTime', () => {
  it('writes the date the French way, hours « h » minutes', () => {
    expect(formatFrenchDateTime(new Date(2026, 10, 28, 14, 32))).toBe('28 novembre 2026 à 14 h 32');
    expect(formatFrenchDateTime(new Date(2026, 11, 1, 9, 5))).toBe('1er décembre 2026 à 9 h 05');
    expect(formatFrenchDateTime(new Date(2027, 0, 10, 0, 0))).toBe('10 janvier 2027 à 0 h 00');
  });
});

describe('messages', () => {
  it('English has every French key, with the same kind of value', () => {
    const fr = messages.fr as Record<string, unknown>;
    const en = messages.en as Record<string, unknown>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr)) expect(typeof en[key], key).toBe(typeof fr[key]);
  });

  it('says plurals right', () => {
    expect(messages.fr.trashEmptied(1)).toBe('1 convention supprimée définitivement.');
    expect(messages.fr.trashEmptied(3)).toBe('3 conventions supprimées définitivement.');
    expect(messages.fr.showTrash(0)).toBe('Corbeille');
  });
});
