import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { outputError as unwritable } from '../output-errors';

let counter = 0;

/**
 * Writes bytes to `path` all or nothing, as main/pdf/write.ts's writeFileAtomic does (a
 * temporary file beside it, flushed to disk, then renamed; a failure leaves no partial file and
 * becomes the same French `UserError`), with synchronous calls: a command has nothing else to do
 * meanwhile, and each awaited call of node:fs/promises went through libuv's threads and back,
 * about 3 ms of `paraphe render` (bench/startup.ts). Returns the SHA-256.
 */
export function writeFileAtomicSync(path: string, bytes: Uint8Array): { path: string; sha256: string } {
  const target = resolve(path);
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw unwritable(target, 'EISDIR');
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${counter++}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    throw unwritable(target, (e as NodeJS.ErrnoException).code);
  }
  try {
    writeFileSync(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) closeQuietly(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already gone.
    }
    throw unwritable(target, (e as NodeJS.ErrnoException).code);
  }
  return { path: target, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // The write's error is the one to report.
  }
}
