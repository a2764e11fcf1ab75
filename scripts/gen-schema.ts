/**
 * Writes docs/convention.schema.json, the JSON Schema of the interchange format, from the
 * zod schemas in shared/model (the single source of truth for the shape). The French
 * descriptions below are attached through a registry of our own, so the model stays free of
 * documentation text. Run: `npx tsx scripts/gen-schema.ts`. A unit test fails when the
 * committed file differs from a fresh generation, or when a field has no description.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BlockSchema, ListItemSchema, RunSchema, TableCellSchema } from '../shared/model/blocks';
import {
  AccountingReferenceSchema,
  AnnexSchema,
  ArticleSchema,
  BaseConventionSchema,
  BudgetLineSchema,
  BudgetRowSchema,
  BudgetSchema,
  ConventionSchema,
  PresentationSchema,
  EntitySchema,
  PartySchema,
  RepresentativeSchema,
  SCHEMA_VERSION,
  SignatorySchema,
  VisaSchema,
} from '../shared/model/convention';

/** Where the generated schema lives in the repository. */
export const SCHEMA_PATH = fileURLToPath(new URL('../docs/convention.schema.json', import.meta.url));

/** Every `id` field shares the model's Id schema, hence one description. */
const ID_DESCRIPTION =
  'Identifiant (1 à 100 caractères), unique parmi les éléments de même sorte de la convention. Celui de la convention l’identifie dans Paraphe ; une copie reçoit de nouveaux identifiants.';

type Meta = { id?: string; title?: string; description?: string };
type Shape = Record<string, z.core.$ZodType>;

/** Attaches a description to each field of an object schema, and optionally names it. */
function describeObject(reg: z.core.$ZodRegistry<Meta>, schema: { shape: Shape }, fields: Record<string, string>): void {
  for (const [key, description] of Object.entries(fields)) {
    const field = schema.shape[key];
    if (!field) throw new Error(`gen-schema: no field « ${key} » in the model`);
    // One zod instance may serve several fields (the model's Id): one description for all.
    const existing = reg.get(field)?.description;
    if (existing !== undefined && existing !== description) {
      throw new Error(`gen-schema: « ${key} » shares its schema with another field; describe it once, in ID_DESCRIPTION`);
    }
    reg.add(field, { ...reg.get(field), description });
  }
}

/** The schema inside an optional or defaulted one (the model is written with zod/mini, which has no `.unwrap()`). */
function unwrap<T extends z.core.$ZodType>(schema: { _zod: { def: { innerType: T } } }): T {
  return schema._zod.def.innerType;
}

/** Names a schema (a `$defs` entry) without losing a description given to it as a field. */
function name(reg: z.core.$ZodRegistry<Meta>, schema: z.core.$ZodType, meta: Meta): void {
  reg.add(schema, { ...reg.get(schema), ...meta });
}

