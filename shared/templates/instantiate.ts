import type { Block, ListItem, Run } from '../model/blocks';
import type { Convention } from '../model/convention';

/**
 * A copy of `c` where every id (the convention's, parties', visas', articles', annexes',
 * budget rows and lines', references', signatories') is replaced by `newId()`, and each
 * signatory still points to its own party and each reference (« l'article 2 ») to its own
 * article or annex. Nothing of the original is shared.
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
  const targets = new Map<string, string>();
  for (const a of [...copy.articles, ...copy.annexes]) {
    const id = newId();
    targets.set(a.id, id);
    a.id = id;
  }
  const retarget = (r: Run) => {
    const to = r.ref ? targets.get(r.ref.target) : undefined;
    if (r.ref && to) r.ref = { target: to };
  };
  for (const blocks of [copy.preamble, ...copy.articles.map((a) => a.body), ...copy.annexes.map((a) => a.body)]) forEachRun(blocks, retarget);
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

/** Calls `f` on every run of `blocks`: paragraphs, headings, list items at any depth, table cells. */
export function forEachRun(blocks: readonly Block[], f: (r: Run) => void): void {
  const items = (list: readonly ListItem[]) => {
    for (const it of list) {
      it.runs.forEach(f);
      if (it.children) items(it.children);
    }
  };
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading') b.runs.forEach(f);
    else if (b.kind === 'list') items(b.items);
    else if (b.kind === 'table') for (const row of [...(b.header ? [b.header] : []), ...b.rows]) for (const cell of row) for (const para of cell.paragraphs) para.forEach(f);
  }
}

/** Deep copy of plain JSON data (conventions are plain JSON by construction). */
export function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

