import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LOCK_FILE, UNREADABLE_LOCK_GRACE_MS } from '../../../../main/storage/lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has certainly exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('acquireLock', () => {
  it('writes our pid and removes the file on release', async () => {
    const lock = await acquireLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await lock.release();
    expect(() => readFileSync(join(dir, LOCK_FILE))).toThrow();
  });

  it('refuses while a live process holds the folder', async () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname(), since: '' }));
    await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'store-locked' });
  });

  it('takes over a lock left by a dead process, or an unreadable one written long ago', async () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), since: '' }));
    const lock = await acquireLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    age(join(dir, LOCK_FILE), UNREADABLE_LOCK_GRACE_MS + 1_000);
    await (await acquireLock(dir)).release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('treats an empty or unreadable lock written moments ago as held (its writer may still be writing it)', async () => {
    for (const content of ['', '{"pid":']) {
      writeFileSync(join(dir, LOCK_FILE), content);
      await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'store-locked' });
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(content);
    }
  });

  it('refuses a second open in the same process, even while the first is still taking the lock', async () => {
    const [a, b] = await Promise.allSettled([acquireLock(dir), acquireLock(dir)]);
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    await (a.status === 'fulfilled' ? a.value : (b as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value).release();
  });

  it('leaves a stale lock to the live process that claimed it first', async () => {
    const stale = JSON.stringify({ pid: deadPid(), host: hostname(), since: '' });
    writeFileSync(join(dir, LOCK_FILE), stale);
    // A live process (our parent) has claimed these bytes and is about to replace them.
    writeFileSync(join(dir, `${LOCK_FILE}.${tag(stale)}.claim`), JSON.stringify({ pid: process.ppid, host: hostname(), since: '' }));
    await expect(acquireLock(dir)).rejects.toMatchObject({ code: 'store-locked' });
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(stale);
  });

  it('takes over a stale lock whose claimant died while claiming it', async () => {
    const stale = JSON.stringify({ pid: deadPid(), host: hostname(), since: '' });
    writeFileSync(join(dir, LOCK_FILE), stale);
    writeFileSync(join(dir, `${LOCK_FILE}.${tag(stale)}.claim`), JSON.stringify({ pid: deadPid(), host: hostname(), since: '' }));
    const lock = await acquireLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('acquireLock: what counts as a holder', () => {
  it('reads a lock whose pid is not a positive integer as unreadable: held while fresh, taken once old', async () => {
    // pid 0 would make process.kill(0, 0) signal our own group: « alive » for ever.
    for (const pid of [0, -3, 1.5, '4242', null]) {
      const text = JSON.stringify({ pid, host: hostname(), since: '' });
      writeFileSync(join(dir, LOCK_FILE), text);
      await expect(acquireLock(dir), String(pid)).rejects.toMatchObject({ code: 'store-locked' });
      age(join(dir, LOCK_FILE), UNREADABLE_LOCK_GRACE_MS + 1_000);
      const lock = await acquireLock(dir);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      await lock.release();
    }
  });

  it('never takes the lock of another machine, however old, and names its holder', async () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: 'poste-voisin', since: '2020-01-01T00:00:00Z' }));
    age(join(dir, LOCK_FILE), 24 * 3600_000);
    const refused = acquireLock(dir);
    await expect(refused).rejects.toMatchObject({ code: 'store-locked' });
    await expect(refused).rejects.toThrow(/processus \d+ sur poste-voisin/);
  });

  it('takes a lock left by an earlier life of its own pid on this machine', async () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), since: '' }));
    const lock = await acquireLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toHaveProperty('nonce');
    await lock.release();
  });

  it('removes the leftovers of attempts that crashed a minute ago or more, and nothing else', async () => {
    const old = [`${LOCK_FILE}.123-aa.own`, `${LOCK_FILE}.0123456789abcdef.claim`];
    const young = [`${LOCK_FILE}.456-bb.own`];
    const others = [`${LOCK_FILE}.bak`, 'autre.own', `${LOCK_FILE}.x.claim.txt`];
    for (const name of [...old, ...young, ...others]) writeFileSync(join(dir, name), 'x');
    for (const name of [...old, ...others]) age(join(dir, name), 120_000);
    const lock = await acquireLock(dir);
    expect(readdirSync(dir).sort()).toEqual([LOCK_FILE, ...young, ...others].sort());
    await lock.release();
  });

  it('releases only its own lock: a lock replaced meanwhile by another process stays', async () => {
    const lock = await acquireLock(dir);
    const theirs = JSON.stringify({ pid: process.ppid, host: hostname(), since: '' });
    writeFileSync(join(dir, LOCK_FILE), theirs);
    await lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(theirs);
  });
});

const tag = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

function age(file: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(file, then, then);
}
