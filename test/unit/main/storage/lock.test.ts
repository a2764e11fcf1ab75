import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LOCK_FILE } from '../../../../main/storage/lock';

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

  it('takes over a lock left by a dead process, or an unreadable one', async () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), since: '' }));
    const lock = await acquireLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    await (await acquireLock(dir)).release();
  });
});
