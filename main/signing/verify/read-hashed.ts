/**
 * Reads a PDF from disk and hashes it on the way: while the thread pool reads the next slice,
 * this thread feeds the current one to SHA-256 and keeps a copy of the hash state every
 * {@link SNAPSHOT} bytes. The verifier then gets the digest of any prefix [0, a) — the first
 * signed range of every signature — from the nearest copy plus at most one slice, instead of
 * reading the whole file and then hashing it again from the start. On a 50 MB file this keeps
 * `paraphe verify` within pdfsig's time (bench/sign.ts).
 */
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { UserError } from '../../../shared/errors';
import { readError } from '../files';

/** Bytes between two saved hash states (a copy costs a few hundred bytes). */
const SNAPSHOT = 1024 * 1024;
/** Bytes asked of the file system at a time. */
const SLICE = 4 * SNAPSHOT;

/** The file's bytes and a source of prefix hashes for {@link VerifyOptions.prefixHash}. */
export interface HashedFile {
  readonly bytes: Buffer;
  /** SHA-256 state over bytes [0, end), ready to be continued; undefined for other algorithms. */
  readonly prefixHash: (algorithm: string, end: number) => Hash | undefined;
}

/** Reads `path` (French UserError on failure, as readUserFile) with SHA-256 prefix states. */
export async function readHashed(path: string, what = 'Le PDF'): Promise<HashedFile> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw readError(e, path, what);
  }
  try {
    const { size } = await fh.stat().catch((e: unknown) => {
      throw readError(e, path, what);
    });
    const bytes = allocate(size, path, what);
    const hash = createHash('sha256');
    const states: Hash[] = [];
    const readAt = (pos: number) => (pos < size ? fh!.read(bytes, pos, Math.min(SLICE, size - pos), pos) : undefined);
    let pos = 0;
    let hashed = 0;
    let pending = readAt(0);
    while (pending) {
      const { bytesRead } = await pending.catch((e: unknown) => {
        throw readError(e, path, what);
      });
      if (bytesRead === 0) throw readError(Object.assign(new Error('fichier raccourci pendant la lecture'), { code: 'ESHORT' }), path, what);
      pos += bytesRead;
      pending = readAt(pos);
      for (; hashed + SNAPSHOT <= pos; hashed += SNAPSHOT) {
        hash.update(bytes.subarray(hashed, hashed + SNAPSHOT));
        states.push(hash.copy());
      }
    }
    return {
      bytes,
      prefixHash: (algorithm, end) => {
        if (algorithm !== 'sha256' || end < 0 || end > size) return undefined;
        const k = Math.min(states.length, Math.floor(end / SNAPSHOT));
        const h = k === 0 ? createHash('sha256') : states[k - 1]!.copy();
        return h.update(bytes.subarray(k * SNAPSHOT, end));
      },
    };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** The buffer for the whole file; beyond 4 GiB or the memory at hand, a French UserError. */
function allocate(size: number, path: string, what: string): Buffer {
  try {
    return Buffer.allocUnsafe(size);
  } catch {
    const gib = (size / 1024 ** 3).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
    throw new UserError(
      'FILE_TOO_LARGE',
      `${what} « ${path} » est trop volumineux pour être lu (${gib} Gio) : vérifiez que c’est bien le PDF signé ; s’il l’est, fermez d’autres applications puis réessayez.`,
    );
  }
}
