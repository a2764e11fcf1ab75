import type { Block, ListItem, Run, TableCell } from '../model/blocks';
import type { Annex, Article, Convention, PartyRole, Party, Presentation } from '../model/convention';

/** « 1er » (French legal usage) or « 1 »: how the first article is numbered. */
export type FirstArticle = NonNullable<Presentation['firstArticle']>;
/**
 * How a number is written: `text` for plain text (Word, the wizard, comparisons: « 1er »),
 * `print` for the PDF, whose « ᵉʳ » the layout draws as a raised smaller « er » (its text
 * layer still reads « 1er »).
 */
export type NumberForm = 'text' | 'print';

/** Articles are numbered by their order, from 1: numbers are never typed. */
export function articleNumber(index: number): number {
  return index + 1;
}

/** An article's number as printed: « 1er » for the first when the convention asks for it, else « 1 », « 2 »… */
export function articleLabel(index: number, firstArticle: FirstArticle = '1', form: NumberForm = 'text'): string {
  if (index === 0 && firstArticle === '1er') return form === 'print' ? '1\u1d49\u02b3' : '1er';
  return String(articleNumber(index));
}

/** « Article 1er : Objet de la délégation » (« Article 1 : … » unless `firstArticle` is « 1er »). */
export function articleHeading(article: Pick<Article, 'title'>, index: number, firstArticle: FirstArticle = '1', form: NumberForm = 'text'): string {
  const title = article.title.trim();
  const label = `Article ${articleLabel(index, firstArticle, form)}`;
  return title ? `${label} : ${title}` : label;
}

/** « Annexe 1 : le manifeste beta.gouv.fr » */
export function annexHeading(annex: Pick<Annex, 'title'>, index: number): string {
  const title = annex.title.trim();
  return title ? `Annexe ${index + 1} : ${title}` : `Annexe ${index + 1}`;
}

/**
 * The number of each numbered sub-article heading of an article's body (1, 2…), by block
 * index; `undefined` for every other block. The first article's sub-articles are « 1.1 »,
 * never « 1er.1 ».
 */
export function subArticleNumbers(body: readonly Block[]): Array<number | undefined> {
  let n = 0;
  return body.map((b) => (b.kind === 'heading' && b.numbered === true ? (n += 1) : undefined));
}

/** « 3.2 »: the second numbered sub-article of article 3 (index 2). */
export function subArticleLabel(articleIndex: number, n: number): string {
  return `${articleNumber(articleIndex)}.${n}`;
}

/** What references can point at: the articles and annexes, in order, and how the first article is numbered. */
export interface ReferenceTargets {
  readonly articles: ReadonlyArray<Pick<Article, 'id'>>;
  readonly annexes: ReadonlyArray<Pick<Annex, 'id'>>;
  readonly presentation?: Presentation | undefined;
}

/**
 * The current text of every reference target, by id: « article 2 », « article 1er »,
 * « annexe 1 ». An id is looked up among articles first.
 */
export function referenceLabels(c: ReferenceTargets, form: NumberForm = 'text'): Map<string, string> {
  const first = c.presentation?.firstArticle ?? '1';
  const out = new Map<string, string>();
  c.annexes.forEach((a, i) => out.set(a.id, `annexe ${i + 1}`));
  c.articles.forEach((a, i) => out.set(a.id, `article ${articleLabel(i, first, form)}`));
  return out;
}

/**
 * The text a run prints: for a reference, its target's current label, capitalised when the
 * stored text was (« Article 2 » at the start of a sentence); a reference whose target is gone
 * prints its stored text (the validator reports it).
 */
export function runText(run: Run, labels: ReadonlyMap<string, string>): string {
  if (!run.ref) return run.text;
  const label = labels.get(run.ref.target);
  if (label === undefined) return run.text;
  const first = run.text.trimStart().charAt(0);
  const capital = first !== '' && first !== first.toLocaleLowerCase('fr') && first === first.toLocaleUpperCase('fr');
  return capital ? label.charAt(0).toLocaleUpperCase('fr') + label.slice(1) : label;
}

/** Runs with every reference's text brought up to date (what Word export and previews print). */
export function resolveReferences(runs: readonly Run[], labels: ReadonlyMap<string, string>): Run[] {
  return runs.map((r) => (r.ref ? { ...r, text: runText(r, labels) } : r));
}

/**
 * `blocks` with `f` applied to every run (paragraphs, headings, list items at any depth, table
 * cells). What `f` leaves as it was (the same run) stays the same object, up to `blocks`
 * itself, so that an editor or a memo sees no change where there is none.
 */
