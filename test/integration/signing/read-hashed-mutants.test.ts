/**
 * The rules of main/signing/verify/read-hashed.ts one by one, so that a mutant of any of them
 * fails a test (StrykerJS, /tmp configs of the mutation triage): files of every size around
 * the slice (4 MiB) and snapshot (1 MiB) boundaries, prefixes ending on and next to each
 * boundary, each digest compared with createHash('sha256') over the same bytes; the
 * algorithms that get no state; a file shorter than its size says (a sysfs file, as a file
 * cut while read); a file too large for one buffer; the French errors; the descriptor closed
 * whatever happens; and the point of the states, a far prefix without hashing it all again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readlinkSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readHashed } from '../../../main/signing/verify/read-hashed';
import { put, tempDir } from '../../helpers/signing/sign';

const SNAPSHOT = 1024 * 1024;
const SLICE = 4 * SNAPSHOT;

let dir: string;

beforeAll(() => {
  dir = tempDir('paraphe-read-hashed-mutants-');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** How many descriptors of this process are open on `path` (Linux: /proc/self/fd). */
function openDescriptors(path: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(join('/proc/self/fd', fd)) === path) n++;
    } catch {
      // The descriptor readdir itself used, closed since.
    }
  }
  return n;
}

/** Every prefix length worth checking in a file of `size` bytes. */
function boundaries(size: number): number[] {
  const ends = new Set([0, 1, 2, size - 1, size]);
  for (let s = SNAPSHOT; s <= size + SNAPSHOT; s += SNAPSHOT) for (const d of [-1, 0, 1]) ends.add(s + d);
  for (const s of [SLICE, 2 * SLICE, 3 * SLICE]) for (const d of [-1, 0, 1]) ends.add(s + d);
  return [...ends].filter((e) => e >= 0 && e <= size).sort((a, b) => a - b);
}

describe('readHashed: digests of prefixes', () => {
  const sizes = [0, 1, SNAPSHOT - 1, SNAPSHOT, SNAPSHOT + 1, SLICE - 1, SLICE, SLICE + 1, 2 * SLICE + SNAPSHOT + 7, 3 * SLICE];
  for (const size of sizes) {
    it(`a file of ${size} bytes: its bytes, and every prefix’s digest as createHash gives it`, async () => {
      const content = randomBytes(size);
      const path = put(dir, `taille-${size}.pdf`, content);
      const { bytes, prefixHash } = await readHashed(path);
      expect(bytes.length).toBe(size);
      expect(bytes.equals(content)).toBe(true);
      for (const end of boundaries(size)) {
        expect(prefixHash('sha256', end)!.digest('hex'), `préfixe ${end} sur ${size}`).toBe(sha256(content.subarray(0, end)));
      }
      expect(prefixHash('sha256', size + 1)).toBeUndefined();
      expect(prefixHash('sha256', -1)).toBeUndefined();
      expect(prefixHash('sha256', -SNAPSHOT)).toBeUndefined();
    });
  }

  it('a state handed out can be continued to a longer range, and is a copy: the next one is untouched', async () => {
    const content = randomBytes(2 * SLICE + 3);
    const path = put(dir, 'suite.pdf', content);
    const { prefixHash } = await readHashed(path);
    for (const [a, b] of [
      [SNAPSHOT, SLICE + 5],
      [0, content.length],
      [3 * SNAPSHOT - 1, 3 * SNAPSHOT + 1],
      [2 * SLICE, content.length],
    ] as const) {
      const first = prefixHash('sha256', a)!;
      first.update(content.subarray(a, b));
      expect(first.digest('hex'), `[0, ${a}) puis [${a}, ${b})`).toBe(sha256(content.subarray(0, b)));
      expect(prefixHash('sha256', a)!.digest('hex'), `[0, ${a}) de nouveau`).toBe(sha256(content.subarray(0, a)));
    }
  });

  it('no state for any algorithm but SHA-256, whatever the prefix', async () => {
    const content = randomBytes(SNAPSHOT + 10);
    const { prefixHash } = await readHashed(put(dir, 'algos.pdf', content));
    for (const alg of ['sha384', 'sha512', 'sha1', 'SHA256', 'sha-256', 'sha256 ', '']) {
      for (const end of [0, 5, SNAPSHOT, content.length]) expect(prefixHash(alg, end), `${alg} ${end}`).toBeUndefined();
    }
  });

  it('a far prefix costs at most one snapshot of hashing, not the whole file again', async () => {
    const content = randomBytes(10 * SLICE + 1);
    const { prefixHash } = await readHashed(put(dir, 'loin.pdf', content));
    // Bytes fed to SHA-256 while the prefix's state is made: counted, not timed.
    const update = vi.spyOn(Object.getPrototypeOf(createHash('sha256')) as { update: (data: Uint8Array) => unknown }, 'update');
    try {
      for (const end of [content.length, content.length - 1, 9 * SLICE + 3, 5 * SNAPSHOT - 1]) {
        const expected = sha256(content.subarray(0, end));
        update.mockClear();
        const state = prefixHash('sha256', end)!;
        const hashed = update.mock.calls.reduce((n, [data]) => n + data.length, 0);
        expect(state.digest('hex'), `préfixe ${end}`).toBe(expected);
        expect(hashed, `préfixe ${end} : ${hashed} octets hachés`).toBeLessThanOrEqual(SNAPSHOT);
      }
    } finally {
      update.mockRestore();
    }
  });
});

