import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../../../shared/errors';
import type { HandlersFor } from '../../../../../shared/ipc/define';
import type { conventionChannels } from '../../../../../shared/ipc/channels/conventions';
import { createConventionHandlers, fileSlug, versionRows } from '../../../../../main/ipc/handlers/conventions';
import type { Ports } from '../../../../../main/ports';
import { openEnvelope, sealEnvelope } from '../../../../../main/storage/durable-file';
import { openStore } from '../../../../../main/storage/index';
import type { ConventionStore, VersionInfo } from '../../../../../main/storage/types';

let root = '';
let store: ConventionStore;
let h: HandlersFor<typeof conventionChannels>;
let saveAnswers: Array<string | null>;
let ports: Ports;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'paraphe-handlers-'));
  await mkdir(join(root, 'exports'));
  store = await openStore(join(root, 'data'));
  saveAnswers = [];
  ports = {
    dialog: {
      chooseSavePath: async ({ defaultName }) => (saveAnswers.length ? saveAnswers.shift()! : join(root, 'exports', defaultName)),
      chooseOpenPath: async () => null,
    },
    paths: { dataDir: join(root, 'data'), appName: 'Paraphe', version: '1.2.3' },
    shell: { openPath: async () => undefined, showItemInFolder: () => undefined },
  };
  h = createConventionHandlers({ store, ports, now: () => new Date(2026, 10, 28, 14, 32) });
});

