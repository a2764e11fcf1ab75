import { describe, expect, it } from 'vitest';
import { wizardMessages } from '../../../../renderer/i18n/wizard-messages';
import { STEPS, describePath, stepLabel } from '../../../../renderer/wizard/model/steps';

/** Every key path of a dictionary with the kind of its value (`tool.bold` → `object:2`). */
function shape(value: unknown, at = ''): string[] {
  if (typeof value === 'function') return [`${at}:function`];
  if (Array.isArray(value)) return [`${at}:array:${value.length}`];
  if (value && typeof value === 'object') {
    return Object.keys(value)
      .sort()
      .flatMap((k) => shape((value as Record<string, unknown>)[k], at ? `${at}.${k}` : k));
  }
  return [`${at}:${typeof value}`];
}

describe('wizardMessages', () => {
  it('English has every French key, nested ones included (verdicts, journal actions, places), with the same kind of value', () => {
    expect(shape(wizardMessages.en)).toEqual(shape(wizardMessages.fr));
  });

  it('leaves no English text empty except the French-only notes, and no French text empty except the English-only notes', () => {
    const englishOnly = ['frenchNote', 'budgetPrintNote'];
    for (const [key, value] of Object.entries(wizardMessages.en)) {
      if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
    }
    for (const [key, value] of Object.entries(wizardMessages.fr)) {
      if (typeof value === 'string' && !englishOnly.includes(key)) expect(value.trim(), key).not.toBe('');
    }
    for (const key of englishOnly) expect(wizardMessages.fr[key as 'frenchNote']).toBe('');
  });

  it('keeps the French words the e2e specs and the rest of the app use', () => {
    const fr = wizardMessages.fr;
    const at = new Date(2026, 2, 26, 9, 5);
    expect(fr.saved(at)).toBe('Enregistré à 9 h 05');
    expect(fr.saved(new Date(2026, 2, 26, 14, 32))).toBe('Enregistré à 14 h 32');
    expect(fr.moveUp(fr.visaItem(2))).toBe('Monter le visa 2');
    expect(fr.remove(fr.signatoryItem(3, 'Patrice GUYOT'))).toBe('Supprimer le signataire 3 (Patrice GUYOT)');
    expect(fr.addLine('AE', 1)).toBe('Ajouter une ligne en AE (UO 1)');
    expect(fr.errorsHeading(1)).toBe('1 erreur à corriger avant de finaliser');
    expect(fr.errorsHeading(2)).toBe('2 erreurs à corriger avant de finaliser');
    expect(fr.pageOf(1, 3)).toBe('Page 1 sur 3');
    expect(fr.prepareRefs(2)).toBe('Préparer les références de ces UO');
    expect(describePath('parties[1].representatives[0].name', fr.place)).toBe('partie 2, représentant 1');
  });

  it('speaks English with English plurals and a 24-hour clock', () => {
    const en = wizardMessages.en;
    expect(en.saved(new Date(2026, 2, 26, 9, 5))).toBe('Saved at 09:05');
    expect(en.errorsHeading(1)).toBe('1 error to fix before finalising');
    expect(en.warningsHeading(3)).toBe('3 points to check');
    expect(en.pages(1)).toBe('1 page');
    expect(describePath('budget.rows[0].cp[2].label', en.place)).toBe('UO 1, CP line 3');
    expect(en.when('2026-12-01T12:05:00Z')).toMatch(/^1 December 2026 at \d{2}:05$/);
  });

  it('dates a version the French way: « 1er », « 9 h 05 », no leading zero on the hour', () => {
    const fr = wizardMessages.fr;
    expect(fr.when(local(2026, 12, 1, 9, 5))).toBe('1er décembre 2026 à 9 h 05');
    expect(fr.when(local(2026, 11, 28, 14, 2))).toBe('28 novembre 2026 à 14 h 02');
  });

  it('gives a version joined from autosaves its span and count, in French and in English', () => {
    const { fr, en } = wizardMessages;
    const start = local(2026, 11, 28, 14, 2);
    const end = local(2026, 11, 28, 14, 31);
    expect(fr.savedSpan(start, end, 37)).toBe('enregistrée le 28 novembre 2026 de 14 h 02 à 14 h 31 (37 enregistrements automatiques)');
    expect(en.savedSpan(start, end, 37)).toBe('saved on 28 November 2026 from 14:02 to 14:31 (37 autosaves)');
    // Within one minute a span « de 14 h 02 à 14 h 02 » would say nothing: one time.
    const sameMinute = local(2026, 11, 28, 14, 2, 40);
    expect(fr.savedSpan(start, sameMinute, 2)).toBe('enregistrée le 28 novembre 2026 à 14 h 02 (2 enregistrements automatiques)');
    expect(en.savedSpan(start, sameMinute, 2)).toBe('saved on 28 November 2026 at 14:02 (2 autosaves)');
    // A sitting across midnight names both days.
    const late = local(2026, 11, 30, 23, 50);
    const early = local(2026, 12, 1, 0, 10);
    expect(fr.savedSpan(late, early, 3)).toBe('enregistrée du 30 novembre 2026 à 23 h 50 au 1er décembre 2026 à 0 h 10 (3 enregistrements automatiques)');
    expect(en.savedSpan(late, early, 3)).toBe('saved from 30 November 2026 at 23:50 to 1 December 2026 at 00:10 (3 autosaves)');
  });

  it('marks finalized versions and restore points, and words the signing outcomes, in both languages', () => {
    const { fr, en } = wizardMessages;
    expect([fr.finalizedVersion, en.finalizedVersion]).toEqual(['Finalisée', 'Finalised']);
    expect([fr.restorePoint(2), en.restorePoint(2)]).toEqual(['Retour à la version 2', 'Back to version 2']);
    expect(fr.signedBy('Patrick SOULÉ')).toBe('Signé par Patrick SOULÉ.');
    expect(en.signedBy('Patrick SOULÉ')).toBe('Signed by Patrick SOULÉ.');
    expect(fr.identityImported('Patrick SOULÉ')).toBe('Identité importée : Patrick SOULÉ.');
    expect(en.identityImported('Patrick SOULÉ')).toBe('Identity imported: Patrick SOULÉ.');
    expect(fr.savedSigned('a.pdf', 'a-rapport.txt')).toBe('Enregistré : a.pdf et son rapport a-rapport.txt.');
    expect(en.savedSigned('a.pdf', 'a-rapport.txt')).toBe('Saved: a.pdf and its report a-rapport.txt.');
    expect(fr.finalizeNotSaved).toMatch(/^La dernière modification n’a pas pu être enregistrée/);
    expect(en.finalizeNotSaved).toMatch(/^The last change could not be saved/);
  });
});

