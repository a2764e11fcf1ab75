import type { Block, ListItem, Run } from '../../../shared/model/blocks';
import type { Convention } from '../../../shared/model/convention';
import { formatAmount, formatDate, isValidIsoDate } from '../../../shared/rules/format';
import { annexHeading, articleHeading } from '../../../shared/rules/numbering';

const text = (runs: readonly Run[]) => runs.map((r) => r.text).join('');

function itemLines(items: readonly ListItem[], depth: number): string[] {
  return items.flatMap((i) => [`${'  '.repeat(depth)}• ${text(i.runs)}`, ...itemLines(i.children ?? [], depth + 1)]);
}

function blockLines(b: Block): string[] {
  switch (b.kind) {
    case 'paragraph':
    case 'heading':
      return [text(b.runs)];
    case 'list':
      return itemLines(b.items, 0);
    case 'table':
      return [...(b.header ? [b.header] : []), ...b.rows].map((row) => row.map((c) => c.paragraphs.map(text).join(' / ')).join(' | '));
    case 'budget-table':
      return ['[Tableau budgétaire]'];
    case 'accounting-references':
      return [`[Références comptables${b.uos ? ` : ${b.uos.join(', ')}` : ''}]`];
  }
}

/** A convention as lines of text, in reading order: what a person compares between two versions. */
export function conventionLines(c: Convention): string[] {
  return [
    c.title,
    `Fait à ${c.place}, le ${isValidIsoDate(c.date) ? formatDate(c.date) : c.date}, en ${c.originals} originaux`,
    ...c.parties.flatMap((p) => [
      ...p.entities.map((e) => `${e.name}${e.acronym ? ` (${e.acronym})` : ''}${e.address ? `, ${e.address}` : ''}`),
      ...p.representatives.map((r) => `Représenté par ${r.name}, ${r.title}`),
      `Ci-après : ${p.designations.join(' ou ')}`,
    ]),
    ...c.visas.map((v) => v.text),
    ...c.preamble.flatMap(blockLines),
    ...c.articles.flatMap((a, i) => [articleHeading(a, i), ...a.body.flatMap(blockLines)]),
    ...c.budget.rows.flatMap((r) => [
      `UO ${r.uo}`,
      ...r.ae.map((l) => `AE ${formatAmount(l.amountCents)} ${l.label}`),
      ...r.cp.map((l) => `CP ${formatAmount(l.amountCents)} ${l.label}`),
    ]),
    ...c.accounting.map((a) => `Chorus ${a.uo} : ${[a.domaineFonctionnel, a.centreFinancier, a.activite, a.centreCout].filter(Boolean).join(' · ')}`),
    ...c.signatories.map((s, i) => `Signataire ${i + 1} : ${s.name}, ${s.title}`),
    ...c.annexes.flatMap((a, i) => [annexHeading(a, i), ...a.body.flatMap(blockLines)]),
  ].filter((l) => l.trim() !== '');
}

/** One line of a comparison: kept, removed (only in the older) or added (only in the newer). */
export interface DiffLine {
  readonly kind: 'same' | 'removed' | 'added';
  readonly text: string;
}

/** Line comparison (longest common subsequence), older → newer. */
export function diffLines(older: readonly string[], newer: readonly string[]): DiffLine[] {
  const n = older.length;
  const m = newer.length;
  // lcs[i][j]: length of the common subsequence of older[i..] and newer[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i]![j] = older[i] === newer[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (older[i] === newer[j]) {
      out.push({ kind: 'same', text: older[i]! });
      i += 1;
      j += 1;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: 'removed', text: older[i++]! });
    else out.push({ kind: 'added', text: newer[j++]! });
  }
  while (i < n) out.push({ kind: 'removed', text: older[i++]! });
  while (j < m) out.push({ kind: 'added', text: newer[j++]! });
  return out;
}
