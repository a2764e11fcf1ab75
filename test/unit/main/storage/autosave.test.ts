import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Convention } from '../../../../shared/model/convention';
import { AUTOSAVE_PAUSE_MS, AUTOSAVE_SITTING_MS } from '../../../../main/storage/autosave';
import { contentSha256, openStore, type ConventionStore } from '../../../../main/storage/index';
import { sampleConvention, withEditedArticle } from './sample-convention';

/** A clock that only moves when told to, so each test sets the pauses between saves. */
function manualClock(start = Date.parse('2026-03-02T09:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

const MINUTE = 60_000;
let dir: string;
let clock: ReturnType<typeof manualClock>;
let store: ConventionStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-autosave-'));
  clock = manualClock();
  store = await openStore(dir, { now: clock.now });
});

afterEach(async () => {
  await store.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const versionFiles = (id: string) => readdirSync(join(dir, 'conventions', id, 'v')).filter((n) => n.endsWith('.json')).sort();
const versionBytes = (id: string, n: number) => readFileSync(join(dir, 'conventions', id, 'v', `${n}.json`));
/** The article's last paragraph replaced, as typing in it does. */
function typed(c: Convention, article: number, text: string): Convention {
  return {
    ...c,
    articles: c.articles.map((a, i) => (i === article - 1 ? { ...a, body: [...a.body.slice(0, -1), { kind: 'paragraph', runs: [{ text }] }] } : a)),
  };
}

/** Autosaves `n` drafts `gapMs` apart, typing into article 1, 2, 3 in turn; returns the last. */
async function typeFor(c: Convention, n: number, gapMs: number, tag = ''): Promise<Convention> {
  let current = c;
  for (let i = 1; i <= n; i += 1) {
    clock.advance(gapMs);
    current = (await store.save(typed(current, ((i - 1) % 3) + 1, `Alinéa ${tag}${i}`), { origin: 'autosave' })).convention;
  }
  return current;
}

describe('autosaves of one sitting', () => {
  it('make one version out of 200 saves, described against the version before it, with one audit line', async () => {
    const created = (await store.create(sampleConvention({ id: 'a' }))).convention;
    const last = await typeFor(created, 200, 4_000); // 200 saves over 13 minutes
    const versions = await store.versions('a');
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versionFiles('a')).toEqual(['1.json', '2.json']);
    const v2 = versions[0]!;
    expect(v2.contentSha256).toBe(contentSha256(last));
    expect(v2.autosave).toEqual({ startedAt: '2026-03-02T09:00:04.000Z', saves: 200 });
    expect(v2.savedAt).toBe(new Date(Date.parse('2026-03-02T09:00:00Z') + 200 * 4_000).toISOString());
    // The last save typed in article 2 only; the version changed articles 1 to 3 since version 1.
    expect(v2.summary).toBe('Articles modifiés : 1, 2, 3');
    expect((await store.getVersion('a', 2)).convention).toEqual(last);
    expect((await store.get('a')).convention).toEqual(last);
    const audit = await store.audit('a');
    expect(audit.map((e) => e.action)).toEqual(['created', 'edited']);
    expect(audit[1]).toEqual({ at: '2026-03-02T09:00:04.000Z', action: 'edited', detail: 'Version 2 : Articles modifiés : 1, 2, 3 (200 enregistrements automatiques)' });
  });

  it('survives a restart of the app: the base version is read back from its file', async () => {
    const created = (await store.create(sampleConvention({ id: 'a' }))).convention;
    const mid = await typeFor(created, 2, 4_000); // articles 1 and 2
    await store.close();
    store = await openStore(dir, { now: clock.now });
    clock.advance(MINUTE);
    await store.save(typed(mid, 5, 'Après redémarrage'), { origin: 'autosave' });
    const [v2] = await store.versions('a');
    expect(v2).toMatchObject({ version: 2, summary: 'Articles modifiés : 1, 2, 5', autosave: { saves: 3 } });
    expect(store.recovery).toBeNull();
  });

  it('starts a new version after a pause of AUTOSAVE_PAUSE_MS, and after a sitting of AUTOSAVE_SITTING_MS', async () => {
    expect(AUTOSAVE_PAUSE_MS).toBe(10 * MINUTE);
    expect(AUTOSAVE_SITTING_MS).toBe(30 * MINUTE);
    let c = (await store.create(sampleConvention({ id: 'a' }))).convention;
    c = await typeFor(c, 3, 30_000, 'a');
    clock.advance(AUTOSAVE_PAUSE_MS - 1_000); // a 9 min 59 s pause still joins
    c = (await store.save(typed(c, 4, 'encore'), { origin: 'autosave' })).convention;
    expect((await store.versions('a')).map((v) => v.version)).toEqual([2, 1]);
    clock.advance(AUTOSAVE_PAUSE_MS); // a coffee break: new version
    c = (await store.save(typed(c, 4, 'après la pause'), { origin: 'autosave' })).convention;
    const versions = await store.versions('a');
    expect(versions.map((v) => [v.version, v.summary])).toEqual([
      [3, 'Article modifié : 4'],
      [2, 'Articles modifiés : 1, 2, 3, 4'],
      [1, 'Création'],
    ]);
    // Version 2 kept the content it had before the pause.
    expect((await store.getVersion('a', 2)).info.contentSha256).toBe(versions[1]!.contentSha256);
    // Saving every 4 minutes for 40 minutes: the sitting is cut at 30 minutes.
    await typeFor(c, 10, 4 * MINUTE, 'b');
    // Version 3 started at 09:21:29 and takes the saves up to 09:49:29; 09:53:29 is 32 minutes in.
    const cut = await store.versions('a');
    expect(cut.map((v) => [v.version, v.autosave?.startedAt, v.autosave?.saves])).toEqual([
      [4, '2026-03-02T09:53:29.000Z', 3],
      [3, '2026-03-02T09:21:29.000Z', 8],
      [2, '2026-03-02T09:00:30.000Z', 4],
      [1, undefined, undefined],
    ]);
    expect(versionFiles('a')).toHaveLength(4);
  });

  it('never replaces a version made by an explicit save, and explicit saves each make a version', async () => {
    let c = (await store.create(sampleConvention({ id: 'a' }))).convention;
    for (let i = 1; i <= 4; i += 1) {
      clock.advance(2_000);
      c = (await store.save(withEditedArticle(c, 1, `explicite ${i}`), i % 2 ? {} : { origin: 'explicit' })).convention;
    }
    expect((await store.versions('a')).map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
    const v5 = versionBytes('a', 5);
    c = await typeFor(c, 5, 2_000);
    clock.advance(2_000);
    c = (await store.save(withEditedArticle(c, 2, 'explicite'), { summary: 'Relu par le service juridique' })).convention;
    await typeFor(c, 5, 2_000, 'x');
    const versions = await store.versions('a');
    expect(versions.map((v) => [v.version, v.autosave?.saves])).toEqual([
      [8, 5], [7, undefined], [6, 5], [5, undefined], [4, undefined], [3, undefined], [2, undefined], [1, undefined],
    ]);
    expect(versions[1]!.summary).toBe('Relu par le service juridique');
    expect(versionBytes('a', 5)).toEqual(v5);
  });

  it('never replaces version 1, a restore point or a rename', async () => {
    const created = (await store.create(sampleConvention({ id: 'a' }))).convention;
    const v1 = versionBytes('a', 1);
    let c = await typeFor(created, 2, 2_000); // version 2
    clock.advance(2_000);
    c = (await store.restoreVersion('a', 1)).convention; // version 3
    const v3 = versionBytes('a', 3);
    c = await typeFor(c, 3, 2_000, 'r'); // version 4
    clock.advance(2_000);
    c = (await store.rename('a', 'Convention renommée')).convention; // version 5
    const v5 = versionBytes('a', 5);
    await typeFor(c, 3, 2_000, 'n'); // version 6
    const versions = await store.versions('a');
    expect(versions.map((v) => [v.version, v.summary])).toEqual([
      [6, 'Articles modifiés : 1, 2, 3'],
      [5, 'Titre modifié : « Convention renommée »'],
      [4, 'Articles modifiés : 1, 2, 3'],
      [3, 'Version 1 restaurée'],
      [2, 'Articles modifiés : 1, 2'],
      [1, 'Création'],
    ]);
    expect(versionBytes('a', 1)).toEqual(v1);
    expect(versionBytes('a', 3)).toEqual(v3);
    expect(versionBytes('a', 5)).toEqual(v5);
    expect((await store.getVersion('a', 3)).convention).toEqual(created);
  });

  it('after finalization starts a new version; the finalized one keeps its hash and its bytes', async () => {
    let c = (await store.create(sampleConvention({ id: 'a' }))).convention;
    c = await typeFor(c, 4, 2_000); // version 2, as the wizard's flush leaves it before finalizing
    clock.advance(1_000);
    const fin = await store.finalize('a');
    expect(fin.finalized).toEqual({ at: expect.any(String), version: 2, contentSha256: contentSha256(c) });
    const locked = versionBytes('a', 2);
    clock.advance(1_000);
    const edited = await store.save(typed(c, 6, 'Après finalisation'), { origin: 'autosave' });
    expect(edited.summary).toMatchObject({ version: 3, status: 'draft' });
    await typeFor(edited.convention, 3, 2_000, 'f');
    const record = await store.get('a');
    expect(record.summary.version).toBe(3);
    expect(record.finalized).toEqual(fin.finalized);
    expect(versionBytes('a', 2)).toEqual(locked);
    const v2 = await store.getVersion('a', 2);
    expect(v2.info).toMatchObject({ finalized: true, contentSha256: fin.finalized!.contentSha256 });
    expect(v2.convention).toEqual(c);
    const audit = await store.audit('a');
    expect(audit.map((e) => e.action)).toEqual(['created', 'edited', 'finalized', 'edited']);
    expect(audit[3]!.detail).toBe("Version 3 : Articles modifiés : 1, 2, 3, 6 (4 enregistrements automatiques) ; la version finalisée 2 reste dans l'historique");
  });

  it('starts a new version once a PDF was made from the open one, or it was exported', async () => {
    let c = (await store.create(sampleConvention({ id: 'a' }))).convention;
    c = await typeFor(c, 2, 2_000); // version 2
    await store.attachFile('a', { kind: 'pdf', label: 'PDF pour signature', bytes: new Uint8Array([37, 80, 68, 70]) });
    c = await typeFor(c, 2, 2_000, 'b'); // version 3
    await store.appendAudit('a', 'exported', 'convention.json');
    await typeFor(c, 2, 2_000, 'c'); // version 4
    expect((await store.versions('a')).map((v) => v.autosave?.saves)).toEqual([2, 2, 2, undefined]);
    expect((await store.get('a')).files[0]!.version).toBe(2);
  });

  it('makes no write when the content did not change', async () => {
    const c = (await store.create(sampleConvention({ id: 'a' }))).convention;
    const c2 = await typeFor(c, 2, 2_000);
    const before = readFileSync(join(dir, 'conventions', 'a', 'record.json'));
    clock.advance(2_000);
    await store.save(structuredClone(c2), { origin: 'autosave' });
    expect(readFileSync(join(dir, 'conventions', 'a', 'record.json'))).toEqual(before);
  });
});
