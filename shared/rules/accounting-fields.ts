import type { AccountingReference } from '../model/convention';

/**
 * The Chorus references of a UO as the document prints them, in order: the PDF's table and the
 * Word export's use this one list, so that both read as the seed does.
 */
export const ACCOUNTING_FIELDS: ReadonlyArray<readonly [keyof AccountingReference, string]> = [
  ['axeMinisteriel', 'Axe ministériel 1'],
  ['domaineFonctionnel', 'Domaine fonctionnel :'],
  ['sousAction', 'Sous-action :'],
  ['centreFinancier', 'Centre financier :'],
  ['activite', 'Activité(s) :'],
  ['centreCout', 'Centre de coût :'],
];
