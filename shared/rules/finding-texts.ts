import type { Finding } from '../model/migrate';

/**
 * What each finding says, by its stable code, in French and in English. The validator and the
 * format check build a finding's `message` from the French table, so code and French text cannot
 * drift; the English interface shows the English table. Params are what the sentence quotes:
 * numbers as the user counts them (article 1 is the first), UO codes, and amounts already in
 * French form (« 120 000 EUR »), as the document prints them in either interface.
 */
const FR = {
  // General information
  'title.missing': () => 'Donnez un titre à la convention.',
  'short-title.missing': () => 'Donnez un titre court : il figure en pied de page.',
  'place.missing': () => 'Indiquez le lieu de signature (« Fait à … »).',
  'date.invalid': () => "Cette date n'existe pas : choisissez une date valide.",
  'avenant.missing': () => "Un avenant doit indiquer son numéro et la convention qu'il modifie.",
  'avenant.base-title.missing': () => "Indiquez l'intitulé de la convention que cet avenant modifie.",

  // Parties
  'parties.too-few': () => 'Une convention lie au moins deux parties : ajoutez la partie manquante.',
  'party.duplicate-id': () => 'Deux parties portent le même identifiant : supprimez le doublon.',
  'party.entities.missing': () => 'Indiquez au moins une entité (ministère, direction…) pour cette partie.',
  'entity.name.missing': () => "Donnez le nom de l'entité ou supprimez-la.",
  'party.representatives.missing': () => 'Indiquez qui représente cette partie (nom et qualité).',
  'representative.name.missing': () => 'Indiquez le nom du représentant, ou sa seule qualité s\'il est désigné par sa fonction.',
  'representative.title.missing': () => 'Indiquez la qualité du représentant (ex. « Directeur général »).',
  'party.designation.missing': () => 'Ajoutez la dénomination de la partie (« ci-après dénommée … »).',
  'parties.role-repeated': (p: { role: 'delegant' | 'delegataire' }) =>
    `Plusieurs parties ont le rôle « ${p.role === 'delegant' ? 'délégant' : 'délégataire'} » : regroupez-les en une partie aux entités multiples.`,
  'party.signatory.missing': () => "Aucun signataire pour cette partie : ajoutez-en un à l'étape Signataires.",

  // Visas, articles, annexes and their blocks
  'visas.none': () => 'Aucun visa : ajoutez les textes de référence (« Vu le décret … »).',
  'visa.empty': () => 'Ce visa est vide : complétez-le ou supprimez-le.',
  'presentation.bloc-marque.no-ministry': () =>
    'Le bloc-marque est demandé sans aucun ministère : ajoutez le ministère de chaque partie sous la devise (étape Parties), ou retirez le bloc-marque.',
  'visa.word.doubled': (p: { n: number; words: string }) => `Le visa ${p.n} répète « ${p.words} » à son début : supprimez le mot en double.`,
  'articles.none': () => 'Ajoutez au moins un article.',
  // `label`: the number as printed (« 1er » when the convention says so); English keeps `n`.
  'article.title.missing': (p: { n: number; label?: string }) => `Donnez un titre à l'article ${p.label ?? p.n}.`,
  'article.body.empty': (p: { n: number; label?: string }) => `L'article ${p.label ?? p.n} n'a pas de contenu.`,
  'annex.title.missing': (p: { n: number }) => `Donnez un titre à l'annexe ${p.n}.`,
  'list.empty': () => 'Cette liste est vide : ajoutez un élément ou supprimez-la.',
  'list.too-deep': () => 'Liste imbriquée sur plus de quatre niveaux : simplifiez-la.',
  'table.row.cells': (p: { cells: number; columns: number }) =>
    `Cette ligne du tableau a ${p.cells} cellule(s) au lieu de ${p.columns} : complétez-la.`,
  'table.widths.mismatch': () => 'Le nombre de largeurs de colonnes ne correspond pas au tableau.',
  /** `text` is what the reference printed last (« annexe 3 »). */
  'reference.target.missing': (p: { text: string }) =>
    `Le renvoi « ${p.text} » vise un article ou une annexe supprimé : choisissez sa nouvelle cible ou remplacez-le par du texte.`,

  // Budget
  'budget.uo.missing': () => "Indiquez le code de l'unité opérationnelle (ex. « 0113-PEBC-ELAB »).",
  'budget.uo.duplicate': (p: { uo: string }) => `L'UO ${p.uo} figure deux fois : fusionnez les deux lignes.`,
  'budget.uo.not-chorus': (p: { uo: string }) =>
    `Le code « ${p.uo} » ne ressemble pas à un code d'UO Chorus (ex. « 0113-PEBC-ELAB ») : vérifiez-le.`,
  /** `uo` is the row's number when its code is blank. */
  'budget.row.no-amount': (p: { uo: string }) => `L'UO ${p.uo} n'a aucun montant : ajoutez une ligne en AE ou en CP.`,
  'budget.amount.not-positive': (p: { column: 'AE' | 'CP'; line: number }) =>
    `Le montant doit être positif (${p.column}, ligne ${p.line}) : saisissez un montant supérieur à zéro.`,
  'budget.line.label.missing': () => "Précisez l'objet de cette ligne (« au titre de … »).",
  'budget.amount.above-billion': (p: { amount: string; column: 'AE' | 'CP'; uo: string }) =>
    `Le montant de ${p.amount} (${p.column}, UO ${p.uo}) dépasse un milliard d'euros : vérifiez qu'aucun chiffre n'a été tapé en trop.`,
  'budget.cp-above-ae': (p: { cp: string; ae: string; uo: string }) =>
    `Les CP (${p.cp}) dépassent les AE (${p.ae}) pour l'UO ${p.uo} : vérifiez l'échéancier.`,
  'budget.table.not-shown': () => "Le tableau budgétaire n'apparaît dans aucun article : insérez-le là où le texte le présente.",
  'budget.table.without-rows': () => "Un article affiche le tableau budgétaire, mais aucune UO n'est saisie.",
  'budget.year.duplicate': (p: { year: number }) => `L'année ${p.year} figure deux fois dans les années du budget : supprimez le doublon.`,
  'budget.years.order': (p: { year: number; before: number }) =>
    `L'année ${p.year} vient après ${p.before} : rangez les années du budget dans l'ordre chronologique.`,
  'budget.line.year.missing': (p: { uo: string; column: 'AE' | 'CP'; line: number }) =>
    `Le budget est pluriannuel : indiquez l'année de ce montant (UO ${p.uo}, ${p.column}, ligne ${p.line}).`,
  'budget.line.year.unknown': (p: { year: number; years: string; uo: string; column: 'AE' | 'CP'; line: number }) =>
    `L'année ${p.year} de ce montant (UO ${p.uo}, ${p.column}, ligne ${p.line}) n'est pas une année du budget (${p.years}) : choisissez-en une ou ajoutez-la.`,
  'budget.line.year.unexpected': (p: { year: number; uo: string; column: 'AE' | 'CP'; line: number }) =>
    `Ce montant porte l'année ${p.year} (UO ${p.uo}, ${p.column}, ligne ${p.line}), mais le budget n'a qu'une année : ajoutez les années du budget ou retirez celle-ci.`,

  // Chorus references
  'accounting.uo.missing': () => "Indiquez le code de l'UO de ces références Chorus (ex. « 0113-PEBC-ELAB »).",
  'accounting.uo.duplicate': (p: { uo: string }) => `Les références Chorus de l'UO ${p.uo} sont saisies deux fois.`,
  'accounting.uo.not-in-budget': (p: { uo: string }) => `L'UO ${p.uo} n'apparaît pas dans le budget : vérifiez le code.`,
  'budget.uo.no-accounting': (p: { uo: string }) => `Ajoutez les références Chorus de l'UO ${p.uo}.`,

  // Signatories
  'signatories.none': () => 'Ajoutez au moins un signataire par partie.',
  'signatory.party.missing': (p: { n: number }) => `Le signataire ${p.n} n'est rattaché à aucune partie : choisissez sa partie.`,
  'signatory.name.missing': (p: { n: number }) => `Indiquez le nom du signataire ${p.n}.`,
  'signatory.title.missing': (p: { n: number }) => `Indiquez la qualité du signataire ${p.n}.`,
  'signature.after-made-date': (p: { signed: string; made: string }) =>
    `Vous signez le ${p.signed}, après la date imprimée « Fait … le ${p.made} » : vérifiez cette date avec les autres signataires avant de signer.`,

  // Identifiers (invisible, but a JSON edited by hand can repeat one)
  'id.duplicate': () =>
    "Cet élément porte le même identifiant qu'un autre (fichier modifié à la main ?) : supprimez le doublon, ou recréez l'élément dans Paraphe.",

  // Characters the PDF's font (Marianne) cannot print: the renderer would print « ? ».
  'text.glyph.missing': (p: { char: string; code: string; name?: string; where: string; whereEn: string }) =>
    `Le caractère « ${p.char} » (${p.code}${p.name ? ` ${p.name}` : ''}, ${p.where}) n'existe pas dans la police du PDF : il serait imprimé « ? ». Remplacez-le ou supprimez-le.`,

  // The format (zod) check of an imported or stored JSON: zod's own words, in both languages.
  'format.missing': () => 'Champ obligatoire manquant : corrigez ou complétez ce champ.',
  'format.invalid': (p: { detail: string; detailEn: string }) => `${p.detail} : corrigez ou complétez ce champ.`,
} as const satisfies Record<string, (p: never) => string>;