function buildRegistry(): z.core.$ZodRegistry<Meta> {
  const reg = z.registry<Meta>();
  const convention = ConventionSchema.shape;
  const avenant = unwrap(convention.avenant);

  // The model uses one Id schema for every id field.
  reg.add(convention.id, { description: ID_DESCRIPTION });
  describeObject(reg, ConventionSchema, {
    schemaVersion: `Version du format d'échange ; ${SCHEMA_VERSION} pour ce schéma (1 reste lu tel quel : la version 2 ne fait qu'ajouter des champs facultatifs).`,
    kind: '« convention » ou « avenant » (un avenant modifie une convention antérieure).',
    avenant: "Pour un avenant : son numéro et la convention qu'il modifie. Absent pour une convention.",
    title: 'Titre complet, imprimé en tête du document, date comprise si on la veut dans le titre.',
    shortTitle: 'Titre court, imprimé en pied de page et affiché dans les listes.',
    place: 'Lieu de signature (« Fait à Paris »).',
    date: 'Date de la convention, au format AAAA-MM-JJ (« 2020-03-26 »).',
    originals: "Nombre d'originaux (« en quatre originaux »), de 1 à 99.",
    parties: 'Les parties, dans leur ordre d’apparition (« D’une part … Et … »).',
    visas: 'Les visas, dans leur ordre (« Vu le décret … »).',
    agreementFormula: 'Formule qui suit les visas ; « Il a été convenu ce qui suit : » par défaut.',
    preamble: 'Le préambule : blocs de texte. Vide s’il n’y a pas de préambule.',
    articles: 'Les articles, dans leur ordre : leur numéro est leur position (1, 2, …), jamais saisi.',
    budget: 'Le budget AE/CP par unité opérationnelle ; les totaux sont calculés, jamais stockés.',
    accounting: 'Les références Chorus, une entrée par UO.',
    signatories: 'Les signataires, dans l’ordre de signature.',
    annexes: 'Les annexes, dans leur ordre : leur numéro est leur position.',
    presentation: 'Mise en forme du document au-delà de son texte ; chaque réglage absent prend sa valeur par défaut.',
  });
  name(reg, PresentationSchema, { id: 'Presentation', title: 'Mise en forme', description: 'Mise en forme du document au-delà de son texte ; chaque réglage absent prend sa valeur par défaut.' });
  describeObject(reg, PresentationSchema, {
    firstArticle: '« 1er » : « Article 1er » (usage juridique français, celui des nouvelles conventions) ; « 1 » ou absent : « Article 1 ».',
    hyphenation: 'Coupure des mots en fin de ligne (règles françaises) ; false par défaut.',
    amountsInWords: 'Montants du budget aussi imprimés en toutes lettres ; false par défaut.',
    blocMarque: "Bloc-marque de l'État en page 1 (Marianne, « RÉPUBLIQUE FRANÇAISE », devise) ; absent : pas de bloc-marque.",
  });
  describeObject(reg, unwrap(PresentationSchema.shape.blocMarque), {
    ministries: 'Les ministères imprimés sous la devise, dans l’ordre (six au plus).',
  });
  describeObject(reg, avenant, {
    number: "Numéro de l'avenant (« avenant n°1 »), entier positif.",
    base: "La convention que l'avenant modifie.",
  });
  name(reg, BaseConventionSchema, { id: 'BaseConvention', title: 'Convention modifiée' });
  describeObject(reg, BaseConventionSchema, {
    conventionId: 'Identifiant de la convention modifiée quand elle est enregistrée dans Paraphe.',
    title: 'Intitulé de la convention modifiée.',
    date: 'Date de la convention modifiée (AAAA-MM-JJ).',
  });

  name(reg, PartySchema, { id: 'Party', title: 'Partie' });
  describeObject(reg, PartySchema, {
    role: '« delegant » (délégant), « delegataire » (délégataire) ou « partie » (toute autre convention).',
    entities: 'Les entités qui forment la partie (ministère, direction…), dans l’ordre.',
    representatives: 'Les représentants de la partie (« Représentée par … »).',
    designations: 'Les dénominations de la partie, dans l’ordre : « le délégataire », « la DINUM ».',
    designationGender: '« f » : « Ci-après dénommée » ; « m » : « Ci-après dénommé ». « f » par défaut.',
    designationLead: 'Mots qui précèdent les dénominations, à la place de « Ci-après dénommée » : « désignés sous le terme de ».',
    opening: 'Imprimé avant la première ligne de la partie : « D’une part, », « D’autre part, ».',
  });
  name(reg, EntitySchema, { id: 'Entity', title: 'Entité' });
  describeObject(reg, EntitySchema, {
    determiner: 'Article imprimé avant le nom : « La », « Le », « L’ », « Les ».',
    name: 'Nom complet, sans article : « Direction générale de la prévention des risques ».',
    acronym: 'Sigle, imprimé entre parenthèses après le nom : « DINUM ».',
    address: 'Adresse postale, sur une ligne.',
    representatives: 'Représentants propres à cette entité, quand chaque entité de la partie est représentée à part (« la DGALN, représentée par … ; la DGPR, représentée par … »).',
  });
  name(reg, RepresentativeSchema, { id: 'Representative', title: 'Représentant' });
  describeObject(reg, RepresentativeSchema, {
    name: 'Prénom et nom ; vide pour un représentant désigné par sa seule fonction (« Le directeur interministériel du numérique »).',
    title: 'Qualité : « Directeur interministériel du numérique ».',
  });

  name(reg, VisaSchema, { id: 'Visa', title: 'Visa' });
  describeObject(reg, VisaSchema, {
    text: 'Texte complet du visa tel qu’imprimé, « Vu … » et ponctuation finale compris.',
  });
  name(reg, ArticleSchema, { id: 'Article', title: 'Article' });
  describeObject(reg, ArticleSchema, {
    title: 'Titre, sans « Article n : » (ajouté à l’impression).',
    body: "Contenu de l'article : blocs de texte.",
  });
  name(reg, AnnexSchema, { id: 'Annex', title: 'Annexe' });
  describeObject(reg, AnnexSchema, {
    title: 'Titre, sans « Annexe n : » (ajouté à l’impression).',
    body: "Contenu de l'annexe : blocs de texte.",
  });

  name(reg, BlockSchema, {
    id: 'Block',
    title: 'Bloc',
    description:
      'Un bloc de texte, selon « kind » : paragraph (paragraphe), heading (intertitre), list (liste à puces, imbricable), table (tableau), budget-table (le tableau budgétaire de la convention, calculé), accounting-references (les références Chorus).',
  });
  const [paragraph, heading, list, table, , accountingBlock] = BlockSchema._zod.def.options;
  describeObject(reg, paragraph, { runs: 'Le texte du paragraphe, en segments de même mise en forme.' });
  describeObject(reg, heading, {
    runs: "Le texte de l'intertitre, en segments.",
    numbered: 'Sous-article numéroté : imprimé « 3.1 », « 3.2 »… après le numéro de l’article.',
  });
  describeObject(reg, list, {
    ordered: 'Liste numérotée si true ; à puces sinon (par défaut).',
    items: 'Les éléments de la liste, dans l’ordre.',
  });
  describeObject(reg, table, {
    header: "Ligne d'en-tête, répétée après un saut de page.",
    rows: 'Les lignes du tableau, chacune une liste de cellules ; toutes de même longueur.',
    widths: 'Largeurs relatives des colonnes (nombres positifs) ; égales si absent.',
  });
  describeObject(reg, accountingBlock, { uos: 'Les UO dont les références sont imprimées ici ; toutes si absent.' });
  name(reg, RunSchema, { id: 'Run', title: 'Segment de texte' });
  describeObject(reg, RunSchema, {
    text: 'Le texte du segment.',
    bold: 'En gras.',
    italic: 'En italique.',
    ref: 'Renvoi à un article ou une annexe (« target » : son identifiant) : imprimé avec son numéro du moment (« l’article 2 ») ; « text » garde la dernière forme imprimée.',
  });
  describeObject(reg, unwrap(RunSchema.shape.ref), { target: 'Identifiant de l’article ou de l’annexe visé.' });
  name(reg, ListItemSchema, { id: 'ListItem', title: 'Élément de liste', description: 'Un élément de liste : ses segments de texte (« runs ») et, dans « children », une sous-liste.' });
  // `unwrap()` of a lazy schema builds a new object each call; the converter walks the one
  // zod cached as `innerType`.
  const listItem = (ListItemSchema as unknown as { _zod: { innerType: { shape: Shape } } })._zod.innerType;
  describeObject(reg, listItem, {
    runs: "Le texte de l'élément, en segments.",
    children: 'Sous-liste placée sous cet élément (retrait).',
  });
  describeObject(reg, TableCellSchema, { paragraphs: 'Les paragraphes de la cellule, chacun une liste de segments.' });
  name(reg, TableCellSchema, { id: 'TableCell', title: 'Cellule', description: 'Une cellule de tableau : ses paragraphes, chacun une liste de segments.' });

  name(reg, BudgetSchema, { id: 'Budget', title: 'Budget' });
  describeObject(reg, BudgetSchema, {
    currency: 'Devise : « EUR » (seule valeur admise, par défaut).',
    rows: 'Une ligne par unité opérationnelle (UO).',
    years: 'Budget pluriannuel : les années, dans l’ordre ; chaque montant porte alors son année. Absent : budget d’un seul tenant.',
    layout: '« columns » (par défaut si absent) : colonnes AE et CP par année ; « tables » : un tableau par année.',
  });
  name(reg, BudgetRowSchema, { id: 'BudgetRow', title: 'Ligne budgétaire (UO)' });
  describeObject(reg, BudgetRowSchema, {
    uo: 'Code Chorus de l’unité opérationnelle : « 0113-PEBC-ELAB ».',
    ae: "Les montants en autorisations d'engagement (AE).",
    cp: 'Les montants en crédits de paiement (CP).',
  });
  name(reg, BudgetLineSchema, { id: 'BudgetLine', title: 'Montant' });
  describeObject(reg, BudgetLineSchema, {
    year: 'Année du montant, dans un budget pluriannuel (une des « years » du budget).',
    amountCents: 'Montant en centimes d’euro, entier (140 000 EUR = 14000000) : jamais de nombre à virgule.',
    note: 'Mention imprimée après le montant : « (à rétablir) ».',
    label: 'Objet du montant : « au titre du financement DGALN 2020 ».',
  });

  name(reg, AccountingReferenceSchema, { id: 'AccountingReference', title: 'Références Chorus' });
  const chorus = (label: string) => `« ${label} » ; chaîne vide : la ligne est imprimée sans valeur ; absent : la ligne n’est pas imprimée.`;
  describeObject(reg, AccountingReferenceSchema, {
    uo: 'Code de l’UO à laquelle ces références se rapportent ; doit figurer dans le budget.',
    axeMinisteriel: chorus('Axe ministériel 1'),
    domaineFonctionnel: chorus('Domaine fonctionnel'),
    sousAction: chorus('Sous-action'),
    centreFinancier: chorus('Centre financier'),
    activite: chorus('Activité(s)'),
    centreCout: chorus('Centre de coût'),
    extra: 'Autres couples libellé / valeur propres au ministère, imprimés à la suite.',
  });

  const extra = unwrap(AccountingReferenceSchema.shape.extra)._zod.def.element;
  describeObject(reg, extra, { label: 'Libellé imprimé : « Axe ministériel 2 ».', value: 'Valeur imprimée en face du libellé.' });
  name(reg, SignatorySchema, { id: 'Signatory', title: 'Signataire' });
  describeObject(reg, SignatorySchema, {
    partyId: 'Identifiant de la partie pour laquelle il signe (« parties[].id »).',
    name: 'Prénom et NOM, tels qu’imprimés sous la signature.',
    title: 'Qualité du signataire.',
    mention: 'Ligne au-dessus du cadre de signature (« Le délégant, ») ; déduite du rôle de la partie si absente.',
  });
  return reg;
}

/** The JSON Schema (draft 2020-12) of a convention as Paraphe reads it. */
export function conventionJsonSchema(): Record<string, unknown> {
  // `input`: what a file may contain (fields with a default may be left out).
  const generated = z.toJSONSchema(ConventionSchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'throw',
    metadata: buildRegistry(),
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: `https://paraphe.local/schemas/convention-v${SCHEMA_VERSION}.schema.json`,
    title: 'Convention Paraphe',
    description: `Format d'échange d'une convention Paraphe (schemaVersion ${SCHEMA_VERSION}). Voir docs/format.md. Généré depuis shared/model par scripts/gen-schema.ts : ne pas modifier à la main.`,
    ...rest,
  };
}

/** The file's exact text: two-space indent, final newline. */
export function conventionJsonSchemaText(): string {
  return `${JSON.stringify(conventionJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, conventionJsonSchemaText());
  process.stdout.write(`Schéma écrit : ${SCHEMA_PATH}\n`);
}
