import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Convention } from '../../../shared/model/convention';
import { versionRows } from '../../../main/ipc/handlers/conventions';
import { LOCK_FILE, openStore, type ConventionStore } from '../../../main/storage/index';
import { sampleConvention, withEditedArticle } from '../../unit/main/storage/sample-convention';

/*
 * Each kind of stored file is truncated or garbled between two runs; the next start-up (or,
 * for what start-up does not read, the next read) must set the damaged file aside untouched,
 * restore the last good copy and say so in French.
 */

type Damage = 'truncate' | 'garble';
const DAMAGES: Damage[] = ['truncate', 'garble'];

/** Truncates to a third, or overwrites bytes in the middle keeping the size. Returns the damaged bytes. */
function damage(file: string, how: Damage): Buffer {
  const bytes = readFileSync(file);
  const out = how === 'truncate' ? bytes.subarray(0, Math.floor(bytes.length / 3)) : Buffer.from(bytes);
  if (how === 'garble') out.fill(0x23, Math.floor(bytes.length / 2), Math.min(bytes.length - 1, Math.floor(bytes.length / 2) + 40));
  writeFileSync(file, out);
  return Buffer.from(out);
}

/** The file set aside in recovered/ for `original`, checked to hold exactly the damaged bytes. */
function keptAside(dataDir: string, original: string, damaged: Buffer): string {
  const recovered = join(dataDir, 'recovered');
  const flat = original.slice(dataDir.length + 1).replace(/[\\/]/g, '_');
  const match = readdirSync(recovered).filter((n) => n.endsWith(flat));
  expect(match, `${flat} kept aside`).toHaveLength(1);
  const moved = join(recovered, match[0]!);
  expect(readFileSync(moved)).toEqual(damaged);
  return moved;
}

let dir: string;
let store: ConventionStore;
let a: Convention; // five versions, a PDF attached at version 4
let b: Convention;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-corrupt-'));
  store = await openStore(dir);
  a = (await store.create(sampleConvention({ id: 'a', title: 'Convention A' }))).convention;
  for (let i = 1; i <= 3; i += 1) a = (await store.save(withEditedArticle(a, i, `Ajout ${i}`))).convention;
  await store.attachFile('a', { kind: 'pdf', label: 'PDF pour signature', bytes: new TextEncoder().encode('%PDF-1.7\n…contenu…\n%%EOF') });
  a = (await store.save(withEditedArticle(a, 4, 'Ajout 4'))).convention;
  b = (await store.create(sampleConvention({ id: 'b', title: 'Convention B' }))).convention;
  await store.close();
});

