/**
 * The checks of records.ts that the storage mutation run (issue 17, `npm run mutation`) found
 * unguarded: a version file whose content does not match its recorded SHA-256, a record naming
 * another convention or a file outside its folder, the info check of a version file, what a
 * version file must agree on with its record, folders replaced by links, the version numbers
 * listed from a history folder. Real files in a temp folder, written by the store's own writers.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentSha256 } from '../../../../main/storage/canonical';
import { sealEnvelope } from '../../../../main/storage/durable-file';
import { STORE_FORMAT, storePaths, type RecordDoc, type StorePaths } from '../../../../main/storage/layout';
import {
  assertRealDir, DamagedFileError, exists, listVersionNumbers, prepareRecordWrite, readRecordFile, readVersionFile, readVersionInfo,
  verifySealedFile, versionFileMatches, writeVersionFile,
} from '../../../../main/storage/records';
import type { VersionInfo } from '../../../../main/storage/types';
import { sampleConvention } from './sample-convention';

let dir: string;
let paths: StorePaths;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-records-'));
  paths = storePaths(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ID = 'conv-exemple';
const convention = sampleConvention({ id: ID, articles: 2, paragraphs: 1 });
const info = (over: Partial<VersionInfo> = {}): VersionInfo => ({ version: 1, savedAt: '2026-03-26T10:00:00.000Z', summary: 'Création', contentSha256: contentSha256(convention), ...over });

/** A record of convention ID that passes the schema, its files as given. */
function record(over: Partial<RecordDoc> = {}): RecordDoc {
  return {
    format: STORE_FORMAT,
    summary: { id: ID, title: convention.title, shortTitle: 'Délégation', kind: 'convention', status: 'draft', createdAt: '2026-03-26T10:00:00.000Z', updatedAt: '2026-03-26T10:00:00.000Z', version: 1, inTrash: false },
    convention,
    files: [],
    versions: [info()],
    audit: [{ at: '2026-03-26T10:00:00.000Z', action: 'created' }],
    ...over,
  } as RecordDoc;
}

const fileEntry = (relPath: string) => ({ kind: 'pdf' as const, relPath, sha256: 'a'.repeat(64), size: 10, createdAt: '2026-03-26T10:00:00.000Z', label: 'PDF', version: 1 });

/** Writes `doc` as convention ID's record.json, sealed as the store seals it. */
async function writeRecord(doc: RecordDoc): Promise<void> {
  mkdirSync(paths.conventionDir(ID), { recursive: true });
  if (doc.summary?.id === ID) await prepareRecordWrite(paths, doc, false).write();
  else writeFileSync(paths.record(ID), sealEnvelope(JSON.stringify(doc)));
}

/** Expects `p` to reject with DamagedFileError of `reason`. */
async function damaged(p: Promise<unknown>, reason: 'missing' | 'unreadable'): Promise<void> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(DamagedFileError);
  expect((e as DamagedFileError).reason).toBe(reason);
}

describe('readVersionFile: the content against its recorded SHA-256', () => {
  it('control: a version written by the store reads back', async () => {
    mkdirSync(paths.versionsDir(ID), { recursive: true });
    await writeVersionFile(paths, ID, info(), convention);
    expect((await readVersionFile(paths.version(ID, 1))).info.contentSha256).toBe(contentSha256(convention));
  });

  it('a sealed, well-formed version whose content is not the one its info hashes is damaged', async () => {
    mkdirSync(paths.versionsDir(ID), { recursive: true });
    // The seal matches (the file is as written), the content does not match its own info.
    await writeVersionFile(paths, ID, info(), { ...convention, title: 'Titre changé après coup' });
    await damaged(readVersionFile(paths.version(ID, 1)), 'unreadable');
  });

  it('missing: « missing »; garbage or a wrong shape: « unreadable »', async () => {
    await damaged(readVersionFile(paths.version(ID, 1)), 'missing');
    mkdirSync(paths.versionsDir(ID), { recursive: true });
    writeFileSync(paths.version(ID, 1), 'pas du JSON');
    await damaged(readVersionFile(paths.version(ID, 1)), 'unreadable');
    writeFileSync(paths.version(ID, 1), sealEnvelope(JSON.stringify({ format: STORE_FORMAT, id: ID })));
    await damaged(readVersionFile(paths.version(ID, 1)), 'unreadable');
  });
});

describe('verifySealedFile and readVersionInfo', () => {
  it('verifySealedFile: a sealed file passes, a missing one is « missing », a garbled one « unreadable »', async () => {
    const f = join(dir, 'doc.json');
    await damaged(verifySealedFile(f), 'missing');
    writeFileSync(f, sealEnvelope('{"a":1}'));
    await expect(verifySealedFile(f)).resolves.toBeUndefined();
    writeFileSync(f, sealEnvelope('{"a":1}').replace('"a":1', '"a":2'));
    await damaged(verifySealedFile(f), 'unreadable');
  });

  it('readVersionInfo: the info of a sealed file; missing, or without a numeric version and a string hash, is damaged', async () => {
    const f = join(dir, '1.json');
    await damaged(readVersionInfo(f), 'missing');
    writeFileSync(f, sealEnvelope(JSON.stringify({ info: info({ version: 3 }) })));
    expect((await readVersionInfo(f)).version).toBe(3);
    for (const bad of [{}, { info: null }, { info: { contentSha256: 'x' } }, { info: { version: '1', contentSha256: 'x' } }, { info: { version: 1 } }, { info: { version: 1, contentSha256: 5 } }]) {
      writeFileSync(f, sealEnvelope(JSON.stringify(bad)));
      await damaged(readVersionInfo(f), 'unreadable');
    }
  });
});

