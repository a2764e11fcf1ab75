import { open, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../shared/errors';
import { fsyncDir, unlinkIfExists } from './durable-file';

/** Name of the lock file in the data folder. */
export const LOCK_FILE = 'paraphe.lock';

/** Data folders this process holds: a second open in the same process is refused too. */
const heldHere = new Set<string>();

interface LockContent {
  pid: number;
  host: string;
  since: string;
}

/** A held lock; `release` removes it (only if it is still ours). */
export interface DataLock {
  readonly file: string;
  release(): Promise<void>;
}

/**
 * Takes the data folder for this process: only one process writes, so two windows or two
 * instances cannot interleave their writes. A lock left by a process that no longer runs
 * (crash, power cut) is taken over; a lock that cannot be read is treated the same way,
 * since a live holder always writes it whole before using the folder.
 */
export async function acquireLock(dataDir: string): Promise<DataLock> {
  const file = join(dataDir, LOCK_FILE);
  if (heldHere.has(file)) throw inUse(file);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await tryCreate(file)) {
      heldHere.add(file);
      return {
        file,
        release: async () => {
          heldHere.delete(file);
          const current = await readLock(file);
          if (current?.pid === process.pid) await unlinkIfExists(file);
        },
      };
    }
    const holder = await readLock(file);
    if (holder && holder.host === hostname() && isAlive(holder.pid) && holder.pid !== process.pid) throw inUse(file, holder);
    if (holder && holder.host !== hostname()) throw inUse(file, holder);
    // Stale: the holder is dead (or it is our own pid from an earlier life of this process id).
    await unlinkIfExists(file);
  }
  throw inUse(file);
}

async function tryCreate(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    const content: LockContent = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    await handle.writeFile(JSON.stringify(content));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsyncDir(join(file, '..'));
  return true;
}

async function readLock(file: string): Promise<LockContent | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0 && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '') };
    }
    return null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(file: string, holder?: LockContent): UserError {
  const who = holder ? ` (processus ${holder.pid} sur ${holder.host})` : '';
  return new UserError(
    'store-locked',
    `Ce dossier de données est déjà utilisé par une autre fenêtre de Paraphe${who}. Fermez l'autre fenêtre puis réessayez. ` +
      `Si aucune autre fenêtre n'est ouverte, supprimez le fichier « ${file} ».`,
  );
}
