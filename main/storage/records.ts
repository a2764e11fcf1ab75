import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import type { Convention } from '../../shared/model/convention';
import { contentSha256 } from './canonical';
import { DurableJsonFile, checkEnvelope, fsyncDir, readTextOrNull } from './durable-file';
import { RecordDocSchema, STORE_FORMAT, VersionDocSchema, type RecordDoc, type StorePaths, type VersionDoc } from './layout';
import type { VersionInfo } from './types';

/** A stored file that is missing, not JSON, or not of the expected shape. */
export class DamagedFileError extends Error {
  constructor(readonly file: string, readonly reason: 'missing' | 'unreadable') {
    super(`${reason}: ${file}`);
    this.name = 'DamagedFileError';
  }
}

/**
 * Reads a sealed file and checks its SHA-256 without parsing it: a match proves the bytes are
 * those this code wrote (and checked before writing). Throws DamagedFileError.
 */
export async function verifySealedFile(file: string): Promise<void> {
  const text = await readTextOrNull(file);
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
    if (e instanceof SyntaxError) throw new DamagedFileError(file, 'unreadable');
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
 * Reads and checks a convention's record (throws DamagedFileError). `trusted` skips the schema
 * check when the SHA-256 already proves the bytes are ours: start-up reads many records.
 */
export function readRecordFile(file: string, options: { trusted?: boolean } = {}): Promise<RecordDoc> {
  return readDoc(file, (raw) => (options.trusted ? (raw as RecordDoc) : (RecordDocSchema.parse(raw) as RecordDoc)));
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
  const text = await readTextOrNull(file);
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

/** True when a file exists (whatever its state). */
export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
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

/** Version numbers present in a convention's history folder, ascending. */
export async function listVersionNumbers(paths: StorePaths, id: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(paths.versionsDir(id));
  } catch {
    return [];
  }
  return names
    .map((n) => /^(\d+)\.json$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
