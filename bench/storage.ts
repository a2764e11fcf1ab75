import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Convention } from '../shared/model/convention';
import { getTemplate } from '../shared/templates/index';
import { canonicalJson, contentSha256, openStore, sha256Hex } from '../main/storage/index';
import type { ConventionStore } from '../main/storage/types';
import { facetsReader } from '../main/ipc/handlers/convention-views';
import { openEnvelope, sealEnvelope } from '../main/storage/durable-file';
import { storePaths, type IndexEntry, type RecordDoc, type VersionDoc } from '../main/storage/layout';
import { sampleConvention } from '../test/unit/main/storage/sample-convention';

/*
 * Storage benchmark: the save latency of one edited convention with 10, 1,000 and 10,000
 * conventions stored, and the time to list them all, for Paraphe's store (one lowdb document
 * per convention + a journaled index) beside the peer, a single lowdb file holding every
 * convention (`new Low(new JSONFile(file))`), in the same run on the same disk.
 * Goals: saving at 10,000 within 1.5× of saving at 10; listing 10,000 under 300 ms.
 *
 * Then an hour of drafting: 500 autosaves (one every 7.2 s) of one convention, as the wizard
 * sends them, beside the same 500 saves made the previous way (each one a version: the
 * `explicit` origin keeps that behaviour), in the same run, saves alternating between the two
 * data folders. Figures: versions in the history, bytes under v/, time per save.
 */

const SIZES = [10, 1_000, 10_000] as const;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

/** The worked example from the templates (the seed convention, ~32 KB), else a sample of the same size. */
function realisticConvention(): { convention: Convention; source: string } {
  const template = getTemplate('exemple-camino-2020');
  if (template) return { convention: template.build(), source: 'modèle exemple-camino-2020' };
  return { convention: sampleConvention(), source: 'convention d’exemple de test' };
}

/** An edit a user makes: one more paragraph in article 3. */
function edit(c: Convention, n: number): Convention {
  return {
    ...c,
    articles: c.articles.map((a, i) => (i === 2 ? { ...a, body: [...a.body, { kind: 'paragraph' as const, runs: [{ text: `Alinéa ajouté n°${n}.` }] }] } : a)),
  };
}

/**
 * Fills a data folder with `count` conventions fast: the first is created through the store,
 * the others are written as copies of its files in exactly the store's format (sealed lowdb
 * documents, a version file, an index snapshot), without fsync.
 */
export async function populateStore(dataDir: string, base: Convention, count: number): Promise<void> {
  const store = await openStore(dataDir);
  await store.create({ ...base, id: 'c0' });
  await store.close();
  const paths = storePaths(dataDir);
  const record = openEnvelope(readFileSync(paths.record('c0'), 'utf8')) as RecordDoc;
  const version = openEnvelope(readFileSync(paths.version('c0', 1), 'utf8')) as VersionDoc;
  const entries: IndexEntry[] = [{ ...record.summary, bytes: statSync(paths.record('c0')).size }];
  // The copies differ only by id and title: hash a canonical text with both spliced in rather
  // than re-canonicalizing 30 KB each time (checked against contentSha256 on the first copy).
  const ID = '\u0000id\u0000';
  const TITLE = '\u0000title\u0000';
  const template = canonicalJson({ ...base, id: ID, title: TITLE });
  const hashOf = (c: Convention) => sha256Hex(template.replace(JSON.stringify(ID), JSON.stringify(c.id)).replace(JSON.stringify(TITLE), JSON.stringify(c.title)));
  for (let i = 1; i < count; i += 1) {
    const id = `c${i}`;
    const convention: Convention = { ...base, id, title: `${base.title} (n°${i})` };
    const hash = hashOf(convention);
    if (i === 1 && hash !== contentSha256(convention)) throw new Error('the spliced canonical text does not match contentSha256');
    const info = { ...version.info, contentSha256: hash };
    const summary = { ...record.summary, id, title: convention.title };
    const doc: RecordDoc = { ...record, summary, convention, versions: [info] };
    mkdirSync(paths.versionsDir(id), { recursive: true });
    writeFileSync(paths.version(id, 1), sealEnvelope(JSON.stringify({ ...version, id, info, convention })));
    const text = sealEnvelope(JSON.stringify(doc));
    writeFileSync(paths.record(id), text);
    entries.push({ ...summary, bytes: Buffer.byteLength(text) });
  }
  unlinkSync(paths.journal);
  writeFileSync(paths.index, sealEnvelope(JSON.stringify({ format: 1, seq: 0, entries })));
}

