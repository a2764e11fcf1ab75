import type { Lang } from './messages';
import { useI18n } from './I18nProvider';

/*
 * The words of the parties' fields that real conventions need (issue 13: entity articles,
 * entities represented apart, function-only representatives, designation leads, openings) and
 * of the bloc-marque section. French first; English has the same keys.
 */

const fr = {
  determiner: (n: number) => `Article devant le nom de l’entité ${n}`,
  determinerNone: 'Aucun',
  determinerHint: 'Imprimé comme dans l’original : « La Direction… », « L’Agence… ».',
  representativeNameHint: 'Laissez vide pour un représentant désigné par sa seule fonction.',
  qualityHintFunction: 'ex. « Directeur général » ; seule, « le directeur interministériel du numérique »',
  entityRepresentatives: (entity: number) => `Représentants propres de l’entité ${entity}`,
  entityRepresentativesHint: 'Quand chaque entité de la partie est représentée à part : « la DGALN, représentée par … ; la DGPR, représentée par … ».',
  entityRepresentativeName: (entity: number, n: number) => `Nom du représentant ${n} de l’entité ${entity}`,
  entityRepresentativeTitle: (entity: number, n: number) => `Qualité du représentant ${n} de l’entité ${entity}`,
  addEntityRepresentative: (entity: number, party: number) => `Ajouter un représentant propre à l’entité ${entity} de la partie ${party}`,
  removeEntityRepresentative: (entity: number, n: number) => `Retirer le représentant ${n} de l’entité ${entity}`,
  opening: (party: number) => `Formule d’ouverture de la partie ${party}`,
  openingHint: 'Facultatif, imprimée avant la partie : « D’une part, », « D’autre part, ».',
  designationLead: (party: number) => `Formule de dénomination de la partie ${party}`,
  designationLeadHint: 'Facultatif, remplace « Ci-après dénommée » : « désignés sous le terme de ».',
  blocMarque: 'Bloc-marque de l’État',
  blocMarqueToggle: 'Imprimer le bloc-marque en page 1',
  blocMarqueHint: 'La Marianne, « République française », la devise et les ministères ci-dessous, comme la charte de la marque de l’État le prévoit. Réservé aux administrations de l’État.',
  ministry: (n: number) => `Ministère ${n}`,
  ministryHint: 'ex. « Ministère de la Transition écologique »',
  addMinistry: 'Ajouter un ministère',
  removeMinistry: (n: number) => `Retirer le ministère ${n}`,
  ministriesMax: 'Six ministères au plus.',
  mentionExamples: 'Ou par exemple « Pour le délégant, », « Pour le ministre et par délégation, ». La qualité s’imprime dessous, le nom sous le cadre.',
};

export type PartiesMessages = { readonly [K in keyof typeof fr]: (typeof fr)[K] };

const en: PartiesMessages = {
  determiner: (n) => `Article before the name of entity ${n}`,
  determinerNone: 'None',
  determinerHint: 'Printed as in the original: “La Direction…”, “L’Agence…”.',
  representativeNameHint: 'Leave empty for a representative known by function only.',
  qualityHintFunction: 'in French, e.g. “Directeur général”; alone, “le directeur interministériel du numérique”',
  entityRepresentatives: (entity) => `Representatives of entity ${entity} itself`,
  entityRepresentativesHint: 'When each entity of the party is represented apart: “la DGALN, représentée par … ; la DGPR, représentée par …”.',
  entityRepresentativeName: (entity, n) => `Name of representative ${n} of entity ${entity}`,
  entityRepresentativeTitle: (entity, n) => `Position of representative ${n} of entity ${entity}`,
  addEntityRepresentative: (entity, party) => `Add a representative of entity ${entity} of party ${party} itself`,
  removeEntityRepresentative: (entity, n) => `Remove representative ${n} of entity ${entity}`,
  opening: (party) => `Opening words of party ${party}`,
  openingHint: 'Optional, in French, printed before the party: “D’une part,”, “D’autre part,”.',
  designationLead: (party) => `Designation wording of party ${party}`,
  designationLeadHint: 'Optional, in French, replaces “Ci-après dénommée”: “désignés sous le terme de”.',
  blocMarque: 'State brand block',
  blocMarqueToggle: 'Print the State brand block on page 1',
  blocMarqueHint: 'The Marianne, “République française”, the motto and the ministries below, as the State brand charter sets it. For State administrations only.',
  ministry: (n) => `Ministry ${n}`,
  ministryHint: 'in French, e.g. “Ministère de la Transition écologique”',
  addMinistry: 'Add a ministry',
  removeMinistry: (n) => `Remove ministry ${n}`,
  ministriesMax: 'Six ministries at most.',
  mentionExamples: 'Or, in French, e.g. “Pour le délégant,”, “Pour le ministre et par délégation,”. The position is printed under it, the name under the box.',
};

/** The parties' extra words in the interface language. */
export const partiesMessages: Record<Lang, PartiesMessages> = { fr, en };

/** The parties' extra words in the interface language. */
export function usePartiesText(): PartiesMessages {
  return partiesMessages[useI18n().lang];
}
