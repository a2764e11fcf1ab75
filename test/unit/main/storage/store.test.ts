import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../../shared/errors';
import type { Convention } from '../../../../shared/model/convention';
import { contentSha256, openStore, type ConventionStore } from '../../../../main/storage/index';
import { sampleConvention, withEditedArticle } from './sample-convention';

/** A clock that moves one second per reading, so every timestamp differs and order is known. */
function fakeClock(start = Date.parse('2026-01-05T09:00:00Z')) {
  let t = start;
  return () => new Date((t += 1000));
}

async function rejection(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

let dir: string;
let store: ConventionStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-store-'));
  store = await openStore(dir, { now: fakeClock() });
});

afterEach(async () => {
  await store.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('create, get, list', () => {
  it('stores a convention as version 1 in its own lowdb document on disk', async () => {
    const rec = await store.create(sampleConvention({ id: 'c1' }));
    expect(rec.summary).toMatchObject({ id: 'c1', version: 1, status: 'draft', inTrash: false, kind: 'convention' });
    const onDisk = JSON.parse(readFileSync(join(dir, 'conventions', 'c1', 'record.json'), 'utf8'));
    expect(onDisk.data.convention.title).toBe(sampleConvention().title);
    expect(existsSync(join(dir, 'conventions', 'c1', 'v', '1.json'))).toBe(true);
    expect((await store.get('c1')).convention).toEqual(rec.convention);
    expect(await store.audit('c1')).toEqual([{ at: rec.summary.createdAt, action: 'created' }]);
  });

  it('gives a fresh id when the id is taken or cannot be a folder name', async () => {
    await store.create(sampleConvention({ id: 'c1' }));
    const again = await store.create(sampleConvention({ id: 'c1' }), 'imported');
    expect(again.summary.id).not.toBe('c1');
    expect(again.convention.id).toBe(again.summary.id);
    const evil = await store.create(sampleConvention({ id: '../../evil' }), 'imported');
    expect(evil.summary.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(existsSync(join(dir, '..', 'evil'))).toBe(false);
    expect((await store.audit(again.summary.id))[0]).toMatchObject({ action: 'imported' });
  });

  it('lists the most recently changed first, the trash apart', async () => {
    await store.create(sampleConvention({ id: 'a', title: 'A' }));
    await store.create(sampleConvention({ id: 'b', title: 'B' }));
    await store.create(sampleConvention({ id: 'c', title: 'C' }));
    await store.rename('a', 'A bis');
    expect((await store.list()).map((s) => s.id)).toEqual(['a', 'c', 'b']);
    await store.trash('c');
    expect((await store.list()).map((s) => s.id)).toEqual(['a', 'b']);
    expect((await store.list({ trash: true })).map((s) => s.id)).toEqual(['c']);
  });

  it('refuses an unknown id and a malformed convention with French messages', async () => {
    const missing = await rejection(store.get('nope'));
    expect(missing.code).toBe('convention-not-found');
    expect(missing.message).toBe('Convention introuvable : elle a peut-être été supprimée. Revenez à la liste des conventions.');
    const bad = { ...sampleConvention(), originals: 0 } as Convention;
    const err = await rejection(store.create(bad));
    expect(err.code).toBe('convention-invalid-format');
    expect(err.details).toEqual([expect.objectContaining({ path: 'originals' })]);
    expect(await store.list()).toEqual([]);
  });
});

describe('history', () => {
  it('keeps each save as a version with a computed French summary', async () => {
    const c = (await store.create(sampleConvention({ id: 'h' }))).convention;
    const v2 = withEditedArticle(withEditedArticle(c, 3, 'Nouvel alinéa.'), 5, 'Autre alinéa.');
    await store.save(v2);
    await store.save({ ...v2, title: 'Nouveau titre', visas: [...v2.visas, { id: 'v9', text: 'Vu la loi.' }] });
    await store.save(v2, { summary: 'Retour au titre initial' });
    const versions = await store.versions('h');
    expect(versions.map((v) => [v.version, v.summary])).toEqual([
      [4, 'Retour au titre initial'],
      [3, 'Titre modifié ; 1 visa ajouté'],
      [2, 'Articles modifiés : 3, 5'],
      [1, 'Création'],
    ]);
    expect(versions[2]!.contentSha256).toBe(contentSha256(v2));
    expect((await store.getVersion('h', 3)).convention.title).toBe('Nouveau titre');
    expect((await store.get('h')).summary.version).toBe(4);
  });

  it('does not make a version when nothing changed', async () => {
    const c = (await store.create(sampleConvention({ id: 'h' }))).convention;
    const rec = await store.save(structuredClone(c));
    expect(rec.summary.version).toBe(1);
    expect(await store.versions('h')).toHaveLength(1);
  });

  it('restores an old version as a new version', async () => {
    const c = (await store.create(sampleConvention({ id: 'h' }))).convention;
    await store.save(withEditedArticle(c, 1, 'modif'));
    const rec = await store.restoreVersion('h', 1);
    expect(rec.summary.version).toBe(3);
    expect(rec.convention).toEqual(c);
    expect((await store.versions('h'))[0]).toMatchObject({ version: 3, summary: 'Version 1 restaurée' });
    expect((await store.audit('h')).at(-1)).toMatchObject({ action: 'restored-version' });
    expect((await rejection(store.getVersion('h', 9))).code).toBe('version-not-found');
  });

  it('renames and duplicates', async () => {
    await store.create(sampleConvention({ id: 'r' }));
    const renamed = await store.rename('r', '  Convention   Camino  ');
    expect(renamed.summary.title).toBe('Convention Camino');
    expect((await store.audit('r')).at(-1)).toMatchObject({ action: 'renamed' });
    expect((await rejection(store.rename('r', '   '))).code).toBe('title-empty');
    const copy = await store.duplicate('r');
    expect(copy.summary.id).not.toBe('r');
    expect(copy.summary.title).toBe('Copie de Convention Camino');
    expect(copy.summary.version).toBe(1);
    expect((await store.audit(copy.summary.id))[0]).toMatchObject({ action: 'duplicated' });
  });
});

describe('what made each version', () => {
  /** The info a version's own file holds, read from the file (not through the store). */
  const fileInfo = (id: string, n: number) => JSON.parse(readFileSync(join(dir, 'conventions', id, 'v', `${n}.json`), 'utf8')).data.info;

  it('records the origin of every version, and the version a restore brought back, in the record and in the version files', async () => {
    const c = (await store.create(sampleConvention({ id: 'o' }))).convention;
    await store.save(withEditedArticle(c, 1, 'explicite'));
    await store.save(withEditedArticle(c, 2, 'auto 1'), { origin: 'autosave' });
    await store.save(withEditedArticle(c, 2, 'auto 2'), { origin: 'autosave' }); // joins version 3
    await store.rename('o', 'Convention renommée');
    await store.restoreVersion('o', 2);
    const versions = await store.versions('o');
    expect(versions.map((v) => [v.version, v.origin, v.restoredFrom ?? null, v.autosave?.saves ?? null])).toEqual([
      [5, 'restored', 2, null],
      [4, 'renamed', null, null],
      [3, 'autosave', null, 2],
      [2, 'edited', null, null],
      [1, 'created', null, null],
    ]);
    // Each version file carries the same facts, so a record rebuilt from history keeps them.
    for (const v of versions) expect(fileInfo('o', v.version)).toEqual(v);
  });

  it('records imports and copies as such', async () => {
    const imported = await store.create(sampleConvention({ id: 'i' }), 'imported');
    const copy = await store.duplicate(imported.summary.id);
    expect((await store.versions('i'))[0]!.origin).toBe('imported');
    expect((await store.versions(copy.summary.id))[0]!.origin).toBe('duplicated');
  });

  it('writes the finalized flag and time into the finalized version\'s file', async () => {
    const c = (await store.create(sampleConvention({ id: 'f' }))).convention;
    expect(fileInfo('f', 1).finalized).toBeUndefined();
    const fin = await store.finalize('f');
    expect(fileInfo('f', 1)).toMatchObject({ finalized: true, finalizedAt: fin.finalized!.at, contentSha256: contentSha256(c) });
    await store.save(withEditedArticle(c, 1, 'après'));
    expect(fileInfo('f', 1).finalized).toBe(true);
    expect(fileInfo('f', 2).finalized).toBeUndefined();
  });
});

describe('finalization and signing', () => {
  it('refuses to finalize a convention with errors, giving the findings', async () => {
    await store.create({ ...sampleConvention({ id: 'f' }), place: '' });
    const err = await rejection(store.finalize('f'));
    expect(err.code).toBe('convention-invalid');
    expect(err.details).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'error', path: 'place' })]));
    expect((await store.get('f')).summary.status).toBe('draft');
  });

  it('locks the content under its SHA-256; an edit starts a new draft version, the locked one kept', async () => {
    const c = (await store.create(sampleConvention({ id: 'f' }))).convention;
    const fin = await store.finalize('f');
    expect(fin.summary.status).toBe('finalized');
    expect(fin.finalized).toMatchObject({ version: 1, contentSha256: contentSha256(c) });
    expect((await store.audit('f')).at(-1)!.detail).toContain(contentSha256(c));

    const edited = await store.save(withEditedArticle(c, 2, 'ajout'));
    expect(edited.summary).toMatchObject({ status: 'draft', version: 2 });
    expect(edited.finalized).toMatchObject({ version: 1, contentSha256: contentSha256(c) });
    const versions = await store.versions('f');
    expect(versions.find((v) => v.version === 1)).toMatchObject({ finalized: true, contentSha256: contentSha256(c) });
    expect((await store.getVersion('f', 1)).convention).toEqual(c);
    expect((await store.audit('f')).at(-1)!.detail).toContain('la version finalisée 1 reste');
  });

  it('attaches files durably beside the data with their SHA-256', async () => {
    await store.create(sampleConvention({ id: 'p' }));
    const bytes = new TextEncoder().encode('%PDF-1.7 faux mais octets réels');
    const file = await store.attachFile('p', { kind: 'pdf', label: 'PDF pour signature', bytes });
    expect(file.path.startsWith(join(dir, 'files', 'p'))).toBe(true);
    expect(readFileSync(file.path)).toEqual(Buffer.from(bytes));
    expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await store.get('p')).files).toEqual([file]);
    expect((await store.audit('p')).at(-1)).toMatchObject({ action: 'rendered', detail: 'PDF pour signature (version 1)' });
  });

  it('moves through signing to signed, and only from a finalized convention', async () => {
    await store.create(sampleConvention({ id: 's' }));
    const pdf = new Uint8Array([1, 2, 3]);
    expect((await rejection(store.recordSignature('s', { bytes: pdf, signer: 'Brice HUET', complete: false }))).code).toBe('not-finalized');
    await store.finalize('s');
    expect((await store.recordSignature('s', { bytes: pdf, signer: 'Brice HUET', complete: false })).summary.status).toBe('signing');
    const done = await store.recordSignature('s', { bytes: new Uint8Array([4]), signer: 'Patrick SOULÉ', complete: true });
    expect(done.summary.status).toBe('signed');
    expect(done.files.map((f) => f.kind)).toEqual(['signed-pdf', 'signed-pdf']);
    expect((await store.audit('s')).filter((a) => a.action === 'signed').map((a) => a.detail)).toEqual([
      'Signature de Brice HUET',
      'Signature de Patrick SOULÉ — toutes les signatures sont recueillies',
    ]);
  });

  it('records actions of other services in the audit log', async () => {
    await store.create(sampleConvention({ id: 'x' }));
    await store.appendAudit('x', 'exported', 'convention.json');
    expect((await store.audit('x')).at(-1)).toMatchObject({ action: 'exported', detail: 'convention.json' });
  });
});

