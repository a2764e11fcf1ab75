import { cpSync, existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type ConventionStore } from '../../../main/storage/index';
import { useDataFolder } from './data-folder';
import { sampleConvention, withEditedArticle } from '../../unit/main/storage/sample-convention';

/*
 * Conventions on disk that the index does not know (a folder restored from a backup, a copy
 * brought by a synced folder) are adopted at start-up and reported; a folder whose name is not
 * an id is reported with the way to bring it back; a deletion cut short is finished, never
 * adopted back.
 */

const folder = useDataFolder('paraphe-adopt-', async (s) => {
  const a = (await s.create(sampleConvention({ id: 'a', title: 'Convention A', articles: 2, paragraphs: 1 }))).convention;
  await s.save(withEditedArticle(a, 1, 'Deuxième version'));
  await s.attachFile('a', { kind: 'pdf', label: 'PDF de A', bytes: Buffer.from('%PDF-a') });
  await s.create(sampleConvention({ id: 'b', title: 'Convention B', articles: 2, paragraphs: 1 }));
});

const ids = async (s: ConventionStore, trash = false) => (await s.list({ trash })).map((x) => x.id).sort();

describe('conventions on disk but missing from the index', () => {
  for (const threshold of [200, 0]) {
    it(`a folder restored from a backup after the convention was deleted comes back, with its history and files (full check up to ${threshold})`, async () => {
      cpSync(join(folder.dir, 'conventions', 'a'), join(folder.root, 'backup-a'), { recursive: true });
      cpSync(join(folder.dir, 'files', 'a'), join(folder.root, 'backup-files-a'), { recursive: true });
      let s = await openStore(folder.dir);
      await s.trash('a');
      expect(await s.emptyTrash()).toBe(1);
      await s.close();
      expect(readdirSync(join(folder.dir, 'conventions'))).toEqual(['b']);
      cpSync(join(folder.root, 'backup-a'), join(folder.dir, 'conventions', 'a'), { recursive: true });
      cpSync(join(folder.root, 'backup-files-a'), join(folder.dir, 'files', 'a'), { recursive: true });

      folder.store = await openStore(folder.dir, { fullCheckUpTo: threshold });
      expect(await ids(folder.store)).toEqual(['a', 'b']);
      expect(folder.store.recovery?.message).toMatch(/La convention « Convention A » se trouvait dans le dossier de données sans figurer dans la liste .* : elle a été ajoutée à la liste\./);
      const a = await folder.store.get('a');
      expect(a.summary.version).toBe(2);
      expect(a.files.map((f) => f.label)).toEqual(['PDF de A']);
      expect((await folder.store.versions('a')).map((v) => v.version)).toEqual([2, 1]);
      await folder.store.close();
      s = await openStore(folder.dir, { fullCheckUpTo: threshold });
      expect(s.recovery).toBeNull(); // adopted for good
      await s.close();
    });
  }

  it('a convention in another data folder copied in (a synced copy): adopted, the trash kept as it was', async () => {
    const other = join(folder.root, 'other');
    const s = await openStore(other);
    await s.create(sampleConvention({ id: 'z', title: 'Convention Z', articles: 1, paragraphs: 1 }));
    await s.trash('z');
    await s.close();
    cpSync(join(other, 'conventions', 'z'), join(folder.dir, 'conventions', 'z'), { recursive: true });
    folder.store = await openStore(folder.dir);
    expect(await ids(folder.store)).toEqual(['a', 'b']);
    expect(await ids(folder.store, true)).toEqual(['z']);
    expect(folder.store.recovery?.message).toMatch(/« Convention Z » .* ajoutée à la liste, dans la corbeille\./);
  });

  it('a folder whose name is not an id is reported with the way back; renamed as suggested, it is adopted under that name', async () => {
    cpSync(join(folder.dir, 'conventions', 'b'), join(folder.dir, 'conventions', 'b (1)'), { recursive: true });
    let s = await openStore(folder.dir);
    expect(await ids(s)).toEqual(['a', 'b']);
    const message = s.recovery?.message ?? '';
    expect(message).toMatch(/Le dossier « .*b \(1\) » n'a pas un nom de convention .* renommez-le ainsi, par exemple « b-1-recuperee », puis relancez Paraphe/);
    await s.close();
    renameSync(join(folder.dir, 'conventions', 'b (1)'), join(folder.dir, 'conventions', 'b-1-recuperee'));
    folder.store = await openStore(folder.dir);
    expect(await ids(folder.store)).toEqual(['a', 'b', 'b-1-recuperee']);
    const copy = await folder.store.get('b-1-recuperee');
    expect(copy.summary.title).toBe('Convention B');
    expect(copy.convention.id).toBe('b-1-recuperee');
    expect((await folder.store.audit('b-1-recuperee')).map((e) => e.action)).toEqual(['created']); // its own audit, not a rebuilt one
    await folder.store.close();
    s = await openStore(folder.dir);
    expect(s.recovery).toBeNull();
    folder.store = s;
  });

  it('a deletion cut short after its commit point is finished at start-up, silently, and not adopted back', async () => {
    let s = await openStore(folder.dir);
    await s.trash('a');
    await s.close();
    // What emptyTrash leaves when a crash follows the rename (the index still names « a »).
    renameSync(join(folder.dir, 'conventions', 'a'), join(folder.dir, 'conventions', '.deleted-a'));
    s = await openStore(folder.dir);
    expect(await ids(s, true)).toEqual([]);
    expect(s.recovery).toBeNull();
    await s.close();
    expect(readdirSync(join(folder.dir, 'conventions'))).toEqual(['b']);
    expect(existsSync(join(folder.dir, 'files', 'a'))).toBe(false);
    folder.store = await openStore(folder.dir);
    expect(await ids(folder.store)).toEqual(['b']);
  });
});
