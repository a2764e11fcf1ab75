import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEnvelope, sealEnvelope, sealLine } from '../../../main/storage/durable-file';
import { openStore, type ConventionStore } from '../../../main/storage/index';
import type { IndexDoc, RecordDoc } from '../../../main/storage/layout';
import { useDataFolder } from './data-folder';
import { sampleConvention, withEditedArticle } from '../../unit/main/storage/sample-convention';

/*
 * Nothing outside the data folder is ever moved, read or written, whatever the folder holds:
 * crafted ids in the index, crafted file paths in a record, symbolic links in place of the
 * folders and files of the store. Beside the data folder lies a « victim »: files whose bytes
 * and listing must come out unchanged. Where the victim is a valid copy of a convention under
 * another title, a store that read it would show that title.
 */

const folder = useDataFolder('paraphe-paths-', async (s) => {
  let a = (await s.create(sampleConvention({ id: 'a', title: 'Convention A', articles: 2, paragraphs: 1 }))).convention;
  a = (await s.save(withEditedArticle(a, 1, 'Ajout'))).convention; // a backup and two versions
  await s.create(sampleConvention({ id: 'b', title: 'Convention B', articles: 2, paragraphs: 1 }));
});

/** Every file under `path` with its bytes, to compare before and after. */
function snapshot(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string, rel: string) => {
    if (statSync(p).isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n), `${rel}/${n}`);
    else out[rel] = readFileSync(p).toString('base64');
  };
  walk(path, '');
  return out;
}

const record = (id: string) => join(folder.dir, 'conventions', id, 'record.json');
const readRecord = (id: string) => openEnvelope(readFileSync(record(id), 'utf8')) as RecordDoc;
const titles = async (s: ConventionStore) => (await s.list()).map((x) => x.title).sort();

/** A victim folder beside the data folder holding a valid copy of convention `a`, retitled. */
function victimCopyOfA(): string {
  const victim = join(folder.root, 'victim');
  cpSync(join(folder.dir, 'conventions', 'a'), victim, { recursive: true });
  const doc = readRecord('a');
  writeFileSync(join(victim, 'record.json'), sealEnvelope(JSON.stringify({ ...doc, summary: { ...doc.summary, title: 'VOLÉ' }, convention: { ...doc.convention, title: 'VOLÉ' } })));
  return victim;
}

