import type { Block, ListItem, Run } from '../model/blocks';
import { presentationOf, type Convention } from '../model/convention';
import type { Finding } from '../model/migrate';
import { rowTotals } from './budget';
import { coded, type FindingArgs, type FindingCode } from './finding-texts';
import { formatAmount, formatDate, isValidIsoDate } from './format';
import { codePointLabel, codePointName, unprintable } from './glyphs';
import { articleLabel } from './numbering';

/** Chorus UO codes look like « 0113-PEBC-ELAB ». */
const UO_PATTERN = /^\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

// Each finding names its code; its French message comes from finding-texts.ts.
const error = <C extends FindingCode>(path: string, code: C, ...args: FindingArgs<C>): Finding => coded('error', path, code, ...args);
const warning = <C extends FindingCode>(path: string, code: C, ...args: FindingArgs<C>): Finding => coded('warning', path, code, ...args);
const blank = (s: string | undefined) => !s || s.trim() === '';

/**
 * Checks what the schema cannot: the rules of a well-formed convention. Errors block the
 * finalization and the PDF; warnings are shown but do not block.
 */
export function validateConvention(c: Convention): Finding[] {
  const out: Finding[] = [];

  if (blank(c.title)) out.push(error('title', 'title.missing'));
  if (blank(c.shortTitle)) out.push(warning('shortTitle', 'short-title.missing'));
  if (blank(c.place)) out.push(error('place', 'place.missing'));
  if (!isValidIsoDate(c.date)) out.push(error('date', 'date.invalid'));
  if (c.kind === 'avenant') {
    if (!c.avenant) out.push(error('avenant', 'avenant.missing'));
    else if (blank(c.avenant.base.title)) out.push(error('avenant.base.title', 'avenant.base-title.missing'));
  }

  // Parties
  if (c.parties.length < 2) out.push(error('parties', 'parties.too-few'));
  const partyIds = new Set<string>();
  c.parties.forEach((p, i) => {
    const at = `parties[${i}]`;
    if (partyIds.has(p.id)) out.push(error(`${at}.id`, 'party.duplicate-id'));
    partyIds.add(p.id);
    // One finding per problem: blank entities are reported one by one just below.
    if (p.entities.length === 0) {
      out.push(error(`${at}.entities`, 'party.entities.missing'));
    }
    p.entities.forEach((e, j) => {
      if (blank(e.name)) out.push(error(`${at}.entities[${j}].name`, 'entity.name.missing'));
    });
    // Entities represented apart may leave the party itself without representatives.
    const entityReps = p.entities.some((e) => (e.representatives ?? []).length > 0);
    if (p.representatives.length === 0 && !entityReps) out.push(error(`${at}.representatives`, 'party.representatives.missing'));
    const checkRepresentative = (r: { name: string; title: string }, rat: string) => {
      // Known by function only (« le directeur interministériel du numérique »): no name needed.
      if (blank(r.name) && blank(r.title)) out.push(error(`${rat}.name`, 'representative.name.missing'));
      if (blank(r.title)) out.push(warning(`${rat}.title`, 'representative.title.missing'));
    };
    p.representatives.forEach((r, j) => checkRepresentative(r, `${at}.representatives[${j}]`));
    p.entities.forEach((e, j) => (e.representatives ?? []).forEach((r, k) => checkRepresentative(r, `${at}.entities[${j}].representatives[${k}]`)));
    if (p.designations.every(blank)) out.push(warning(`${at}.designations`, 'party.designation.missing'));
  });
  const roles = c.parties.map((p) => p.role);
  for (const role of ['delegant', 'delegataire'] as const) {
    if (roles.filter((r) => r === role).length > 1) {
      out.push(warning('parties', 'parties.role-repeated', { role }));
    }
  }

  const bloc = c.presentation?.blocMarque;
  if (bloc && bloc.ministries.every((m) => m.trim() === '')) out.push(warning('presentation.blocMarque.ministries', 'presentation.bloc-marque.no-ministry'));

  // Visas, articles, annexes
  if (c.visas.length === 0) out.push(warning('visas', 'visas.none'));
  c.visas.forEach((v, i) => {
    if (blank(v.text)) out.push(error(`visas[${i}].text`, 'visa.empty'));
    const doubled = doubledOpening(v.text);
    if (doubled) out.push(warning(`visas[${i}].text`, 'visa.word.doubled', { n: i + 1, words: doubled }));
  });
  if (c.articles.length === 0) out.push(error('articles', 'articles.none'));
  c.articles.forEach((a, i) => {
    const number = { n: i + 1, label: articleLabel(i, presentationOf(c).firstArticle) };
    if (blank(a.title)) out.push(error(`articles[${i}].title`, 'article.title.missing', number));
    if (a.body.length === 0) out.push(warning(`articles[${i}].body`, 'article.body.empty', number));
    out.push(...checkBlocks(a.body, `articles[${i}].body`));
  });
  c.annexes.forEach((a, i) => {
    if (blank(a.title)) out.push(error(`annexes[${i}].title`, 'annex.title.missing', { n: i + 1 }));
    out.push(...checkBlocks(a.body, `annexes[${i}].body`));
  });
  out.push(...checkBlocks(c.preamble, 'preamble'));
  out.push(...danglingReferences(c));

  // Budget
  const seenUo = new Map<string, number>();
  c.budget.rows.forEach((row, i) => {
    const at = `budget.rows[${i}]`;
    const uo = row.uo.trim();
    if (!uo) out.push(error(`${at}.uo`, 'budget.uo.missing'));
    else {
      if (seenUo.has(uo)) out.push(error(`${at}.uo`, 'budget.uo.duplicate', { uo }));
      else seenUo.set(uo, i);
      if (!UO_PATTERN.test(uo)) out.push(warning(`${at}.uo`, 'budget.uo.not-chorus', { uo }));
    }
    if (row.ae.length === 0 && row.cp.length === 0) out.push(error(at, 'budget.row.no-amount', { uo: uo || String(i + 1) }));
    for (const col of ['ae', 'cp'] as const) {
      row[col].forEach((line, j) => {
        if (line.amountCents <= 0) {
          out.push(error(`${at}.${col}[${j}].amountCents`, 'budget.amount.not-positive', { column: col === 'ae' ? 'AE' : 'CP', line: j + 1 }));
        }
        if (blank(line.label)) out.push(warning(`${at}.${col}[${j}].label`, 'budget.line.label.missing'));
        if (line.amountCents > ONE_BILLION_CENTS) {
          out.push(warning(`${at}.${col}[${j}].amountCents`, 'budget.amount.above-billion', { amount: formatAmount(line.amountCents), column: col === 'ae' ? 'AE' : 'CP', uo: uo || String(i + 1) }));
        }
      });
    }
    const t = rowTotals(row);
    if (t.cp > t.ae) {
      out.push(warning(`${at}.cp`, 'budget.cp-above-ae', { cp: formatAmount(t.cp), ae: formatAmount(t.ae), uo }));
    }
  });
  out.push(...checkBudgetYears(c));
  const hasBudgetBlock = allBlocks(c).some((b) => b.kind === 'budget-table');
  if (c.budget.rows.length > 0 && !hasBudgetBlock) {
    out.push(warning('budget', 'budget.table.not-shown'));
  }
  if (c.budget.rows.length === 0 && hasBudgetBlock) {
    out.push(warning('budget', 'budget.table.without-rows'));
  }

  // Chorus references
  const refUos = new Set<string>();
  c.accounting.forEach((ref, i) => {
    const uo = ref.uo.trim();
    if (!uo) {
      out.push(error(`accounting[${i}].uo`, 'accounting.uo.missing'));
      return;
    }
    if (refUos.has(uo)) out.push(error(`accounting[${i}].uo`, 'accounting.uo.duplicate', { uo }));
    refUos.add(uo);
    if (!seenUo.has(uo)) out.push(warning(`accounting[${i}].uo`, 'accounting.uo.not-in-budget', { uo }));
  });
  for (const [uo, i] of seenUo) {
    if (!refUos.has(uo)) out.push(warning(`budget.rows[${i}].uo`, 'budget.uo.no-accounting', { uo }));
  }

  // Signatories
  if (c.signatories.length === 0) out.push(error('signatories', 'signatories.none'));
  c.signatories.forEach((s, i) => {
    const at = `signatories[${i}]`;
    if (!partyIds.has(s.partyId)) out.push(error(`${at}.partyId`, 'signatory.party.missing', { n: i + 1 }));
    if (blank(s.name)) out.push(error(`${at}.name`, 'signatory.name.missing', { n: i + 1 }));
    if (blank(s.title)) out.push(warning(`${at}.title`, 'signatory.title.missing', { n: i + 1 }));
  });
  c.parties.forEach((p, i) => {
    if (c.signatories.length > 0 && !c.signatories.some((s) => s.partyId === p.id)) {
      out.push(warning(`parties[${i}]`, 'party.signatory.missing'));
    }
  });

  out.push(...duplicateIds(c));
  out.push(...unprintableCharacters(c));
  return out;
}

