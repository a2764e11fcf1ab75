import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type ConventionStore } from '../../../../../main/storage/index';
import { facetsOf, facetsReader, signingDocument } from '../../../../../main/ipc/handlers/convention-views';
import { sampleConvention } from '../../storage/sample-convention';

let dir: string;
let store: ConventionStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-views-'));
  store = await openStore(dir);
});

afterEach(async () => {
  await store.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('the home list facets', () => {
  it('gives the date and every entity name once, trimmed', () => {
    const c = sampleConvention({ id: 'c1' });
    const f = facetsOf('c1', { ...c, parties: [...c.parties, { ...c.parties[1]!, entities: [{ name: '  Direction  interministérielle du numérique ' }, { name: '' }] }] });
    expect(f.date).toBe('2020-03-26');
    expect(f.parties).toContain('Direction interministérielle du numérique');
    expect(f.parties.filter((p) => p === 'Direction interministérielle du numérique')).toHaveLength(1);
    expect(f.parties).not.toContain('');
  });

  it('answers from the index alone, kept across a restart, and follows each save', async () => {
    await store.create(sampleConvention({ id: 'c1' }));
    let reads = 0;
    const counting = (s: ConventionStore): ConventionStore => Object.create(s, { get: { value: (id: string) => { reads += 1; return s.get(id); } } });
    const facets = facetsReader(counting(store));
    expect((await facets())[0]).toMatchObject({ id: 'c1', date: '2020-03-26' });
    const c = (await store.get('c1')).convention;
    await store.save({ ...c, date: '2021-05-04', parties: [{ ...c.parties[0]!, entities: [{ name: 'Agence  nouvelle' }] }, ...c.parties.slice(1)] });
    const after = (await facets())[0]!;
    expect(after.date).toBe('2021-05-04');
    expect(after.parties).toContain('Agence nouvelle');
    await store.close();
    store = await openStore(dir);
    expect((await facetsReader(counting(store))())[0]).toEqual(after);
    expect(reads).toBe(0);
  });

  it('opens a record whose summary predates the facets, once per version', async () => {
    await store.create(sampleConvention({ id: 'c1' }));
    let reads = 0;
    // A summary as written before it carried the date and the parties.
    const old: ConventionStore = Object.create(store, {
      get: { value: (id: string) => { reads += 1; return store.get(id); } },
      list: { value: async () => (await store.list()).map(({ date: _d, parties: _p, ...rest }) => rest) },
    });
    const counted = facetsReader(old);
    expect((await counted())[0]!.date).toBe('2020-03-26');
    await counted();
    expect(reads).toBe(1);
    const c = (await store.get('c1')).convention;
    await store.save({ ...c, date: '2021-05-04' });
    expect((await counted())[0]!.date).toBe('2021-05-04');
    expect(reads).toBe(2);
  });
});

describe('the PDF being signed', () => {
  it('is null before it is prepared, the stored file once attached, refused once altered on disk', async () => {
    await store.create(sampleConvention({ id: 'c1' }));
    expect(await signingDocument(store, 'c1')).toBeNull();
    await store.finalize('c1');
    const bytes = Buffer.from('%PDF-1.7\n% à signer\n%%EOF\n');
    const file = await store.attachFile('c1', { kind: 'pdf', label: 'PDF à signer (1 page)', bytes });
    const shown = await signingDocument(store, 'c1');
    expect(shown).toEqual({ base64: bytes.toString('base64'), label: 'PDF à signer (1 page)', signed: false });
    writeFileSync(file.path, Buffer.from('%PDF-1.7\n% changé\n%%EOF\n'));
    await expect(signingDocument(store, 'c1')).rejects.toThrow(/modifié hors de Paraphe/);
    rmSync(file.path);
    await expect(signingDocument(store, 'c1')).rejects.toThrow(/a disparu du dossier de données/);
  });
});
