import type { Block, Run } from '../../shared/model/blocks';
import type { AccountingReference, BudgetLine, BudgetRow } from '../../shared/model/convention';
import type { Finding } from '../../shared/model/migrate';
import { linesTotal } from '../../shared/rules/budget';
import { formatAmount, parseAmount } from '../../shared/rules/format';
import { textOf, type HtmlElement } from './html';
import { cellOf, cellText, tableGrid, type Dropped } from './runs';

/*
 * Tables of a Word document: the budget (AE/CP columns, one row per UO code), the Chorus
 * references (« Références Chorus : <UO> » then label/value rows), or a free table.
 */

/** A UO code as Chorus writes them: « 0113-PEBC-ELAB », « 0181-CPRI-ELAB ». */
export const UO_CODE = /^[0-9A-Z]{3,5}(?:-[0-9A-Z]{2,}){1,4}$/i;
const AE_HEAD = /^(ae|autorisations?\s+d['’]engagements?)\b/i;
const CP_HEAD = /^(cp|cr[ée]dits?\s+de\s+paiements?)\b/i;
const TOTAL_LINE = /^soit\s+(?:un\s+)?total\s+(?:de\s*)?:?\s*(.*)$/i;
/** « 140 000 EUR (à rétablir) au titre de … »: amount, currency, note, label. */
const AMOUNT_LINE = /^(-?\d[\d\s\u00a0\u202f.,]*?)\s*(?:EUR|€|euros?)(?![A-Za-zÀ-ÿ])\.?\s*(\([^)]*\))?\s*(.*)$/i;

/** Counter-based ids: unique among elements of the same kind. */
export type NewId = (prefix: string) => string;

/** « 2021 AE », « AE 2021 », « Crédits de paiement 2022 »: a column of one year of a budget over several. */
const YEAR_IN = /(?<!\d)(19\d{2}|2[01]\d{2})(?!\d)/;
const AE_WORD = /(?<![A-Za-zÀ-ÿ])(ae|autorisations?\s+d['’]engagements?)(?![A-Za-zÀ-ÿ])/i;
const CP_WORD = /(?<![A-Za-zÀ-ÿ])(cp|cr[ée]dits?\s+de\s+paiements?)(?![A-Za-zÀ-ÿ])/i;

/** A budget table read from Word. */
export interface ReadBudget {
  readonly rows: BudgetRow[];
  /** The years of its columns when it gives AE and CP per year (its lines then carry their year). */
  readonly years?: readonly number[];
  /** Where each stated « soit un total de » disagreed with the lines (already as findings). */
  readonly findings: Finding[];
}

/** Recognises the budget table: an AE and a CP column, and UO codes in the first column. */
export function readBudgetTable(table: HtmlElement, newId: NewId, where: string): ReadBudget | null {
  const { header, rows } = tableGrid(table);
  const head = header ?? rows[0];
  if (!head) return null;
  const yearly = readYearColumns(head);
  if (yearly) return readYearTable(header ? rows : rows.slice(1), yearly, newId, where);
  const texts = head.map(cellText);
  const ae = texts.findIndex((t) => AE_HEAD.test(t));
  const cp = texts.findIndex((t) => CP_HEAD.test(t));
  if (ae < 0 || cp < 0) return null;
  const uoCol = texts.findIndex((_, i) => i !== ae && i !== cp);
  if (uoCol < 0) return null;
  const body = header ? rows : rows.slice(1);
  const data = body.filter((r) => UO_CODE.test(cellText(r[uoCol] ?? null)));
  if (data.length === 0) return null;
  const findings: Finding[] = [];
  const out: BudgetRow[] = [];
  for (const r of body) {
    const uo = cellText(r[uoCol] ?? null);
    if (!UO_CODE.test(uo)) {
      // A total row (« Total », « TOTAL GÉNÉRAL ») is computed by Paraphe; anything else is reported.
      if (r.some((c) => cellText(c) !== '') && !/^total/i.test(uo)) {
        findings.push({ severity: 'warning', path: 'budget', message: `Ligne du tableau budgétaire non reconnue (${where}) : « ${r.map(cellText).filter(Boolean).join(' | ').slice(0, 120)} ». Elle n'a pas été reprise : ajoutez-la au budget si elle compte.` });
      }
      continue;
    }
    const row: BudgetRow = { id: newId('uo'), uo, ae: [], cp: [] };
    for (const [col, key] of [[ae, 'ae'], [cp, 'cp']] as const) {
      const lines = readCell(r[col] ?? null, newId, `${uo} (${key.toUpperCase()})`, findings);
      row[key].push(...lines);
    }
    out.push(row);
  }
  return { rows: out, findings };
}

/** The columns of a header that gives AE and CP per year, with the UO column; null for any other header. */
function readYearColumns(head: ReadonlyArray<HtmlElement | null>): { uo: number; columns: Array<{ at: number; year: number; col: 'ae' | 'cp' }> } | null {
  const columns: Array<{ at: number; year: number; col: 'ae' | 'cp' }> = [];
  let uo = -1;
  head.forEach((td, at) => {
    const text = td ? cellParagraphTexts(td).join(' ') : '';
    const year = YEAR_IN.exec(text);
    const col = AE_WORD.test(text) ? 'ae' : CP_WORD.test(text) ? 'cp' : null;
    if (year && col) columns.push({ at, year: Number(year[1]), col });
    else if (uo < 0 && !/^total/i.test(text)) uo = at;
  });
  return uo >= 0 && columns.length >= 2 && columns.some((c) => c.col === 'ae') && columns.some((c) => c.col === 'cp') ? { uo, columns } : null;
}

/** A budget table with AE and CP columns per year: each UO row's lines, dated with their column's year. */
function readYearTable(body: ReadonlyArray<ReadonlyArray<HtmlElement | null>>, yearly: NonNullable<ReturnType<typeof readYearColumns>>, newId: NewId, where: string): ReadBudget | null {
  const data = body.filter((r) => UO_CODE.test(cellText(r[yearly.uo] ?? null)));
  if (data.length === 0) return null;
  const findings: Finding[] = [];
  const rows: BudgetRow[] = [];
  for (const r of body) {
    const uo = cellText(r[yearly.uo] ?? null);
    if (!UO_CODE.test(uo)) {
      if (r.some((c) => cellText(c) !== '') && !/^total/i.test(uo)) {
        findings.push({ severity: 'warning', path: 'budget', message: `Ligne du tableau budgétaire non reconnue (${where}) : « ${r.map(cellText).filter(Boolean).join(' | ').slice(0, 120)} ». Elle n'a pas été reprise : ajoutez-la au budget si elle compte.` });
      }
      continue;
    }
    const row: BudgetRow = { id: newId('uo'), uo, ae: [], cp: [] };
    for (const { at, year, col } of yearly.columns) {
      // « — »: nothing for this year.
      if (cellText(r[at] ?? null).replace(/[—–-]/g, '').trim() === '') continue;
      for (const line of readCell(r[at] ?? null, newId, `${uo} (${col.toUpperCase()} ${year})`, findings)) row[col].push({ ...line, year });
    }
    rows.push(row);
  }
  const years = [...new Set(yearly.columns.map((c) => c.year))].sort((a, b) => a - b);
  return { rows, years, findings };
}

/** The lines of one budget cell; a stated total is checked against the sum of the lines. */
function readCell(td: HtmlElement | null, newId: NewId, what: string, findings: Finding[]): BudgetLine[] {
  if (!td) return [];
  const paragraphs = cellParagraphTexts(td);
  const lines: BudgetLine[] = [];
  const stated: number[] = [];
  for (const text of paragraphs) {
    // « — »: the cell of a year without lines.
    if (/^[—–-]$/.test(text)) continue;
    const total = TOTAL_LINE.exec(text);
    if (total) {
      const m = AMOUNT_LINE.exec(total[1]!.trim());
      const cents = m ? parseAmount(m[1]!) : parseAmount(total[1]!);
      if (cents === null) findings.push({ severity: 'warning', path: 'budget', message: `Total illisible pour ${what} : « ${text} ». Paraphe calcule les totaux : vérifiez les montants.` });
      else stated.push(cents);
      continue;
    }
    const m = AMOUNT_LINE.exec(text);
    const cents = m ? parseAmount(m[1]!) : null;
    if (m && cents !== null) {
      const note = m[2]?.trim();
      lines.push({ id: newId('l'), amountCents: cents, ...(note ? { note } : {}), label: m[3]!.trim() });
    } else if (lines.length > 0 && !/\d\s*(EUR|€)/i.test(text)) {
      // A label continued on the next line.
      const last = lines[lines.length - 1]!;
      last.label = `${last.label} ${text}`.trim();
    } else {
      lines.push({ id: newId('l'), amountCents: 0, label: text });
      findings.push({ severity: 'warning', path: 'budget', message: `Montant illisible pour ${what} : « ${text.slice(0, 120)} ». La ligne est reprise avec un montant nul : saisissez le montant.` });
    }
  }
  for (const s of stated) {
    const sum = linesTotal(lines);
    if (s !== sum) {
      findings.push({
        severity: 'warning',
        path: 'budget',
        message: `Le total indiqué pour ${what} (${formatAmount(s)}) ne correspond pas à la somme des lignes (${formatAmount(sum)}). Paraphe imprime la somme calculée : vérifiez les montants.`,
      });
    }
  }
  return lines;
}

/** Paragraph texts of a cell (a cell without <p> counts as one paragraph). */
function cellParagraphTexts(td: HtmlElement): string[] {
  const ps = td.children.filter((c): c is HtmlElement => c.type === 'element' && /^(p|li|h[1-6])$/.test(c.tag));
  const texts = (ps.length ? ps : [td]).map((p) => textOf(p).replace(/\s+/g, ' ').trim());
  return texts.filter(Boolean);
}

const CHORUS_HEAD = /^r[ée]f[ée]rences?\s+chorus\s*:?\s*(.*)$/i;
const CHORUS_FIELDS: ReadonlyArray<[RegExp, keyof AccountingReference]> = [
  [/^axe\s+minist[ée]riel(?:\s*1)?\s*:?$/i, 'axeMinisteriel'],
  [/^domaine\s+fonctionnel\s*:?$/i, 'domaineFonctionnel'],
  [/^sous[- ]action\s*:?$/i, 'sousAction'],
  [/^centre\s+financier\s*:?$/i, 'centreFinancier'],
  [/^activit[ée](?:\(s\)|s)?\s*:?$/i, 'activite'],
  [/^centre\s+de\s+co[uû]ts?\s*:?$/i, 'centreCout'],
];

/** Splits « Domaine fonctionnel : 0113-07 » typed on one line into label and value. */
export function chorusField(label: string, value: string): { key: keyof AccountingReference; value: string } | { extra: { label: string; value: string } } {
  let l = label.trim();
  let v = value.trim();
  if (!v) {
    const m = /^(.*?)\s*:\s*(.*)$/.exec(l);
    if (m && CHORUS_FIELDS.some(([re]) => re.test(m[1]!))) [l, v] = [m[1]!, m[2]!];
  }
  for (const [re, key] of CHORUS_FIELDS) if (re.test(l)) return { key, value: v };
  return { extra: { label: l.replace(/\s*:$/, ''), value: v } };
}

/** The Chorus references table of one UO, or null when the table is something else. */
export function readChorusTable(table: HtmlElement, newId: NewId): AccountingReference | null {
  const { header, rows } = tableGrid(table);
  const all = header ? [header, ...rows] : rows;
  const first = all[0];
  if (!first) return null;
  const m = CHORUS_HEAD.exec(cellText(first[0] ?? null));
  if (!m) return null;
  const uo = (m[1]!.trim() || cellText(first[1] ?? null)).trim();
  if (!uo) return null;
  const ref: AccountingReference = { id: newId('ref'), uo, extra: [] };
  for (const r of all.slice(1)) {
    const label = cellText(r[0] ?? null);
    const value = r.slice(1).map(cellText).filter(Boolean).join(' ');
    if (!label && !value) continue;
    const f = chorusField(label, value);
    if ('key' in f) (ref as Record<string, unknown>)[f.key] = f.value;
    else ref.extra.push(f.extra);
  }
  return ref;
}

/** Starts a Chorus reference from a paragraph « Références Chorus : 0113-PEBC-ELAB ». */
export function chorusHeadOf(text: string): string | null {
  const m = CHORUS_HEAD.exec(text.trim());
  const uo = m?.[1]?.trim();
  return uo && UO_CODE.test(uo) ? uo : null;
}

/** A free table block: header row when Word marked one, spans expanded, rows padded. */
export function freeTable(table: HtmlElement, dropped: Dropped): Block {
  const { header, rows } = tableGrid(table);
  const empty = { paragraphs: [] as Run[][] };
  const cell = (td: HtmlElement | null) => (td ? cellOf(td, dropped) : empty);
  const body = rows.map((r) => r.map(cell));
  return { kind: 'table', ...(header ? { header: header.map(cell) } : {}), rows: body };
}