interface Row {
  count: number;
  populateMs: number;
  saveMs: number;
  saveMaxMs: number;
  /** Opening the store and the first list. */
  openMs: number;
  listMs: number;
  /** Opening plus the size checks that follow it. */
  checksMs: number;
  peerSaveMs: number | null;
  peerListMs: number | null;
  peerNote?: string;
}

/**
 * Populates and opens one store per size, then saves round-robin across them, so that every
 * size sees the same machine (other processes, disk cache) and the ratio compares like with like.
 */
async function measureStores(base: Convention, root: string): Promise<Array<Omit<Row, 'peerSaveMs' | 'peerListMs'>>> {
  const opened = [];
  for (const count of SIZES) {
    const dataDir = join(root, `paraphe-${count}`);
    const [populateMs] = await timed(() => populateStore(dataDir, base, count));
    const [openMs, store] = await timed(() => openStore(dataDir));
    const lists: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const [ms, listed] = await timed(() => store.list());
      if (listed.length !== count) throw new Error(`list returned ${listed.length} instead of ${count}`);
      lists.push(ms);
    }
    const [checksMs] = await timed(() => store.settled()); // the size checks queued at start-up
    const id = `c${Math.floor(count / 2)}`;
    opened.push({ count, store, populateMs, openMs: openMs + lists[0]!, listMs: median(lists), checksMs: openMs + lists[0]! + checksMs, id, current: (await store.get(id)).convention, saves: [] as number[] });
  }
  for (let round = 0; round < 23; round += 1) {
    for (const o of opened) {
      const [ms, saved] = await timed(() => o.store.save(edit(o.current, round)));
      o.current = saved.convention;
      if (round >= 2) o.saves.push(ms); // the first rounds warm the JIT up
    }
  }
  for (const o of opened) await o.store.close();
  return opened.map((o) => ({ count: o.count, populateMs: o.populateMs, saveMs: median(o.saves), saveMaxMs: Math.max(...o.saves), openMs: o.openMs, listMs: o.listMs, checksMs: o.checksMs }));
}

interface PeerDoc {
  conventions: Convention[];
}

async function measurePeer(base: Convention, count: number, root: string): Promise<{ saveMs: number | null; listMs: number | null; note?: string }> {
  const file = join(root, `peer-${count}.json`);
  const db = new Low<PeerDoc>(new JSONFile<PeerDoc>(file), { conventions: [] });
  db.data.conventions = Array.from({ length: count }, (_, i) => ({ ...base, id: `c${i}`, title: `${base.title} (n°${i})` }));
  try {
    await db.write();
  } catch (e) {
    return { saveMs: null, listMs: null, note: `écriture impossible : ${(e as Error).message}` };
  }
  const k = Math.floor(count / 2);
  const saves: number[] = [];
  const rounds = count >= 10_000 ? 3 : 7;
  for (let i = 0; i < rounds; i += 1) {
    db.data.conventions[k] = edit(db.data.conventions[k]!, i);
    const [ms] = await timed(() => db.write());
    saves.push(ms);
  }
  db.data.conventions = [];
  const [listMs] = await timed(async () => {
    const reader = new Low<PeerDoc>(new JSONFile<PeerDoc>(file), { conventions: [] });
    await reader.read();
    return reader.data.conventions.map((c) => ({ id: c.id, title: c.title, kind: c.kind }));
  });
  rmSync(file, { force: true });
  return { saveMs: median(saves), listMs };
}

/** The store size at which opening is timed cold and warm. */
const OPEN_COUNT = 5_000;

/**
 * Opening a store of OPEN_COUNT conventions (openStore and the first list): cold, the first
 * open of this process (run before any other store is opened: nothing of the store's code is
 * compiled yet); warm, the median of the next five opens. Each open is closed before the next
 * (close waits for the size checks queued at start-up, which are not timed).
 */
