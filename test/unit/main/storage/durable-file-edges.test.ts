import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  RefusedFileError,
  isFileFault,
  isTempName,
  openLine,
  readBytesOrNull,
  renameRetrying,
  sealLine,
  unlinkIfExists,
} from '../../../../main/storage/durable-file';
import { sha256Hex } from '../../../../main/storage/canonical';

/*
 * The edges of the store's file layer that mutation testing (`npm run mutation`) found
 * unguarded: which errors mean « this file is damaged », what reads refuse, how a journal line
 * is checked, how long a rename is retried.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-durable-edges-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('isFileFault', () => {
  it('blames the file for a refused read, garbage, or an I/O error of its own', () => {
    expect(isFileFault(new RefusedFileError('f', 'link'))).toBe(true);
    expect(isFileFault(new SyntaxError('Unexpected token'))).toBe(true);
    for (const code of ['EACCES', 'EIO', 'EISDIR', 'EPERM']) expect(isFileFault(errno(code)), code).toBe(true);
  });

  it('passes on what says nothing about the file: the system out of descriptors or memory, or no code at all', () => {
    for (const code of ['EMFILE', 'ENFILE', 'ENOMEM']) expect(isFileFault(errno(code)), code).toBe(false);
    expect(isFileFault(new Error('plain'))).toBe(false);
    expect(isFileFault(undefined)).toBe(false);
    expect(isFileFault(Object.assign(new Error('x'), { code: 42 }))).toBe(false);
  });
});

describe('isTempName', () => {
  it('sweeps only dot-prefixed names ending in .tmp', () => {
    expect(isTempName('.record.json.1234.abc0.tmp')).toBe(true);
    expect(isTempName('record.json.tmp')).toBe(false);
    expect(isTempName('.record.json')).toBe(false);
    expect(isTempName('record.json')).toBe(false);
  });
});

describe('readBytesOrNull', () => {
  it('reads a regular file, and gives null for a missing one', async () => {
    writeFileSync(join(dir, 'a'), 'contenu');
    expect((await readBytesOrNull(join(dir, 'a'), 100))?.toString()).toBe('contenu');
    expect(await readBytesOrNull(join(dir, 'absent'), 100)).toBeNull();
  });

  it('refuses a symbolic link, even to a good file', async () => {
    writeFileSync(join(dir, 'a'), 'contenu');
    symlinkSync(join(dir, 'a'), join(dir, 'lien'));
    await expect(readBytesOrNull(join(dir, 'lien'), 100)).rejects.toMatchObject({ name: 'RefusedFileError', reason: 'link' });
  });

  it('refuses a directory and a FIFO without hanging', async () => {
    mkdirSync(join(dir, 'dossier'));
    await expect(readBytesOrNull(join(dir, 'dossier'), 100)).rejects.toMatchObject({ reason: 'not-a-file' });
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    await expect(readBytesOrNull(join(dir, 'fifo'), 100)).rejects.toMatchObject({ reason: 'not-a-file' });
  });

  it('refuses a file one byte over the limit, reads one at the limit', async () => {
    writeFileSync(join(dir, 'a'), 'x'.repeat(10));
    expect((await readBytesOrNull(join(dir, 'a'), 10))?.length).toBe(10);
    await expect(readBytesOrNull(join(dir, 'a'), 9)).rejects.toMatchObject({ reason: 'too-large' });
  });

  it.skipIf(process.getuid?.() === 0)('passes on a permission error as it is (the file is then damaged for the store)', async () => {
    writeFileSync(join(dir, 'a'), 'x', { mode: 0o000 });
    await expect(readBytesOrNull(join(dir, 'a'), 10)).rejects.toMatchObject({ code: 'EACCES' });
  });
});

describe('unlinkIfExists', () => {
  it('is quiet for a missing file but passes on any other error', async () => {
    await expect(unlinkIfExists(join(dir, 'absent'))).resolves.toBeUndefined();
    mkdirSync(join(dir, 'dossier'));
    await expect(unlinkIfExists(join(dir, 'dossier'))).rejects.toHaveProperty('code');
    writeFileSync(join(dir, 'a'), 'x');
    await unlinkIfExists(join(dir, 'a'));
    expect(await readBytesOrNull(join(dir, 'a'), 10)).toBeNull();
  });
});

describe('journal lines', () => {
  it('opens what sealLine wrote', () => {
    expect(openLine(sealLine('{"a":1}'))).toEqual({ a: 1 });
  });

  it('refuses a line whose hash does not match, even with the separator in place', () => {
    const line = sealLine('{"a":1}');
    expect(line[16]).toBe(' ');
    expect(() => openLine(line.replace('{"a":1}', '{"a":2}'))).toThrow(SyntaxError);
  });

  it('refuses a line whose hash matches but whose separator is not a space', () => {
    const json = '{"a":1}';
    const forged = `${sha256Hex(json).slice(0, 16)}x${json}`;
    expect(() => openLine(forged)).toThrow(SyntaxError);
  });
});

describe('renameRetrying on Windows', () => {
  it('gives up after ten retries of a target held for good, waiting a few hundred milliseconds in all', async () => {
    let calls = 0;
    const rename = async () => {
      calls += 1;
      throw errno('EBUSY');
    };
    const started = Date.now();
    await expect(renameRetrying('a', 'b', { platform: 'win32', rename })).rejects.toMatchObject({ code: 'EBUSY' });
    const waited = Date.now() - started;
    expect(calls).toBe(11);
    // 10 + 20 + … + 100 ms = 550 ms between the eleven attempts.
    expect(waited).toBeGreaterThanOrEqual(500);
    expect(waited).toBeLessThan(5_000);
  });

  it('retries EACCES as well as EPERM and EBUSY', async () => {
    let calls = 0;
    const rename = async () => {
      calls += 1;
      if (calls < 3) throw errno('EACCES');
    };
    await renameRetrying('a', 'b', { platform: 'win32', rename });
    expect(calls).toBe(3);
  });
});
