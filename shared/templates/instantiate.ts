import type { Convention } from '../model/convention';

/**
 * A copy of `c` where every id (the convention's, parties', visas', articles', annexes',
 * budget rows and lines', references', signatories') is replaced by `newId()`, and each
 * signatory still points to its own party. Nothing of the original is shared.
 */
export function withFreshIds(c: Convention, newId: () => string): Convention {
  const copy = structuredCloneJson(c);
  const partyIds = new Map<string, string>();
  copy.id = newId();
  for (const p of copy.parties) {
    const id = newId();
    partyIds.set(p.id, id);
    p.id = id;
  }
  for (const v of copy.visas) v.id = newId();
  for (const a of copy.articles) a.id = newId();
  for (const a of copy.annexes) a.id = newId();
  for (const row of copy.budget.rows) {
    row.id = newId();
    for (const line of [...row.ae, ...row.cp]) line.id = newId();
  }
  for (const ref of copy.accounting) ref.id = newId();
  for (const s of copy.signatories) {
    s.id = newId();
    s.partyId = partyIds.get(s.partyId) ?? s.partyId;
  }
  return copy;
}

/** Deep copy of plain JSON data (conventions are plain JSON by construction). */
export function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

