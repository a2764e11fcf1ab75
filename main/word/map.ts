import type { Block, Run } from '../../shared/model/blocks';
import type { AccountingReference, Convention, Party, Signatory } from '../../shared/model/convention';
import { SCHEMA_VERSION } from '../../shared/model/convention';
import { MAX_NAME, MAX_SENTENCE, MAX_TITLE, MAX_VISA } from '../../shared/model/limits';
import type { Finding } from '../../shared/model/migrate';
import { isValidIsoDate } from '../../shared/rules/format';
import { signatoryMention } from '../../shared/rules/numbering';
import { textOf, type HtmlElement } from './html';
import { allBold, listItems, plainText, runsOf, tableGrid, type Dropped } from './runs';
import { chorusField, chorusHeadOf, freeTable, readBudgetTable, readChorusTable } from './tables';

/*
 * mammoth's HTML of a Word convention → the convention model. One pass over the top-level
 * blocks with a cursor (where we are: title, parties, visas, preamble, an article, the
 * signatures, an annex); each block is recognised by its words (« Entre », « Vu », « Article 1er
 * – … », « Fait à … », « Annexe 2 ») or by its heading level. Whatever is not recognised is
 * kept as a paragraph where it stood, with a finding that says where it went.
 */

/** What the mapping needs from outside: ids and today's date (for a document without one). */
export interface MapOptions {
  readonly id: string;
  /** ISO date used when the document states none. */
  readonly today: string;
}

/** The mapped convention (not yet checked against the schema) and what the reader noticed. */
export interface MappedConvention {
  readonly convention: Convention;
  readonly findings: Finding[];
}

type Zone = 'title' | 'parties' | 'visas' | 'preamble' | 'articles' | 'signatures' | 'annexes';

