import { lstatSync } from 'node:fs';
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from './canonical';
import { backupPath, isFileFault, isTempName, readBytesOrNull, unlinkIfExists } from './durable-file';
import { SAFE_ID, storedFilePath, type IndexEntry, type RecordDoc, type StorePaths } from './layout';
import {
  DamagedFileError, assertRealDir, ensureDir, exists, listVersionNumbers, prepareRecordWrite, readRecordFile, readVersionInfo,
  verifySealedFile, versionFileMatches, writeVersionFile,
} from './records';
import { MAX_ATTACHMENT_BYTES, RecoveryLog, repairRecord, scanConventionFolders, type ConventionFolders } from './recovery';
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
 * `lstat`: a link in place of a record has its own size, so it shows as damage.
 */
function sizeOf(file: string): number {
  try {
    return lstatSync(file).size;
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
 * Conventions found on disk but missing from the index are adopted (see adoptFolders).
 */
export async function openIndex(
  paths: StorePaths,
  log: RecoveryLog,
  now: () => Date,
  options: { compactAfter: number; fullCheckUpTo: number },
): Promise<{ index: SummaryIndex; deferred: string[] }> {
  await checkTopLevel(paths, log, now);
  await ensureDir(paths.conventions);
  await sweepTemps(paths.dataDir);
  const loaded = await loadIndex(paths);
  const folders = await scanConventionFolders(paths);

  if (loaded.state === 'ok') {
    const index = await SummaryIndex.open(paths, loaded, options.compactAfter, loaded.tornTail);
    try {
      await settleFolders(paths, index, folders, log, now);
      const full = index.entries.size <= options.fullCheckUpTo;
      if (full) {
        await eachLimited([...index.entries.values()], 16, async (entry) => {
          await confined(paths, index, entry, log, () => checkEntry(paths, index, entry, entry.id === loaded.lastId, true, log, now));
        });
        return { index, deferred: [] };
      }
      // Many conventions: only the last one written is checked now (a crash may have cut its
      // write short); the others' sizes are compared right after opening (see checkSizes).
      const last = loaded.lastId !== undefined ? index.entries.get(loaded.lastId) : undefined;
      if (last) await confined(paths, index, last, log, () => checkEntry(paths, index, last, true, false, log, now));
      return { index, deferred: [...index.entries.keys()].filter((id) => id !== loaded.lastId) };
    } catch (e) {
      await index.close().catch(() => undefined); // no handle left open when the store cannot open
      throw e;
    }
  }

  if (loaded.state === 'damaged') {
    for (const which of loaded.files) {
      const file = which === 'index' ? paths.index : paths.journal;
      const movedTo = await log.moveAside(file);
      log.items.push({ file, movedTo, restoredFrom: paths.conventions });
    }
  }
  await finishDeletions(paths, null, folders.deleted);
  await setLinksAside(paths, null, folders.links, log);
  noteStrays(paths, folders.strays, log);
  const ids = folders.ids;
  if (loaded.state === 'missing' && ids.length === 0) {
    return { index: await SummaryIndex.open(paths, { entries: new Map(), seq: 0, journalLines: 0 }, options.compactAfter, true), deferred: [] };
  }
  // Rebuild from the records themselves, each read and checked whole.
  const entries = new Map<string, IndexEntry>();
  const full = ids.length <= options.fullCheckUpTo;
  await eachLimited(ids, 16, async (id) => {
    try {
      const found = await readOrRepair(paths, id, log, now);
      if (!found) return;
      const rewritten = full && (await checkSatellites(paths, found.doc, log));
      entries.set(id, entryOf(found.doc, rewritten ? sizeOf(paths.record(id)) : found.bytes));
    } catch (e) {
      noteUnreadable(paths, id, id, e, log);
    }
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
    if (entry) await confined(paths, index, entry, log, () => checkEntry(paths, index, entry, false, false, log, now));
  }
}

/**
 * Runs the checks of one convention so that whatever goes wrong stays with it: an error that
 * is not a damaged file (no permission on its folder, an I/O error while setting a file aside)
 * takes it out of this session's list and is reported, and the other conventions open. It is
 * not forgotten on disk: once its folder can be read again, the next start checks it again,
 * or adopts it back if the index was rewritten meanwhile.
 */
async function confined(paths: StorePaths, index: SummaryIndex, entry: IndexEntry, log: RecoveryLog, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (e) {
    if (!isFileFault(e) && !(e instanceof DamagedFileError)) throw e;
    index.hide(entry.id);
    noteUnreadable(paths, entry.id, entry.title, e, log);
  }
}

function noteUnreadable(paths: StorePaths, id: string, title: string, e: unknown, log: RecoveryLog): void {
  const code = (e as NodeJS.ErrnoException).code;
  log.note(
    `La convention « ${title} » n'a pas pu être lue${code ? ` (${code})` : ''} : elle n'apparaît pas dans la liste pour le moment, les autres sont ouvertes normalement. ` +
      `Vérifiez que vous avez le droit de lire le dossier « ${join(paths.conventions, id)} » et ce qu'il contient, puis relancez Paraphe : elle reviendra dans la liste.`,
  );
}

async function readOrRepair(paths: StorePaths, id: string, log: RecoveryLog, now: () => Date, title?: string): Promise<{ doc: RecordDoc; bytes: number } | null> {
  try {
    const doc = await readRecordFile(paths, id, { trusted: true });
    return { doc, bytes: sizeOf(paths.record(id)) };
  } catch (e) {
    if (!(e instanceof DamagedFileError)) throw e;
  }
  const doc = await repairRecord(paths, id, log, now, title);
  return doc ? { doc, bytes: sizeOf(paths.record(id)) } : null;
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
  if (full && (await checkSatellites(paths, found.doc, log))) fresh = entryOf(found.doc, sizeOf(file));
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
  await setAsideIfLink(paths.versionsDir(id), `L'historique de « ${title} »`, log);
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
  if (doc.files.length) {
    await setAsideIfLink(paths.filesDir(id), `Le dossier des fichiers de « ${title} »`, log);
    await sweepTemps(paths.filesDir(id));
  }
  let dropped = false;
  for (const f of [...doc.files]) {
    const full = storedFilePath(paths.dataDir, id, f.relPath); // checked when the record was read
    const bytes = full ? await readAttachment(full, f.size) : null;
    if (full && bytes !== null && bytes !== 'mismatch' && sha256Hex(bytes) === f.sha256) continue;
    const present = full !== null && (await exists(full));
    const movedTo = present ? await log.moveAside(full) : undefined;
    doc.files.splice(doc.files.indexOf(f), 1);
    dropped = true;
    log.note(
      `Le fichier « ${f.label} » de « ${title} » ${present ? 'ne correspond plus à son empreinte SHA-256' : 'a disparu'} : il a été retiré de la liste des fichiers ; générez-le de nouveau.`,
      movedTo ? { file: full!, movedTo } : undefined,
    );
  }
  if (dropped) await prepareRecordWrite(paths, doc).write();
  return dropped;
}

/** A stored file's bytes; 'mismatch' without reading when its size differs, or when it cannot be read; null when absent. */
async function readAttachment(file: string, size: number): Promise<Buffer | 'mismatch' | null> {
  try {
    const info = await lstat(file);
    if (!info.isFile() || info.size !== size) return 'mismatch';
    return await readBytesOrNull(file, Math.min(size, MAX_ATTACHMENT_BYTES));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (isFileFault(e)) return 'mismatch';
    throw e;
  }
}

/**
 * The folders the data folder must hold as real folders: `recovered/`, `conventions/`,
 * `files/`. A symbolic link (or a file) in their place would send reads and writes outside
 * the data folder: it is set aside (`recovered/` itself is renamed beside it) and reported.
 */
async function checkTopLevel(paths: StorePaths, log: RecoveryLog, now: () => Date): Promise<void> {
  try {
    await assertRealDir(paths.recovered);
  } catch (e) {
    if (!(e instanceof DamagedFileError)) throw e;
    const to = `${paths.recovered}-lien-${now().toISOString().replace(/[:.]/g, '-')}`;
    await rename(paths.recovered, to);
    log.note(`Le dossier « ${paths.recovered} » était un lien symbolique ou un fichier : il a été renommé « ${to} » ; Paraphe n'écrit rien hors de son dossier de données.`);
  }
  await setAsideIfLink(paths.conventions, 'Le dossier des conventions', log);
  await setAsideIfLink(paths.files, 'Le dossier des fichiers générés', log);
}

/** Sets `dir` aside when it is a symbolic link or a file instead of a real folder. */
async function setAsideIfLink(dir: string, what: string, log: RecoveryLog): Promise<void> {
  try {
    await assertRealDir(dir);
  } catch (e) {
    if (!(e instanceof DamagedFileError)) throw e;
    const movedTo = await log.moveAside(dir);
    log.note(`${what} était un lien symbolique ou un fichier au lieu d'un dossier : il a été mis de côté, et Paraphe ne lit ni n'écrit rien hors de son dossier de données.`, { file: dir, movedTo });
  }
}

/**
 * Brings the conventions/ folder and the index into agreement before anything is checked:
 * finishes deletions a crash cut short, sets aside links in place of convention folders,
 * reports folders whose names are not ids, and deals with folders the index does not know:
 * a create cut short before its index line (no record, at most version 1: nothing of it was
 * ever acknowledged) is removed; any other (a folder restored from a backup, a synced copy) is
 * adopted into the list and reported.
 */
async function settleFolders(paths: StorePaths, index: SummaryIndex, folders: ConventionFolders, log: RecoveryLog, now: () => Date): Promise<void> {
  await finishDeletions(paths, index, folders.deleted);
  await setLinksAside(paths, index, folders.links, log);
  await setFileLinksAside(paths, log);
  noteStrays(paths, folders.strays, log);
  for (const id of folders.ids) {
    if (index.entries.has(id)) continue;
    const record = paths.record(id);
    if (!(await exists(record)) && !(await exists(backupPath(record)))) {
      const versions = await listVersionNumbers(paths, id);
      if (versions.every((n) => n === 1)) {
        await rm(paths.conventionDir(id), { recursive: true, force: true });
        continue;
      }
    }
    try {
      await adoptFolder(paths, index, id, log, now);
    } catch (e) {
      if (!isFileFault(e) && !(e instanceof DamagedFileError)) throw e;
      noteUnreadable(paths, id, id, e, log);
    }
  }
}

/** Puts a convention folder the index does not know into the list, repaired like any other. */
async function adoptFolder(paths: StorePaths, index: SummaryIndex, id: string, log: RecoveryLog, now: () => Date): Promise<void> {
  let found: { doc: RecordDoc; bytes: number } | null = null;
  try {
    found = { doc: await readRecordFile(paths, id, { trusted: true }), bytes: sizeOf(paths.record(id)) };
  } catch (e) {
    if (!(e instanceof DamagedFileError)) throw e;
  }
  if (!found) {
    try {
      // A folder renamed by the user (see noteStrays) holds a record naming its old id: it is
      // adopted under its folder's name, and its record rewritten so.
      const doc = await readRecordFile(paths, id, { reId: true });
      await prepareRecordWrite(paths, doc).write();
      found = { doc, bytes: sizeOf(paths.record(id)) };
    } catch (e) {
      if (!(e instanceof DamagedFileError)) throw e;
    }
  }
  found ??= await readOrRepair(paths, id, log, now);
  if (!found) return; // nothing usable: reported by the repair, files kept in recovered/
  const bytes = (await checkSatellites(paths, found.doc, log)) ? sizeOf(paths.record(id)) : found.bytes;
  await index.put(entryOf(found.doc, bytes));
  log.note(
    `La convention « ${found.doc.summary.title} » se trouvait dans le dossier de données sans figurer dans la liste (un dossier restauré d'une sauvegarde ou copié par une synchronisation) : elle a été ajoutée à la liste${found.doc.summary.inTrash ? ', dans la corbeille' : ''}.`,
  );
}

/** `conventions/.deleted-<id>`: emptyTrash renamed the folder (the deletion's commit point) and was cut short. */
async function finishDeletions(paths: StorePaths, index: SummaryIndex | null, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    if (index?.entries.has(id) && !(await exists(paths.conventionDir(id)))) await index.delete(id);
    await rm(paths.filesDir(id), { recursive: true, force: true });
    await rm(join(paths.conventions, `.deleted-${id}`), { recursive: true, force: true });
  }
}

/** Links (or files) named like a convention in conventions/: set aside; their convention leaves the list. */
async function setLinksAside(paths: StorePaths, index: SummaryIndex | null, ids: readonly string[], log: RecoveryLog): Promise<void> {
  for (const id of ids) {
    const dir = paths.conventionDir(id);
    const title = index?.entries.get(id)?.title ?? id;
    const movedTo = await log.moveAside(dir);
    if (index?.entries.has(id)) await index.delete(id);
    log.note(
      `Le dossier de la convention « ${title} » était un lien symbolique ou un fichier : Paraphe ne lit ni n'écrit rien hors de son dossier de données. Il a été mis de côté et la convention retirée de la liste ; si c'était voulu, copiez le vrai dossier à sa place puis relancez Paraphe.`,
      { file: dir, movedTo },
    );
  }
}

/** Links (or files) in place of a convention's folder under files/: set aside (its files then show as missing). */
async function setFileLinksAside(paths: StorePaths, log: RecoveryLog): Promise<void> {
  const entries = await readdir(paths.files, { withFileTypes: true }).catch(() => []);
  for (const d of entries) {
    if (d.isDirectory() || !SAFE_ID.test(d.name)) continue;
    await setAsideIfLink(paths.filesDir(d.name), `Le dossier des fichiers « ${d.name} »`, log);
  }
}

/** Folders in conventions/ whose names are not ids: left alone, and reported with the way to bring them back. */
function noteStrays(paths: StorePaths, names: readonly string[], log: RecoveryLog): void {
  for (const name of names) {
    log.note(
      `Le dossier « ${join(paths.conventions, name)} » n'a pas un nom de convention (lettres sans accents, chiffres, - et _ seulement) : Paraphe l'a laissé tel quel. ` +
        `S'il contient une convention à récupérer (une copie en conflit d'une synchronisation…), renommez-le ainsi, par exemple « ${suggestedName(name)} », puis relancez Paraphe : elle sera ajoutée à la liste.`,
    );
  }
}

const suggestedName = (name: string): string => `${name.normalize('NFD').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'convention'}-recuperee`;

/** Temp files are only ever half-written leftovers of a crash: delete them. */
async function sweepTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (isTempName(name)) await unlinkIfExists(join(dir, name));
  }
}