afterEach(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describe('convention handlers', () => {
  it('tells the app its version, data folder and that nothing needed repair', async () => {
    await expect(h['app:info']()).resolves.toEqual({ name: 'Paraphe', version: '1.2.3', dataDir: join(root, 'data'), recovery: null });
  });

  it('creates from a template with today\'s date and the given title', async () => {
    const s = await h['convention:create']({ templateId: 'delegation-de-gestion', title: 'Délégation DINUM 2027' });
    expect(s).toMatchObject({ title: 'Délégation DINUM 2027', kind: 'convention', status: 'draft', version: 1, inTrash: false });
    expect((await h['convention:get']({ id: s.id })).convention.date).toBe('2026-11-28');
    const e = await rejection(h['convention:create']({ templateId: 'inexistant' }));
    expect(e.code).toBe('unknown-template');
  });

  it('renames, duplicates, trashes and restores, each visible in the lists', async () => {
    const s = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    await h['convention:rename']({ id: s.id, title: 'Camino' });
    const copy = await h['convention:duplicate']({ id: s.id });
    expect(copy.id).not.toBe(s.id);
    await h['convention:trash']({ id: s.id });
    expect((await h['convention:list']()).map((c) => c.id)).toEqual([copy.id]);
    expect((await h['trash:list']()).map((c) => c.title)).toEqual(['Camino']);
    await h['convention:restore-from-trash']({ id: s.id });
    expect((await h['convention:list']()).map((c) => c.id).sort()).toEqual([s.id, copy.id].sort());
  });

  it('imports a convention JSON as a new convention', async () => {
    const s = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    const original = (await h['convention:get']({ id: s.id })).convention;
    const imported = await h['convention:import']({ text: JSON.stringify(original), fileName: 'camino.json' });
    expect(imported.id).not.toBe(s.id); // the id was taken: the store gives a fresh one
    const back = (await h['convention:get']({ id: imported.id })).convention;
    expect({ ...back, id: '' }).toEqual({ ...original, id: '' });
    expect((await h['convention:audit']({ id: imported.id })).map((a) => a.action)).toEqual(['imported']);
  });

  it('refuses a bad import with a French message and writes nothing', async () => {
    const filesBefore = await readdir(join(root, 'data'), { recursive: true });
    const notJson = await rejection(h['convention:import']({ text: '{ pas du json', fileName: '/home/x/brouillon.json' }));
    expect(notJson.code).toBe('invalid-json');
    expect(notJson.message).toBe("« brouillon.json » n'est pas un fichier JSON lisible. Choisissez un fichier exporté depuis Paraphe (extension .json).");
    const wrongShape = await rejection(h['convention:import']({ text: JSON.stringify({ schemaVersion: 1, id: 'a', kind: 'convention' }) }));
    expect(wrongShape.code).toBe('invalid-convention');
    expect(wrongShape.message).toMatch(/^Ce fichier n'a pas été importé : cette convention ne respecte pas le format attendu \(\d+ problèmes\)\. Rien n'a été enregistré/);
    expect((wrongShape.details as { findings: unknown[] }).findings.length).toBeGreaterThan(3);
    const newer = await rejection(h['convention:import']({ text: JSON.stringify({ schemaVersion: 99 }) }));
    expect(newer.message).toContain('Mettez Paraphe à jour');
    expect(await h['convention:list']()).toEqual([]);
    expect(await readdir(join(root, 'data'), { recursive: true })).toEqual(filesBefore);
  });

  it('exports through the dialog port: the file holds the convention, and the audit says so', async () => {
    const s = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    const result = await h['convention:export']({ id: s.id });
    expect(result.saved).toBe(true);
    if (!result.saved) return;
    expect(result.path.startsWith(join(root, 'exports'))).toBe(true);
    expect(result.path.endsWith('.json')).toBe(true);
    const written = JSON.parse(await readFile(result.path, 'utf8'));
    expect(written).toEqual((await h['convention:get']({ id: s.id })).convention);
    expect((await h['convention:audit']({ id: s.id })).map((a) => a.action)).toEqual(['created', 'exported']);
  });

  it('writes nothing when the user cancels the export dialog', async () => {
    const s = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    saveAnswers.push(null);
    await expect(h['convention:export']({ id: s.id })).resolves.toEqual({ saved: false });
    expect(await readdir(join(root, 'exports'))).toEqual([]);
    expect((await h['convention:audit']({ id: s.id })).map((a) => a.action)).toEqual(['created']);
  });

  it('says in French when the export folder cannot be written', async () => {
    const s = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    // A « folder » that is a file: refused even to root, unlike a chmod'ed folder.
    const notADir = join(root, 'exports', 'un-fichier');
    await writeFile(notADir, 'x');
    saveAnswers.push(join(notADir, 'x.json'));
    const e = await rejection(h['convention:export']({ id: s.id }));
    expect(e.code).toBe('export-failed');
    expect(e.message).toContain('Choisissez un autre dossier');
  });

  it('numbers avenants per base convention', async () => {
    const base = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    const first = await h['convention:create-avenant']({ baseId: base.id });
    const second = await h['convention:create-avenant']({ baseId: base.id });
    expect(first.kind).toBe('avenant');
    const a1 = (await h['convention:get']({ id: first.id })).convention;
    const a2 = (await h['convention:get']({ id: second.id })).convention;
    expect(a1.avenant).toMatchObject({ number: 1, base: { conventionId: base.id } });
    expect(a2.avenant?.number).toBe(2);
  });

  it('validates a stored convention or a draft, and finalizes a valid one', async () => {
    const s = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    const stored = await h['convention:validate']({ id: s.id });
    expect(stored.valid).toBe(true);
    const draft = await h['convention:validate']({ convention: { schemaVersion: 1 } });
    expect(draft.valid).toBe(false);
    expect(draft.findings.every((f) => f.severity === 'error' && f.message.length > 0)).toBe(true);
    const garbage = await h['convention:validate']({ convention: 'texte' });
    expect(garbage).toMatchObject({ valid: false, findings: [{ severity: 'error', path: '' }] });

    const done = await h['convention:finalize']({ id: s.id });
    expect(done.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(done.summary.status).toBe('finalized');
  });

  it('restores an earlier version as a new version', async () => {
    const s = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    const record = await h['convention:get']({ id: s.id });
    await h['convention:save']({ convention: { ...record.convention, place: 'Lyon' }, summary: 'Lieu modifié' });
    const versions = await h['convention:versions']({ id: s.id });
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await h['convention:get-version']({ id: s.id, version: 1 })).place).toBe(record.convention.place);
    const restored = await h['convention:restore-version']({ id: s.id, version: 1 });
    expect(restored.version).toBe(3);
    expect((await h['convention:get']({ id: s.id })).convention.place).toBe(record.convention.place);
  });

  it('passes the save\'s origin to the store: autosaves join one version, other saves each make one', async () => {
    const s = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    const { convention } = await h['convention:get']({ id: s.id });
    for (const place of ['Lyon', 'Lille', 'Nantes']) await h['convention:save']({ convention: { ...convention, place }, origin: 'autosave' });
    expect((await h['convention:versions']({ id: s.id })).map((v) => [v.version, v.summary])).toEqual([
      [2, 'Lieu, date ou nombre d\u2019originaux modifiés'],
      [1, 'Création'],
    ]);
    await h['convention:save']({ convention: { ...convention, place: 'Rennes' }, origin: 'explicit' });
    await h['convention:save']({ convention: { ...convention, place: 'Brest' } });
    const rows = await h['convention:versions']({ id: s.id });
    expect(rows.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    // The joined version tells the history panel its span and count; the others carry neither.
    const joined = rows.find((v) => v.version === 2)!;
    expect(joined.autosave?.saves).toBe(3);
    expect(Date.parse(joined.autosave!.startedAt)).toBeLessThanOrEqual(Date.parse(joined.savedAt));
    expect(rows.filter((v) => v.autosave).map((v) => v.version)).toEqual([2]);
  });

  it('marks finalized versions and restore points in the history rows, with the version a restore brought back', async () => {
    const s = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    const { convention } = await h['convention:get']({ id: s.id });
    await h['convention:save']({ convention: { ...convention, place: 'Lyon' } });
    await h['convention:finalize']({ id: s.id });
    // Locked: changing it takes an explicit reopening, a version of its own (same content).
    await expect(h['convention:save']({ convention: { ...convention, place: 'Lille' } })).rejects.toMatchObject({ code: 'convention-locked' });
    expect(await h['convention:reopen']({ id: s.id })).toMatchObject({ summary: { status: 'draft', version: 3 }, signaturesLost: 0 });
    // A summary that only looks like a restore is not one: the audit says what happened.
    await h['convention:save']({ convention: { ...convention, place: 'Lille' }, summary: 'Version 1 restaurée' });
    await h['convention:restore-version']({ id: s.id, version: 2 });
    const rows = await h['convention:versions']({ id: s.id });
    expect(rows.map((v) => [v.version, v.finalized ?? false, v.restoredFrom ?? null, v.summary])).toEqual([
      [5, false, 2, 'Version 2 restaurée'],
      [4, false, null, 'Version 1 restaurée'],
      [3, false, null, 'Rouverte pour modification'],
      [2, true, null, expect.any(String)],
      [1, false, null, 'Création'],
    ]);
  });
});

/**
 * Rewrites a stored convention as Paraphe wrote it before versions recorded their origin and
 * version files their finalization: the new fields are taken out of the record, its backup and
 * every version file, each sealed again as the store seals it.
 */
async function toOldShape(dataDir: string, id: string): Promise<void> {
  const strip = ({ origin: _o, restoredFrom: _r, finalizedAt: _f, ...old }: VersionInfo): Omit<VersionInfo, 'origin' | 'restoredFrom' | 'finalizedAt'> => old;
  const rewrite = async (file: string, change: (doc: Record<string, unknown>) => void) => {
    const doc = openEnvelope(await readFile(file, 'utf8')) as Record<string, unknown>;
    change(doc);
    await writeFile(file, sealEnvelope(JSON.stringify(doc)));
  };
  const dir = join(dataDir, 'conventions', id);
  for (const name of ['record.json', 'record.json.bak']) {
    await rewrite(join(dir, name), (doc) => (doc.versions = (doc.versions as VersionInfo[]).map(strip)));
  }
  for (const name of await readdir(join(dir, 'v'))) {
    await rewrite(join(dir, 'v', name), (doc) => {
      const { finalized: _flag, ...info } = strip(doc.info as VersionInfo);
      doc.info = info;
    });
  }
}

describe('history rows', () => {
  it('reads restore points from the versions the store recorded, not from the audit', () => {
    const at = '2026-11-28T13:00:00.000Z';
    const sha = 'a'.repeat(64);
    const versions: VersionInfo[] = [
      { version: 3, savedAt: at, summary: 'Texte libre', contentSha256: sha, origin: 'restored', restoredFrom: 1 },
      { version: 2, savedAt: at, summary: 'Version 1 restaurée', contentSha256: sha, origin: 'edited' },
      { version: 1, savedAt: at, summary: 'Création', contentSha256: sha, origin: 'created', finalized: true },
    ];
    // No audit at all, and a summary worded like a restore on a plain edit: the fields decide.
    expect(versionRows(versions, []).map((r) => [r.version, r.restoredFrom ?? null, r.finalized ?? false])).toEqual([
      [3, 1, false],
      [2, null, false],
      [1, null, true],
    ]);
  });

  it('opens a convention saved before versions recorded their origin: restore points come from the audit, later ones from the store', async () => {
    const dataDir = join(root, 'data');
    const s = await h['convention:create']({ templateId: 'exemple-camino-2020' });
    const { convention } = await h['convention:get']({ id: s.id });
    await h['convention:save']({ convention: { ...convention, place: 'Lyon' } });
    await h['convention:restore-version']({ id: s.id, version: 1 });
    const fin = await h['convention:finalize']({ id: s.id });
    await store.close();
    await toOldShape(dataDir, s.id);
    const latest = join(dataDir, 'conventions', s.id, 'v', '3.json');
    expect((openEnvelope(await readFile(latest, 'utf8')) as { info: VersionInfo }).info).not.toHaveProperty('finalized');
    expect(JSON.parse(await readFile(join(dataDir, 'conventions', s.id, 'record.json'), 'utf8')).data.versions[0]).not.toHaveProperty('origin');

    store = await openStore(dataDir);
    h = createConventionHandlers({ store, ports });
    expect(store.recovery).toBeNull();
    // Start-up brought the finalized current version's file up to date from its record.
    expect((openEnvelope(await readFile(latest, 'utf8')) as { info: VersionInfo }).info.finalized).toBe(true);
    expect((await h['convention:get']({ id: s.id })).finalized?.contentSha256).toBe(fin.contentSha256);
    expect((await h['convention:versions']({ id: s.id })).map((v) => [v.version, v.restoredFrom ?? null, v.finalized ?? false])).toEqual([
      [3, 1, true],
      [2, null, false],
      [1, null, false],
    ]);
    // A restore made now (after reopening) is recorded by the store; the older one is still read from the audit.
    await expect(h['convention:restore-version']({ id: s.id, version: 2 })).rejects.toMatchObject({ code: 'convention-locked' });
    await h['convention:reopen']({ id: s.id });
    await h['convention:restore-version']({ id: s.id, version: 2 });
    expect((await store.versions(s.id))[0]).toMatchObject({ version: 5, origin: 'restored', restoredFrom: 2 });
    expect((await store.versions(s.id))[1]).toMatchObject({ version: 4, origin: 'reopened' });
    expect((await h['convention:versions']({ id: s.id })).map((v) => [v.version, v.restoredFrom ?? null])).toEqual([
      [5, 2],
      [4, null],
      [3, 1],
      [2, null],
      [1, null],
    ]);
  });
});

describe('fileSlug', () => {
  it('makes a file name that every OS accepts', () => {
    expect(fileSlug('Convention DINUM / MTES : 2020')).toBe('Convention-DINUM-MTES-2020');
    expect(fileSlug('a<b>c|d?e*f"g')).toBe('a-b-c-d-e-f-g');
    expect(fileSlug('   ')).toBe('convention');
    expect(fileSlug('...')).toBe('convention');
    expect(fileSlug('x'.repeat(200)).length).toBe(80);
  });
});