describe('ids and paths read from disk', () => {
  it('an id « ../../victim » in the index snapshot: the index is rebuilt, the victim never touched', async () => {
    const victim = join(folder.root, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'record.json'), 'VICTIM');
    // A snapshot whose seal is right (a plain SHA-256 anyone can compute) but whose entry escapes.
    const index = openEnvelope(readFileSync(join(folder.dir, 'index.json'), 'utf8')) as IndexDoc;
    const escaping = { ...index.entries[0]!, id: '../../victim', title: 'Évasion', bytes: 1 };
    writeFileSync(join(folder.dir, 'index.json'), sealEnvelope(JSON.stringify({ ...index, entries: [...index.entries, escaping] })));
    const before = snapshot(folder.root + '/victim');
    folder.store = await openStore(folder.dir);
    expect(await titles(folder.store)).toEqual(['Convention A', 'Convention B']);
    expect(folder.store.recovery?.message).toMatch(/La liste des conventions était endommagée : elle a été reconstruite/);
    expect(snapshot(victim)).toEqual(before);
    expect(readdirSync(folder.root).sort()).toEqual(['data', 'victim']);
  });

  it('an escaping id in a journal line (put or del): the index is rebuilt, the victim never touched', async () => {
    const victim = join(folder.root, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'record.json'), 'VICTIM');
    const before = snapshot(victim);
    for (const line of [{ s: 999, del: '../../victim' }, { s: 999, put: { id: '../../victim' } }]) {
      const journal = join(folder.dir, 'index.journal');
      writeFileSync(journal, `${sealLine(JSON.stringify(line))}\n`);
      folder.store = await openStore(folder.dir);
      expect(await titles(folder.store)).toEqual(['Convention A', 'Convention B']);
      expect(folder.store.recovery?.message).toMatch(/endommagée/);
      await folder.store.close();
      expect(snapshot(victim)).toEqual(before);
    }
  });

  it('a file entry « ../victim.txt » (or another convention’s file) in a record: the record is set aside and restored, the victim never moved', async () => {
    const victim = join(folder.root, 'victim.txt');
    writeFileSync(victim, 'VICTIM');
    const s = await openStore(folder.dir);
    await s.attachFile('b', { kind: 'pdf', label: 'PDF de B', bytes: Buffer.from('%PDF-b') });
    await s.close();
    for (const relPath of ['../victim.txt', 'files/b/pdf-v1-1.pdf', 'files/a/../../../victim.txt']) {
      const doc = readRecord('a');
      const crafted = { ...doc, files: [{ kind: 'pdf', relPath, sha256: '0'.repeat(64), size: 6, createdAt: doc.summary.createdAt, label: 'x', version: 1 }] };
      writeFileSync(record('a'), sealEnvelope(JSON.stringify(crafted)));
      folder.store = await openStore(folder.dir);
      expect(await titles(folder.store), relPath).toEqual(['Convention A', 'Convention B']);
      expect(folder.store.recovery?.message, relPath).toMatch(/« Convention A » était endommagée : elle a été rétablie depuis sa copie de secours/);
      expect((await folder.store.get('a')).files).toEqual([]);
      expect((await folder.store.get('b')).files.map((f) => f.label)).toEqual(['PDF de B']);
      await folder.store.close();
      expect(readFileSync(victim, 'utf8')).toBe('VICTIM');
      expect(readdirSync(folder.root).sort()).toEqual(['data', 'victim.txt']);
      expect(readFileSync(join(folder.dir, 'files', 'b', 'pdf-v1-1.pdf'), 'utf8')).toBe('%PDF-b');
    }
  });

  it('the same crafted record above the full-check threshold: refused when first read, the victim never moved', async () => {
    writeFileSync(join(folder.root, 'victim.txt'), 'VICTIM');
    const doc = readRecord('a');
    writeFileSync(record('a'), sealEnvelope(JSON.stringify({ ...doc, files: [{ kind: 'pdf', relPath: '../victim.txt', sha256: '0'.repeat(64), size: 6, createdAt: doc.summary.createdAt, label: 'x', version: 1 }] })));
    folder.store = await openStore(folder.dir, { fullCheckUpTo: 0 });
    const a = await folder.store.get('a');
    expect(a.files).toEqual([]);
    expect(a.summary.title).toBe('Convention A');
    expect(readFileSync(join(folder.root, 'victim.txt'), 'utf8')).toBe('VICTIM');
    expect(readdirSync(folder.root).sort()).toEqual(['data', 'victim.txt']);
  });
});

