import { z } from 'zod/mini';
import { BlockSchema } from './blocks';
import { MAX_NAME, MAX_SENTENCE, MAX_SHORT, MAX_TITLE, MAX_VISA } from './limits';

/** The version of the interchange format written by this code; see shared/model/migrate.ts. */
export const SCHEMA_VERSION = 2 as const;

const Id = z.string().check(z.minLength(1), z.maxLength(100));
/** A calendar date, ISO form: « 2020-03-26 ». */
export const IsoDateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'date au format AAAA-MM-JJ'));

/**
 * A person who signs for an entity or a party. Known by function only when `name` is empty
 * (« Le directeur interministériel du numérique »): `title` is then printed alone.
 */
export const RepresentativeSchema = z.object({ name: z._default(z.string().check(z.maxLength(MAX_NAME)), ''), title: z.string().check(z.maxLength(MAX_TITLE)) });
export type Representative = z.infer<typeof RepresentativeSchema>;

export const EntitySchema = z.object({
  /** The article printed before the name, as the original reads: « La », « Le », « L' », « Les ». */
  determiner: z.optional(z.string().check(z.maxLength(MAX_SHORT))),
  name: z.string().check(z.maxLength(MAX_TITLE)),
  acronym: z.optional(z.string().check(z.maxLength(MAX_SHORT))),
  address: z.optional(z.string().check(z.maxLength(MAX_SENTENCE))),
  /**
   * This entity's own representatives, in a party of several entities each represented apart
   * (« la DGALN, représentée par … ; la DGPR, représentée par … »). The party's
   * `representatives` speak for the whole party.
   */
  representatives: z.optional(z.array(RepresentativeSchema)),
});
export type Entity = z.infer<typeof EntitySchema>;

/** délégant / délégataire for a délégation de gestion; `partie` for any other agreement. */
export const PartyRoleSchema = z.enum(['delegant', 'delegataire', 'partie']);
export type PartyRole = z.infer<typeof PartyRoleSchema>;

export const PartySchema = z.object({
  id: Id,
  role: PartyRoleSchema,
  entities: z.array(EntitySchema),
  representatives: z.array(RepresentativeSchema),
  /** « Ci-après dénommée « le délégataire » ou « la DINUM » »: each name, in order. */
  designations: z.array(z.string().check(z.maxLength(MAX_NAME))),
  /** « dénommé » or « dénommée » (agrees with the first entity). */
  designationGender: z._default(z.enum(['m', 'f']), 'f'),
  /**
   * The words before the designations, instead of « Ci-après dénommée »: « désignés sous le
   * terme de », « ci-après désignée par ».
   */
  designationLead: z.optional(z.string().check(z.maxLength(MAX_NAME))),
  /** Printed before the party's first line: « D'une part, », « D'autre part, ». */
  opening: z.optional(z.string().check(z.maxLength(MAX_NAME))),
});
export type Party = z.infer<typeof PartySchema>;

export const VisaSchema = z.object({ id: Id, text: z.string().check(z.maxLength(MAX_VISA)) });
export type Visa = z.infer<typeof VisaSchema>;

export const ArticleSchema = z.object({ id: Id, title: z.string().check(z.maxLength(MAX_TITLE)), body: z.array(BlockSchema) });
export type Article = z.infer<typeof ArticleSchema>;

export const AnnexSchema = z.object({ id: Id, title: z.string().check(z.maxLength(MAX_TITLE)), body: z.array(BlockSchema) });
export type Annex = z.infer<typeof AnnexSchema>;

/** One line of a budget cell: « 140 000 EUR au titre du financement DGALN 2020 ». */
export const BudgetLineSchema = z.object({
  id: Id,
  /** In a budget over several years (`Budget.years`), the year this amount belongs to. */
  year: z.optional(z.number().check(z.int(), z.minimum(1900), z.maximum(2200))),
  /** Integer number of euro cents: amounts are never floats. */
  amountCents: z.number().check(z.int()),
  /** A mention printed after the amount, e.g. « (à rétablir) ». */
  note: z.optional(z.string().check(z.maxLength(MAX_TITLE))),
  label: z.string().check(z.maxLength(MAX_SENTENCE)),
});
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

/** One budget unit (UO) row, with its AE and CP lines; totals are computed, never stored. */
export const BudgetRowSchema = z.object({
  id: Id,
  uo: z.string().check(z.maxLength(MAX_SHORT)),
  ae: z.array(BudgetLineSchema),
  cp: z.array(BudgetLineSchema),
});
export type BudgetRow = z.infer<typeof BudgetRowSchema>;

export const BudgetSchema = z.object({
  currency: z._default(z.literal('EUR'), 'EUR'),
  rows: z.array(BudgetRowSchema),
  /**
   * A budget over several years: the years, in order; every line then carries its `year`.
   * Absent: one budget, lines without a year.
   */
  years: z.optional(z.array(z.number().check(z.int(), z.minimum(1900), z.maximum(2200))).check(z.maxLength(30))),
  /** How a budget over several years is printed: AE and CP columns per year, or one table per year. */
  layout: z.optional(z.enum(['columns', 'tables'])),
});
export type Budget = z.infer<typeof BudgetSchema>;

