/**
 * The lock rules the storage mutation run (issue 17, `npm run mutation`) found unguarded: the
 * races between two processes (a lock released, replaced or taken over between two steps),
 * the depth bound of claim chains, a holder without a host, a process of another user, a
 * file system without hard links, a release after the lock vanished. The races are made real
 * by running the other process's step on the real files from inside fs/promises' link or
 * rename, at the exact moment it would matter.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type * as FsPromises from 'node:fs/promises';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** What the test runs around the real link() and rename(); undefined: the real call only. */
const hooks: {
  link?: (real: typeof FsPromises.link, from: string, to: string) => Promise<void>;
  rename?: (real: typeof FsPromises.rename, from: string, to: string) => Promise<void>;
} = {};

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return {
    ...real,
    link: (from: string, to: string) => (hooks.link ? hooks.link(real.link, from, to) : real.link(from, to)),
    rename: (from: string, to: string) => (hooks.rename ? hooks.rename(real.rename, from, to) : real.rename(from, to)),
  };
});

const { acquireLock, LOCK_FILE, UNREADABLE_LOCK_GRACE_MS } = await import('../../../../main/storage/lock');

let dir: string;
let lockFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-lockm-'));
  lockFile = join(dir, LOCK_FILE);
});
afterEach(() => {
  delete hooks.link;
  delete hooks.rename;
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
}
const tag = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const holder = (pid: number, since = '') => JSON.stringify({ pid, host: hostname(), since });
/** A lock held by a live process of this machine (our parent). */
const live = () => holder(process.ppid, 'vivant');
const lockPid = () => JSON.parse(readFileSync(lockFile, 'utf8')).pid as number;
function age(file: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(file, then, then);
}

describe('acquireLock: races with another process', () => {
  it('a lock released between our failed link and our look: tried again, then taken', async () => {
    writeFileSync(lockFile, live());
    let released = false;
    hooks.link = async (real, from, to) => {
      if (to === lockFile && !released) {
        released = true;
        const e = Object.assign(new Error('EEXIST'), { code: 'EEXIST' });
        unlinkSync(lockFile); // the other process releases just after our link failed
        throw e;
      }
      return real(from, to);
    };
    const lock = await acquireLock(dir);
    expect(lockPid()).toBe(process.pid);
    await lock.release();
  });

  it('a stale lock replaced by a live process while we claim it: we leave theirs alone', async () => {
    writeFileSync(lockFile, holder(deadPid()));
    hooks.link = async (real, from, to) => {
      // The moment our claim is made, the other process has already put its lock in place.
      if (to.endsWith('.claim')) writeFileSync(lockFile, live());
      return real(from, to);
    };
    await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'store-locked' });
    expect(readFileSync(lockFile, 'utf8')).toBe(live());
  });

  it('the lock taken over by another process just after our own takeover: not ours, refused', async () => {
    writeFileSync(lockFile, holder(deadPid()));
    hooks.rename = async (real, from, to) => {
      await real(from, to);
      if (to === lockFile) writeFileSync(lockFile, live());
    };
    await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'store-locked' });
    expect(readFileSync(lockFile, 'utf8')).toBe(live());
  });

  it('the lock released by another process just after our takeover: looked at again, then taken', async () => {
    writeFileSync(lockFile, holder(deadPid()));
    let once = false;
    hooks.rename = async (real, from, to) => {
      await real(from, to);
      if (to === lockFile && !once) {
        once = true;
        unlinkSync(lockFile);
      }
    };
    const lock = await acquireLock(dir);
    expect(lockPid()).toBe(process.pid);
    await lock.release();
  });
});

describe('acquireLock: claim chains', () => {
  /** A stale lock and `n` stale claims, each claiming the bytes of the one before. */
  function staleChain(n: number, last?: string): void {
    let text = holder(deadPid(), 'verrou');
    writeFileSync(lockFile, text);
    for (let i = 0; i < n; i++) {
      const claim = i === n - 1 && last ? last : holder(deadPid(), `réclamation ${i}`);
      writeFileSync(join(dir, `${LOCK_FILE}.${tag(text)}.claim`), claim);
      text = claim;
    }
  }

  it('three dead claimants in a row: the chain is followed and the lock taken', async () => {
    staleChain(3);
    const lock = await acquireLock(dir);
    expect(lockPid()).toBe(process.pid);
    await lock.release();
  });

  it('four dead claimants in a row: past the bound of three, the lock is left as it is', async () => {
    staleChain(4);
    const before = readFileSync(lockFile, 'utf8');
    await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'store-locked' });
    expect(readFileSync(lockFile, 'utf8')).toBe(before);
  });

  it('a dead claimant whose own claim is held by a live process: the lock is left to that process', async () => {
    staleChain(2, live());
    const before = readFileSync(lockFile, 'utf8');
    await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'store-locked' });
    expect(readFileSync(lockFile, 'utf8')).toBe(before);
  });
});

describe('acquireLock: holders and file systems', () => {
  it('a lock without a host is unreadable: held while fresh, taken once old', async () => {
    writeFileSync(lockFile, JSON.stringify({ pid: deadPid(), since: '' }));
    await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'store-locked' });
    age(lockFile, UNREADABLE_LOCK_GRACE_MS + 1_000);
    const lock = await acquireLock(dir);
    expect(lockPid()).toBe(process.pid);
    await lock.release();
  });

  it('a holder that is a process of another user (EPERM) is alive: refused', async () => {
    const pid = deadPid();
    writeFileSync(lockFile, holder(pid));
    const kill = process.kill.bind(process);
    vi.spyOn(process, 'kill').mockImplementation((p: number, signal?: string | number) => {
      if (p === pid) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
      return kill(p, signal);
    });
    await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'store-locked' });
  });

  it('a file system without hard links: the error is passed on, not taken for a lock in use', async () => {
    hooks.link = async () => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    };
    const e = await acquireLock(dir).then(() => undefined, (x: unknown) => x);
    expect(e).toMatchObject({ code: 'EPERM' });
    // Our own content file is removed all the same.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('release after the lock file vanished (removed by hand): quiet, and the folder can be taken again', async () => {
    const lock = await acquireLock(dir);
    unlinkSync(lockFile);
    await expect(lock.release()).resolves.toBeUndefined();
    expect(existsSync(lockFile)).toBe(false);
    await (await acquireLock(dir)).release();
    expect(readdirSync(dir).map((n) => basename(n))).toEqual([]);
  });
});
