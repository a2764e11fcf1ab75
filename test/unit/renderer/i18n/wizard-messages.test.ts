import { describe, expect, it } from 'vitest';
import { wizardMessages } from '../../../../renderer/i18n/wizard-messages';
import { savedLabel } from '../../../../renderer/wizard/hooks/use-autosave';
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
    expect(fr.saved(at)).toBe(savedLabel(at));
    expect(fr.moveUp(fr.visaItem(2))).toBe('Monter le visa 2');
    expect(fr.remove(fr.signatoryItem(3, 'Patrice GUYOT'))).toBe('Supprimer le signataire 3 (Patrice GUYOT)');
    expect(fr.addLine('AE', 1)).toBe('Ajouter une ligne en AE (UO 1)');
    expect(fr.errorsHeading(1)).toBe('1 erreur à corriger avant de finaliser');
    expect(fr.errorsHeading(2)).toBe('2 erreurs à corriger avant de finaliser');
    expect(fr.pageOf(1, 3)).toBe('Page 1 sur 3');
    expect(fr.prepareRefs(2)).toBe('Préparer les références de ces UO');
    expect(describePath('parties[1].representatives[0].name', fr.place)).toBe(describePath('parties[1].representatives[0].name'));
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
});

describe('step labels', () => {
  it('are French by default and English when asked, thirteen distinct ones each', () => {
    expect(STEPS.map((s) => stepLabel(s, 'fr'))).toEqual(STEPS.map((s) => s.label));
    const en = STEPS.map((s) => stepLabel(s, 'en'));
    expect(new Set(en).size).toBe(13);
    expect(en).toContain('General information');
    expect(en).toContain('Signatories');
  });
});
