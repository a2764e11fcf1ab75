import { lstat, mkdir, readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import type { Convention } from '../../shared/model/convention';
import { contentSha256 } from './canonical';
import { DurableJsonFile, checkEnvelope, fsyncDir, isFileFault, readTextOrNull } from './durable-file';
import { RecordDocSchema, STORE_FORMAT, VersionDocSchema, storedFilePath, type RecordDoc, type StorePaths, type VersionDoc } from './layout';
import type { VersionInfo } from './types';

/**
 * A stored file that is missing, or cannot be used: not JSON, not of the expected shape, a
 * symbolic link, too large, not readable (permissions, I/O error). Damage to one file is
 * confined to its convention: it is set aside and repaired, the others open as usual.
 */
export class DamagedFileError extends Error {
  constructor(readonly file: string, readonly reason: 'missing' | 'unreadable') {
    super(`${reason}: ${file}`);
    this.name = 'DamagedFileError';
  }
}

/** Reads a stored document's text: null when absent, DamagedFileError when it cannot be read (see isFileFault). */
async function readStoredText(file: string): Promise<string | null> {
  try {
    return await readTextOrNull(file);
  } catch (e) {
    if (isFileFault(e)) throw new DamagedFileError(file, 'unreadable');
    throw e;
  }
}

/**
 * Reads a sealed file and checks its SHA-256 without parsing it: a match proves the bytes are
 * those this code wrote (and checked before writing), or a deliberate edit: the seal is a plain
 * SHA-256, it detects damage, not tampering. Throws DamagedFileError.
 */
export async function verifySealedFile(file: string): Promise<void> {
  const text = await readStoredText(file);
  if (text === null) throw new DamagedFileError(file, 'missing');
  try {
    checkEnvelope(text);
  } catch {
    throw new DamagedFileError(file, 'unreadable');
  }
}

async function readDoc<T>(file: string, parse: (raw: unknown) => T): Promise<T> {
  const db = new Low<unknown>(new DurableJsonFile<unknown>(file), null);
  try {
    await db.read();
  } catch (e) {
    if (isFileFault(e)) throw new DamagedFileError(file, 'unreadable');
    throw e;
  }
  if (db.data === null) throw new DamagedFileError(file, 'missing');
  try {
    return parse(db.data);
  } catch {
    throw new DamagedFileError(file, 'unreadable');
  }
}

/**
 * Reads and checks the record of convention `id` (throws DamagedFileError). `trusted` skips the
 * schema check when the SHA-256 shows the bytes are as written: start-up reads many records.
 * What leads to paths is checked either way (the seal proves no intent): the record must name
 * its own folder's id, and each of its files must lie in that convention's files/ folder.
 */
export function readRecordFile(paths: StorePaths, id: string, options: { trusted?: boolean; file?: string; reId?: boolean } = {}): Promise<RecordDoc> {
  const file = options.file ?? paths.record(id);
  return readDoc(file, (raw) => {
    let doc = options.trusted ? (raw as RecordDoc) : (RecordDocSchema.parse(raw) as RecordDoc);
    if (options.reId && doc.summary.id !== id) {
      // Adopting a folder renamed by the user: the record takes its folder's name; its files
      // lie under its old id's folder, which is not its own any more.
      doc = { ...doc, summary: { ...doc.summary, id }, convention: { ...doc.convention, id }, files: [] };
    }
    if (doc?.summary?.id !== id || !Array.isArray(doc.files)) throw new Error('not this convention');
    for (const f of doc.files) if (typeof f?.relPath !== 'string' || !storedFilePath(paths.dataDir, id, f.relPath)) throw new Error('file outside');
    return doc;
  });
}

/** Reads one version of the content and checks it against its recorded SHA-256. */
export function readVersionFile(file: string): Promise<VersionDoc> {
  return readDoc(file, (raw) => {
    const doc = VersionDocSchema.parse(raw) as VersionDoc;
    if (contentSha256(doc.convention) !== doc.info.contentSha256) throw new Error('hash');
    return doc;
  });
}

/**
 * The info of a version file, checked by its seal only (no schema, no hash of the content: the
 * seal proves the bytes are ours). Cheap enough to compare the latest version's file with its
 * record whenever autosaves may have replaced it. Throws DamagedFileError.
 */
export async function readVersionInfo(file: string): Promise<VersionInfo> {
  const text = await readStoredText(file);
  if (text === null) throw new DamagedFileError(file, 'missing');
  try {
    const info = (JSON.parse(checkEnvelope(text)) as Partial<VersionDoc>).info;
    if (typeof info?.version !== 'number' || typeof info.contentSha256 !== 'string') throw new Error('shape');
    return info;
  } catch {
    throw new DamagedFileError(file, 'unreadable');
  }
}

/**
 * True when a version file's info agrees with its record on what the store checks after a
 * crash: the content (autosaves rewrite it) and the finalization (finalize flags it after the
 * record). Files from before `finalized` was written to them read as unflagged.
 */
export function versionFileMatches(file: VersionInfo, record: VersionInfo): boolean {
  return file.version === record.version && file.contentSha256 === record.contentSha256 && !!file.finalized === !!record.finalized;
}

/** True when a file exists (whatever its state; a symbolic link exists even when its target does not). */
export async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/**
 * Prepares the lowdb document of a record for writing; `write()` then replaces record.json
 * durably and keeps the previous copy as record.json.bak. `bytes` is the size it will have.
 */
export function prepareRecordWrite(paths: StorePaths, doc: RecordDoc, keepBackup = true): { bytes: number; write: () => Promise<void> } {
  const adapter = new DurableJsonFile<RecordDoc>(paths.record(doc.summary.id), { backup: keepBackup });
  const db = new Low<RecordDoc>(adapter, doc);
  db.data = doc;
  const bytes = Buffer.byteLength(adapter.serialize(doc));
  return { bytes, write: () => db.write() };
}

/**
 * Writes the content of one version, durably (temp file, fsync, rename). A version is written
 * once, except to repair it, while autosaves of one sitting replace the latest (autosave.ts),
 * and to flag it finalized (store.ts, markVersionFileFinalized).
 */
export async function writeVersionFile(paths: StorePaths, id: string, info: VersionInfo, convention: Convention): Promise<void> {
  const doc: VersionDoc = { format: STORE_FORMAT, id, info, convention };
  await new DurableJsonFile<VersionDoc>(paths.version(id, info.version)).write(doc);
}

/**
 * Throws DamagedFileError when `dir` exists as anything but a real folder: a symbolic link put
 * in place of a convention's folder (or of files/, v/…) would send reads and writes outside
 * the data folder. A missing folder is fine: it is created as a real one.
 */
export async function assertRealDir(dir: string): Promise<void> {
  let info;
  try {
    info = await lstat(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (info.isSymbolicLink() || !info.isDirectory()) throw new DamagedFileError(dir, 'unreadable');
}

/** Creates a folder and makes its entry durable in the parent. */
export async function ensureDir(dir: string): Promise<void> {
  const made = await mkdir(dir, { recursive: true });
  if (made !== undefined) {
    // mkdir -p may have created several levels: flush each new entry's parent.
    let d = dir;
    while (d.length >= made.length) {
      await fsyncDir(dirname(d));
      d = dirname(d);
    }
  }
}

/** Version numbers present in a convention's history folder, ascending (regular files only). */
export async function listVersionNumbers(paths: StorePaths, id: string): Promise<number[]> {
  let names: string[];
  try {
    names = (await readdir(paths.versionsDir(id), { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name);
  } catch {
    return [];
  }
  return names
    .map((n) => /^([1-9]\d{0,8})\.json$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
