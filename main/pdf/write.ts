import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { outputError as unwritable } from '../output-errors';

/*
 * Writing a file all or nothing: a temporary file beside it, flushed to disk, then renamed. A
 * failure leaves no partial file and becomes a French `UserError`. Both versions return the
 * absolute path and the SHA-256 of what they wrote.
 */

let counter = 0;

/** The temporary file for `target`, beside it (same disk, so the rename is atomic). */
function tempBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${counter++}.tmp`);
}

function written(target: string, bytes: Uint8Array): { path: string; sha256: string } {
  return { path: target, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Writes bytes to `path` all or nothing (the app, the worker, `paraphe import-word`). */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<{ path: string; sha256: string }> {
  const target = resolve(path);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw unwritable(target, 'EISDIR');
  const tmp = tempBeside(target);
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
  return written(target, bytes);
}

/**
 * The same, with synchronous calls, for `paraphe render`: a command has nothing else to do
 * meanwhile, and each awaited call of node:fs/promises went through libuv's threads and back,
 * about 3 ms of the command (bench/startup.ts).
 */
export function writeFileAtomicSync(path: string, bytes: Uint8Array): { path: string; sha256: string } {
  const target = resolve(path);
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw unwritable(target, 'EISDIR');
  const tmp = tempBeside(target);
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
  return written(target, bytes);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // The write's error is the one to report.
  }
}