/** One billion euros, in cents: a budget line above it is most likely a typing slip. */
const ONE_BILLION_CENTS = 1_000_000_000_00;

/**
 * A word typed twice at the start of a visa (« Vu Vu le décret », « Vu le le décret »): the
 * doubled words as typed, or null. Only the first words are looked at, where a pasted
 * « Vu … » after the one already there leaves its trace.
 */
export function doubledOpening(text: string): string | null {
  const words = [...text.matchAll(/\p{L}+(?:['’]\p{L}+)?/gu)].slice(0, 4);
  for (let i = 1; i < words.length; i += 1) {
    const a = words[i - 1]!;
    const b = words[i]!;
    const between = text.slice(a.index! + a[0].length, b.index);
    if (/^\s+$/.test(between) && a[0].toLocaleLowerCase('fr') === b[0].toLocaleLowerCase('fr')) return `${a[0]} ${b[0]}`;
  }
  return null;
}

/**
 * A signature made after the date printed in « Fait à …, le … » (`signedOn`, ISO day): a
 * warning to show when signing, or null when the dates agree or either is not a date.
 */
export function signingDateFinding(madeOn: string, signedOn: string): Finding | null {
  if (!isValidIsoDate(madeOn) || !isValidIsoDate(signedOn) || signedOn <= madeOn) return null;
  return warning('date', 'signature.after-made-date', { signed: formatDate(signedOn), made: formatDate(madeOn) });
}

/** Fields that name or classify things but are never printed. */
const NOT_PRINTED = new Set(['id', 'partyId', 'schemaVersion', 'kind', 'role', 'date', 'designationGender', 'currency', 'conventionId', 'uos']);

/** Where a path sits, in French and in English (« article 3 », « annex 1 »). */
function placeOf(path: string): { where: string; whereEn: string } {
  const m = /^(\w+)(?:\[(\d+)\])?/.exec(path);
  const key = m?.[1] ?? '';
  const n = m?.[2] !== undefined ? Number(m[2]) + 1 : 0;
  const numbered: Record<string, [string, string]> = {
    articles: ['article', 'article'], annexes: ['annexe', 'annex'], visas: ['visa', 'recital'],
    parties: ['partie', 'party'], signatories: ['signataire', 'signatory'], accounting: ['références Chorus', 'Chorus references'],
  };
  const named: Record<string, [string, string]> = {
    title: ['titre', 'title'], shortTitle: ['titre court', 'short title'], place: ['lieu de signature', 'place of signature'],
    agreementFormula: ['formule « Il a été convenu »', 'agreement formula'], preamble: ['préambule', 'preamble'],
    budget: ['budget', 'budget'], avenant: ['convention modifiée', 'amended agreement'],
  };
  const num = numbered[key];
  if (num) return { where: `${num[0]} ${n}`, whereEn: `${num[1]} ${n}` };
  const name = named[key];
  return name ? { where: name[0], whereEn: name[1] } : { where: path, whereEn: path };
}

/**
 * Characters that would print as « ? »: the renderer's own rule (shared/rules/glyphs.ts) over
 * every printed text of the convention, one warning per character and place (article, annex…).
 */
function unprintableCharacters(c: Convention): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      for (const cp of unprintable(value)) {
        const { where, whereEn } = placeOf(path);
        const key = `${cp} ${where}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const name = codePointName(cp);
        out.push(warning(path, 'text.glyph.missing', { char: String.fromCodePoint(cp), code: codePointLabel(cp), ...(name ? { name } : {}), where, whereEn }));
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (!NOT_PRINTED.has(k)) visit(v, path ? `${path}.${k}` : k);
    }
  };
  visit(c, '');
  return out;
}

/**
 * Ids are invisible to the user but name things elsewhere (signature fields in the PDF,
 * editor rows): two elements of one kind with one id, e.g. in a JSON edited by hand, must not
 * pass. Parties are checked above with the parties.
 */
function duplicateIds(c: Convention): Finding[] {
  const out: Finding[] = [];
  const groups: Array<[string, Array<{ id: string }>, (i: number) => string]> = [
    ['visas', c.visas, (i) => `visas[${i}].id`],
    ['articles', c.articles, (i) => `articles[${i}].id`],
    ['annexes', c.annexes, (i) => `annexes[${i}].id`],
    ['budget.rows', c.budget.rows, (i) => `budget.rows[${i}].id`],
    ['accounting', c.accounting, (i) => `accounting[${i}].id`],
    ['signatories', c.signatories, (i) => `signatories[${i}].id`],
  ];
  for (const [, items, pathOf] of groups) {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) out.push(error(pathOf(i), 'id.duplicate'));
      seen.add(item.id);
    });
  }
  const lines = new Set<string>();
  c.budget.rows.forEach((row, i) => {
    for (const col of ['ae', 'cp'] as const) {
      row[col].forEach((line, j) => {
        if (lines.has(line.id)) out.push(error(`budget.rows[${i}].${col}[${j}].id`, 'id.duplicate'));
        lines.add(line.id);
      });
    }
  });
  return out;
}

/**
 * A budget over several years: its years listed once each and in order, every amount dated
 * with one of them. A budget of one year whose amounts carry a year prints without it.
 */
function checkBudgetYears(c: Convention): Finding[] {
  const out: Finding[] = [];
  const years = c.budget.years ?? [];
  const listed = new Set<number>();
  years.forEach((y, k) => {
    if (listed.has(y)) out.push(error(`budget.years[${k}]`, 'budget.year.duplicate', { year: y }));
    else if (k > 0 && y < years[k - 1]!) out.push(warning(`budget.years[${k}]`, 'budget.years.order', { year: y, before: years[k - 1]! }));
    listed.add(y);
  });
  const list = [...listed].join(', ');
  c.budget.rows.forEach((row, i) => {
    for (const col of ['ae', 'cp'] as const) {
      const column = col === 'ae' ? 'AE' : 'CP';
      row[col].forEach((line, j) => {
        const at = `budget.rows[${i}].${col}[${j}].year`;
        const uo = row.uo.trim() || String(i + 1);
        if (years.length === 0) {
          if (line.year !== undefined) out.push(warning(at, 'budget.line.year.unexpected', { year: line.year, uo, column, line: j + 1 }));
        } else if (line.year === undefined) out.push(error(at, 'budget.line.year.missing', { uo, column, line: j + 1 }));
        else if (!listed.has(line.year)) out.push(error(at, 'budget.line.year.unknown', { year: line.year, years: list, uo, column, line: j + 1 }));
      });
    }
  });
  return out;
}

/** True when some finding blocks finalization and rendering. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

function allBlocks(c: Convention): Block[] {
  return [...c.preamble, ...c.articles.flatMap((a) => a.body), ...c.annexes.flatMap((a) => a.body)];
}

function checkBlocks(blocks: readonly Block[], at: string): Finding[] {
  const out: Finding[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'list' && b.items.length === 0) out.push(warning(`${at}[${i}]`, 'list.empty'));
    if (b.kind === 'list' && depth(b.items) > 4) out.push(warning(`${at}[${i}]`, 'list.too-deep'));
    if (b.kind === 'table') {
      const cols = b.header?.length ?? b.rows[0]?.length ?? 0;
      b.rows.forEach((r, j) => {
        if (r.length !== cols) out.push(error(`${at}[${i}].rows[${j}]`, 'table.row.cells', { cells: r.length, columns: cols }));
      });
      if (b.widths && b.widths.length !== cols) out.push(error(`${at}[${i}].widths`, 'table.widths.mismatch'));
    }
  });
  return out;
}

/**
 * References (« l'article 2 ») whose article or annex was deleted: they would print their old
 * text, which may now name another article.
 */
function danglingReferences(c: Convention): Finding[] {
  const targets = new Set([...c.articles.map((a) => a.id), ...c.annexes.map((a) => a.id)]);
  const out: Finding[] = [];
  const runs = (list: readonly Run[], path: string) => {
    for (const r of list) if (r.ref && !targets.has(r.ref.target)) out.push(error(path, 'reference.target.missing', { text: r.text.trim() }));
  };
  const items = (list: readonly ListItem[], path: string) =>
    list.forEach((it) => {
      runs(it.runs, path);
      if (it.children) items(it.children, path);
    });
  // Reported on the body as a whole: the wizard shows it above the text and flags the article.
  const blocks = (list: readonly Block[], at: string) =>
    list.forEach((b) => {
      if (b.kind === 'paragraph' || b.kind === 'heading') runs(b.runs, at);
      else if (b.kind === 'list') items(b.items, at);
      else if (b.kind === 'table') {
        for (const row of [...(b.header ? [b.header] : []), ...b.rows]) for (const cell of row) for (const p of cell.paragraphs) runs(p, at);
      }
    });
  blocks(c.preamble, 'preamble');
  c.articles.forEach((a, i) => blocks(a.body, `articles[${i}].body`));
  c.annexes.forEach((a, i) => blocks(a.body, `annexes[${i}].body`));
  return out;
}

function depth(items: readonly ListItem[]): number {
  return items.reduce((d, it) => Math.max(d, 1 + (it.children ? depth(it.children) : 0)), 0);
}
