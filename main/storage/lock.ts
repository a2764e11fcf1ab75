import { createHash, randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../shared/errors';
import { fsyncDir, unlinkIfExists } from './durable-file';

/** Name of the lock file in the data folder. */
export const LOCK_FILE = 'paraphe.lock';

/**
 * A lock file that cannot be read is held for this long after it was last written: it may be
 * a copy still arriving through a synced folder, or the lock of an older Paraphe, which created
 * the file empty and wrote its pid afterwards.
 */
export const UNREADABLE_LOCK_GRACE_MS = 5_000;
/** Leftovers of a lock attempt cut short (a crash) are removed once this old. */
const LEFTOVER_AGE_MS = 60_000;

/** Data folders this process holds, or is taking: a second open in the same process is refused too. */
const heldHere = new Set<string>();

interface LockContent {
  pid: number;
  host: string;
  since: string;
}

/** What a look at the lock (or a claim) found: its bytes, their tag, its holder when readable, its age. */
interface Seen {
  readonly bytes: Buffer;
  readonly tag: string;
  readonly holder: LockContent | null;
  readonly ageMs: number;
}

/** A held lock; `release` removes it (only if it is still ours). */
export interface DataLock {
  readonly file: string;
  release(): Promise<void>;
}

/*
 * Taking the folder is atomic, so two processes starting at the same instant can never both
 * hold it:
 *
 * - The lock's content (pid, host, time, a random nonce) is written and fsynced to a file of
 *   our own first, then hard-linked into place: `link()` fails when the lock exists, and the
 *   lock never exists without its content (an empty lock was how a second process once took a
 *   live one for stale).
 * - A lock is stale only when its holder is a process of this machine that no longer runs, or
 *   when it cannot be read and was last written more than UNREADABLE_LOCK_GRACE_MS ago.
 * - Replacing a stale lock is not delete-then-create: the process that first creates the
 *   claim file named after the stale lock's bytes (`paraphe.lock.<tag>.claim`, by `link()`,
 *   which only one can do) checks that the lock still holds those bytes, then renames its own
 *   content over it in one step. Others see the claim and wait; a claim whose claimant died is
 *   itself replaced the same way. After a takeover the lock is read again: it must be ours.
 */

/**
 * Takes the data folder for this process: only one process writes, so two windows, two
 * instances, the CLI or a synced copy cannot interleave their writes.
 */
export async function acquireLock(dataDir: string): Promise<DataLock> {
  const file = join(dataDir, LOCK_FILE);
  if (heldHere.has(file)) throw inUse(file);
  heldHere.add(file);
  let mine: string | undefined;
  try {
    const content = Buffer.from(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), nonce: randomBytes(8).toString('hex') }));
    mine = await writeOwn(dataDir, content);
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if (await linkExclusive(mine, file)) return await held(dataDir, file, content);
      const seen = await look(file);
      if (!seen) continue; // released in between: try again
      if (!isStale(seen)) throw inUse(file, seen.holder ?? undefined);
      if (await replaceStale(dataDir, file, seen.tag, mine, 0)) {
        const now = await readOrNull(file);
        if (now?.equals(content)) return await held(dataDir, file, content);
      }
      // Another process is taking it over: let it finish, then look again.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
    throw inUse(file);
  } catch (e) {
    heldHere.delete(file);
    throw e;
  } finally {
    if (mine) await unlinkIfExists(mine).catch(() => undefined);
  }
}

async function held(dataDir: string, file: string, content: Buffer): Promise<DataLock> {
  await fsyncDir(dataDir);
  await removeLeftovers(dataDir);
  return {
    file,
    release: async () => {
      heldHere.delete(file);
      const current = await readOrNull(file);
      if (current?.equals(content)) await unlinkIfExists(file);
    },
  };
}

/**
 * Replaces `target`, seen holding the stale bytes tagged `tag`, with our content, if this
 * process is the first to claim those bytes. Returns false when another process claimed them
 * or the target changed meanwhile.
 */
async function replaceStale(dataDir: string, target: string, tag: string, mine: string, depth: number): Promise<boolean> {
  const claim = join(dataDir, `${LOCK_FILE}.${tag}.claim`);
  if (!(await linkExclusive(mine, claim))) {
    // A claim of these bytes already exists: wait for its claimant, unless it died claiming.
    const other = await look(claim);
    if (!other || !isStale(other) || depth >= 3) return false;
    if (!(await replaceStale(dataDir, claim, other.tag, mine, depth + 1))) return false;
  }
  try {
    const now = await readOrNull(target);
    if (!now || tagOf(now) !== tag) return false;
    const copy = await ownCopy(dataDir, mine);
    await rename(copy, target);
    return true;
  } finally {
    await unlinkIfExists(claim);
  }
}

function isStale(seen: Seen): boolean {
  const holder = seen.holder;
  if (!holder) return seen.ageMs > UNREADABLE_LOCK_GRACE_MS;
  // On another machine (a network share) nothing tells whether it still runs.
  if (holder.host !== hostname()) return false;
  // Our own pid here is an earlier life of this process id (this process checks heldHere).
  if (holder.pid === process.pid) return true;
  return !isAlive(holder.pid);
}

/** Our content under a name of our own, fsynced, ready to be linked into place. */
async function writeOwn(dataDir: string, content: Buffer): Promise<string> {
  const name = join(dataDir, `${LOCK_FILE}.${process.pid}-${randomBytes(6).toString('hex')}.own`);
  const handle = await open(name, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return name;
}

/** A second name for our content, to be renamed over a stale lock (a rename consumes its source). */
async function ownCopy(dataDir: string, mine: string): Promise<string> {
  const name = join(dataDir, `${LOCK_FILE}.${process.pid}-${randomBytes(6).toString('hex')}.own`);
  await link(mine, name);
  return name;
}

async function linkExclusive(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

async function look(file: string): Promise<Seen | null> {
  let bytes: Buffer;
  let mtimeMs: number;
  try {
    [bytes, { mtimeMs }] = await Promise.all([readFile(file), stat(file)]);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    // Present but not readable by us: held, whoever wrote it.
    return { bytes: Buffer.alloc(0), tag: 'unreadable', holder: null, ageMs: 0 };
  }
  return { bytes, tag: tagOf(bytes), holder: parse(bytes), ageMs: Date.now() - mtimeMs };
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch {
    return null;
  }
}

const tagOf = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

function parse(bytes: Buffer): LockContent | null {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0 && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '') };
    }
    return null;
  } catch {
    return null;
  }
}

/** Claims and own files left by an attempt that crashed (they live for milliseconds otherwise). */
async function removeLeftovers(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(`${LOCK_FILE}.`) || !/\.(own|claim)$/.test(name)) continue;
    const file = join(dataDir, name);
    const info = await stat(file).catch(() => null);
    if (info && Date.now() - info.mtimeMs > LEFTOVER_AGE_MS) await unlink(file).catch(() => undefined);
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
    `Ce dossier de données est déjà utilisé par une autre fenêtre de Paraphe${who} ou par la commande paraphe. Fermez l'autre fenêtre ou attendez la fin de la commande, puis réessayez. ` +
      `Si aucune autre fenêtre n'est ouverte, supprimez le fichier « ${file} ».`,
  );
}
