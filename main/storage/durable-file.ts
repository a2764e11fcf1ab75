import { link, open, readFile, rename, unlink, copyFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

let tempCounter = 0;

/** Name of the previous good copy kept beside `file`. */
export const backupPath = (file: string): string => `${file}.bak`;

/** Temp files are dot-prefixed and end in `.tmp` so start-up can sweep what a crash left. */
export const isTempName = (name: string): boolean => name.startsWith('.') && name.endsWith('.tmp');

/**
 * Flushes a directory's entries (a rename or a new file) to disk. Windows cannot open a
 * directory for fsync; NTFS journals the rename itself, so there it is skipped.
 */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `file` with `data` so that a crash at any moment leaves either the old or the new
 * content, never a mix, and the new content is on disk when the promise resolves: temp file,
 * fsync, rename, fsync of the directory. With `backup`, the previous content is kept as
 * `file.bak` first (a hard link, so no copy is made; a copy where links are not supported).
 */
export async function writeFileDurable(file: string, data: string | Uint8Array, options: { backup?: boolean } = {}): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${tempCounter++}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (options.backup) await keepBackup(file);
  await rename(tmp, file);
  await fsyncDir(dir);
}

async function keepBackup(file: string): Promise<void> {
  const bakTmp = join(dirname(file), `.${basename(file)}.bak.${process.pid}.${tempCounter++}.tmp`);
  try {
    await link(file, bakTmp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // first write: nothing to keep
    if (code !== 'EEXIST') {
      // File systems without hard links (some network or FAT drives): copy instead.
      await copyFile(file, bakTmp);
    } else {
      throw e;
    }
  }
  // The copy's bytes already sit on disk under the original name; the rename is made durable
  // by the directory fsync that follows the main rename.
  await rename(bakTmp, backupPath(file));
}

/** Reads a file as UTF-8, or null when it does not exist. */
export async function readTextOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Deletes a file if present. */
export async function unlinkIfExists(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * A lowdb adapter for one JSON document with durable atomic writes (lowdb's own `JSONFile`
 * renames through steno but never fsyncs). Reading a file that is not JSON throws
 * `SyntaxError`: callers treat that as damage and recover.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  // The store serializes once to learn the size it journals, then lowdb calls write().
  private last: { data: T; text: string } | null = null;

  constructor(
    readonly file: string,
    private readonly options: { backup?: boolean; pretty?: boolean } = {},
  ) {}

  async read(): Promise<T | null> {
    const text = await readTextOrNull(this.file);
    return text === null ? null : (JSON.parse(text) as T);
  }

  async write(data: T): Promise<void> {
    const text = this.last?.data === data ? this.last.text : this.serialize(data);
    this.last = null;
    await writeFileDurable(this.file, text, { backup: this.options.backup ?? false });
  }

  /** The exact text `write` will store for `data` (its size goes into the index). */
  serialize(data: T): string {
    const text = this.options.pretty ? `${JSON.stringify(data, null, 1)}\n` : JSON.stringify(data);
    this.last = { data, text };
    return text;
  }
}
