import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealLine } from '../../../../main/storage/durable-file';
import { storePaths, type IndexEntry } from '../../../../main/storage/layout';
import { SummaryIndex, loadIndex } from '../../../../main/storage/summary-index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-index-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (id: string, title = id): IndexEntry => ({
  id, title, shortTitle: title, kind: 'convention', status: 'draft',
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1, inTrash: false, bytes: 100,
});

async function fresh(compactAfter = 100): Promise<SummaryIndex> {
  return SummaryIndex.open(storePaths(dir), { entries: new Map(), seq: 0, journalLines: 0 }, compactAfter, true);
}

describe('SummaryIndex', () => {
  it('replays the journal over the snapshot', async () => {
    const index = await fresh();
    await index.put(entry('a'));
    await index.put(entry('b'));
    await index.put(entry('a', 'A2'));
    await index.delete('b');
    await index.close();
    const loaded = await loadIndex(storePaths(dir));
    expect(loaded.state).toBe('ok');
    if (loaded.state !== 'ok') return;
    expect([...loaded.entries.values()].map((e) => e.title)).toEqual(['A2']);
    expect(loaded.lastId).toBe('b');
  });

  it('numbers and writes concurrent changes in call order', async () => {
    const index = await fresh();
    await Promise.all([index.put(entry('a')), index.put(entry('b')), index.delete('a'), index.put(entry('c'))]);
    await index.close();
    const loaded = await loadIndex(storePaths(dir));
    expect(loaded.state).toBe('ok');
    expect(loaded.state === 'ok' && [...loaded.entries.keys()]).toEqual(['b', 'c']);
  });

  it('skips lines a crash left after the snapshot already folded them in', async () => {
    const paths = storePaths(dir);
    const index = await fresh(3);
    await index.put(entry('a'));
    await index.put(entry('b'));
    const before = readFileSync(paths.journal, 'utf8');
    await index.put(entry('c')); // third line: compaction empties the journal
    await index.maybeCompact();
    await index.close();
    expect(readFileSync(paths.journal, 'utf8')).toBe('');
    writeFileSync(paths.journal, before); // as if the truncation had not happened
    const loaded = await loadIndex(paths);
    expect(loaded.state === 'ok' && [...loaded.entries.keys()].sort()).toEqual(['a', 'b', 'c']);
  });

  it('calls a gap in the numbering or a garbled line damage, and a torn tail not', async () => {
    const paths = storePaths(dir);
    const index = await fresh();
    await index.put(entry('a'));
    await index.close();
    appendFileSync(paths.journal, '{"s":2,"put":');
    expect((await loadIndex(paths)).state).toBe('ok');
    writeFileSync(paths.journal, `${readFileSync(paths.journal, 'utf8').split('\n')[0]}\n${sealLine(JSON.stringify({ s: 5, del: 'a' }))}\n`);
    expect(await loadIndex(paths)).toMatchObject({ state: 'damaged', reason: 'gap' });
    writeFileSync(paths.journal, readFileSync(paths.journal, 'utf8').replace('"a"', '"x"'));
    expect(await loadIndex(paths)).toMatchObject({ state: 'damaged', reason: 'journal' });
  });
});
