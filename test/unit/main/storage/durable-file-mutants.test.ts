/**
 * What the storage mutation run (issue 17, `npm run mutation`) still found unguarded in
 * durable-file.ts after durable-file-edges.test.ts: the envelope's closing brace, the backup
 * kept only when asked and made by a copy where hard links fail, a failed write leaving
 * nothing behind, and an open error other than a link passed on as it is. Real files in a
 * temp folder; a file system without hard links is played by link() failing with EPERM.
 */
import type * as FsPromises from 'node:fs/promises';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { sha256Hex } from '../../../../main/storage/canonical';

/** What link() does instead of the real call, when set. */
const hooks: { link?: (real: typeof FsPromises.link, from: string, to: string) => Promise<void> } = {};

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return { ...real, link: (from: string, to: string) => (hooks.link ? hooks.link(real.link, from, to) : real.link(from, to)) };
});

const { checkEnvelope, DurableJsonFile, readBytesOrNull, RefusedFileError, sealEnvelope, writeFileDurable } = await import('../../../../main/storage/durable-file');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-durable-m-'));
});
afterEach(() => {
  delete hooks.link;
  rmSync(dir, { recursive: true, force: true });
});

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('checkEnvelope', () => {
  it('control: what sealEnvelope wrote', () => {
    expect(checkEnvelope(sealEnvelope('{"a":1}'))).toBe('{"a":1}');
  });

  it('a sealed head whose text does not end with the closing brace is refused, even when the hash matches what lies before the last byte', () => {
    const json = '{"a":1}';
    const forged = `{"sha256":"${sha256Hex(json)}","data":${json}x`;
    expect(() => checkEnvelope(forged)).toThrow(SyntaxError);
    expect(() => checkEnvelope(forged)).toThrow(/not a sealed Paraphe document/);
  });
});

describe('writeFileDurable and its backup', () => {
  it('keeps no .bak unless asked, by DurableJsonFile as by writeFileDurable', async () => {
    const f = join(dir, 'record.json');
    await writeFileDurable(f, 'un');
    await writeFileDurable(f, 'deux');
    const db = new DurableJsonFile<{ n: number }>(join(dir, 'doc.json'));
    await db.write({ n: 1 });
    await db.write({ n: 2 });
    expect(readdirSync(dir).sort()).toEqual(['doc.json', 'record.json']);
    const kept = new DurableJsonFile<{ n: number }>(join(dir, 'kept.json'), { backup: true });
    await kept.write({ n: 1 });
    await kept.write({ n: 2 });
    expect(await new DurableJsonFile<{ n: number }>(join(dir, 'kept.json.bak')).read()).toEqual({ n: 1 });
  });

  it('where hard links fail (EPERM), the previous content is copied to .bak instead', async () => {
    const f = join(dir, 'record.json');
    await writeFileDurable(f, 'ancien');
    hooks.link = async () => {
      throw errno('EPERM');
    };
    await writeFileDurable(f, 'nouveau', { backup: true });
    expect(readFileSync(`${f}.bak`, 'utf8')).toBe('ancien');
    expect(readFileSync(f, 'utf8')).toBe('nouveau');
    // A copy, not a second name for the same file.
    expect(statSync(`${f}.bak`).ino).not.toBe(statSync(f).ino);
    expect(readdirSync(dir).sort()).toEqual(['record.json', 'record.json.bak']);
  });

  it('a first write with backup asked: nothing to keep, no .bak', async () => {
    const f = join(dir, 'record.json');
    await writeFileDurable(f, 'premier', { backup: true });
    expect(readdirSync(dir)).toEqual(['record.json']);
  });

  it('a backup name already taken (EEXIST): the write is refused, the old content and no temp file left', async () => {
    const f = join(dir, 'record.json');
    await writeFileDurable(f, 'ancien');
    hooks.link = async () => {
      throw errno('EEXIST');
    };
    await expect(writeFileDurable(f, 'nouveau', { backup: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(f, 'utf8')).toBe('ancien');
    expect(readdirSync(dir)).toEqual(['record.json']);
  });

  it('a backup that cannot be made at all: the write is refused, its temp files removed', async () => {
    const f = join(dir, 'record.json');
    await writeFileDurable(f, 'ancien');
    hooks.link = async () => {
      throw errno('EPERM');
    };
    // The copy fallback fails too: the file to copy is a directory now.
    rmSync(f);
    mkdirSync(f);
    await expect(writeFileDurable(f, 'nouveau', { backup: true })).rejects.toBeDefined();
    expect(readdirSync(dir)).toEqual(['record.json']);
  });

  it('a backup that cannot be renamed into place (.bak is a non-empty folder): refused, the backup’s temp name removed', async () => {
    const f = join(dir, 'record.json');
    await writeFileDurable(f, 'ancien');
    mkdirSync(`${f}.bak`);
    writeFileSync(join(`${f}.bak`, 'x'), 'x');
    await expect(writeFileDurable(f, 'nouveau', { backup: true })).rejects.toBeDefined();
    expect(readFileSync(f, 'utf8')).toBe('ancien');
    expect(readdirSync(dir).sort()).toEqual(['record.json', 'record.json.bak']);
  });

  it('a rename that fails (the target is a non-empty folder) leaves no temp file and passes the error on', async () => {
    const f = join(dir, 'record.json');
    mkdirSync(f);
    writeFileSync(join(f, 'x'), 'x');
    await expect(writeFileDurable(f, 'contenu')).rejects.toBeDefined();
    expect(readdirSync(dir)).toEqual(['record.json']);
  });
});

describe('readBytesOrNull', () => {
  it('an open error other than a link (a path through a file: ENOTDIR) is passed on as it is', async () => {
    writeFileSync(join(dir, 'f'), 'x');
    const e = await readBytesOrNull(join(dir, 'f', 'sous'), 100).then(() => undefined, (x: unknown) => x);
    expect(e).not.toBeInstanceOf(RefusedFileError);
    expect(e).toMatchObject({ code: 'ENOTDIR' });
  });
});
