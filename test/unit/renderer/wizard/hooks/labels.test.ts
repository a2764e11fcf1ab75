import { describe, expect, it } from 'vitest';
import { savedLabel } from '../../../../../renderer/wizard/hooks/use-autosave';

describe('wizard labels', () => {
  it('says « Enregistré à 14 h 32 » the French way', () => {
    expect(savedLabel(new Date(2026, 2, 26, 14, 32))).toBe('Enregistré à 14 h 32');
    expect(savedLabel(new Date(2026, 2, 26, 9, 5))).toBe('Enregistré à 9 h 05');
  });

});
