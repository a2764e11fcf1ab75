import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DurableJsonFile, renameRetrying, writeFileDurable } from '../../../../main/storage/durable-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-durable-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileDurable', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const file = join(dir, 'a.json');
    writeFileSync(file, 'ancien');
    await writeFileDurable(file, 'nouveau');
    expect(readFileSync(file, 'utf8')).toBe('nouveau');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('keeps the previous content as .bak when asked', async () => {
    const file = join(dir, 'a.json');
    await writeFileDurable(file, 'v1', { backup: true });
    expect(readdirSync(dir)).toEqual(['a.json']);
    await writeFileDurable(file, 'v2', { backup: true });
    await writeFileDurable(file, 'v3', { backup: true });
    expect(readFileSync(file, 'utf8')).toBe('v3');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('v2');
  });
});

describe('DurableJsonFile as a lowdb adapter', () => {
  it('reads back what lowdb wrote, and null for a missing file', async () => {
    const file = join(dir, 'doc.json');
    const db = new Low<{ n: number }>(new DurableJsonFile(file), { n: 0 });
    await db.read();
    expect(db.data).toEqual({ n: 0 });
    db.data.n = 42;
    await db.write();
    const again = new Low<{ n: number }>(new DurableJsonFile(file), { n: 0 });
    await again.read();
    expect(again.data).toEqual({ n: 42 });
  });

  it('throws SyntaxError on a garbled file so the caller can recover', async () => {
    const file = join(dir, 'doc.json');
    writeFileSync(file, '{"n": 4');
    await expect(new DurableJsonFile(file).read()).rejects.toBeInstanceOf(SyntaxError);
  });

  it('catches damage that still parses as JSON, through the SHA-256 of the envelope', async () => {
    const file = join(dir, 'doc.json');
    const db = new Low<{ title: string }>(new DurableJsonFile(file), { title: '' });
    db.data = { title: 'Convention Camino' };
    await db.write();
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).data).toEqual({ title: 'Convention Camino' });
    writeFileSync(file, text.replace('Camino', 'Cxmino'));
    await expect(new DurableJsonFile(file).read()).rejects.toThrow('checksum mismatch');
  });
});

describe('renameRetrying', () => {
  const failing = (codes: string[]) => {
    const calls: string[] = [];
    const fake = async (a: string, b: string) => {
      const code = codes[calls.length];
      calls.push(`${a}>${b}`);
      if (code) throw Object.assign(new Error(code), { code });
    };
    return { calls, fake };
  };

  it('retries on Windows while an antivirus holds the target, then succeeds', async () => {
    const { calls, fake } = failing(['EPERM', 'EBUSY']);
    await renameRetrying('a', 'b', { platform: 'win32', rename: fake });
    expect(calls).toHaveLength(3);
  });

  it('gives up at once elsewhere, and on errors that are not transient', async () => {
    const linux = failing(['EPERM']);
    await expect(renameRetrying('a', 'b', { platform: 'linux', rename: linux.fake })).rejects.toMatchObject({ code: 'EPERM' });
    const missing = failing(['ENOENT']);
    await expect(renameRetrying('a', 'b', { platform: 'win32', rename: missing.fake })).rejects.toMatchObject({ code: 'ENOENT' });
    expect([linux.calls.length, missing.calls.length]).toEqual([1, 1]);
  });

  it('renames real files by default', async () => {
    writeFileSync(join(dir, 'a'), 'contenu');
    await renameRetrying(join(dir, 'a'), join(dir, 'b'));
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('contenu');
  });
});
