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