/** The ISO instant of a time on the user's clock (the panel shows local times). */
function local(y: number, month: number, d: number, h: number, min: number, s = 0): string {
  return new Date(y, month - 1, d, h, min, s).toISOString();
}

describe('step labels', () => {
  it('are French by default and English when asked, thirteen distinct ones each', () => {
    expect(STEPS.map((s) => stepLabel(s, 'fr'))).toEqual(STEPS.map((s) => s.label));
    const en = STEPS.map((s) => stepLabel(s, 'en'));
    expect(new Set(en).size).toBe(13);
    expect(en).toContain('General information');
    expect(en).toContain('Signatories');
  });

  it('says how a signature was made: its level, the timestamp authority and its time the French way, or the workstation\'s time', () => {
    const ts = { time: '2026-03-01T09:05:00.000Z', authority: 'Horodatage de test' };
    expect(wizardMessages.fr.signedLevel('B-T', ts)).toMatch(/^Niveau de la signature : PAdES B-T, horodatée par « Horodatage de test » le 1er mars 2026 à \d{1,2} h 05\.$/);
    expect(wizardMessages.fr.signedLevel('B-B')).toBe('Niveau de la signature : PAdES B-B (heure déclarée par ce poste, sans horodatage).');
    expect(wizardMessages.en.signedLevel('B-LTA', ts)).toMatch(/^Signature level: PAdES B-LTA, timestamped by « Horodatage de test » on 1 March 2026 at \d{2}:05\.$/);
    expect(wizardMessages.fr.signedBy('Jeanne MARTIN', 'Brice HUET')).toBe('Signé par Jeanne MARTIN pour Brice HUET.');
  });
});
