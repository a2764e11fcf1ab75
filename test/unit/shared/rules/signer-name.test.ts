import { describe, expect, it } from 'vitest';
import { nameWords, sameSigner } from '../../../../shared/rules/signer-name';

describe('the signatory and the certificate about to sign', () => {
  it('match whatever the order, case, accents, hyphens, civility or an agent number', () => {
    for (const holder of ['Brice HUET', 'HUET Brice', 'brice huet', 'Brice HUET 0123456789', 'M. Brice Huet']) {
      expect(sameSigner('Brice HUET', holder), holder).toBe(true);
    }
    expect(sameSigner('Patrick SOULÉ', 'Patrick SOULE')).toBe(true);
    expect(sameSigner('Stéphanie DUPUY-LYON', 'Stephanie Dupuy Lyon')).toBe(true);
    // A middle name on one side only.
    expect(sameSigner('Jean-Pierre Marie DUPONT', 'Jean-Pierre DUPONT')).toBe(true);
  });

  it('differ for another person, even a near one', () => {
    expect(sameSigner('Brice HUET', 'Jeanne MARTIN')).toBe(false);
    expect(sameSigner('Jean MARTIN', 'Jeanne MARTIN')).toBe(false);
    expect(sameSigner('Patrick SOULÉ', 'Patrice GUYOT')).toBe(false);
    expect(sameSigner('Brice HUET', 'Brice HUETTE')).toBe(false);
  });

  it('say nothing when one side has no name to compare (a signatory known by function only)', () => {
    expect(sameSigner('', 'Jeanne MARTIN')).toBe(true);
    expect(sameSigner('Brice HUET', '0123456789')).toBe(true);
    expect(nameWords('Mme Émilie PIETTE-Durand, 42')).toEqual(['emilie', 'piette', 'durand']);
  });
});