/** Chorus accounting references of one UO (article 5 of the seed). */
export const AccountingReferenceSchema = z.object({
  id: Id,
  uo: z.string().check(z.maxLength(MAX_SHORT)),
  axeMinisteriel: z.optional(z.string().check(z.maxLength(MAX_NAME))),
  domaineFonctionnel: z.optional(z.string().check(z.maxLength(MAX_NAME))),
  sousAction: z.optional(z.string().check(z.maxLength(MAX_NAME))),
  centreFinancier: z.optional(z.string().check(z.maxLength(MAX_NAME))),
  activite: z.optional(z.string().check(z.maxLength(MAX_NAME))),
  centreCout: z.optional(z.string().check(z.maxLength(MAX_NAME))),
  /** Any further label/value pair the ministry uses. */
  extra: z._default(z.array(z.object({ label: z.string().check(z.maxLength(MAX_NAME)), value: z.string().check(z.maxLength(MAX_SENTENCE)) })), []),
});
export type AccountingReference = z.infer<typeof AccountingReferenceSchema>;

/** A signatory, in signing order (array order), tied to a party. */
export const SignatorySchema = z.object({
  id: Id,
  partyId: z.string().check(z.maxLength(MAX_SHORT)),
  name: z.string().check(z.maxLength(MAX_NAME)),
  title: z.string().check(z.maxLength(MAX_TITLE)),
  /** The line above the box, e.g. « Le délégant, »; derived from the party when absent. */
  mention: z.optional(z.string().check(z.maxLength(MAX_TITLE))),
});
export type Signatory = z.infer<typeof SignatorySchema>;

/** What an avenant amends. */
export const BaseConventionSchema = z.object({
  /** Id of the base convention when it is stored in Paraphe. */
  conventionId: z.optional(z.string().check(z.maxLength(MAX_SHORT))),
  title: z.string().check(z.maxLength(MAX_TITLE)),
  date: z.optional(IsoDateSchema),
});

/** How the document is printed, beyond its text. */
export const PresentationSchema = z.object({
  /**
   * « Article 1er » (French legal usage, what new conventions get) or « Article 1 ». Absent:
   * « Article 1 », as every convention written before this choice existed was printed.
   */
  firstArticle: z.optional(z.enum(['1er', '1'])),
  /** French hyphenation of justified text; off by default (official documents seldom are). */
  hyphenation: z.optional(z.boolean()),
  /** Amounts of the budget also printed in words (« cent quarante mille euros »). */
  amountsInWords: z.optional(z.boolean()),
  /**
   * The State's bloc-marque on page 1 (Marianne, « RÉPUBLIQUE FRANÇAISE », the devise) with
   * these ministries under it; absent: no bloc-marque.
   */
  blocMarque: z.optional(z.object({ ministries: z.array(z.string().check(z.maxLength(MAX_TITLE))).check(z.maxLength(6)) })),
});
export type Presentation = z.infer<typeof PresentationSchema>;

/** A convention's presentation with every default filled in. */
export function presentationOf(c: { presentation?: Presentation | undefined }): Required<Omit<Presentation, 'blocMarque'>> & Pick<Presentation, 'blocMarque'> {
  const p = c.presentation ?? {};
  return {
    firstArticle: p.firstArticle ?? '1',
    hyphenation: p.hyphenation ?? false,
    amountsInWords: p.amountsInWords ?? false,
    ...(p.blocMarque ? { blocMarque: p.blocMarque } : {}),
  };
}

export const ConventionKindSchema = z.enum(['convention', 'avenant']);
export type ConventionKind = z.infer<typeof ConventionKindSchema>;

export const ConventionSchema = z.object({
  /**
   * Version 2 only adds optional fields to version 1, so content stored as version 1 is read
   * as it is (its SHA-256, which signatures name, never changes); imports are brought to the
   * current version by shared/model/migrate.ts.
   */
  schemaVersion: z.union([z.literal(1), z.literal(SCHEMA_VERSION)]),
  id: Id,
  kind: ConventionKindSchema,
  /** For an avenant: its number (« avenant n°1 ») and the convention it amends. */
  avenant: z.optional(z.object({ number: z.number().check(z.int(), z.positive()), base: BaseConventionSchema })),
  title: z.string().check(z.maxLength(MAX_TITLE)),
  /** Used in the PDF footer and lists. */
  shortTitle: z.string().check(z.maxLength(MAX_TITLE)),
  place: z.string().check(z.maxLength(MAX_NAME)),
  date: IsoDateSchema,
  originals: z.number().check(z.int(), z.minimum(1), z.maximum(99)),
  parties: z.array(PartySchema),
  visas: z.array(VisaSchema),
  /** « Il a été convenu ce qui suit : » */
  agreementFormula: z._default(z.string().check(z.maxLength(MAX_SENTENCE)), 'Il a été convenu ce qui suit :'),
  preamble: z.array(BlockSchema),
  articles: z.array(ArticleSchema),
  budget: BudgetSchema,
  accounting: z.array(AccountingReferenceSchema),
  signatories: z.array(SignatorySchema),
  annexes: z.array(AnnexSchema),
  /** Absent: every default (see `presentationOf`). */
  presentation: z.optional(PresentationSchema),
});
export type Convention = z.infer<typeof ConventionSchema>;
/** What may be handed in (defaults not yet applied). */
export type ConventionInput = z.input<typeof ConventionSchema>;