describe('symbolic links are damage: set aside and reported, never followed', () => {
  it('a convention folder replaced by a link to a valid copy elsewhere: the link is set aside, the copy neither read nor written', async () => {
    const victim = victimCopyOfA();
    rmSync(join(folder.dir, 'conventions', 'a'), { recursive: true });
    symlinkSync(victim, join(folder.dir, 'conventions', 'a'));
    const before = snapshot(victim);
    folder.store = await openStore(folder.dir);
    expect(await titles(folder.store)).toEqual(['Convention B']);
    expect(folder.store.recovery?.message).toMatch(/Le dossier de la convention « Convention A » était un lien symbolique/);
    await expect(folder.store.save({ ...sampleConvention({ id: 'a' }), title: 'Écrite ailleurs ?' })).rejects.toMatchObject({ code: 'convention-not-found' });
    await folder.store.create(sampleConvention({ id: 'c', title: 'Convention C', articles: 1, paragraphs: 1 }));
    await folder.store.close();
    expect(snapshot(victim)).toEqual(before);
    expect(readdirSync(folder.root).sort()).toEqual(['data', 'victim']);
  });

  it('a convention folder (or its history) replaced by a link while the folder.store is open: the save is refused in French, nothing written outside', async () => {
    for (const which of ['conventions/a', 'conventions/a/v']) {
      const victim = join(folder.root, 'victim');
      mkdirSync(victim);
      writeFileSync(join(victim, 'keep.txt'), 'VICTIM');
      folder.store = await openStore(folder.dir);
      const a = await folder.store.get('a');
      const target = join(folder.dir, which);
      renameSync(target, join(folder.root, 'moved'));
      symlinkSync(victim, target);
      await expect(folder.store.save(withEditedArticle(a.convention, 2, 'Où va-t-elle ?'))).rejects.toMatchObject({
        code: which === 'conventions/a' ? 'convention-damaged' : 'write-refused-link',
        message: expect.stringMatching(/lien symbolique|endommagée/),
      });
      await folder.store.close();
      expect(readdirSync(victim)).toEqual(['keep.txt']);
      expect(readFileSync(join(victim, 'keep.txt'), 'utf8')).toBe('VICTIM');
      rmSync(target);
      renameSync(join(folder.root, 'moved'), target);
      rmSync(victim, { recursive: true });
    }
  });

  it('files/ replaced by a link: set aside at start-up, new files written inside the data folder', async () => {
    const victim = join(folder.root, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'keep.txt'), 'VICTIM');
    symlinkSync(victim, join(folder.dir, 'files'));
    folder.store = await openStore(folder.dir);
    expect(folder.store.recovery?.message).toMatch(/Le dossier des fichiers générés était un lien symbolique/);
    const f = await folder.store.attachFile('a', { kind: 'pdf', label: 'PDF', bytes: Buffer.from('%PDF') });
    expect(f.path.startsWith(join(folder.dir, 'files', 'a'))).toBe(true);
    expect(readFileSync(f.path, 'utf8')).toBe('%PDF');
    // Replaced again while open: refused.
    rmSync(join(folder.dir, 'files'), { recursive: true });
    symlinkSync(victim, join(folder.dir, 'files'));
    await expect(folder.store.attachFile('a', { kind: 'pdf', label: 'PDF 2', bytes: Buffer.from('%PDF') })).rejects.toMatchObject({ code: 'write-refused-link' });
    await folder.store.close();
    expect(readdirSync(victim)).toEqual(['keep.txt']);
  });

  it('record.json, index.journal and recovered/ as links: set aside, their targets untouched', async () => {
    const victim = victimCopyOfA();
    const journalVictim = join(folder.root, 'journal-victim');
    writeFileSync(journalVictim, 'VICTIM');
    const recoveredVictim = join(folder.root, 'recovered-victim');
    mkdirSync(recoveredVictim);
    rmSync(record('a'));
    symlinkSync(join(victim, 'record.json'), record('a'));
    rmSync(join(folder.dir, 'index.journal'));
    symlinkSync(journalVictim, join(folder.dir, 'index.journal'));
    symlinkSync(recoveredVictim, join(folder.dir, 'recovered'));
    const before = snapshot(folder.root);
    folder.store = await openStore(folder.dir);
    expect(await titles(folder.store)).toEqual(['Convention A', 'Convention B']); // never « VOLÉ »
    const message = folder.store.recovery?.message ?? '';
    expect(message).toMatch(/recovered.*était un lien symbolique/);
    expect(message).toMatch(/« Convention A » était endommagée : elle a été rétablie/);
    await folder.store.save(withEditedArticle((await folder.store.get('a')).convention, 2, 'Encore'));
    await folder.store.close();
    const after = snapshot(folder.root);
    for (const key of Object.keys(before).filter((k) => k.startsWith('/victim') || k.startsWith('/journal-victim'))) expect(after[key], key).toBe(before[key]);
    expect(readdirSync(recoveredVictim)).toEqual([]);
    expect(existsSync(join(folder.dir, 'recovered'))).toBe(true);
    expect(statSync(join(folder.dir, 'recovered')).isDirectory()).toBe(true);
  });
});