const ARTICLE = /^article\s+(premier|1er|\d+)(?:\s*(?:er|\u1d49\u02b3))?(?:\s*[:.–—-]+\s*(.*)|\s*)$/i;
/** A sub-article heading's number: « 3.1 », « 3.1. » then a space. */
const SUB_ARTICLE = /^(\d+)\.\d+\.?[\s\u00a0]+/;
/** How the document numbers its first article: « Article 1er » (or « premier ») or « Article 1 ». */
const FIRST_ARTICLE = /^article\s+(?:(premier|1\s*(?:er|\u1d49\u02b3))|1)(?!\d)/i;
const ARTICLE_CAPS = /^ARTICLE\s+(\d+)\s+(\S.*)$/;
const ANNEXE = /^annexe\s+(?:n°\s*)?(\d+|[ivx]+|unique)(?:\s*[:.–—-]+\s*(.*)|\s*)$/i;
const ANNEXES = /^annexes?\s*:?$/i;
const PREAMBLE = /^pr[ée]ambule\s*:?$/i;
const FORMULA = /^il\s+a\s+[ée]t[ée]\s+(convenu|arr[êe]t[ée]|d[ée]cid[ée])\b/i;
const VISA = /^vu[\s\u00a0]/i;
const BETWEEN = /^entre(?:\s+les\s+soussign\S*)?\s*:?\s*(.*)$/i;
const AND = /^(?:et|d['’]autre\s+part)\s*[:,]?\s*(.*)$/i;
const MADE_AT = /^fait\s+à\s+([^,]+?)\s*,\s*(.*)$/i;
const REPRESENTED = /\b(repr[ée]sent[ée]{0,2}s?)\s+par\s*:?\s*/i;
const DESIGNATION = /^ci-?(?:après|dessous)\s+(d[ée]nomm[ée]e?s?|d[ée]sign[ée]e?s?|appel[ée]e?s?)\s*:?\s*(.*)$/i;
const ADDRESS = /^(?:adresse|si[èe]ge)\s*:?\s*(.*)$/i;
const CIVILITY = /^(?:m\.|mme|mlle|madame|monsieur)\s+/i;
/** A representative named by function: an article, possibly after a civility, then lower-case words. */
const BY_FUNCTION = /^(?:(?:m\.|mme|madame|monsieur)\s+)?(?:l['’]\s*|les?\s+|la\s+)\p{Ll}/iu;

const NUMBER_WORDS = ['un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** A container the cursor writes blocks into. */
interface Container {
  readonly label: string;
  readonly path: string;
  readonly body: Block[];
}

/** Maps mammoth's HTML tree onto a convention. */
export function mapHtmlToConvention(root: HtmlElement, opts: MapOptions): MappedConvention {
  const findings: Finding[] = [];
  const dropped: Dropped = new Set();
  const counters = new Map<string, number>();
  const newId = (prefix: string): string => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}${n}`;
  };
  const warn = (path: string, message: string) => findings.push({ severity: 'warning', path, message });

  const c: Convention = {
    schemaVersion: SCHEMA_VERSION,
    id: opts.id,
    kind: 'convention',
    title: '',
    shortTitle: '',
    place: '',
    date: opts.today,
    originals: 2,
    parties: [],
    visas: [],
    agreementFormula: 'Il a été convenu ce qui suit :',
    preamble: [],
    articles: [],
    budget: { currency: 'EUR', rows: [] },
    accounting: [],
    signatories: [],
    annexes: [],
  };
  let zone: Zone = 'title';
  /** The zone, read through a call: closures below move it. */
  const is = (z: Zone): boolean => zone === z;
  let madeAtSeen = false;
  let budgetPlaced = false;
  /** The signature area, read once the document is over: a table cell's lines, or a loose paragraph. */
  const signatureItems: Array<string[] | string> = [];
  /** A Chorus reference typed as paragraphs (« Références Chorus : … » then « Label : valeur »). */
  let chorus: AccountingReference | null = null;

  const preamble: Container = { label: 'le préambule', path: 'preamble', body: c.preamble };
  const current = (): Container => {
    if (is('annexes') && c.annexes.length) {
      const i = c.annexes.length - 1;
      return { label: `l'annexe ${i + 1}`, path: `annexes[${i}].body`, body: c.annexes[i]!.body };
    }
    if ((is('articles') || is('signatures') || is('annexes')) && c.articles.length) {
      const i = c.articles.length - 1;
      return { label: `l'article ${i + 1}`, path: `articles[${i}].body`, body: c.articles[i]!.body };
    }
    return preamble;
  };
  /** Keeps an unrecognised paragraph where it stood, and says so. */
  const unrecognised = (runs: Run[], into: Container = current()) => {
    into.body.push({ kind: 'paragraph', runs });
    const text = plainText(runs);
    warn(`${into.path}[${into.body.length - 1}]`, `Paragraphe non reconnu, placé dans ${into.label} : vérifiez (« ${clip(text, 80)} »).`);
  };
  const clamp = (text: string, max: number, path: string): string => {
    if (text.length <= max) return text;
    warn(path, `Texte de ${text.length} caractères raccourci à ${max} (« ${clip(text, 60)} ») : vérifiez-le.`);
    return text.slice(0, max);
  };
  const startArticle = (title: string) => {
    if (chorus) chorus = null;
    c.articles.push({ id: newId('art'), title: clamp(title.trim(), MAX_TITLE, `articles[${c.articles.length}].title`), body: [] });
    zone = 'articles';
  };

  // Parties are read line by line; each line is kept with the party it belongs to.
  let party: Party | null = null;
  const startParty = () => {
    party = { id: newId('p'), role: 'partie', entities: [], representatives: [], designations: [], designationGender: 'f' };
    c.parties.push(party);
    zone = 'parties';
  };
  const partyLine = (runs: Run[]) => {
    if (!party) startParty();
    readPartyLine(party!, runs, c.parties.length - 1, warn);
  };

  const children = root.children.filter((n): n is HtmlElement => n.type === 'element');
  for (const el of children) {
    const tag = el.tag;
    if (tag === 'table') {
      chorus = null;
      if (is('signatures')) {
        const grid = tableGrid(el);
        for (const row of grid.header ? [grid.header, ...grid.rows] : grid.rows) {
          for (const td of row) {
            if (!td) continue;
            const ps = td.children.filter((n): n is HtmlElement => n.type === 'element');
            const texts = (ps.length ? ps : [td]).map((p) => textOf(p).replace(/\s+/g, ' ').trim()).filter(Boolean);
            if (texts.length) signatureItems.push(texts);
          }
        }
        continue;
      }
      const into = current();
      const where = into.label;
      const budget = readBudgetTable(el, newId, where);
      if (budget) {
        findings.push(...budget.findings);
        // A budget printed one table per year: « Année 2021 » above each, then a summary Paraphe recomputes.
        const above = into.body[into.body.length - 1];
        const aboveText = above?.kind === 'paragraph' ? above.runs.map((r) => r.text).join('').trim() : '';
        const yearTitle = /^Année (\d{4})$/.exec(aboveText);
        if (aboveText === 'Récapitulatif pluriannuel' && budget.years && (c.budget.years?.length ?? 0) > 0) {
          into.body.pop();
          continue;
        }
        if (yearTitle) {
          into.body.pop();
          const year = Number(yearTitle[1]);
          for (const row of budget.rows) for (const l of [...row.ae, ...row.cp]) l.year = year;
          c.budget.years = [...new Set([...(c.budget.years ?? []), year])].sort((a, b) => a - b);
          c.budget.layout = 'tables';
        } else if (budget.years) {
          c.budget.years = [...new Set([...(c.budget.years ?? []), ...budget.years])].sort((a, b) => a - b);
          c.budget.layout = 'columns';
        }
        const known = new Set(c.budget.rows.map((r) => r.uo));
        for (const row of budget.rows) {
          if (known.has(row.uo) && !yearTitle) warn('budget', `L'UO ${row.uo} figure dans plusieurs tableaux budgétaires : ses lignes sont ajoutées à la première ; vérifiez le budget.`);
          const same = c.budget.rows.find((r) => r.uo === row.uo);
          if (same) {
            same.ae.push(...row.ae);
            same.cp.push(...row.cp);
          } else c.budget.rows.push(row);
        }
        if (!budgetPlaced) into.body.push({ kind: 'budget-table' });
        budgetPlaced = true;
        continue;
      }
      const ref = readChorusTable(el, newId);
      if (ref) {
        c.accounting.push(ref);
        const last = into.body[into.body.length - 1];
        if (last?.kind === 'accounting-references') last.uos = [...(last.uos ?? []), ref.uo];
        else into.body.push({ kind: 'accounting-references', uos: [ref.uo] });
        continue;
      }
      into.body.push(freeTable(el, dropped));
      if (into === preamble && !is('preamble') && !is('visas')) warn(`preamble[${preamble.body.length - 1}]`, 'Tableau placé dans le préambule : vérifiez.');
      continue;
    }

    if (tag === 'ul' || tag === 'ol') {
      chorus = null;
      const items = listItems(el, dropped);
      const texts = items.map((i) => plainText(i.runs).trim());
      // Visas typed as a list: « – Vu le décret … ».
      if (items.length && (is('parties') || is('visas') || is('title')) && texts.every((t) => VISA.test(t))) {
        for (const t of texts) c.visas.push({ id: newId('v'), text: clamp(t, MAX_VISA, `visas[${c.visas.length}].text`) });
        zone = 'visas';
        continue;
      }
      if (is('signatures')) {
        signatureItems.push(...texts);
        continue;
      }
      const into = current();
      into.body.push({ kind: 'list', ...(tag === 'ol' ? { ordered: true } : {}), items });
      if (into === preamble && (is('parties') || is('title'))) warn(`preamble[${preamble.body.length - 1}]`, 'Liste non reconnue, placée dans le préambule : vérifiez.');
      continue;
    }

    if (!/^(p|h[1-6])$/.test(tag)) {
      // Anything else mammoth might write (a div, a stray image): its text, kept.
      const runs = runsOf(el, dropped);
      if (runs.length) unrecognised(runs);
      continue;
    }
    const runs = runsOf(el, dropped);
    const text = plainText(runs).trim();
    if (!text) continue;
    const level = tag[0] === 'h' ? Number(tag[1]) : 0;
    const headingLike = level > 0 || allBold(runs) || el.attrs.class === 'titre';

    // Annexes start after the articles (or after « Fait à … »).
    if (ANNEXES.test(text) && headingLike && c.articles.length) {
      zone = 'annexes';
      chorus = null;
      continue;
    }
    const annexe = ANNEXE.exec(text);
    if (annexe && (headingLike || is('annexes')) && (c.articles.length || is('signatures') || is('annexes')) && text.length <= MAX_TITLE + 20) {
      c.annexes.push({ id: newId('ann'), title: (annexe[2] ?? '').trim(), body: [] });
      zone = 'annexes';
      chorus = null;
      continue;
    }
    if (!is('annexes')) {
      const art = ARTICLE.exec(text) ?? (headingLike ? ARTICLE_CAPS.exec(text) : null);
      if (art && (headingLike || text.length <= 200)) {
        const first = c.articles.length === 0 ? FIRST_ARTICLE.exec(text) : null;
        if (first) c.presentation = { ...c.presentation, firstArticle: first[1] ? '1er' : '1' };
        const title = (art[2] ?? '').trim();
        if (title.length > 300) {
          startArticle('');
          current().body.push({ kind: 'paragraph', runs: [{ text: title }] });
        } else startArticle(title);
        continue;
      }
    }
    if (PREAMBLE.test(text) && !is('articles') && !is('annexes')) {
      zone = 'preamble';
      continue;
    }
    if (FORMULA.test(text) && !c.articles.length && !is('annexes')) {
      c.agreementFormula = clamp(text, MAX_SENTENCE, 'agreementFormula');
      zone = 'preamble';
      continue;
    }
    if (VISA.test(text) && !c.articles.length && (is('title') || is('parties') || is('visas'))) {
      c.visas.push({ id: newId('v'), text: clamp(text, MAX_VISA, `visas[${c.visas.length}].text`) });
      zone = 'visas';
      continue;
    }
    const made = MADE_AT.exec(text);
    if (made && !madeAtSeen && (is('articles') || is('preamble'))) {
      madeAtSeen = true;
      readMadeAt(c, made[1]!, made[2]!, warn);
      zone = 'signatures';
      continue;
    }
    if (is('title') || is('parties')) {
      const between = BETWEEN.exec(text);
      if (between && text.length <= 400 && (is('title') || !party)) {
        startParty();
        if (between[1]) partyLine([{ text: between[1] }]);
        continue;
      }
      if (is('parties') && party) {
        const and = AND.exec(text);
        const started = (party as Party).entities.length > 0 || (party as Party).designations.length > 0;
        if (and && started && (and[1] === '' || /^(?:le|la|les|l['’])\s*/i.test(and[1]!))) {
          startParty();
          if (and[1]) partyLine([{ text: and[1] }]);
          continue;
        }
        if (/^d['’]une\s+part\s*,?$/i.test(text)) continue;
        partyLine(runs);
        continue;
      }
    }
    if (is('title')) {
      if (!c.title) {
        c.title = clamp(text, MAX_TITLE, 'title');
        continue;
      }
      unrecognised(runs, preamble);
      continue;
    }
    if (is('visas')) {
      // « Considérant … » or another sentence between the visas and the formula.
      unrecognised(runs, preamble);
      continue;
    }
    if (is('signatures')) {
      signatureItems.push(text);
      continue;
    }
    // A level-1 heading after the formula: an article whose number Word's numbering printed.
    if (level === 1 && (is('articles') || (is('preamble') && c.agreementFormula && (c.preamble.length > 0 || c.visas.length > 0)))) {
      startArticle(text);
      continue;
    }
    // The budget's totals written out under its table (presentation.amountsInWords): Paraphe writes them again.
    if (current().body[current().body.length - 1]?.kind === 'budget-table' && /^(Pour \d{4}, un total de|Soit un total (général )?de) .+ en crédits de paiement\s?[.;]$/.test(text)) {
      c.presentation = { ...c.presentation, amountsInWords: true };
      continue;
    }
    // Chorus references typed as paragraphs.
    const chorusUo = is('articles') || is('annexes') ? chorusHeadOf(text) : null;
    if (chorusUo) {
      chorus = { id: newId('ref'), uo: chorusUo, extra: [] };
      c.accounting.push(chorus);
      const into = current();
      const last = into.body[into.body.length - 1];
      if (last?.kind === 'accounting-references') last.uos = [...(last.uos ?? []), chorusUo];
      else into.body.push({ kind: 'accounting-references', uos: [chorusUo] });
      continue;
    }
    if (chorus) {
      const parts = text.split(/\t|\s{2,}/);
      const f = chorusField(parts[0]!, parts.slice(1).join(' '));
      if ('key' in f) {
        (chorus as Record<string, unknown>)[f.key] = clip(f.value, MAX_NAME);
        continue;
      }
      chorus = null;
    }
    const into = current();
    if (level >= 2 && is('articles')) {
      // « 3.1 Engagements » under article 3: a numbered sub-article, its number computed again.
      const m = SUB_ARTICLE.exec(runs[0]?.text ?? '');
      const rest = m ? runs[0]!.text.slice(m[0].length) : '';
      if (m && Number(m[1]) === c.articles.length && (rest !== '' || runs.length > 1)) {
        const title = rest !== '' ? [{ ...runs[0]!, text: rest }, ...runs.slice(1)] : runs.slice(1);
        into.body.push({ kind: 'heading', runs: title, numbered: true });
        continue;
      }
    }
    into.body.push(level >= 2 || (level === 1 && is('annexes')) ? { kind: 'heading', runs } : { kind: 'paragraph', runs });
  }

  for (const p of c.parties) {
    apartOrWhole(p);
    inferRole(p);
  }
  readSignatories(c, signatureItems, newId, warn, (runs) => unrecognised(runs, lastArticleOrPreamble()));
  function lastArticleOrPreamble(): Container {
    const i = c.articles.length - 1;
    return i >= 0 ? { label: `l'article ${i + 1}`, path: `articles[${i}].body`, body: c.articles[i]!.body } : preamble;
  }

  // Chorus blocks that show every reference need no list of UO.
  const allUos = new Set(c.accounting.map((r) => r.uo));
  for (const body of [c.preamble, ...c.articles.map((a) => a.body), ...c.annexes.map((a) => a.body)]) {
    for (const b of body) if (b.kind === 'accounting-references' && b.uos && b.uos.length === allUos.size && b.uos.every((u) => allUos.has(u))) delete b.uos;
  }

  if (!c.title) {
    c.title = 'Convention importée de Word';
    warn('title', 'Aucun titre reconnu en tête du document : saisissez l’intitulé de la convention.');
  }
  c.shortTitle = clip(c.title, 120);
  if (!c.parties.length) warn('parties', 'Aucune partie reconnue (« Entre … Et … ») : ajoutez les parties à l’étape Parties.');
  if (!c.articles.length) warn('articles', 'Aucun article reconnu (« Article 1 : … ») : le texte a été placé dans le préambule ; découpez-le en articles.');
  if (!madeAtSeen) warn('place', 'La mention « Fait à …, le … » n’a pas été trouvée : indiquez le lieu, la date et le nombre d’originaux.');
  const labels = { underline: 'le soulignement', link: 'les liens (le texte est gardé)', image: 'les images', note: 'les appels de note', strike: 'le texte barré (gardé comme texte normal)' } as const;
  if (dropped.size) warn('', `Ce que le modèle de convention ne conserve pas a été retiré : ${[...dropped].map((d) => labels[d]).join(', ')}. Relisez les passages concernés.`);
  return { convention: c, findings };
}

/** « quatre », « 4 » → 4. */
function countOf(word: string): number | null {
  const w = word.trim().toLowerCase();
  if (/^\d{1,2}$/.test(w)) return Number(w);
  const i = NUMBER_WORDS.indexOf(w);
  return i >= 0 ? i + 1 : null;
}

/** « 26 mars 2020 », « 1er avril 2020 », « 26/03/2020 » → ISO. */
export function frenchDate(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  let m = /^(\d{1,2})(?:er)?\s+([a-zéû]+)\s+(\d{4})$/.exec(t);
  if (m) {
    const mo = MONTHS.indexOf(m[2]!.replace('fevrier', 'février').replace('aout', 'août').replace('decembre', 'décembre'));
    if (mo < 0) return null;
    const iso = `${m[3]}-${String(mo + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return isValidIsoDate(iso) ? iso : null;
  }
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) {
    const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return isValidIsoDate(iso) ? iso : null;
  }
  return null;
}

/** « Fait à Paris, en quatre originaux, le 26 mars 2020 ». */
function readMadeAt(c: Convention, place: string, rest: string, warn: (path: string, message: string) => void): void {
  c.place = clip(place.trim(), MAX_NAME);
  const originals = /en\s+(\S+)\s+(?:originaux|exemplaires|original|exemplaire)/i.exec(rest);
  const n = originals ? countOf(originals[1]!) : null;
  if (n && n <= 99) c.originals = n;
  else warn('originals', 'Le nombre d’originaux n’a pas été lu dans « Fait à … » : vérifiez-le.');
  const date = /le\s+(.+?)\s*\.?$/i.exec(rest);
  const iso = date ? frenchDate(date[1]!) : null;
  if (iso) c.date = iso;
  else warn('date', `La date de « Fait à ${place}, ${rest} » n’a pas été lue : saisissez-la (le ${c.date} a été mis en attendant).`);
}

/** One line of a party: entities, address, representatives, designations. */
function readPartyLine(party: Party, runs: Run[], index: number, warn: (path: string, message: string) => void): void {
  let text = plainText(runs).trim().replace(/\s*[,;]$/, '');
  const path = `parties[${index}]`;
  // « D'une part, » / « D'autre part, » opening the party is kept as its opening words.
  const opening = /^d['’](?:une|autre)\s+part\s*,?\s*/i.exec(text);
  if (opening) {
    if (!party.opening) party.opening = `${opening[0].trim().replace(/,?$/, '')},`;
    text = text.slice(opening[0].length);
  }
  const designation = DESIGNATION.exec(text);
  if (designation) {
    party.designationGender = /ée?s?$/i.test(designation[1]!) && !/[ée]es?$/i.test(designation[1]!) ? 'm' : 'f';
    const quoted = [...designation[2]!.matchAll(/[«“"]\s*([^»”"]+?)\s*[»”"]/g)].map((m) => m[1]!.trim());
    const names = quoted.length ? quoted : designation[2]!.split(/\s+ou\s+/i).map((s) => s.trim()).filter(Boolean);
    party.designations.push(...names.map((n) => clip(n, MAX_NAME)));
    return;
  }
  // Other designation words after the representatives: « Désignées sous le terme de « co-délégataires » ».
  const lead = /^([^«“"]{3,80}?)\s+((?:[«“"][^»”"]+[»”"]\s*(?:ou\s+)?)+)$/.exec(text);
  if (lead && party.entities.length && party.designations.length === 0 && !ADDRESS.test(text) && !REPRESENTED.test(text)) {
    party.designationLead = clip(lead[1]!.charAt(0).toLowerCase() + lead[1]!.slice(1), MAX_NAME);
    party.designations.push(...[...lead[2]!.matchAll(/[«“"]\s*([^»”"]+?)\s*[»”"]/g)].map((m) => clip(m[1]!.trim(), MAX_NAME)));
    return;
  }
  const address = ADDRESS.exec(text);
  if (address && party.entities.length) {
    const e = party.entities[party.entities.length - 1]!;
    e.address = clip(e.address ? `${e.address}, ${address[1]}` : address[1]!, MAX_SENTENCE);
    return;
  }
  const rep = REPRESENTED.exec(text);
  if (rep) {
    const before = text.slice(0, rep.index).trim().replace(/\s*,$/, '');
    const reps = representatives(text.slice(rep.index + rep[0].length));
    if (before) {
      // « la DGALN, représentée par … » names the representatives of that entity; the party's
      // end (apartOrWhole) keeps them apart only when several entities are represented so.
      addEntities(party, [{ text: before }]);
      const e = party.entities[party.entities.length - 1]!;
      e.representatives = [...(e.representatives ?? []), ...reps];
    } else party.representatives.push(...reps);
    return;
  }
  // The entities: bold runs when the line has them (« **A (X)**, **B** et **C** »), else the line.
  if (party.entities.length && party.representatives.length) {
    warn(path, `Ligne de la partie ${index + 1} non reconnue, ajoutée à son adresse : vérifiez (« ${clip(text, 80)} »).`);
    const e = party.entities[party.entities.length - 1]!;
    e.address = clip(e.address ? `${e.address}, ${text}` : text, MAX_SENTENCE);
    return;
  }
  addEntities(party, runs);
}

/** Adds the entities named by a line. */
function addEntities(party: Party, runs: Run[]): void {
  const bold = runs.filter((r) => r.bold && r.text.trim());
  const between = runs.filter((r) => !r.bold).map((r) => r.text.trim());
  const names = bold.length > 1 && between.every((t) => /^(,|et|,\s*et)?$/.test(t) || /^d['’](?:une|autre)\s+part\s*,?$/i.test(t)) ? bold.map((r) => r.text) : [plainText(runs)];
  for (const raw of names) {
    // The article before the name becomes the entity's determiner (« La », « L' »), printed as read.
    const trimmed = raw.trim().replace(/\s*[,;]$/, '').replace(/^d['’](?:une|autre)\s+part\s*,?\s*/i, '');
    const article = /^(?:(le|la|les)\s+|(l)['’]\s*)/i.exec(trimmed);
    let name = article ? trimmed.slice(article[0].length) : trimmed;
    const determiner = article ? (article[1] ? article[1].charAt(0).toUpperCase() + article[1].slice(1).toLowerCase() : "L'") : undefined;
    name = name.charAt(0).toUpperCase() + name.slice(1);
    let acronym: string | undefined;
    const m = /^(.*\S)\s*\(([A-Z0-9][A-Za-z0-9 &./-]{0,40})\)$/.exec(name);
    if (m && /[A-Z]/.test(m[2]!) && m[2] === m[2]!.toUpperCase()) [name, acronym] = [m[1]!, m[2]!];
    if (name) party.entities.push({ ...(determiner ? { determiner } : {}), name: clip(name, MAX_TITLE), ...(acronym ? { acronym } : {}) });
  }
}

/** « Nadi Bou Hanna », « M. Jean DUPONT »: two to five capitalised words (particles allowed). */
function looksLikeName(p: string): boolean {
  const words = p.replace(CIVILITY, '').split(/\s+/);
  return words.length >= 2 && words.length <= 5 && words.every((w) => /^[A-ZÀ-ÖØ-Þ][\p{L}'’-]*$/u.test(w) || /^(de|du|des|d['’]\p{L}+|le|la|van|von)$/u.test(w));
}

/** « Nadi Bou Hanna, Directeur interministériel du numérique, Cédric X, … » → name/title pairs. */
export function representatives(text: string): Array<{ name: string; title: string }> {
  const parts = text.trim().replace(/[,;.]$/, '').split(/\s*,\s*/).filter(Boolean);
  const isName = looksLikeName;
  const out: Array<{ name: string; title: string }> = [];
  for (const p of parts) {
    // Known by function only: « le directeur général … », « Monsieur le préfet de région ».
    if (out.length === 0 && !isName(p) && BY_FUNCTION.test(p)) out.push({ name: '', title: clip(p.charAt(0).toUpperCase() + p.slice(1), MAX_TITLE) });
    else if (isName(p) || out.length === 0) out.push({ name: clip(p.replace(CIVILITY, ''), MAX_NAME), title: '' });
    else {
      const last = out[out.length - 1]!;
      last.title = clip(last.title ? `${last.title}, ${p}` : p, MAX_TITLE);
    }
  }
  return out;
}

/**
 * Representatives read on an entity's own line (« la DGALN, représentée par … ») stay with
 * their entity when two or more entities of the party are represented so (« … ; la DGPR,
 * représentée par … »); when only one is, they speak for the whole party, as before.
 */
function apartOrWhole(p: Party): void {
  const own = p.entities.filter((e) => e.representatives !== undefined);
  if (own.length !== 1) return;
  const [e] = own;
  p.representatives.unshift(...e!.representatives!);
  delete e!.representatives;
}

/** délégant / délégataire from the designations. */
function inferRole(p: Party): void {
  const words = p.designations.join(' ').toLowerCase();
  if (/d[ée]l[ée]gataire/.test(words)) p.role = 'delegataire';
  else if (/d[ée]l[ée]gant/.test(words)) p.role = 'delegant';
}

/**
 * The signature area: groups of lines « mention, name, title » or « mention, title, name » (a blank line, or a new
 * « Le … » / « Pour … » mention, starts the next). Acrobat's stamps (« Signature numérique de … »,
 * « Date : … ») are ignored; what cannot be read goes back into the last article.
 */
function readSignatories(c: Convention, items: Array<string[] | string>, newId: (p: string) => string, warn: (path: string, message: string) => void, keep: (runs: Run[]) => void): void {
  const groups: string[][] = [];
  /** Groups read from a signature table's cells: signatories even without a mention. */
  const fromCells = new Set<string[]>();
  let cur: string[] = [];
  const isMention = (t: string) => /^(le|la|les|l['’]|pour)\b/i.test(t) && (/,$/.test(t) || /d[ée]l[ée]g|partie|pr[ée]sident|directeur|directrice|secr[ée]taire|ministre|adjoint/i.test(t));
  for (const item of items) {
    if (Array.isArray(item)) {
      // A cell of a signature table is one signatory.
      if (cur.length) groups.push(cur);
      cur = [];
      const lines = item.filter((t) => !/^signature\s+num[ée]rique|^date\s*:|^\d{4}\.\d{2}\.\d{2}/i.test(t));
      if (lines.length) {
        groups.push(lines);
        fromCells.add(lines);
      }
      continue;
    }
    const t = item.trim();
    if (/^signature\s+num[ée]rique|^date\s*:|^\d{4}\.\d{2}\.\d{2}/i.test(t)) continue;
    if (!t) {
      if (cur.length) groups.push(cur);
      cur = [];
      continue;
    }
    if (isMention(t) && cur.length >= 2) {
      groups.push(cur);
      cur = [];
    }
    cur.push(t);
  }
  if (cur.length) groups.push(cur);
  groups.forEach((g) => {
    const [first, ...rest] = g;
    const mention = isMention(first!) ? first! : undefined;
    const names = mention ? rest : g;
    // A loose line is a signatory only under a mention or when it reads as a person's name.
    if (!names.length || (!mention && !fromCells.has(g) && !looksLikeName(names[0]!))) {
      for (const line of g) keep([{ text: line }]);
      return;
    }
    // Paraphe prints the qualité above the box and the name under it (« Pour le délégant, »,
    // « Secrétaire général adjoint », …, « Brice HUET »); older documents put the name first.
    const nameLast = names.length >= 2 && !looksLikeName(names[0]!) && looksLikeName(names[names.length - 1]!);
    const name = nameLast ? names[names.length - 1]! : names[0]!;
    const title = (nameLast ? names.slice(0, -1) : names.slice(1)).join(', ') || (mention ? mention.replace(/,$/, '') : '');
    const partyOf = (): Party | undefined => {
      const m = (mention ?? '').toLowerCase();
      if (/d[ée]l[ée]gataire/.test(m)) return c.parties.find((p) => p.role === 'delegataire');
      if (/d[ée]l[ée]gant/.test(m)) return c.parties.find((p) => p.role === 'delegant');
      return c.parties.find((p) => p.designations.some((d) => d && m.includes(d.toLowerCase())) || p.entities.some((e) => e.acronym && `${m} ${title}`.includes(e.acronym)));
    };
    let party = partyOf();
    const index = c.signatories.length;
    if (!party && c.parties.length) {
      party = c.parties[0];
      warn(`signatories[${index}].partyId`, `Le signataire ${name} a été rattaché à la partie 1 faute de l'avoir reconnue : vérifiez-le à l'étape Signataires.`);
    }
    const s: Signatory = { id: newId('s'), partyId: party?.id ?? '', name: clip(name, MAX_NAME), title: clip(title, MAX_TITLE) };
    // Keep the mention only when it is not the one Paraphe would print anyway.
    if (mention && mention !== signatoryMention(undefined, party)) s.mention = clip(mention, MAX_TITLE);
    c.signatories.push(s);
  });
}

/** Shortens a quoted text. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
