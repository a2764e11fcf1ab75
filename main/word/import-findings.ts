import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { FindingSchema } from '../../shared/ipc/channels/conventions';
import type { ConventionStore } from '../storage/types';

/*
 * What the Word reader noticed stays with the draft it made: a JSON report file beside it (the
 * store's attached files), read again each time the draft opens. Dismissing writes a newer,
 * empty report: the files are never rewritten, and the latest report says what is left.
 */

/** The label of the report files, in the convention's file list. */
export const IMPORT_FINDINGS_LABEL = 'Constats de l’import Word';

const ReportSchema = z.object({
  format: z.literal('paraphe-word-import-findings'),
  source: z.string(),
  importedAt: z.string(),
  findings: z.array(FindingSchema),
  dismissedAt: z.string().optional(),
});
type Report = z.infer<typeof ReportSchema>;

/** Keeps the findings of an import with its new draft (nothing is written when there are none). */
export async function keepImportFindings(store: ConventionStore, id: string, source: string, findings: Report['findings'], at: Date): Promise<void> {
  if (findings.length === 0) return;
  await write(store, id, { format: 'paraphe-word-import-findings', source, importedAt: at.toISOString(), findings });
}

/** The findings still to review, or null when there were none or the user dismissed them. */
export async function readImportFindings(store: ConventionStore, id: string): Promise<{ source: string; importedAt: string; findings: Report['findings'] } | null> {
  const report = await latest(store, id);
  if (!report || report.dismissedAt || report.findings.length === 0) return null;
  return { source: report.source, importedAt: report.importedAt, findings: report.findings };
}

/** Records that the user read them: a newer report with no findings. */
export async function dismissImportFindings(store: ConventionStore, id: string, at: Date): Promise<boolean> {
  const report = await latest(store, id);
  if (!report || report.dismissedAt) return false;
  await write(store, id, { ...report, findings: [], dismissedAt: at.toISOString() });
  return true;
}

async function write(store: ConventionStore, id: string, report: Report): Promise<void> {
  await store.attachFile(id, { kind: 'report', label: IMPORT_FINDINGS_LABEL, extension: 'json', bytes: Buffer.from(`${JSON.stringify(report, null, 2)}\n`) });
}

async function latest(store: ConventionStore, id: string): Promise<Report | null> {
  const record = await store.get(id);
  const file = record.files.filter((f) => f.kind === 'report' && f.label === IMPORT_FINDINGS_LABEL).at(-1);
  if (!file) return null;
  try {
    const bytes = await readFile(file.path);
    // A report damaged or edited outside Paraphe is not shown rather than shown wrong.
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) return null;
    return ReportSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    return null;
  }
}