export function mapRuns(blocks: readonly Block[], f: (r: Run) => Run): Block[] {
  const runs = (list: readonly Run[]): readonly Run[] => {
    const out = list.map(f);
    return out.every((r, i) => r === list[i]) ? list : out;
  };
  const items = (list: readonly ListItem[]): readonly ListItem[] => {
    const out = list.map((it) => {
      const r = runs(it.runs);
      const c = it.children ? items(it.children) : undefined;
      return r === it.runs && c === it.children ? it : { ...it, runs: [...r], ...(c ? { children: [...c] } : {}) };
    });
    return out.every((it, i) => it === list[i]) ? list : out;
  };
  const row = (cells: readonly TableCell[]): readonly TableCell[] => {
    const out = cells.map((cell) => {
      const paragraphs = cell.paragraphs.map((para) => runs(para));
      return paragraphs.every((para, i) => para === cell.paragraphs[i]) ? cell : { paragraphs: paragraphs.map((para) => [...para]) };
    });
    return out.every((c, i) => c === cells[i]) ? cells : out;
  };
  const out = blocks.map((b): Block => {
    switch (b.kind) {
      case 'paragraph':
      case 'heading': {
        const r = runs(b.runs);
        return r === b.runs ? b : { ...b, runs: [...r] };
      }
      case 'list': {
        const it = items(b.items);
        return it === b.items ? b : { ...b, items: [...it] };
      }
      case 'table': {
        const header = b.header ? row(b.header) : undefined;
        const rows = b.rows.map(row);
        if (header === b.header && rows.every((r, i) => r === b.rows[i])) return b;
        return { ...b, ...(header ? { header: [...header] } : {}), rows: rows.map((r) => [...r]) };
      }
      default:
        return b;
    }
  });
  return out.every((x, i) => x === blocks[i]) ? (blocks as Block[]) : out;
}

/**
 * The convention with every reference's stored text brought up to date (its « last printed
 * form »): for Word and other plain-text outputs, and after articles move. Unchanged parts
 * stay the same objects.
 */
export function withCurrentReferences<C extends Pick<Convention, 'articles' | 'annexes' | 'preamble' | 'presentation'>>(c: C): C {
  const labels = referenceLabels(c);
  const f = (r: Run): Run => {
    if (!r.ref) return r;
    const text = runText(r, labels);
    return text === r.text ? r : { ...r, text };
  };
  const sections = <S extends { body: Block[] }>(list: S[]): S[] => {
    const out = list.map((a) => {
      const body = mapRuns(a.body, f);
      return body === a.body ? a : { ...a, body };
    });
    return out.every((a, i) => a === list[i]) ? list : out;
  };
  const preamble = mapRuns(c.preamble, f);
  const articles = sections(c.articles);
  const annexes = sections(c.annexes);
  if (preamble === c.preamble && articles === c.articles && annexes === c.annexes) return c;
  return { ...c, preamble, articles, annexes };
}

const ROLE_LABELS: Record<PartyRole, string> = {
  delegant: 'le délégant',
  delegataire: 'le délégataire',
  partie: 'la partie',
};

/** « le délégant » — the role as a noun phrase. */
export function roleLabel(role: PartyRole): string {
  return ROLE_LABELS[role];
}

/**
 * « Ci-après dénommée « le délégataire » ou « la DINUM » », or the party's own lead
 * (« Désignés sous le terme de « co-délégataires » »), its first letter a capital.
 */
export function designationSentence(party: Pick<Party, 'designations' | 'designationGender' | 'designationLead'>): string {
  const names = party.designations.filter((d) => d.trim() !== '').map((d) => `« ${d.trim()} »`);
  if (names.length === 0) return '';
  const lead = party.designationLead?.trim();
  if (lead) return `${lead.charAt(0).toLocaleUpperCase('fr')}${lead.slice(1)} ${names.join(' ou ')}`;
  const verb = party.designationGender === 'm' ? 'dénommé' : 'dénommée';
  return `Ci-après ${verb} ${names.join(' ou ')}`;
}

/** The line above a signatory's box: the explicit mention, else « Le délégant, ». */
export function signatoryMention(mention: string | undefined, party: Pick<Party, 'role' | 'designations'> | undefined): string {
  if (mention && mention.trim()) return mention.trim();
  if (!party) return '';
  const label = party.role === 'partie' ? (party.designations[0] ?? 'la partie') : roleLabel(party.role);
  return `${label.charAt(0).toUpperCase()}${label.slice(1)},`;
}
