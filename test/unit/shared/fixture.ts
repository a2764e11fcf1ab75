import type { Block, ListItem } from '../../../shared/model/blocks';
import type { Convention } from '../../../shared/model/convention';
import { getTemplate } from '../../../shared/templates/index';

/** A fresh, deep copy of the worked example (the seed convention), valid with no finding. */
export function camino(): Convention {
  return getTemplate('exemple-camino-2020')!.build();
}

/** The worked example after `edit` has changed it in place. */
export function caminoWith(edit: (c: Convention) => void): Convention {
  const c = camino();
  edit(c);
  return c;
}

/** Every id a convention holds, in document order. */
export function allIds(c: Convention): string[] {
  return [
    c.id,
    ...c.parties.map((p) => p.id),
    ...c.visas.map((v) => v.id),
    ...c.articles.map((a) => a.id),
    ...c.annexes.map((a) => a.id),
    ...c.budget.rows.flatMap((r) => [r.id, ...r.ae.map((l) => l.id), ...r.cp.map((l) => l.id)]),
    ...c.accounting.map((a) => a.id),
    ...c.signatories.map((s) => s.id),
  ];
}

/** A list item nested `depth` levels deep (the validator warns beyond four). */
export const nestedList = (depth: number): ListItem => (depth === 1 ? { runs: [{ text: 'x' }] } : { runs: [{ text: 'x' }], children: [nestedList(depth - 1)] });

/** A table block whose rows have the given cell counts (ragged rows are findings). */
export const tableBlock = (rows: number[], header?: number, widths?: number[]): Block => ({
  kind: 'table',
  ...(header === undefined ? {} : { header: Array.from({ length: header }, () => ({ paragraphs: [] })) }),
  rows: rows.map((n) => Array.from({ length: n }, () => ({ paragraphs: [[{ text: 'c' }]] }))),
  ...(widths ? { widths } : {}),
});
