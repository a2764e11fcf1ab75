import { UserError } from '../errors';
import type { Convention } from '../model/convention';
import { withFreshIds } from './instantiate';

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

const TEMPLATES: readonly TemplateDef[] = [];

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