async function measureOpen(base: Convention, root: string): Promise<{ coldMs: number; warmMs: number; facetsMs: number; facetsByRecordMs: number }> {
  const dataDir = join(root, `open-${OPEN_COUNT}`);
  await populateStore(dataDir, base, OPEN_COUNT);
  const openAndList = async () => {
    const [elapsed, store] = await timed(async () => {
      const s = await openStore(dataDir);
      if ((await s.list()).length !== OPEN_COUNT) throw new Error('list returned the wrong count');
      return s;
    });
    await store.close();
    return elapsed;
  };
  const coldMs = await openAndList();
  const warm: number[] = [];
  for (let i = 0; i < 5; i += 1) warm.push(await openAndList());
  // The home screen's search facets (date, parties): from the index, as now, and by opening
  // every record, as summaries written before they carried them still need (the old way).
  const store = await openStore(dataDir);
  const byRecord: ConventionStore = Object.create(store, {
    list: { value: async () => (await store.list()).map(({ date: _d, parties: _p, ...rest }) => rest) },
  });
  const [facetsMs, facets] = await timed(() => facetsReader(store)());
  const [facetsByRecordMs, old] = await timed(() => facetsReader(byRecord)());
  if (facets.length !== OPEN_COUNT || JSON.stringify(facets) !== JSON.stringify(old)) throw new Error('les facettes lues de l’index diffèrent de celles des conventions');
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { coldMs, warmMs: median(warm), facetsMs, facetsByRecordMs };
}

/** An hour of the wizard's autosaves: one every 7.2 s, typing in turn into articles 1 to 5. */
const SESSION_SAVES = 500;
const SESSION_GAP_MS = 3_600_000 / SESSION_SAVES;

interface SessionFigures {
  versions: number;
  versionBytes: number;
  /** Median time of a save that replaced the open version (autosave) or added one (explicit). */
  saveMs: number;
  saveMaxMs: number;
}

/** Bytes of every version file of one convention. */
function versionBytes(dataDir: string, id: string): number {
  const dir = storePaths(dataDir).versionsDir(id);
  return readdirSync(dir).reduce((n, name) => n + statSync(join(dir, name)).size, 0);
}

/** The paragraph being typed in article `n` replaced by its longer draft. */
function typing(c: Convention, n: number, text: string): Convention {
  return {
    ...c,
    articles: c.articles.map((a, i) => (i === n - 1 ? { ...a, body: [...a.body.slice(0, -1), { kind: 'paragraph' as const, runs: [{ text }] }] } : a)),
  };
}

/** The one-hour session, autosaves against explicit saves, alternating save by save. */
async function measureSession(base: Convention, root: string): Promise<{ autosave: SessionFigures; explicit: SessionFigures }> {
  const start = Date.parse('2026-03-02T09:00:00Z');
  const lanes = await Promise.all(
    (['autosave', 'explicit'] as const).map(async (origin) => {
      let t = start;
      const dataDir = join(root, `session-${origin}`);
      const store = await openStore(dataDir, { now: () => new Date(t) });
      const current = (await store.create({ ...base, id: 'session' })).convention;
      return { origin, dataDir, store, current, times: [] as number[], advance: () => void (t += SESSION_GAP_MS) };
    }),
  );
  let text = 'Le délégataire';
  for (let i = 0; i < SESSION_SAVES; i += 1) {
    text = i % 40 === 0 ? 'Le délégataire' : `${text} s'engage`;
    for (const lane of lanes) {
      lane.advance();
      const [elapsed, saved] = await timed(() => lane.store.save(typing(lane.current, (Math.floor(i / 40) % 5) + 1, `${text} (${i}).`), { origin: lane.origin }));
      lane.current = saved.convention;
      lane.times.push(elapsed);
    }
  }
  const figures = async (lane: (typeof lanes)[number]): Promise<SessionFigures> => {
    const versions = (await lane.store.versions('session')).length;
    await lane.store.close();
    const times = lane.times.slice(5); // the first saves warm the JIT up (and the first autosave adds a version)
    return { versions, versionBytes: versionBytes(lane.dataDir, 'session'), saveMs: median(times), saveMaxMs: Math.max(...times) };
  };
  return { autosave: await figures(lanes[0]!), explicit: await figures(lanes[1]!) };
}