describe('readHashed: failures', () => {
  it('the default name in the messages is « Le PDF »; a given name replaces it', async () => {
    const absent = join(dir, 'absent.pdf');
    await expect(readHashed(absent)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: `Le PDF « ${absent} » n’existe pas. Vérifiez le chemin.` });
    await expect(readHashed(absent, 'Le document reçu')).rejects.toMatchObject({ message: `Le document reçu « ${absent} » n’existe pas. Vérifiez le chemin.` });
  });

  // A sysfs attribute says 4 096 bytes and holds a few: the second read gets nothing, as when
  // the file is cut between stat and read. Without the check the loop would read forever.
  const short = '/sys/devices/system/cpu/online';
  it.runIf(process.platform === 'linux')(
    'a file shorter than its size (cut while read): FILE_UNREADABLE naming ESHORT, in French, and no endless read',
    async () => {
      expect(existsSync(short), `${short} manque : il faut un fichier sysfs pour ce test`).toBe(true);
      expect(statSync(short).size).toBeGreaterThan(readFileSync(short).length);
      await expect(readHashed(short, 'Le fichier')).rejects.toMatchObject({
        name: 'UserError',
        code: 'FILE_UNREADABLE',
        message: `Le fichier « ${short} » ne peut pas être lu (ESHORT). Vérifiez ses droits d’accès.`,
      });
      expect(openDescriptors(short)).toBe(0);
    },
    5_000,
  );

  it('a file too large for one buffer (a sparse 5.25 GiB file): a French UserError, not a RangeError', async () => {
    const path = join(dir, 'enorme.pdf');
    await (await open(path, 'w')).close();
    await truncate(path, 5.25 * 1024 ** 3);
    const e = await readHashed(path).catch((err: unknown) => err);
    expect(e).toMatchObject({ name: 'UserError', code: 'FILE_TOO_LARGE' });
    expect((e as Error).message).toMatch(new RegExp(`^Le PDF « ${path} » est trop volumineux pour être lu \\(5,3 Gio\\) : vérifiez`));
    expect(openDescriptors(path)).toBe(0);
    rmSync(path);
  });

  it('a stat that fails on the open file: FILE_UNREADABLE naming the cause, the file closed', async () => {
    // fstat on an open descriptor does not fail on a local disk: the fault is injected into
    // the real file handle (its prototype), the file itself is real.
    const path = put(dir, 'stat.pdf', randomBytes(10));
    const probe = await open(path, 'r');
    const proto = Object.getPrototypeOf(probe) as { stat: () => Promise<unknown> };
    await probe.close();
    vi.spyOn(proto, 'stat').mockRejectedValueOnce(Object.assign(new Error('input/output error'), { code: 'EIO' }));
    await expect(readHashed(path)).rejects.toMatchObject({
      name: 'UserError',
      code: 'FILE_UNREADABLE',
      message: `Le PDF « ${path} » ne peut pas être lu (EIO). Vérifiez ses droits d’accès.`,
    });
    expect(openDescriptors(path)).toBe(0);
  });

  it('the file is closed once read, and after a read error', async () => {
    const path = put(dir, 'ferme.pdf', randomBytes(SLICE + 1));
    await readHashed(path);
    expect(openDescriptors(path)).toBe(0);
    await expect(readHashed(dir)).rejects.toMatchObject({ code: 'FILE_IS_DIR' });
    expect(openDescriptors(dir)).toBe(0);
  });
});
