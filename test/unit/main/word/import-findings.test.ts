import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type ConventionStore } from '../../../../main/storage/index';
import { IMPORT_FINDINGS_LABEL, dismissImportFindings, keepImportFindings, readImportFindings } from '../../../../main/word/import-findings';
import { sampleConvention } from '../storage/sample-convention';

let dir: string;
let store: ConventionStore;
const at = new Date('2026-12-03T10:00:00Z');
const finding = { severity: 'warning' as const, path: 'articles[2]', message: 'Paragraphe non reconnu, placé dans l’article 3 : vérifiez.', code: 'word-unrecognised' };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-import-findings-'));
  store = await openStore(dir);
  await store.create(sampleConvention({ id: 'c1' }), 'imported');
});

afterEach(async () => {
  await store.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('the findings of a Word import, kept with the draft', () => {
  it('writes nothing when the reader noticed nothing', async () => {
    await keepImportFindings(store, 'c1', 'propre.docx', [], at);
    expect((await store.get('c1')).files).toEqual([]);
    expect(await readImportFindings(store, 'c1')).toBeNull();
    expect(await dismissImportFindings(store, 'c1', at)).toBe(false);
  });

  it('reads them back (also from a store opened again) until dismissed, then never again', async () => {
    await keepImportFindings(store, 'c1', 'saisie.docx', [finding], at);
    expect(await readImportFindings(store, 'c1')).toEqual({ source: 'saisie.docx', importedAt: at.toISOString(), findings: [finding] });
    await store.close();
    store = await openStore(dir);
    expect((await readImportFindings(store, 'c1'))?.findings).toEqual([finding]);
    expect(await dismissImportFindings(store, 'c1', new Date('2026-12-04T08:00:00Z'))).toBe(true);
    expect(await readImportFindings(store, 'c1')).toBeNull();
    expect(await dismissImportFindings(store, 'c1', at)).toBe(false);
    const reports = (await store.get('c1')).files.filter((f) => f.label === IMPORT_FINDINGS_LABEL);
    expect(reports.map((f) => f.kind)).toEqual(['report', 'report']);
  });

  it('shows nothing rather than something wrong when the report was changed outside Paraphe', async () => {
    await keepImportFindings(store, 'c1', 'saisie.docx', [finding], at);
    const [file] = (await store.get('c1')).files;
    writeFileSync(file!.path, JSON.stringify({ format: 'paraphe-word-import-findings', source: 'x', importedAt: 'y', findings: [{ ...finding, message: 'falsifié' }] }));
    expect(await readImportFindings(store, 'c1')).toBeNull();
  });
});