describe('versionFileMatches', () => {
  it('agrees only when version, content hash and finalization agree (an absent flag reads as false)', () => {
    const a = info();
    expect(versionFileMatches(a, info())).toBe(true);
    expect(versionFileMatches(a, info({ finalized: false }))).toBe(true);
    expect(versionFileMatches(a, info({ version: 2 }))).toBe(false);
    expect(versionFileMatches(a, info({ contentSha256: 'b'.repeat(64) }))).toBe(false);
    expect(versionFileMatches(a, info({ finalized: true }))).toBe(false);
    expect(versionFileMatches(info({ finalized: true }), a)).toBe(false);
    expect(versionFileMatches(info({ finalized: true }), info({ finalized: true }))).toBe(true);
  });
});

describe('readRecordFile: what leads to paths is checked even for a trusted record', () => {
  it('control: its own id and a file in its own folder', async () => {
    await writeRecord(record({ files: [fileEntry(`files/${ID}/pdf-v1-1.pdf`)] }));
    for (const trusted of [false, true]) expect((await readRecordFile(paths, ID, { trusted })).files).toHaveLength(1);
  });

  it('a record naming another convention is damaged, trusted or not', async () => {
    await writeRecord(record({ summary: { ...record().summary, id: 'autre' } }));
    for (const trusted of [false, true]) await damaged(readRecordFile(paths, ID, { trusted }), 'unreadable');
  });

  it('a file of another convention’s folder is damaged, trusted or not', async () => {
    await writeRecord(record({ files: [fileEntry('files/autre/pdf-v1-1.pdf')] }));
    for (const trusted of [false, true]) await damaged(readRecordFile(paths, ID, { trusted }), 'unreadable');
  });

  it('trusted, a file entry without a path or without a files list is damaged (no crash)', async () => {
    await writeRecord({ ...record(), files: [{ kind: 'pdf' } as never] });
    await damaged(readRecordFile(paths, ID, { trusted: true }), 'unreadable');
    await writeRecord({ ...record(), files: undefined as never });
    await damaged(readRecordFile(paths, ID, { trusted: true }), 'unreadable');
    await writeRecord({ ...record(), summary: undefined as never });
    await damaged(readRecordFile(paths, ID, { trusted: true }), 'unreadable');
  });

  it('reId adopts a folder renamed by the user: the id becomes the folder’s, its files are dropped', async () => {
    await writeRecord(record({ summary: { ...record().summary, id: 'ancien' }, convention: { ...convention, id: 'ancien' }, files: [fileEntry('files/ancien/pdf-v1-1.pdf')] }));
    const doc = await readRecordFile(paths, ID, { reId: true });
    expect([doc.summary.id, doc.convention.id, doc.files]).toEqual([ID, ID, []]);
    // Its own id already: kept as it is, files included.
    await writeRecord(record({ files: [fileEntry(`files/${ID}/pdf-v1-1.pdf`)] }));
    expect((await readRecordFile(paths, ID, { reId: true })).files).toHaveLength(1);
  });

  it('missing: « missing »', async () => {
    await damaged(readRecordFile(paths, ID), 'missing');
  });
});

describe('exists, assertRealDir, listVersionNumbers', () => {
  it('exists: a file, a dangling link; not a missing name; another error is passed on', async () => {
    writeFileSync(join(dir, 'f'), 'x');
    symlinkSync(join(dir, 'nulle-part'), join(dir, 'lien'));
    expect(await exists(join(dir, 'f'))).toBe(true);
    expect(await exists(join(dir, 'lien'))).toBe(true);
    expect(await exists(join(dir, 'absent'))).toBe(false);
    await expect(exists(join(dir, 'f', 'sous'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('assertRealDir: a real folder or nothing passes; a link to a folder or a file is damaged; another error is passed on', async () => {
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'f'), 'x');
    symlinkSync(join(dir, 'd'), join(dir, 'lien'));
    await expect(assertRealDir(join(dir, 'd'))).resolves.toBeUndefined();
    await expect(assertRealDir(join(dir, 'absent'))).resolves.toBeUndefined();
    await damaged(assertRealDir(join(dir, 'lien')), 'unreadable');
    await damaged(assertRealDir(join(dir, 'f')), 'unreadable');
    await expect(assertRealDir(join(dir, 'f', 'sous'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('listVersionNumbers: regular files named <n>.json only, in numeric order; none for a missing folder', async () => {
    expect(await listVersionNumbers(paths, ID)).toEqual([]);
    const v = paths.versionsDir(ID);
    mkdirSync(v, { recursive: true });
    for (const name of ['10.json', '2.json', '1.json', '02.json', '0.json', 'x1.json', '3.json.bak', '4.jsonx', '1234567890.json']) writeFileSync(join(v, name), '{}');
    mkdirSync(join(v, '5.json'));
    expect(await listVersionNumbers(paths, ID)).toEqual([1, 2, 10]);
  });
});
