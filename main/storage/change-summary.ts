import type { Convention } from '../../shared/model/convention';
// Both sides come out of the model's zod schema, so their keys are in the same order and plain
// JSON compares them (three times faster than the canonical form on a 30 KB convention).
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const plural = (n: number, one: string, many: string): string => (n > 1 ? many : one);

/**
 * Compares items that carry an id (articles, annexes) and names them by their number as the
 * reader sees it: « Articles modifiés : 3, 5 », « Article ajouté : 9 », « Article supprimé : 4 ».
 */
function describeNumbered<T extends { id: string }>(before: readonly T[], after: readonly T[], noun: 'Article' | 'Annexe'): string[] {
  const out: string[] = [];
  const beforeById = new Map(before.map((item, i) => [item.id, { item, n: i + 1 }]));
  const afterIds = new Set(after.map((item) => item.id));
  const modified: number[] = [];
  const added: number[] = [];
  after.forEach((item, i) => {
    const old = beforeById.get(item.id);
    if (!old) added.push(i + 1);
    else if (!same(old.item, item)) modified.push(i + 1);
  });
  const removed = before.flatMap((item, i) => (afterIds.has(item.id) ? [] : [i + 1]));
  const feminine = noun === 'Annexe';
  const word = (n: number, participle: string) =>
    `${noun}${n > 1 ? 's' : ''} ${participle}${feminine ? 'e' : ''}${n > 1 ? 's' : ''}`;
  if (modified.length) out.push(`${word(modified.length, 'modifié')} : ${modified.join(', ')}`);
  if (added.length) out.push(`${word(added.length, 'ajouté')} : ${added.join(', ')}`);
  if (removed.length) out.push(`${word(removed.length, 'supprimé')} : ${removed.join(', ')}`);
  if (!modified.length && !added.length && !removed.length) {
    const order = (xs: readonly T[]) => xs.map((x) => x.id).join('\u0000');
    if (order(before) !== order(after)) out.push(`${noun}s réordonné${feminine ? 'e' : ''}s`);
  }
  return out;
}

/**
 * A short French summary of what changed between two versions, for the history panel:
 * « Titre modifié ; Articles modifiés : 3, 5 ; Budget modifié ». « Aucune modification » when
 * the contents are the same.
 */
export function summarizeChanges(before: Convention, after: Convention): string {
  const parts: string[] = [];
  if (before.title !== after.title) parts.push('Titre modifié');
  if (before.shortTitle !== after.shortTitle) parts.push('Nom court modifié');
  if (before.kind !== after.kind || !same(before.avenant, after.avenant)) parts.push('Nature du document modifiée');
  if (before.place !== after.place || before.date !== after.date || before.originals !== after.originals) {
    parts.push('Lieu, date ou nombre d\u2019originaux modifiés');
  }
  if (!same(before.parties, after.parties)) parts.push('Parties modifiées');
  if (!same(before.visas, after.visas)) {
    const d = after.visas.length - before.visas.length;
    parts.push(d > 0 ? `${d} ${plural(d, 'visa ajouté', 'visas ajoutés')}` : d < 0 ? `${-d} ${plural(-d, 'visa supprimé', 'visas supprimés')}` : 'Visas modifiés');
  }
  if (!same(before.preamble, after.preamble) || before.agreementFormula !== after.agreementFormula) parts.push('Préambule modifié');
  parts.push(...describeNumbered(before.articles, after.articles, 'Article'));
  if (!same(before.budget, after.budget)) parts.push('Budget modifié');
  if (!same(before.accounting, after.accounting)) parts.push('Références Chorus modifiées');
  if (!same(before.signatories, after.signatories)) parts.push('Signataires modifiés');
  parts.push(...describeNumbered(before.annexes, after.annexes, 'Annexe'));
  if (parts.length === 0 && !same(before, after)) parts.push('Modifications mineures');
  return parts.length ? parts.join(' ; ') : 'Aucune modification';
}