afterEach(async () => {
  await store.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const rec = (id: string) => join(dir, 'conventions', id, 'record.json');

describe.each(DAMAGES)('%s', (how) => {
  it('record.json: set aside, restored from its backup completed by the history', async () => {
    const damaged = damage(rec('a'), how);
    store = await openStore(dir);
    const report = store.recovery!;
    expect(report.message).toContain('« Convention A » était endommagée : elle a été rétablie depuis sa copie de secours complétée par l\'historique, à la version 5.');
    expect(report.message).toContain('rien n\'a été effacé');
    const moved = keptAside(dir, rec('a'), damaged);
    expect(report.items).toContainEqual({ file: rec('a'), movedTo: moved, restoredFrom: `${rec('a')}.bak` });
    const got = await store.get('a');
    expect(got.convention).toEqual(a);
    expect(got.summary.version).toBe(5);
    expect(got.files.map((f) => f.label)).toEqual(['PDF pour signature']);
    expect((await store.get('b')).convention).toEqual(b);
  });

  it('record.json and its backup: rebuilt from the history alone', async () => {
    damage(rec('a'), how);
    damage(`${rec('a')}.bak`, how);
    store = await openStore(dir);
    expect(store.recovery!.message).toContain('rétablie depuis son historique');
    const got = await store.get('a');
    expect(got.convention).toEqual(a);
    expect((await store.versions('a')).map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
    expect(readdirSync(join(dir, 'recovered'))).toHaveLength(2);
  });

  it('record.json.bak: set aside, the convention itself intact', async () => {
    const bak = `${rec('a')}.bak`;
    const damaged = damage(bak, how);
    store = await openStore(dir);
    expect(store.recovery!.message).toContain('La copie de secours de « Convention A » était endommagée ; la convention elle-même est intacte.');
    keptAside(dir, bak, damaged);
    expect((await store.get('a')).convention).toEqual(a);
    // The next save writes a sound backup again.
    await store.save(withEditedArticle(a, 5, 'après'));
    expect(JSON.parse(readFileSync(bak, 'utf8')).data.summary.version).toBe(5);
  });

  it('the current version file: set aside and rewritten from the record', async () => {
    const file = join(dir, 'conventions', 'a', 'v', '5.json');
    const damaged = damage(file, how);
    store = await openStore(dir);
    expect(store.recovery!.message).toContain('La version 5 de « Convention A » (la version actuelle) était endommagée');
    keptAside(dir, file, damaged);
    expect((await store.getVersion('a', 5)).convention).toEqual(a);
  });

  it('an older version file: found when read, set aside, reported, the others intact', async () => {
    const file = join(dir, 'conventions', 'a', 'v', '2.json');
    const damaged = damage(file, how);
    store = await openStore(dir);
    expect(store.recovery).toBeNull(); // start-up reads only the current version of each convention
    await expect(store.getVersion('a', 2)).rejects.toMatchObject({ code: 'version-damaged' });
    keptAside(dir, file, damaged);
    expect(store.recovery!.message).toContain('La version 2 de « Convention A » était endommagée');
    expect((await store.getVersion('a', 3)).info.version).toBe(3);
  });

  it('index.json: set aside and rebuilt from the records', async () => {
    // Fold the journal into the snapshot first, so that index.json holds the list.
    store = await openStore(dir, { compactAfter: 1 });
    await store.rename('b', 'Convention B renommée');
    await store.close();
    const file = join(dir, 'index.json');
    const damaged = damage(file, how);
    store = await openStore(dir);
    expect(store.recovery!.message).toContain('La liste des conventions était endommagée : elle a été reconstruite à partir des 2 conventions enregistrées.');
    keptAside(dir, file, damaged);
    expect((await store.list()).map((s) => s.title)).toEqual(['Convention B renommée', 'Convention A']);
  });

  it('index.journal: set aside and the index rebuilt from the records', async () => {
    const file = join(dir, 'index.journal');
    const bytes = readFileSync(file);
    // Damage a line in the middle: the end of the file still looks like whole lines.
    const cut = bytes.indexOf(0x0a) + 5;
    const damaged = how === 'truncate' ? Buffer.concat([bytes.subarray(0, cut), bytes.subarray(bytes.indexOf(0x0a, cut))]) : Buffer.from(bytes).fill(0x23, cut, cut + 20);
    writeFileSync(file, damaged);
    store = await openStore(dir);
    expect(store.recovery!.message).toContain('La liste des conventions était endommagée');
    keptAside(dir, file, damaged);
    expect((await store.list()).map((s) => s.id).sort()).toEqual(['a', 'b']);
    expect((await store.get('a')).summary.version).toBe(5);
  });

  it('a generated PDF: set aside and taken off the file list', async () => {
    const pdf = readdirSync(join(dir, 'files', 'a'))[0]!;
    const file = join(dir, 'files', 'a', pdf);
    const damaged = damage(file, how);
    store = await openStore(dir);
    expect(store.recovery!.message).toContain('Le fichier « PDF pour signature » de « Convention A » ne correspond plus à son empreinte SHA-256');
    keptAside(dir, file, damaged);
    expect((await store.get('a')).files).toEqual([]);
  });

  it('above the full-check threshold: a truncated record is seen by its size just after start-up, a garbled one when read', async () => {
    const damaged = damage(rec('a'), how);
    store = await openStore(dir, { fullCheckUpTo: 0 });
    expect((await store.list()).map((s) => s.id)).toEqual(['b', 'a']); // at once, from the index
    await store.settled();
    if (how === 'truncate') expect(store.recovery!.message).toContain('« Convention A » était endommagée');
    else expect(store.recovery).toBeNull();
    expect((await store.get('a')).convention).toEqual(a);
    expect(store.recovery!.message).toContain('« Convention A » était endommagée');
    keptAside(dir, rec('a'), damaged);
  });
});

/** What the wizard reads of a convention: its record (status, lock and its SHA-256) and its history rows. */
async function wizardView(id: string) {
  const { files: _files, ...record } = await store.get(id);
  return { record, rows: versionRows(await store.versions(id), await store.audit(id)) };
}

/** The `finalized` flag a version's own file holds, read from the file (not through the store, which would mend it). */
const fileFlag = (id: string, n: number): boolean | undefined =>
  JSON.parse(readFileSync(join(dir, 'conventions', id, 'v', `${n}.json`), 'utf8')).data.info.finalized;

describe.each(DAMAGES)('finalized versions, record %s', (how) => {
  it('record.json damaged just after finalizing: its backup predates the lock, the version file restores it', async () => {
    store = await openStore(dir);
    const fin = await store.finalize('a');
    expect(fin.finalized).toMatchObject({ version: 5, contentSha256: (await store.versions('a'))[0]!.contentSha256 });
    const before = await wizardView('a');
    await store.close();
    damage(rec('a'), how);
    store = await openStore(dir);
    expect(store.recovery!.message).toContain('« Convention A » était endommagée : elle a été rétablie depuis sa copie de secours complétée par l\'historique, à la version 5.');
    expect(await wizardView('a')).toEqual(before);
    expect((await store.get('a')).files.map((f) => f.label)).toEqual(['PDF pour signature']);
    // Still the lock signatures refer to: signing goes on.
    const signed = await store.recordSignature('a', { bytes: new Uint8Array([1, 2, 3]), signer: 'Brice HUET', complete: false });
    expect(signed.summary.status).toBe('signing');
  });

  it('record.json and its backup damaged: rebuilt from history alone, the finalized version and its SHA-256 kept', async () => {
    store = await openStore(dir);
    await store.finalize('a');
    const before = await wizardView('a');
    await store.close();
    damage(rec('a'), how);
    damage(`${rec('a')}.bak`, how);
    store = await openStore(dir);
    expect(store.recovery!.message).toContain('rétablie depuis son historique');
    const after = await wizardView('a');
    expect(after.record.summary).toEqual(before.record.summary);
    expect(after.record.finalized).toEqual(before.record.finalized);
    expect(after.record.convention).toEqual(before.record.convention);
    expect(after.rows).toEqual(before.rows);
  });

  it('finalized, then a version restored: rebuilt from history, the locked version stays finalized, the restore point stays one', async () => {
    store = await openStore(dir);
    const fin = await store.finalize('a');
    await store.restoreVersion('a', 3);
    const before = await wizardView('a');
    expect(before.rows[0]).toMatchObject({ version: 6, restoredFrom: 3 });
    await store.close();
    damage(rec('a'), how);
    damage(`${rec('a')}.bak`, how);
    store = await openStore(dir);
    const after = await wizardView('a');
    expect(after.record.summary).toMatchObject({ status: 'draft', version: 6 });
    expect(after.record.finalized).toEqual(fin.finalized);
    expect(after.rows).toEqual(before.rows);
    expect(after.rows.filter((r) => r.finalized).map((r) => r.version)).toEqual([5]);
  });

  it('a crash between the record and the flag: start-up flags the file from the record, so a later damage keeps the lock', async () => {
    const v5 = join(dir, 'conventions', 'a', 'v', '5.json');
    const unflagged = readFileSync(v5);
    store = await openStore(dir);
    const fin = await store.finalize('a');
    await store.close();
    writeFileSync(v5, unflagged); // the state a kill leaves between the record's write and the flag's
    store = await openStore(dir);
    expect(store.recovery).toBeNull(); // not damage: the record, the commit point, says what happened
    expect(fileFlag('a', 5)).toBe(true);
    await store.close();
    damage(rec('a'), how);
    damage(`${rec('a')}.bak`, how);
    store = await openStore(dir);
    expect((await store.get('a')).finalized).toEqual(fin.finalized);
  });

  it('the same crash above the full-check threshold: the next version flags the file it leaves behind', async () => {
    const v5 = join(dir, 'conventions', 'a', 'v', '5.json');
    const unflagged = readFileSync(v5);
    store = await openStore(dir);
    const fin = await store.finalize('a');
    await store.close();
    writeFileSync(v5, unflagged);
    store = await openStore(dir, { fullCheckUpTo: 0 });
    await store.settled();
    expect(fileFlag('a', 5)).toBeUndefined(); // start-up checked sizes only
    await store.save(withEditedArticle(a, 6, 'après la finalisation'));
    expect(fileFlag('a', 5)).toBe(true);
    expect(store.recovery).toBeNull();
    await store.close();
    damage(rec('a'), how);
    damage(`${rec('a')}.bak`, how);
    store = await openStore(dir);
    expect((await store.get('a')).finalized).toEqual(fin.finalized);
    expect((await store.versions('a')).map((v) => [v.version, v.finalized ?? false])).toEqual([[6, false], [5, true], [4, false], [3, false], [2, false], [1, false]]);
  });
});

describe('beyond repair and crash leftovers', () => {
  it('several damaged records at once: all repaired, and the next start-up finds nothing', async () => {
    damage(rec('a'), 'truncate');
    damage(rec('b'), 'garble');
    damage(join(dir, 'conventions', 'a', 'v', '3.json'), 'garble'); // read while repairing a
    store = await openStore(dir);
    expect(store.recovery!.items.length).toBe(3);
    expect((await store.get('a')).convention).toEqual(a);
    expect((await store.get('b')).convention).toEqual(b);
    await store.close();
    store = await openStore(dir);
    expect(store.recovery).toBeNull();
    expect((await store.list()).map((s) => s.id).sort()).toEqual(['a', 'b']);
  });

  it('a convention with every copy damaged is reported lost; the others stay', async () => {
    const damagedRecord = damage(rec('b'), 'garble');
    damage(join(dir, 'conventions', 'b', 'v', '1.json'), 'truncate');
    store = await openStore(dir);
    expect(store.recovery!.message).toContain('« Convention B » était endommagée et aucune copie saine n\'a été trouvée');
    keptAside(dir, rec('b'), damagedRecord);
    expect((await store.list()).map((s) => s.id)).toEqual(['a']);
    expect((await store.get('a')).convention).toEqual(a);
  });

  it('a journal line cut short by a crash is dropped silently; later writes append cleanly', async () => {
    appendFileSync(join(dir, 'index.journal'), '{"s":99,"put":{"id":"zz","ti');
    store = await openStore(dir);
    expect(store.recovery).toBeNull();
    await store.rename('a', 'A après la coupure');
    await store.close();
    store = await openStore(dir);
    expect(store.recovery).toBeNull();
    expect((await store.list()).map((s) => s.title)).toEqual(['A après la coupure', 'Convention B']);
  });

  it('a garbled lock file is held while fresh (its writer may still be at it), taken over once old', async () => {
    writeFileSync(join(dir, LOCK_FILE), '\u0000\u0000{');
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'store-locked' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), old, old);
    store = await openStore(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    expect(store.recovery).toBeNull();
  });

  it('leftover temp files are swept at start-up', async () => {
    writeFileSync(join(dir, '.index.json.123.0.tmp'), '{"half');
    store = await openStore(dir);
    expect(existsSync(join(dir, '.index.json.123.0.tmp'))).toBe(false);
    expect(readdirSync(dir).filter((n) => basename(n).endsWith('.tmp'))).toEqual([]);
  });
});
