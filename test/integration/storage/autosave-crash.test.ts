import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Convention } from '../../../shared/model/convention';
import { contentSha256, openStore, type ConventionStore } from '../../../main/storage/index';
import { openEnvelope } from '../../../main/storage/durable-file';
import { sampleConvention, withEditedArticle } from '../../unit/main/storage/sample-convention';

/*
 * The states a crash can leave in the middle of an autosave that joins the open version. The
 * save writes, in order: the version's file (temp, fsync, rename), a line of the index journal,
 * the record (the commit point, its previous copy kept as .bak). Each state is made for real:
 * the join is done, then the files it had not reached yet are put back as they were. The
 * store must open without reporting damage and hold the old or the new content, its history
 * file agreeing with its record, and later versions must not inherit a stale file.
 * The SIGKILL test (crash.test.ts) also kills a child in the middle of such saves at random.
 */

let dir: string;
let store: ConventionStore | undefined;
let acked: Convention; // the content of version 2 the last acknowledged autosave stored
let inFlight: Convention; // the content of the autosave the crash cut short

const files = (d: string) => ({
  record: join(d, 'conventions', 'a', 'record.json'),
  bak: join(d, 'conventions', 'a', 'record.json.bak'),
  journal: join(d, 'index.journal'),
  v2: join(d, 'conventions', 'a', 'v', '2.json'),
});
/** The SHA-256 named inside a version file (it is checked against the record by the store). */
const fileSha = (file: string) => (openEnvelope(readFileSync(file, 'utf8')) as { info: { contentSha256: string } }).info.contentSha256;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-autosave-crash-'));
  const s = await openStore(dir);
  let c = (await s.create(sampleConvention({ id: 'a' }))).convention;
  c = (await s.save(withEditedArticle(c, 1, 'Premier jet'), { origin: 'autosave' })).convention;
  acked = (await s.save(withEditedArticle(c, 2, 'Deuxième jet'), { origin: 'autosave' })).convention;
  await s.close();
  expect((await reopened()).summary.version).toBe(2);
});

afterEach(async () => {
  await store?.close().catch(() => undefined);
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function reopened(options: { fullCheckUpTo?: number } = {}) {
  await store?.close();
  store = await openStore(dir, options);
  return store.get('a');
}

/** Joins one more autosave into version 2, then puts back the files listed in `undo` as they were before it. */
async function joinCutShort(undo: Array<'record' | 'bak' | 'journal'>): Promise<void> {
  await store?.close();
  store = undefined;
  const before = `${dir}-before`;
  const f = files(dir);
  const kept = files(before);
  cpSync(dir, before, { recursive: true });
  const s = await openStore(dir);
  inFlight = (await s.save(withEditedArticle(acked, 3, 'Troisième jet, non acquitté'), { origin: 'autosave' })).convention;
  await s.close();
  expect(fileSha(f.v2)).toBe(contentSha256(inFlight));
  for (const which of undo) {
    if (existsSync(kept[which])) cpSync(kept[which], f[which]);
    else rmSync(f[which], { force: true });
  }
  rmSync(before, { recursive: true, force: true });
}

describe('a crash in the middle of a joined autosave', () => {
  for (const fullCheckUpTo of [200, 0]) {
    const mode = fullCheckUpTo ? 'start-up reads every record' : 'start-up checks sizes only';
    it(`after the version file, before the journal line (${mode}): the old content, the file brought back`, async () => {
      await joinCutShort(['record', 'bak', 'journal']);
      const rec = await reopened({ fullCheckUpTo });
      await store!.settled();
      expect(store!.recovery).toBeNull();
      expect(contentSha256(rec.convention)).toBe(contentSha256(acked));
      // Reading every record, start-up itself brings the file back; otherwise the first read does.
      if (fullCheckUpTo) expect(fileSha(files(dir).v2)).toBe(contentSha256(acked));
      const v2 = await store!.getVersion('a', 2);
      expect(v2.info.contentSha256).toBe(contentSha256(acked));
      expect(v2.convention).toEqual(acked);
      expect(fileSha(files(dir).v2)).toBe(contentSha256(acked));
      expect(store!.recovery).toBeNull();
    });

    it(`after the journal line, before the record (${mode}): the old content, the index mended`, async () => {
      await joinCutShort(['record', 'bak']);
      const rec = await reopened({ fullCheckUpTo });
      await store!.settled();
      expect(store!.recovery).toBeNull();
      expect(rec.convention).toEqual(acked);
      expect((await store!.list())[0]).toMatchObject({ id: 'a', version: 2, updatedAt: rec.summary.updatedAt });
      expect((await store!.getVersion('a', 2)).convention).toEqual(acked);
    });

    it(`then an explicit save (${mode}): version 2 keeps the acknowledged content on disk`, async () => {
      await joinCutShort(['record', 'bak', 'journal']);
      const rec = await reopened({ fullCheckUpTo });
      const next = withEditedArticle(rec.convention, 4, 'Enregistré par l’utilisateur');
      expect((await store!.save(next)).summary.version).toBe(3);
      // Read the file itself: the store must have brought it back before leaving version 2.
      expect(fileSha(files(dir).v2)).toBe(contentSha256(acked));
      await reopened();
      expect(store!.recovery).toBeNull();
      expect((await store!.getVersion('a', 2)).convention).toEqual(acked);
      expect((await store!.getVersion('a', 3)).convention).toEqual(next);
    });

    it(`then finalization (${mode}): the finalized file holds the content whose hash is recorded`, async () => {
      await joinCutShort(['record', 'bak', 'journal']);
      await reopened({ fullCheckUpTo });
      const fin = await store!.finalize('a');
      expect(fin.finalized!.contentSha256).toBe(contentSha256(acked));
      expect(fileSha(files(dir).v2)).toBe(contentSha256(acked));
    });
  }

  it('after the record (the save was done, its answer lost): the new content', async () => {
    await joinCutShort([]);
    const rec = await reopened();
    expect(store!.recovery).toBeNull();
    expect(rec.convention).toEqual(inFlight);
    expect((await store!.versions('a'))[0]).toMatchObject({ version: 2, contentSha256: contentSha256(inFlight), autosave: { saves: 3 } });
  });
});

describe('a damaged record after joined autosaves', () => {
  it('is rebuilt from its backup and the newer content of the open version’s file', async () => {
    await joinCutShort([]); // acknowledged this time: record, .bak (naming the previous content) and file all written
    const f = files(dir);
    expect(fileSha(f.v2)).toBe(contentSha256(inFlight));
    const bytes = readFileSync(f.record);
    writeFileSync(f.record, bytes.subarray(0, bytes.length >> 1));
    const rec = await reopened();
    expect(store!.recovery?.message).toContain('rétablie depuis sa copie de secours');
    expect(rec.summary.version).toBe(2);
    expect(rec.convention).toEqual(inFlight);
    expect((await store!.getVersion('a', 2)).info.contentSha256).toBe(contentSha256(inFlight));
  });
});