/** Every finding's code. */
export type FindingCode = keyof typeof FR;

/** The arguments of a code's text: none, or its params object. */
export type FindingArgs<C extends FindingCode> = Parameters<(typeof FR)[C]>;

type Texts = { readonly [C in FindingCode]: (...args: FindingArgs<C>) => string };

/** The findings' French texts: the `message` of every finding is one of these. */
export const fr: Texts = FR;

/** The findings' English texts, for the English interface (the document itself stays French). */
export const en: Texts = {
  'title.missing': () => 'Give the agreement a title.',
  'short-title.missing': () => 'Give a short title: it is printed in the page footer.',
  'place.missing': () => 'Enter the place of signature (the “Done at …” line).',
  'date.invalid': () => 'This date does not exist: choose a valid date.',
  'avenant.missing': () => 'An amendment must state its number and the agreement it amends.',
  'avenant.base-title.missing': () => 'Enter the title of the agreement this amendment amends.',

  'parties.too-few': () => 'An agreement binds at least two parties: add the missing party.',
  'party.duplicate-id': () => 'Two parties have the same identifier: delete the duplicate.',
  'party.entities.missing': () => 'Enter at least one entity (ministry, directorate…) for this party.',
  'entity.name.missing': () => 'Enter the name of the entity, or remove it.',
  'party.representatives.missing': () => 'Enter who represents this party (name and title).',
  'representative.name.missing': () => 'Enter the name of the representative, or only their title if they are known by function.',
  'representative.title.missing': () => 'Enter the title of the representative (e.g. “Director General”).',
  'party.designation.missing': () => 'Add the designation of the party (the name the text uses for it after “hereinafter referred to as”).',
  'parties.role-repeated': (p) =>
    `Several parties have the role “${p.role === 'delegant' ? 'delegator' : 'delegate'}”: merge them into one party with several entities.`,
  'party.signatory.missing': () => 'No signatory for this party: add one in the Signatories step.',

  'visas.none': () => 'No recital: add the legal texts the agreement refers to (“Having regard to decree …”).',
  'visa.empty': () => 'This recital is empty: complete it or delete it.',
  'presentation.bloc-marque.no-ministry': () => 'The State brand block is asked for with no ministry: add each party’s ministry under the motto (Parties step), or remove the brand block.',
  'visa.word.doubled': (p) => `Recital ${p.n} repeats “${p.words}” at its start: delete the repeated word.`,
  'articles.none': () => 'Add at least one article.',
  'article.title.missing': (p) => `Give article ${p.n} a title.`,
  'article.body.empty': (p) => `Article ${p.n} has no content.`,
  'annex.title.missing': (p) => `Give annex ${p.n} a title.`,
  'list.empty': () => 'This list is empty: add an item or delete it.',
  'list.too-deep': () => 'List nested more than four levels deep: simplify it.',
  'table.row.cells': (p) => `This table row has ${p.cells} ${p.cells === 1 ? 'cell' : 'cells'} instead of ${p.columns}: complete it.`,
  'table.widths.mismatch': () => 'The number of column widths does not match the table.',
  // The stored text is French (« annexe 3 »): not quoted in an English sentence.
  'reference.target.missing': () =>
    'A cross-reference here points to a deleted article or annex: choose its new target or replace it with text.',

  'budget.uo.missing': () => 'Enter the code of the operational unit (UO), e.g. “0113-PEBC-ELAB”.',
  'budget.uo.duplicate': (p) => `UO ${p.uo} appears twice: merge the two rows.`,
  'budget.uo.not-chorus': (p) => `The code “${p.uo}” does not look like a Chorus UO code (e.g. “0113-PEBC-ELAB”): check it.`,
  'budget.row.no-amount': (p) => `UO ${p.uo} has no amount: add an AE or a CP line.`,
  'budget.amount.not-positive': (p) => `The amount must be positive (${p.column}, line ${p.line}): enter an amount above zero.`,
  'budget.line.label.missing': () => 'Say what this line is for (the “in respect of …” wording).',
  'budget.amount.above-billion': (p) => `The amount of ${p.amount} (${p.column}, UO ${p.uo}) is above one billion euros: check that no digit was typed twice.`,
  'budget.cp-above-ae': (p) => `CP (${p.cp}) exceed AE (${p.ae}) for UO ${p.uo}: check the payment schedule.`,
  'budget.table.not-shown': () => 'No article shows the budget table: insert it where the text introduces it.',
  'budget.table.without-rows': () => 'An article shows the budget table, but no UO has been entered.',
  'budget.year.duplicate': (p) => `The year ${p.year} is listed twice in the budget's years: delete the duplicate.`,
  'budget.years.order': (p) => `The year ${p.year} comes after ${p.before}: put the budget's years in chronological order.`,
  'budget.line.year.missing': (p) => `The budget spans several years: give this amount its year (UO ${p.uo}, ${p.column}, line ${p.line}).`,
  'budget.line.year.unknown': (p) =>
    `The year ${p.year} of this amount (UO ${p.uo}, ${p.column}, line ${p.line}) is not one of the budget's years (${p.years}): choose one of them or add it.`,
  'budget.line.year.unexpected': (p) =>
    `This amount carries the year ${p.year} (UO ${p.uo}, ${p.column}, line ${p.line}), but the budget has a single year: add the budget's years or remove this one.`,

  'accounting.uo.missing': () => 'Enter the UO code of these Chorus references (e.g. “0113-PEBC-ELAB”).',
  'accounting.uo.duplicate': (p) => `The Chorus references of UO ${p.uo} are entered twice.`,
  'accounting.uo.not-in-budget': (p) => `UO ${p.uo} is not in the budget: check the code.`,
  'budget.uo.no-accounting': (p) => `Add the Chorus references of UO ${p.uo}.`,

  'signatories.none': () => 'Add at least one signatory per party.',
  'signatory.party.missing': (p) => `Signatory ${p.n} belongs to no party: choose their party.`,
  'signatory.name.missing': (p) => `Enter the name of signatory ${p.n}.`,
  'signatory.title.missing': (p) => `Enter the title of signatory ${p.n}.`,
  'signature.after-made-date': (p) => `You are signing on ${p.signed}, after the date the document says it was made (${p.made}): check this date with the other signatories before signing.`,

  'id.duplicate': () =>
    'This item has the same identifier as another one (file edited by hand?): delete the duplicate, or create the item again in Paraphe.',

  'text.glyph.missing': (p) =>
    `The character “${p.char}” (${p.code}${p.name ? ` ${p.name}` : ''}, ${p.whereEn}) is not in the PDF font: it would print as “?”. Replace or remove it.`,

  'format.missing': () => 'Required field missing: correct or complete this field.',
  'format.invalid': (p) => `${p.detailEn}: correct or complete this field.`,
};

/** A finding with its code and params, its French `message` written from the French table. */
export function coded<C extends FindingCode>(severity: Finding['severity'], path: string, code: C, ...args: FindingArgs<C>): Finding {
  const text = fr[code] as (...a: FindingArgs<C>) => string;
  const params = args[0] as Finding['params'];
  return { severity, path, message: text(...args), code, ...(params ? { params } : {}) };
}

/** The languages a finding can be shown in. */
export type FindingLang = 'fr' | 'en';

/**
 * A finding's text in the interface language, and the language it is really in: a finding
 * without a known code (or without the params its sentence needs, e.g. from an older build)
 * keeps its French message, so the caller can mark it lang="fr".
 */
export function findingText(f: Finding, lang: FindingLang): { readonly text: string; readonly lang: FindingLang } {
  if (lang === 'en' && f.code && Object.hasOwn(en, f.code)) {
    const text = en[f.code] as (p?: Finding['params']) => string;
    if (text.length === 0 || f.params) return { text: text(f.params), lang: 'en' };
  }
  return { text: f.message, lang: 'fr' };
}
