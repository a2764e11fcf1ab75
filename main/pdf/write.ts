import { createHash } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { outputError as unwritable } from '../output-errors';

let counter = 0;

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
