import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { sha256Hex } from './canonical';

let tempCounter = 0;
/** Makes temp names unique across processes and lives of one pid (crash leftovers are not always swept). */
const tempSalt = randomBytes(3).toString('hex');
const tempName = (file: string, what = ''): string => join(dirname(file), `.${basename(file)}${what}.${process.pid}.${tempSalt}${tempCounter++}.tmp`);

/** The largest record or version file the store reads; a save that would write a larger one is refused (store.ts). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
/** The largest index snapshot or journal the store reads (about 300 bytes per convention). */
export const MAX_INDEX_BYTES = 256 * 1024 * 1024;

/*
 * Reads never follow a symbolic link (O_NOFOLLOW where the system offers it, else a check with
 * lstat) and never open anything but a regular file (O_NONBLOCK: a FIFO put in place of a
 * record cannot hang start-up); the size is checked before reading, so one huge file cannot
 * exhaust memory or the largest string V8 can build.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A file the store will not read: a symbolic link, not a regular file, or larger than the limit for its kind. */
export class RefusedFileError extends Error {
  constructor(readonly file: string, readonly reason: 'link' | 'not-a-file' | 'too-large') {
    super(`${reason}: ${file}`);
    this.name = 'RefusedFileError';
  }
}

/**
 * True when an error met reading a file is that file's own fault (a link, no permission, an
 * I/O error, garbage…): the file is then damaged. False for what says nothing about the file
 * (too many open files, no memory): those are the system's, and are passed on.
 */
export function isFileFault(e: unknown): boolean {
  if (e instanceof RefusedFileError || e instanceof SyntaxError) return true;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && !['EMFILE', 'ENFILE', 'ENOMEM'].includes(code);
}

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
  const tmp = tempName(file);
  // 'wx': a new file, never through a link someone left under that name.
  const handle = await open(tmp, 'wx');
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.backup) await keepBackup(file);
    await renameRetrying(tmp, file);
  } catch (e) {
    // A failed write (a full disk…) leaves nothing behind: the old content stays as it was.
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fsyncDir(dir);
}

/**
 * On Windows a rename over a file that an antivirus or the search indexer holds open fails
 * for a moment (EPERM, EACCES, EBUSY): try again for up to about a second before giving up.
 */
export async function renameRetrying(
  from: string,
  to: string,
  system: { platform: NodeJS.Platform; rename: (a: string, b: string) => Promise<void> } = { platform: process.platform, rename },
): Promise<void> {
  const { platform } = system;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await system.rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const transient = platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY');
      if (!transient || attempt >= 10) throw e;
      await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)));
    }
  }
}

async function keepBackup(file: string): Promise<void> {
  const bakTmp = tempName(file, '.bak');
  try {
    try {
      await link(file, bakTmp);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // first write: nothing to keep
      if (code !== 'EEXIST') {
        // File systems without hard links (some network or FAT drives): copy instead.
        await copyFile(file, bakTmp, constants.COPYFILE_EXCL);
      } else {
        throw e;
      }
    }
    // The copy's bytes already sit on disk under the original name; the rename is made durable
    // by the directory fsync that follows the main rename.
    await renameRetrying(bakTmp, backupPath(file));
  } catch (e) {
    await unlink(bakTmp).catch(() => undefined);
    throw e;
  }
}

/**
 * Reads a regular file, or null when it does not exist. Throws RefusedFileError for a
 * symbolic link, anything but a regular file, or a file larger than `maxBytes`.
 */
export async function readBytesOrNull(file: string, maxBytes: number): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(file, READ_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw new RefusedFileError(file, 'link');
    throw e;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new RefusedFileError(file, 'not-a-file');
    if (info.size > maxBytes) throw new RefusedFileError(file, 'too-large');
    if (!constants.O_NOFOLLOW && (await lstat(file)).isSymbolicLink()) throw new RefusedFileError(file, 'link');
    const bytes = await handle.readFile();
    if (bytes.length > maxBytes) throw new RefusedFileError(file, 'too-large'); // grew meanwhile
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Reads a regular file as UTF-8 (see readBytesOrNull), or null when it does not exist. */
export async function readTextOrNull(file: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<string | null> {
  const bytes = await readBytesOrNull(file, maxBytes);
  return bytes === null ? null : bytes.toString('utf8');
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
 * renames through steno but never fsyncs). The document is stored in an envelope carrying the
 * SHA-256 of its JSON text, `{"sha256":"…","data":…}`, so that damage which still parses (a
 * few bytes overwritten inside a string) is caught too. Reading a damaged file throws
 * `SyntaxError`: callers treat that as damage and recover.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  // The store serializes once to learn the size it journals, then lowdb calls write().
  private last: { data: T; text: string } | null = null;

  constructor(
    readonly file: string,
    private readonly options: { backup?: boolean; maxBytes?: number } = {},
  ) {}

  async read(): Promise<T | null> {
    const text = await readTextOrNull(this.file, this.options.maxBytes);
    return text === null ? null : (openEnvelope(text) as T);
  }

  async write(data: T): Promise<void> {
    const text = this.last?.data === data ? this.last.text : this.serialize(data);
    this.last = null;
    await writeFileDurable(this.file, text, { backup: this.options.backup ?? false });
  }

  /** The exact text `write` will store for `data` (its size goes into the index). */
  serialize(data: T): string {
    const text = sealEnvelope(JSON.stringify(data));
    this.last = { data, text };
    return text;
  }
}

const ENVELOPE_HEAD = /^\{"sha256":"([0-9a-f]{64})","data":/;
const HEAD_LENGTH = '{"sha256":"","data":'.length + 64;

/** Wraps JSON text with its SHA-256. */
export function sealEnvelope(json: string): string {
  return `{"sha256":"${sha256Hex(json)}","data":${json}}`;
}

/** Checks a sealed document's SHA-256 and returns its JSON text; throws SyntaxError when anything does not match. */
export function checkEnvelope(text: string): string {
  const head = ENVELOPE_HEAD.exec(text);
  if (!head || !text.endsWith('}')) throw new SyntaxError('not a sealed Paraphe document');
  const json = text.slice(HEAD_LENGTH, -1);
  if (sha256Hex(json) !== head[1]) throw new SyntaxError('checksum mismatch');
  return json;
}

/** Checks and unwraps a sealed document; throws SyntaxError when anything does not match. */
export function openEnvelope(text: string): unknown {
  return JSON.parse(checkEnvelope(text));
}

/** One journal line: a short hash of the JSON, a space, the JSON (a garbled line is caught). */
export function sealLine(json: string): string {
  return `${sha256Hex(json).slice(0, 16)} ${json}`;
}

/** Checks and parses a journal line; throws SyntaxError when it does not match. */
export function openLine(line: string): unknown {
  const json = line.slice(17);
  if (line[16] !== ' ' || sha256Hex(json).slice(0, 16) !== line.slice(0, 16)) throw new SyntaxError('checksum mismatch');
  return JSON.parse(json);
}
