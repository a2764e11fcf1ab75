import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { UserError } from '../../../shared/errors';
import type { Convention } from '../../../shared/model/convention';
import { currentFile } from '../../signing/convention-signing';
import { contentSummary } from '../../storage/content-summary';
import type { ConventionStore } from '../../storage/types';

/*
 * Read-only views over stored conventions for the home list and the Signature step: what the
 * list filters on beyond the summary, and the PDF being signed.
 */

/** What the home list searches and filters on: the convention's date and its parties' names. */
export interface ConventionFacets {
  readonly id: string;
  readonly date: string;
  readonly parties: string[];
}

/** The facets of one convention's content. */
export function facetsOf(id: string, c: Convention): ConventionFacets {
  const { date, parties } = contentSummary(c);
  return { id, date: date ?? '', parties: [...(parties ?? [])] };
}

/**
 * The facets of every convention in the list. Summaries written since they carry the date and
 * the parties answer from the index alone; an older one opens its record once per version.
 */
export function facetsReader(store: ConventionStore) {
  const known = new Map<string, { version: number; facets: ConventionFacets }>();
  return async function facets(): Promise<ConventionFacets[]> {
    const list = await store.list();
    const out: ConventionFacets[] = [];
    for (const s of list) {
      if (s.date !== undefined && s.parties !== undefined) {
        out.push({ id: s.id, date: s.date, parties: [...s.parties] });
        continue;
      }
      const kept = known.get(s.id);
      if (kept && kept.version === s.version) {
        out.push(kept.facets);
        continue;
      }
      try {
        const record = await store.get(s.id);
        const facets = facetsOf(s.id, record.convention);
        known.set(s.id, { version: record.summary.version, facets });
        out.push(facets);
      } catch {
        // A damaged convention: the list shows it by its summary; it has nothing to filter on.
        out.push({ id: s.id, date: '', parties: [] });
      }
    }
    return out;
  };
}

/** The PDF being signed, as base64, or null before it is prepared; refused when altered on disk. */
export async function signingDocument(store: ConventionStore, id: string): Promise<{ base64: string; label: string; signed: boolean } | null> {
  const record = await store.get(id);
  const file = currentFile(record);
  if (!file) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(file.path);
  } catch {
    throw new UserError('stored-pdf-missing', `Le PDF « ${file.label} » a disparu du dossier de données. Préparez à nouveau le PDF depuis la convention finalisée.`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
    throw new UserError('stored-pdf-altered', `Le PDF « ${file.label} » a été modifié hors de Paraphe : il ne peut pas être affiché. Restaurez-le ou préparez à nouveau le PDF.`);
  }
  return { base64: bytes.toString('base64'), label: file.label, signed: file.kind === 'signed-pdf' };
}
