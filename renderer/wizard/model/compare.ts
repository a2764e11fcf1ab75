import type { Block, ListItem, Run } from '../../../shared/model/blocks';
import { presentationOf, type Convention } from '../../../shared/model/convention';
import { formatAmount, formatDate, isValidIsoDate } from '../../../shared/rules/format';
import { annexHeading, articleHeading, subArticleLabel, subArticleNumbers, withCurrentReferences } from '../../../shared/rules/numbering';

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

/** An article's body, its numbered sub-articles with their printed number (« 3.1 Pilotage »). */
function articleLines(body: readonly Block[], articleIndex: number): string[] {
  const numbers = subArticleNumbers(body);
  return body.flatMap((b, i) => {
    const n = numbers[i];
    const lines = blockLines(b);
    return n === undefined ? lines : lines.map((l) => `${subArticleLabel(articleIndex, n)} ${l}`);
  });
}

/** The presentation choices as one line, so that changing one shows in the comparison. */
function presentationLine(c: Convention): string {
  const p = presentationOf(c);
  const parts = [
    `premier article « Article ${p.firstArticle} »`,
    ...(p.hyphenation ? ['coupure des mots'] : []),
    ...(p.amountsInWords ? ['montants en toutes lettres'] : []),
    ...(p.blocMarque ? [`bloc-marque (${p.blocMarque.ministries.join(', ')})`] : []),
  ];
  return `Mise en forme : ${parts.join(', ')}`;
}

/** A convention as lines of text, in reading order: what a person compares between two versions. */
export function conventionLines(convention: Convention): string[] {
  // References read as printed now (« article 1er »), whatever text they last stored.
  const c = withCurrentReferences(convention);
  const first = presentationOf(c).firstArticle;
  const years = c.budget.years && c.budget.years.length > 0;
  const line = (kind: 'AE' | 'CP', l: Convention['budget']['rows'][number]['ae'][number]) =>
    `${kind}${years && l.year !== undefined ? ` ${l.year}` : ''} ${formatAmount(l.amountCents)}${l.note ? ` ${l.note}` : ''} ${l.label}`;
  return [
    c.title,
    `Fait à ${c.place}, le ${isValidIsoDate(c.date) ? formatDate(c.date) : c.date}, en ${c.originals} originaux`,
    ...c.parties.flatMap((p) => [
      ...(p.opening ? [p.opening] : []),
      ...p.entities.flatMap((e) => [
        `${e.determiner ? `${e.determiner}${e.determiner.endsWith('\'') || e.determiner.endsWith('’') ? '' : ' '}` : ''}${e.name}${e.acronym ? ` (${e.acronym})` : ''}${e.address ? `, ${e.address}` : ''}`,
        ...(e.representatives ?? []).map((r) => `Représenté par ${[r.name, r.title].filter((x) => x.trim() !== '').join(', ')}`),
      ]),
      ...p.representatives.map((r) => `Représenté par ${[r.name, r.title].filter((x) => x.trim() !== '').join(', ')}`),
      `${p.designationLead ?? 'Ci-après'} : ${p.designations.join(' ou ')}`,
    ]),
    ...c.visas.map((v) => v.text),
    ...c.preamble.flatMap(blockLines),
    ...c.articles.flatMap((a, i) => [articleHeading(a, i, first), ...articleLines(a.body, i)]),
    ...(years ? [`Budget pluriannuel : ${c.budget.years!.join(', ')}`] : []),
    ...c.budget.rows.flatMap((r) => [`UO ${r.uo}`, ...r.ae.map((l) => line('AE', l)), ...r.cp.map((l) => line('CP', l))]),
    ...c.accounting.map((a) => `Chorus ${a.uo} : ${[a.domaineFonctionnel, a.centreFinancier, a.activite, a.centreCout].filter(Boolean).join(' · ')}`),
    ...c.signatories.map((s, i) => `Signataire ${i + 1} : ${[s.mention, s.name, s.title].filter((x) => x && x.trim() !== '').join(', ')}`),
    ...c.annexes.flatMap((a, i) => [annexHeading(a, i), ...a.body.flatMap(blockLines)]),
    presentationLine(c),
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
