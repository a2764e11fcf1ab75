import { UserError } from '../errors';
import type { Convention } from '../model/convention';
import { buildDelegationDeGestion, DELEGATION_ID } from './delegation-de-gestion';
import { buildCamino2020, CAMINO_ID } from './exemple-camino-2020';
import { withFreshIds } from './instantiate';

export { createAvenant, baseReference } from './avenant';
export { withFreshIds } from './instantiate';

/** What `paraphe template list` and the home screen show of a template. */
export interface TemplateInfo {
  readonly id: string;
  /** French. */
  readonly title: string;
  /** French, one sentence. */
  readonly description: string;
}

/** A template: its stable id and a builder of the convention with deterministic ids. */
export interface TemplateDef extends TemplateInfo {
  build(): Convention;
}

const TEMPLATES: readonly TemplateDef[] = [
  {
    id: DELEGATION_ID,
    title: 'Convention de délégation de gestion (modèle vierge)',
    description: "La structure d'une délégation de gestion entre services de l'État : deux parties, les visas des décrets de 2004 et 2012, les articles 1 à 8, le tableau AE/CP et les références Chorus, à compléter.",
    build: buildDelegationDeGestion,
  },
  {
    id: CAMINO_ID,
    title: 'Exemple : délégation de gestion Camino (MTES-MCTRCT / DINUM, 26 mars 2020)',
    description: 'Une convention réelle complète, à titre d’exemple : parties, visas, préambule, articles 1 à 8, budget AE/CP de 220 000 EUR et 100 000 EUR, références Chorus, annexes et trois signataires.',
    build: buildCamino2020,
  },
];

/** Every template, in display order. */
export function listTemplates(): TemplateInfo[] {
  return TEMPLATES.map(({ id, title, description }) => ({ id, title, description }));
}

/** A template by its id, or undefined. */
export function getTemplate(id: string): TemplateDef | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** A fresh convention from a template: new ids everywhere, optionally a new date. */
export function instantiateTemplate(id: string, opts: { newId: () => string; date?: string }): Convention {
  const template = getTemplate(id);
  if (!template) {
    throw new UserError('unknown-template', `Modèle inconnu « ${id} ». Modèles disponibles : ${TEMPLATES.map((t) => t.id).join(', ')}.`);
  }
  const c = withFreshIds(template.build(), opts.newId);
  if (opts.date !== undefined) c.date = opts.date;
  return c;
}
