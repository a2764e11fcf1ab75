import type { Run } from '../model/blocks';
import { SCHEMA_VERSION, type Article, type Convention } from '../model/convention';
import { accountingReferences, budgetTable, p, ul } from './blocks';

/** Stable id of the blank délégation de gestion template. */
export const DELEGATION_ID = 'delegation-de-gestion';

/** The visas every délégation de gestion between State services cites. */
export const STANDARD_VISAS: readonly string[] = [
  "Vu le décret n°2004-1085 du 14 octobre 2004 modifié relatif à la délégation de gestion dans les services de l'État,",
  'Vu le décret n°2012-1246 du 7 novembre 2012 modifié relatif à la gestion budgétaire et comptable publique,',
];

/**
 * The seed's structure with its specifics left blank: two parties to fill in, the standard
 * visas, articles 1 to 8 with the text that does not depend on the project, an empty budget
 * shown in article 2, the Chorus references in article 5, one signatory per party. Left blank,
 * its names make the validator list exactly what remains to fill in.
 */
export function buildDelegationDeGestion(): Convention {
  const id = DELEGATION_ID;
  const delegant = `${id}/party/delegant`;
  const delegataire = `${id}/party/delegataire`;
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    kind: 'convention',
    title: 'Convention de délégation de gestion',
    shortTitle: 'Délégation de gestion',
    place: 'Paris',
    date: '2026-01-01',
    originals: 2,
    parties: [
      { id: delegant, role: 'delegant', entities: [{ name: '' }], representatives: [{ name: '', title: '' }], designations: ['le délégant'], designationGender: 'f' },
      { id: delegataire, role: 'delegataire', entities: [{ name: '' }], representatives: [{ name: '', title: '' }], designations: ['le délégataire'], designationGender: 'f' },
    ],
    visas: STANDARD_VISAS.map((text, n) => ({ id: `${id}/visa/${n + 1}`, text })),
    agreementFormula: 'Il a été convenu ce qui suit :',
    preamble: [],
    articles: standardArticles(id),
    budget: { currency: 'EUR', rows: [] },
    accounting: [],
    signatories: [
      { id: `${id}/signatory/1`, partyId: delegant, name: '', title: '' },
      { id: `${id}/signatory/2`, partyId: delegataire, name: '', title: '' },
    ],
    annexes: [],
    // French legal usage for a new convention: « Article 1er ».
    presentation: { firstArticle: '1er' },
  };
}

function standardArticles(id: string): Article[] {
  const article = (n: number, title: string, body: Article['body']): Article => ({ id: `${id}/article/${n}`, title, body });
  // « l'article 2 » that presents the budget: a reference, renumbered if the article moves.
  const budgetArticle = (): Run => ({ text: 'article 2', ref: { target: `${id}/article/2` } });
  return [
    article(1, 'Objet de la délégation', [
      p('La présente convention a pour objet de définir la répartition des responsabilités et les modalités de participation financière du délégant et du délégataire.'),
      p("Conformément à l'article 2 du décret n°2004-1085 du 14 octobre 2004 visé en référence, la présente convention précise les obligations respectives des parties et les modalités d'exécution financière de l'action."),
      p("Pour assurer ses missions, le délégant autorise le délégataire à consommer des crédits hors titre 2 rattachés aux unités opérationnelles (UO) indiquées à l'", budgetArticle(), ', dont le responsable est le délégant.'),
      p('Elle précise également le montant alloué au projet et les imputations budgétaires et analytiques à renseigner dans CHORUS.'),
    ]),
    article(2, 'Obligations du délégant', [
      p("Le délégant s'engage à fournir, en temps utile et notamment en fin de gestion, tous les éléments de prévision et de suivi budgétaire demandés par le délégataire."),
      p('Dès la signature de la présente convention, le délégant :'),
      ul(
        "procède aux demandes de paramétrage d'habilitations de CHORUS auprès de l'agence pour l'informatique financière de l'État ;",
        "met à disposition les montants maximum suivants progressivement en autorisation d'engagement et crédits de paiement selon l'échéancier prévisionnel et indicatif suivant et sur demande du délégataire :",
      ),
      budgetTable(),
    ]),
    article(3, 'Obligations du délégataire', [
      p("Le délégataire assure les actes de gestion permettant de consommer les AE et les CP, hors titre 2, des UO indiquées à l'", budgetArticle(), ' dans le respect des règles budgétaires et comptables.'),
      p("Le délégataire est chargé, dans le respect des règles de la commande publique en vigueur, de la passation, de la signature et de l'exécution des marchés et conventions qui s'avèrent nécessaires à la réalisation du projet."),
      p("Il s'engage à renseigner dans le système d'information Chorus les imputations budgétaires indiquées dans le tableau récapitulatif de l'", budgetArticle(), '.'),
    ]),
    // What the work is and how it runs is specific to each project: left for the author.
    article(4, 'Déroulement des travaux', []),
    article(5, 'Exécution financière de la délégation', [
      p("Le délégataire est chargé, en sa qualité de pouvoir adjudicateur, de la passation, de la signature et de l'exécution des actes juridiques (marchés publics, accords-cadres, conventions, etc.) nécessaires à la réalisation de l'objet de la présente convention."),
      p("Le délégant fournit en temps utile tous les éléments d'information dont le délégataire a besoin pour l'exercice de sa délégation, notamment les références d'imputation de la dépense et tout élément relatif à la certification du service fait."),
      accountingReferences(),
      p("Le délégataire est chargé de retranscrire les opérations de dépenses dans le système d'information financier de l'État CHORUS."),
      p("Le délégataire s'engage à rendre compte au délégant, au terme de la convention, des dépenses réalisées et de l'avancement des travaux."),
      p("La somme des crédits engagés par le délégataire ne pourra dépasser la limite du montant alloué par le délégant. En cas d'insuffisance des crédits, le délégataire informe le délégant sans délai. A défaut d'ajustement de la dotation, le délégataire suspend l'exécution de la délégation. Dans l'hypothèse où les crédits mis à disposition par le délégant ne seraient pas entièrement consommés par le délégataire, celui-ci s'engage à en informer le délégant dans les meilleurs délais."),
    ]),
    article(6, 'Modification du document', [
      p("Toute modification des conditions ou modalités d'exécution de la présente délégation, définie d'un commun accord entre les parties, fait l'objet d'un avenant dont un exemplaire est transmis au contrôleur budgétaire et comptable ministériel de chacune des parties."),
    ]),
    article(7, 'Durée et résiliation de la convention', [
      p('La présente convention prend effet à la date de sa publication.'),
      p("Conformément à l'article 5 du décret n°2004-1085 du 14 octobre 2004 visé en référence, il peut être mis fin à tout moment à la délégation de gestion par l'une des parties, sous réserve du respect d'un préavis de trois mois."),
    ]),
    article(8, 'Publication de la délégation', [
      p("La présente convention sera publiée selon les modalités propres de chaque département ministériel concerné, conformément à l'article 2 du décret n°2004-1085 du 14 octobre 2004."),
    ]),
  ];
}
