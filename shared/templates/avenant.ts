import type { Article, Convention } from '../model/convention';
import { SCHEMA_VERSION, presentationOf } from '../model/convention';
import { formatDate, isValidIsoDate } from '../rules/format';
import { articleLabel } from '../rules/numbering';
import { accountingReferences, budgetTable, p } from './blocks';
import { structuredCloneJson, withFreshIds } from './instantiate';

/** « la convention de délégation de gestion du 26 mars 2020 » — how an avenant names its base. */
export function baseReference(base: Pick<Convention, 'title' | 'date' | 'kind'>): string {
  const title = base.title.trim() || (base.kind === 'avenant' ? 'avenant' : 'convention');
  const lower = title.charAt(0).toLowerCase() + title.slice(1);
  const article = /^[aeiouyàâéèêëîïôûùh]/i.test(lower) ? "l'" : 'la ';
  // The seed's titles carry their date (« … en date du 26 mars 2020 »): never say it twice.
  const dated = isValidIsoDate(base.date) ? formatDate(base.date) : '';
  const withDate = dated && !lower.includes(dated) ? `${lower} du ${dated}` : lower;
  return `${article}${withDate}`;
}

/**
 * A new avenant to `base`: its visas are the base's plus « Vu la convention … » citing the
 * base; parties, signatories, budget and Chorus references are copied (fresh ids) for the
 * author to amend; articles are a starting set. `date` defaults to the base's.
 */
export function createAvenant(base: Convention, opts: { number: number; newId: () => string; date?: string }): Convention {
  const copy = withFreshIds(structuredCloneJson(base), opts.newId);
  const ref = baseReference(base);
  const budgetArticle = base.articles.findIndex((a) => a.body.some((b) => b.kind === 'budget-table'));
  const whereTable = budgetArticle >= 0 ? `Le tableau de l'article ${articleLabel(budgetArticle, presentationOf(base).firstArticle)} de la convention` : 'Le tableau budgétaire de la convention';
  const article = (title: string, body: Article['body']): Article => ({ id: opts.newId(), title, body });
  const title = `Avenant n°${opts.number} à ${ref}`;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: copy.id,
    kind: 'avenant',
    avenant: {
      number: opts.number,
      base: { conventionId: base.id, title: base.title, ...(isValidIsoDate(base.date) ? { date: base.date } : {}) },
    },
    title,
    shortTitle: `Avenant n°${opts.number} — ${base.shortTitle || base.title}`,
    place: base.place,
    date: opts.date ?? base.date,
    originals: base.originals,
    parties: copy.parties,
    visas: [...copy.visas, { id: opts.newId(), text: `Vu ${ref},` }],
    agreementFormula: base.agreementFormula,
    preamble: [],
    articles: [
      article("Objet de l'avenant", [p(`Le présent avenant a pour objet de modifier ${ref}, ci-après dénommée « la convention ».`)]),
      article('Dispositions financières', [
        p(`${whereTable} est remplacé par le tableau suivant :`),
        budgetTable(),
        p('Les références Chorus à utiliser sont les suivantes :'),
        accountingReferences(),
      ]),
      article('Autres dispositions', [p('Les autres dispositions de la convention demeurent inchangées.')]),
      article("Prise d'effet et publication", [
        p('Le présent avenant prend effet à la date de sa signature par la dernière des parties.'),
        p('Il est publié selon les mêmes modalités que la convention.'),
      ]),
    ],
    budget: copy.budget,
    accounting: copy.accounting,
    signatories: copy.signatories,
    annexes: [],
    // The base's other choices are kept; the avenant's own articles follow French legal usage.
    presentation: { ...copy.presentation, firstArticle: '1er' },
  };
}