describe('trash', () => {
  it('trashes, restores, and empties for good', async () => {
    await store.create(sampleConvention({ id: 't' }));
    await store.create(sampleConvention({ id: 'keep' }));
    await store.attachFile('t', { kind: 'report', label: 'Rapport', bytes: new Uint8Array([7]) });
    await store.trash('t');
    expect((await rejection(store.save(sampleConvention({ id: 't', title: 'x' })))).code).toBe('convention-in-trash');
    await store.restoreFromTrash('t');
    expect((await store.audit('t')).slice(-2).map((a) => a.action)).toEqual(['trashed', 'restored-from-trash']);
    await store.trash('t');
    expect(await store.emptyTrash()).toBe(1);
    expect(existsSync(join(dir, 'conventions', 't'))).toBe(false);
    expect(existsSync(join(dir, 'files', 't'))).toBe(false);
    expect((await rejection(store.get('t'))).code).toBe('convention-not-found');
    expect((await store.list()).map((s) => s.id)).toEqual(['keep']);
  });
});

describe('persistence', () => {
  it('finds everything again after reopening, through journal and compaction', async () => {
    await store.close();
    store = await openStore(dir, { now: fakeClock(), compactAfter: 3 });
    let c = (await store.create(sampleConvention({ id: 'p1' }))).convention;
    for (let i = 0; i < 7; i += 1) c = (await store.save(withEditedArticle(c, 1, `alinéa ${i}`))).convention;
    await store.create(sampleConvention({ id: 'p2' }));
    await store.trash('p2');
    const before = await store.list({ trash: false });
    await store.close();
    const snapshot = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(snapshot.data.entries.length).toBeGreaterThan(0);

    store = await openStore(dir);
    expect(store.recovery).toBeNull();
    expect(await store.list()).toEqual(before);
    expect((await store.list({ trash: true })).map((s) => s.id)).toEqual(['p2']);
    expect((await store.get('p1')).convention).toEqual(c);
    expect(await store.versions('p1')).toHaveLength(8);
  });

  it('refuses a second opener in the same process, and allows it after close', async () => {
    const err = await rejection(openStore(dir));
    expect(err.code).toBe('store-locked');
    expect(err.message).toContain('déjà utilisé');
    await store.close();
    store = await openStore(dir);
    expect(readdirSync(dir)).toContain('paraphe.lock');
  });

  it('refuses every call after close', async () => {
    await store.close();
    expect((await rejection(store.list())).code).toBe('store-closed');
  });
});

