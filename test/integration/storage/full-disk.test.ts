import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openEnvelope } from '../../../main/storage/durable-file';
import { openStore } from '../../../main/storage/index';
import { sampleConvention, withEditedArticle } from '../../unit/main/storage/sample-convention';

/*
 * A full disk, for real: the data folder lives on a small tmpfs. The disk is filled, then just
 * enough is freed for the new version's file but not for the index journal's next page, so the
 * journal append is the write that fails. The save must fail in French, leave no temp file and
 * no part of a line, and use up no journal number: once space is freed, the next save
 * succeeds and the next start finds nothing to report (a gap in the numbering used to read as
 * « La liste des conventions était endommagée » and rebuild the index). Mounting needs root.
 */

const PAGE = 4096;
const isRoot = process.getuid?.() === 0;
let mnt: string;

beforeAll(() => {
  if (!isRoot) return;
  mnt = mkdtempSync(join(tmpdir(), 'paraphe-full-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]);
});

afterAll(() => {
  if (!isRoot) return;
  execFileSync('umount', ['--lazy', mnt]); // lazy: a failed test may leave a handle open
  rmSync(mnt, { recursive: true, force: true });
});

afterEach(() => {
  if (isRoot) for (const name of readdirSync(mnt)) if (name.startsWith('filler')) rmSync(join(mnt, name));
});

/** Writes pages to `file` until the disk refuses. */
function fill(file: string): void {
  const fd = openSync(file, 'w');
  const page = Buffer.alloc(PAGE, 0x41);
  try {
    for (;;) writeSync(fd, page);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

/** Every temp file left anywhere under `dir`. */
function temps(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.tmp')) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

describe.skipIf(!isRoot)('a full disk (a 2 MB tmpfs; mounting needs root)', () => {
  it('a failed journal write uses up no number and leaves nothing behind: no false report after space is freed', async () => {
    const dir = join(mnt, 'data');
    mkdirSync(dir);
    const filler = join(mnt, 'filler');
    // compactAfter 1: the journal is folded into the snapshot after each write, so it is empty
    // (0 bytes, no page) when the disk fills, and its next line needs a page of its own.
    let store = await openStore(dir, { compactAfter: 1 });
    let c = (await store.create(sampleConvention({ id: 'a', title: 'Convention A', articles: 3, paragraphs: 2 }))).convention;
    c = (await store.save(withEditedArticle(c, 1, 'Version 2'), { summary: 'v2' })).convention;
    await store.settled();
    expect(statSync(join(dir, 'index.journal')).size).toBe(0);
    const versionPages = Math.ceil(statSync(join(dir, 'conventions', 'a', 'v', '2.json')).size / PAGE);

    fill(filler);
    // Free pages one at a time until the version file fits: that save fails at the journal.
    let freed = versionPages - 1;
    let failedAtJournal = false;
    const next = withEditedArticle(c, 1, 'Version 3');
    while (!failedAtJournal && freed <= versionPages + 2) {
      truncateSync(filler, statSync(filler).size - PAGE);
      freed += 1;
      await expect(store.save(next, { summary: 'v3' })).rejects.toMatchObject({
        code: 'write-failed',
        message: expect.stringMatching(/^L'enregistrement a échoué : le disque est plein\. Libérez de la place/),
      });
      failedAtJournal = readdirSync(join(dir, 'conventions', 'a', 'v')).includes('3.json');
      expect(temps(dir), `after freeing ${freed} pages`).toEqual([]);
      expect(statSync(join(dir, 'index.journal')).size).toBe(0); // nothing of the line stayed
    }
    expect(failedAtJournal, 'the version file was written and the journal append failed').toBe(true);
    const recordNow = openEnvelope(readFileSync(join(dir, 'conventions', 'a', 'record.json'), 'utf8')) as { summary: { version: number } };
    expect(recordNow.summary.version).toBe(2);

    // Space comes back: the save goes through, and the next start finds nothing wrong.
    rmSync(filler);
    const saved = await store.save(next, { summary: 'v3' });
    expect(saved.summary.version).toBe(3);
    await store.close();
    store = await openStore(dir, { compactAfter: 1 });
    expect(store.recovery).toBeNull();
    expect((await store.list()).map((s) => [s.id, s.version])).toEqual([['a', 3]]);
    expect((await store.get('a')).convention).toEqual(saved.convention);
    await store.close();
    expect(temps(dir)).toEqual([]);
  });

  it('an attachment that does not fit leaves no temp file under files/<id>/', async () => {
    const dir = join(mnt, 'data2');
    mkdirSync(dir);
    const filler = join(mnt, 'filler2');
    const store = await openStore(dir);
    await store.create(sampleConvention({ id: 'b', title: 'Convention B', articles: 1, paragraphs: 1 }));
    await store.attachFile('b', { kind: 'pdf', label: 'Petit', bytes: Buffer.from('%PDF-petit') });
    fill(filler);
    truncateSync(filler, statSync(filler).size - 4 * PAGE);
    await expect(store.attachFile('b', { kind: 'pdf', label: 'Gros', bytes: Buffer.alloc(64 * PAGE, 0x25) })).rejects.toMatchObject({ code: 'write-failed' });
    expect(readdirSync(join(dir, 'files', 'b'))).toEqual(['pdf-v1-1.pdf']);
    rmSync(filler);
    expect((await store.get('b')).files.map((f) => f.label)).toEqual(['Petit']);
    await store.close();
  });
});
