import { statSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from './canonical';
import { backupPath, isTempName, unlinkIfExists } from './durable-file';
import type { IndexEntry, RecordDoc, StorePaths } from './layout';
import { DamagedFileError, ensureDir, exists, prepareRecordWrite, readRecordFile, readVersionInfo, verifySealedFile, versionFileMatches, writeVersionFile } from './records';
import { RecoveryLog, listConventionIds, repairRecord } from './recovery';
import { SummaryIndex, loadIndex } from './summary-index';

/** Runs `fn` over `items` with at most `limit` at a time (thousands of stats, not all at once). */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Size of a file, -1 when absent. Synchronous on purpose: thousands of stats in a loop take a
 * fraction of the time they take through the thread pool, and this runs once, at start-up.
 */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

/** The index entry of a record as it is on disk. */
export const entryOf = (doc: RecordDoc, bytes: number): IndexEntry => ({ ...doc.summary, bytes });

const sameEntry = (a: IndexEntry, b: IndexEntry) => canonicalJson(a) === canonicalJson(b);

/**
 * Opens the index of a data folder and checks the stored files against it, repairing what is
 * damaged (see recovery.ts). Up to `fullCheckUpTo` conventions every record is read and
 * checked, with its backup, its current version and its files; above, the ids returned as
 * `deferred` are to be passed to checkSizes, and the other checks happen when a record is read.
 */
export async function openIndex(
  paths: StorePaths,
  log: RecoveryLog,
  now: () => Date,
  options: { compactAfter: number; fullCheckUpTo: number },
): Promise<{ index: SummaryIndex; deferred: string[] }> {
  await ensureDir(paths.conventions);
  await sweepTemps(paths.dataDir);
  const loaded = await loadIndex(paths);

  if (loaded.state === 'ok') {
    const index = await SummaryIndex.open(paths, loaded, options.compactAfter, loaded.tornTail);
    await dropUnfinishedCreates(paths, index);
    const full = index.entries.size <= options.fullCheckUpTo;
    if (full) {
      await eachLimited([...index.entries.values()], 16, async (entry) => {
        await checkEntry(paths, index, entry, entry.id === loaded.lastId, true, log, now);
      });
      return { index, deferred: [] };
    }
    // Many conventions: only the last one written is checked now (a crash may have cut its
    // write short); the others' sizes are compared right after opening (see checkSizes).
    const last = loaded.lastId !== undefined ? index.entries.get(loaded.lastId) : undefined;
    if (last) await checkEntry(paths, index, last, true, false, log, now);
    return { index, deferred: [...index.entries.keys()].filter((id) => id !== loaded.lastId) };
  }

  const ids = await listConventionIds(paths);
  if (loaded.state === 'damaged') {
    for (const which of loaded.files) {
      const file = which === 'index' ? paths.index : paths.journal;
      const movedTo = await log.moveAside(file);
      log.items.push({ file, movedTo, restoredFrom: paths.conventions });
    }
  }
  if (loaded.state === 'missing' && ids.length === 0) {
    return { index: await SummaryIndex.open(paths, { entries: new Map(), seq: 0, journalLines: 0 }, options.compactAfter, true), deferred: [] };
  }
  // Rebuild from the records themselves, each read and checked whole.
  const entries = new Map<string, IndexEntry>();
  const full = ids.length <= options.fullCheckUpTo;
  await eachLimited(ids, 16, async (id) => {
    const found = await readOrRepair(paths, id, log, now);
    if (!found) return;
    const rewritten = full && (await checkSatellites(paths, found.doc, log));
    entries.set(id, entryOf(found.doc, rewritten ? (await stat(paths.record(id))).size : found.bytes));
  });
  log.note(
    `La liste des conventions était ${loaded.state === 'missing' ? 'absente' : 'endommagée'} : elle a été reconstruite à partir des ${entries.size} convention${entries.size > 1 ? 's' : ''} enregistrée${entries.size > 1 ? 's' : ''}.`,
  );
  return { index: await SummaryIndex.open(paths, { entries, seq: 0, journalLines: 0 }, options.compactAfter, true), deferred: [] };
}

/**
 * Compares the size of each record with the size the index recorded: a truncated, grown or
 * lost record shows at once and is repaired like any damaged one. Runs in slices queued after
 * start-up so that, with tens of thousands of conventions, the list shows without waiting for
 * thousands of stats; a record read before its turn is checked by that read anyway.
 */
export async function checkSizes(paths: StorePaths, index: SummaryIndex, ids: readonly string[], log: RecoveryLog, now: () => Date): Promise<void> {
  for (const id of ids) {
    const entry = index.entries.get(id); // the current entry: a save may have come first
    if (entry) await checkEntry(paths, index, entry, false, false, log, now);
  }
}

async function readOrRepair(paths: StorePaths, id: string, log: RecoveryLog, now: () => Date, title?: string): Promise<{ doc: RecordDoc; bytes: number } | null> {
  try {
    const doc = await readRecordFile(paths.record(id), { trusted: true });
    return { doc, bytes: (await stat(paths.record(id))).size };
  } catch (e) {
    if (!(e instanceof DamagedFileError)) throw e;
  }
  const doc = await repairRecord(paths, id, log, now, title);
  return doc ? { doc, bytes: (await stat(paths.record(id))).size } : null;
}

async function checkEntry(
  paths: StorePaths,
  index: SummaryIndex,
  entry: IndexEntry,
  lastWritten: boolean,
  full: boolean,
  log: RecoveryLog,
  now: () => Date,
): Promise<void> {
  const file = paths.record(entry.id);
  if (!full && !lastWritten && sizeOf(file) === entry.bytes) return;
  // A create cut short between its index line and its record: finishing it from the version
  // already written is not damage, so it goes unreported.
  const inFlightCreate = lastWritten && entry.version === 1 && !(await exists(file));
  const found = await readOrRepair(paths, entry.id, inFlightCreate ? new RecoveryLog(paths, now) : log, now, entry.title);
  if (!found) {
    await index.delete(entry.id);
    return;
  }
  // The record is the truth: the index may lag behind it after a crash between the two writes.
  let fresh = entryOf(found.doc, found.bytes);
  if (full && (await checkSatellites(paths, found.doc, log))) fresh = entryOf(found.doc, (await stat(file)).size);
  if (!sameEntry(fresh, entry)) await index.put(fresh);
}

/**
 * The files around a sound record: its backup (set aside if damaged; the next save writes a
 * new one), its current version (rewritten from the record if damaged, or if an autosave cut
 * short left it ahead of the record) and its generated files
 * (set aside if their bytes no longer match their SHA-256).
 */
async function checkSatellites(paths: StorePaths, doc: RecordDoc, log: RecoveryLog): Promise<boolean> {
  const { id, title, version } = doc.summary;
  await sweepTemps(paths.conventionDir(id));
  await sweepTemps(paths.versionsDir(id));
  const bak = backupPath(paths.record(id));
  if (await exists(bak)) {
    try {
      await verifySealedFile(bak);
    } catch (e) {
      if (!(e instanceof DamagedFileError)) throw e;
      const movedTo = await log.moveAside(bak);
      log.note(`La copie de secours de « ${title} » était endommagée ; la convention elle-même est intacte.`, { file: bak, movedTo });
    }
  }
  const current = paths.version(id, version);
  const last = doc.versions[doc.versions.length - 1]!;
  try {
    if (!last.autosave && !last.finalized) await verifySealedFile(current);
    else {
      // Autosaves replace this file before the record: after a crash between the two, it is
      // one save ahead of the record, which was never acknowledged. Finalize flags it after the
      // record: after a crash between the two, the flag is missing (and so it is in files
      // written before the flag was). Not damage: the file is brought back to the record
      // without a report.
      if (!versionFileMatches(await readVersionInfo(current), last)) await writeVersionFile(paths, id, last, doc.convention);
    }
  } catch (e) {
    if (!(e instanceof DamagedFileError)) throw e;
    const movedTo = (await exists(current)) ? await log.moveAside(current) : undefined;
    await ensureDir(paths.versionsDir(id));
    await writeVersionFile(paths, id, doc.versions[doc.versions.length - 1]!, doc.convention);
    log.note(
      `La version ${version} de « ${title} » (la version actuelle) ${movedTo ? 'était endommagée' : 'manquait'} dans l'historique : elle a été réécrite depuis la convention.`,
      movedTo ? { file: current, movedTo, restoredFrom: paths.record(id) } : undefined,
    );
  }
  let dropped = false;
  for (const f of [...doc.files]) {
    const full = join(paths.dataDir, f.relPath);
    const bytes = await readFile(full).catch(() => null);
    if (bytes && bytes.length === f.size && sha256Hex(bytes) === f.sha256) continue;
    const movedTo = bytes ? await log.moveAside(full) : undefined;
    doc.files.splice(doc.files.indexOf(f), 1);
    dropped = true;
    log.note(
      `Le fichier « ${f.label} » de « ${title} » ${bytes ? 'ne correspond plus à son empreinte SHA-256' : 'a disparu'} : il a été retiré de la liste des fichiers ; générez-le de nouveau.`,
      movedTo ? { file: full, movedTo } : undefined,
    );
  }
  if (dropped) await prepareRecordWrite(paths, doc).write();
  return dropped;
}

/**
 * A folder with no record that the index does not know is a create cut short before it was
 * acknowledged (its folder and first version were written, not its index line): nothing of it
 * was ever shown to the user, so it is removed. Folders holding a record are left alone.
 */
async function dropUnfinishedCreates(paths: StorePaths, index: SummaryIndex): Promise<void> {
  for (const id of await listConventionIds(paths)) {
    if (index.entries.has(id) || (await exists(paths.record(id)))) continue;
    await rm(paths.conventionDir(id), { recursive: true, force: true });
  }
}

/** Temp files are only ever half-written leftovers of a crash: delete them. */
async function sweepTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (isTempName(name)) await unlinkIfExists(join(dir, name));
  }
}