describe('data folder problems', () => {
  it('says in French when the data folder cannot be created', async () => {
    const file = join(dir, 'un-fichier');
    await store.close();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'pas un dossier');
    const err = await rejection(openStore(join(file, 'donnees')));
    expect(err.code).toBe('store-unavailable');
    expect(err.message).toContain('Vérifiez que ce dossier existe');
  });
});

describe('the short name (« Nom court »)', () => {
  it('is renamed on its own, and a copy says « Copie de » in it too', async () => {
    await store.create(sampleConvention({ id: 'c1' }));
    const renamed = await store.rename('c1', '  Camino   2020 ', 'shortTitle');
    expect(renamed.summary).toMatchObject({ shortTitle: 'Camino 2020', title: 'Convention de délégation de gestion en date du 26 mars 2020' });
    expect((await store.versions('c1')).find((v) => v.version === 2)).toMatchObject({ summary: 'Nom court modifié : « Camino 2020 »', origin: 'renamed' });
    expect((await rejection(store.rename('c1', '  ', 'shortTitle'))).message).toMatch(/^Le nom court ne peut pas être vide/);
    const copy = await store.duplicate('c1');
    expect(copy.summary.shortTitle).toBe('Copie de Camino 2020');
    const blank = await store.create({ ...sampleConvention({ id: 'c2' }), shortTitle: '' });
    expect((await store.duplicate(blank.summary.id)).summary.shortTitle).toBe('');
  });
});
