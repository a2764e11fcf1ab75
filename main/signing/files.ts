/** File writing for signed PDFs and stores: all or nothing, never a half-written output. */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../../shared/errors';
import { outputError } from '../output-errors';

/**
 * Writes `chunks` to a temporary file beside `path`, flushes it to disk, then renames it over
 * `path`. For the app's own data folder: missing folders are created and the file is private
 * (0600: identities, trust lists).
 */
export async function writeAtomic(path: string, chunks: readonly Uint8Array[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeThrough(path, chunks, 0o600);
}

/**
 * Writes a file the user named (a signed PDF, a received copy, an exported report): the folder
 * must exist (a typo in `-o` is not a reason to create folders), the file gets the usual
 * permissions (0644 under a 022 umask; 0600 with `private` for a key), and every failure is a
 * French UserError that says what to do. Nothing is left behind when it fails.
 */
export async function writeUserFile(path: string, chunks: readonly Uint8Array[], opts: { private?: boolean } = {}): Promise<void> {
  const target = resolve(path);
  const dir = await stat(dirname(target)).catch(() => null);
  if (!dir?.isDirectory()) throw outputError(target, 'ENOENT');
  if ((await stat(target).catch(() => null))?.isDirectory()) throw outputError(target, 'EISDIR');
  try {
    await writeThrough(target, chunks, opts.private ? 0o600 : 0o666, join(dirname(target), `.${basename(target)}`));
  } catch (e) {
    throw outputError(target, (e as NodeJS.ErrnoException).code);
  }
}

async function writeThrough(path: string, chunks: readonly Uint8Array[], mode: number, tmpBase = path): Promise<void> {
  const tmp = `${tmpBase}.${randomBytes(6).toString('hex')}.tmp`;
  const fh = await open(tmp, 'w', mode);
  try {
    await fh.writev([...chunks]);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Reads a PDF given by the user, with French messages for the usual failures. */
export async function readUserFile(path: string, what = 'Le fichier'): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw readError(e, path, what);
  }
}

/** The French message for a file the user named that cannot be read. */
export function readError(e: unknown, path: string, what: string): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError('FILE_NOT_FOUND', `${what} « ${path} » n’existe pas. Vérifiez le chemin.`);
  if (code === 'EISDIR') return new UserError('FILE_IS_DIR', `« ${path} » est un dossier : indiquez un fichier.`);
  return new UserError('FILE_UNREADABLE', `${what} « ${path} » ne peut pas être lu (${code ?? 'erreur'}). Vérifiez ses droits d’accès.`);
}
