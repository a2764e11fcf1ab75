import { createHash } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../../shared/errors';

let counter = 0;

/** The French message for a path we cannot write to, saying what to do. */
function unwritable(path: string, code: string | undefined): UserError {
  const dir = dirname(path);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new UserError('output-dir-missing', `Impossible d'écrire « ${path} » : le dossier « ${dir} » n'existe pas. Créez-le ou choisissez un autre emplacement.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new UserError('output-not-writable', `Impossible d'écrire « ${path} » : vous n'avez pas le droit d'écrire dans « ${dir} ». Choisissez un autre emplacement.`);
    case 'EISDIR':
      return new UserError('output-is-directory', `« ${path} » est un dossier : indiquez un nom de fichier, par exemple « ${join(path, 'convention.pdf')} ».`);
    case 'ENOSPC':
      return new UserError('disk-full', `Impossible d'écrire « ${path} » : le disque est plein. Libérez de la place puis réessayez.`);
    default:
      return new UserError('output-not-writable', `Impossible d'écrire « ${path} » (${code ?? 'erreur inconnue'}). Choisissez un autre emplacement.`);
  }
}

/**
 * Writes bytes to `path` all or nothing: a temporary file beside it, flushed, then renamed.
 * A failure leaves no partial file and becomes a French `UserError`. Returns the SHA-256.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<{ path: string; sha256: string }> {
  const target = resolve(path);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw unwritable(target, 'EISDIR');
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${counter++}.tmp`);
  let handle;
  try {
    handle = await open(tmp, 'w');
  } catch (e) {
    throw unwritable(target, (e as NodeJS.ErrnoException).code);
  }
  try {
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw unwritable(target, (e as NodeJS.ErrnoException).code);
  }
  return { path: target, sha256: createHash('sha256').update(bytes).digest('hex') };
}
