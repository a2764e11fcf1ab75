import { describe, expect, it } from 'vitest';
import { wizardMessages } from '../../../../../renderer/i18n/wizard-messages';
import { STEPS, describePath, fieldId, findingsByStep, pathRoot, stepOfPath, stepStatus } from '../../../../../renderer/wizard/model/steps';
import { validateConvention } from '../../../../../shared/rules/validate';
import { SCHEMA_VERSION, type Convention } from '../../../../../shared/model/convention';

describe('steps', () => {
  it('lists the thirteen steps of the issue, in order, in French', () => {
    expect(STEPS.map((s) => s.label)).toEqual([
      'Informations générales', 'Parties', 'Visas', 'Préambule', 'Articles', 'Budget', 'Références comptables',
      'Annexes', 'Signataires', 'Relecture', 'Finalisation', 'Signature', 'Export',
    ]);
  });

  it('maps finding paths to their step', () => {
    expect(pathRoot('budget.rows[0].ae[1].amountCents')).toBe('budget');
    expect(pathRoot('parties[1]')).toBe('parties');
    expect(stepOfPath('avenant.base.title')).toBe('general');
    expect(stepOfPath('articles[3].body[0]')).toBe('articles');
    // The bloc-marque is edited on Parties; the other presentation choices on the first step.
    expect(stepOfPath('presentation.blocMarque.ministries')).toBe('parties');
    expect(stepOfPath('presentation.blocMarqueX')).toBe('general');
    expect(stepOfPath('presentation.firstArticle')).toBe('general');
    expect(stepOfPath('accounting[0].uo')).toBe('accounting');
    expect(stepOfPath('signatories[0].partyId')).toBe('signatories');
    expect(stepOfPath('')).toBeUndefined();
    expect(fieldId('budget.rows[0].ae[1].amountCents')).toBe('champ-budget-rows-0-ae-1-amountCents');
    expect(describePath('parties[1].representatives[0].name', wizardMessages.fr.place)).toBe('partie 2, représentant 1');
    expect(describePath('budget.rows[0].cp[2].label', wizardMessages.fr.place)).toBe('UO 1, CP ligne 3');
    expect(describePath('title', wizardMessages.fr.place)).toBe('');
  });

  it('claims every path the validator produces for an empty convention', () => {
    const empty: Convention = {
      schemaVersion: SCHEMA_VERSION, id: 'x', kind: 'avenant', title: '', shortTitle: '', place: '', date: '2020-02-30', originals: 1,
      parties: [{ id: 'p', role: 'delegant', entities: [{ name: '' }], representatives: [{ name: '', title: '' }], designations: [''], designationGender: 'f' }],
      visas: [{ id: 'v', text: '' }], agreementFormula: '', preamble: [], articles: [{ id: 'a', title: '', body: [] }],
      budget: { currency: 'EUR', rows: [{ id: 'r', uo: 'x', ae: [{ id: 'l', amountCents: 0, label: '' }], cp: [] }] },
      accounting: [{ id: 'c', uo: 'y', extra: [] }], signatories: [{ id: 's', partyId: 'nope', name: '', title: '' }],
      annexes: [{ id: 'n', title: '', body: [] }],
    };
    const findings = validateConvention(empty);
    expect(findings.length).toBeGreaterThan(10);
    for (const f of findings) expect(stepOfPath(f.path), f.path).toBeDefined();
    const byStep = findingsByStep(findings);
    expect(byStep.get('budget')?.length).toBeGreaterThan(0);
    const general = STEPS[0]!;
    expect(stepStatus(general, byStep.get('general'))).toBe('error');
    expect(stepStatus(general, [])).toBe('complete');
    expect(stepStatus(STEPS[9]!, [])).toBe('neutral');
  });
});