const ms = (x: number | null) => (x === null ? 'n/a' : x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`);
const pad = (s: string, n: number) => s.padStart(n);

/** Runs the storage benchmark and prints its table and ratios. */
export async function run(): Promise<void> {
  const { convention: base, source } = realisticConvention();
  const root = mkdtempSync(join(tmpdir(), 'paraphe-bench-storage-'));
  console.log(`\nStockage — une convention de ${(JSON.stringify(base).length / 1024).toFixed(1)} Ko de JSON (${source}), dossier ${root}`);
  const rows: Row[] = [];
  let session: Awaited<ReturnType<typeof measureSession>>;
  let open: Awaited<ReturnType<typeof measureOpen>>;
  try {
    open = await measureOpen(base, root); // first: its cold open is the process's first
    session = await measureSession(base, root);
    const ours = await measureStores(base, root);
    for (const row of ours) {
      rmSync(join(root, `paraphe-${row.count}`), { recursive: true, force: true });
      const peer = await measurePeer(base, row.count, root);
      rows.push({ ...row, peerSaveMs: peer.saveMs, peerListMs: peer.listMs, ...(peer.note ? { peerNote: peer.note } : {}) });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }

  console.log(
    ['conventions', 'save médiane', 'save max', 'list', 'ouvrir+1er list', 'ouvrir+vérif.', 'pair: save', 'pair: lire+list', 'remplissage'].map((h, i) => pad(h, i === 0 ? 11 : 15)).join(' '),
  );
  for (const r of rows) {
    console.log(
      [
        pad(r.count.toLocaleString('fr-FR'), 11),
        ...[r.saveMs, r.saveMaxMs, r.listMs, r.openMs, r.checksMs, r.peerSaveMs, r.peerListMs, r.populateMs].map((x) => pad(ms(x), 15)),
      ].join(' '),
    );
    if (r.peerNote) console.log(`  pair à ${r.count} : ${r.peerNote}`);
  }
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const growth = last.saveMs / first.saveMs;
  console.log(`save à ${last.count} / save à ${first.count} : ${growth.toFixed(2)}× (objectif ≤ 1,5×) ${growth <= 1.5 ? 'OK' : 'DÉPASSÉ'}`);
  if (first.peerSaveMs && last.peerSaveMs) console.log(`pair : save à ${last.count} / save à ${first.count} : ${(last.peerSaveMs / first.peerSaveMs).toFixed(1)}×`);
  for (const r of rows) {
    if (r.peerSaveMs) console.log(`à ${r.count} : le pair met ${(r.peerSaveMs / r.saveMs).toFixed(1)}× plus de temps par save`);
  }
  console.log(
    `list de ${last.count} : ${ms(last.listMs)} (index en mémoire), ${ms(last.openMs)} ouverture du stockage comprise (objectif < 300 ms) ${last.openMs < 300 ? 'OK' : 'DÉPASSÉ'} ; ` +
      `vérification des tailles de tous les documents terminée à ${ms(last.checksMs)}`,
  );
  console.log('(le pair écrit sans fsync ; chaque save de Paraphe en fait cinq : version, journal, document, dossiers)');
  console.log(`ouvrir ${OPEN_COUNT.toLocaleString('fr-FR')} conventions (+ 1er list) : ${ms(open.coldMs)} à froid (1er ouvrir du processus), ${ms(open.warmMs)} à chaud (médiane de 5)`);
  console.log(
    `recherche de l’accueil (date et parties de ${OPEN_COUNT.toLocaleString('fr-FR')} conventions) : ${ms(open.facetsMs)} depuis l’index, ` +
      `${ms(open.facetsByRecordMs)} en ouvrant chaque convention (avant) : ${(open.facetsByRecordMs / open.facetsMs).toFixed(0)}× moins`,
  );

  const { autosave: auto, explicit } = session;
  const ko = (n: number) => `${(n / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 0 })} Ko`;
  console.log(`\nUne heure de rédaction : ${SESSION_SAVES} enregistrements automatiques (un toutes les ${(SESSION_GAP_MS / 1000).toLocaleString('fr-FR')} s), même convention`);
  console.log(['', 'versions', 'octets sous v/', 'save médiane', 'save max'].map((h, i) => (i === 0 ? h.padEnd(34) : pad(h, 15))).join(' '));
  for (const [label, f] of [['autosave (regroupés par séance)', auto], ['explicite (comportement précédent)', explicit]] as const) {
    console.log([label.padEnd(34), pad(String(f.versions), 15), pad(ko(f.versionBytes), 15), pad(ms(f.saveMs), 15), pad(ms(f.saveMaxMs), 15)].join(' '));
  }
  console.log(
    `versions : ${auto.versions} au lieu de ${explicit.versions} ; disque sous v/ : ${(explicit.versionBytes / auto.versionBytes).toFixed(0)}× moins ; ` +
      `un save qui remplace la version ouverte coûte ${(auto.saveMs / explicit.saveMs).toFixed(2)}× un save qui en ajoute une`,
  );
}

if (process.argv[1]?.endsWith('storage.ts')) await run();
