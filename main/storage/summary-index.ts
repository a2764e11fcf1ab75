import { open, type FileHandle } from 'node:fs/promises';
import { Low } from 'lowdb';
import { DurableJsonFile, fsyncDir, openEnvelope, openLine, readTextOrNull, sealLine } from './durable-file';
import { JournalLineSchema, STORE_FORMAT, type IndexDoc, type IndexEntry, type StorePaths } from './layout';

/** What loading the index found. */
export type IndexLoad =
  | { readonly state: 'ok'; readonly entries: Map<string, IndexEntry>; readonly seq: number; readonly journalLines: number; readonly lastId?: string; readonly tornTail: boolean }
  | { readonly state: 'missing' }
  | { readonly state: 'damaged'; readonly files: readonly ('index' | 'journal')[]; readonly reason: string };

/**
 * Reads the snapshot and replays the journal. A last line without its newline is a write cut
 * short by a crash (never acknowledged): it is dropped. Any other unreadable line, a gap in
 * the numbering or a damaged snapshot makes the index `damaged`: the caller rebuilds it from
 * the records.
 */
export async function loadIndex(paths: StorePaths): Promise<IndexLoad> {
  const snapshotText = await readTextOrNull(paths.index);
  const journalText = await readTextOrNull(paths.journal);
  if (snapshotText === null && journalText === null) return { state: 'missing' };

  let doc: IndexDoc = { format: STORE_FORMAT, seq: 0, entries: [] };
  if (snapshotText !== null) {
    try {
      // The SHA-256 proves these are the bytes we wrote; a light check of the shape suffices
      // (the full schema check cost more than the rest of loading at 10,000 conventions).
      const raw = openEnvelope(snapshotText) as Partial<IndexDoc>;
      if (raw.format !== STORE_FORMAT || typeof raw.seq !== 'number' || !Array.isArray(raw.entries)) throw new Error('shape');
      doc = raw as IndexDoc;
    } catch {
      return { state: 'damaged', files: journalText === null ? ['index'] : ['index', 'journal'], reason: 'index' };
    }
  }
  const entries = new Map<string, IndexEntry>();
  for (const e of doc.entries) entries.set(e.id, e);

  let seq = doc.seq;
  let journalLines = 0;
  let lastId: string | undefined;
  let tornTail = false;
  if (journalText !== null && journalText.length > 0) {
    const lines = journalText.split('\n');
    const tail = lines.pop() ?? '';
    if (tail !== '') tornTail = true;
    for (const line of lines) {
      let parsed;
      try {
        parsed = JournalLineSchema.parse(openLine(line));
      } catch {
        return { state: 'damaged', files: ['journal'], reason: 'journal' };
      }
      if (parsed.s <= doc.seq) continue; // already folded into the snapshot (crash during compaction)
      if (parsed.s !== seq + 1) return { state: 'damaged', files: ['journal'], reason: 'gap' };
      seq = parsed.s;
      journalLines += 1;
      if ('put' in parsed) {
        entries.set(parsed.put.id, parsed.put as IndexEntry);
        lastId = parsed.put.id;
      } else {
        entries.delete(parsed.del);
        lastId = parsed.del;
      }
    }
  }
  return { state: 'ok', entries, seq, journalLines, tornTail, ...(lastId !== undefined ? { lastId } : {}) };
}

/**
 * The list of conventions kept in memory and on disk as a snapshot plus an append-only
 * journal: a change costs one appended line (and a datasync), whatever the number of
 * conventions; every `compactAfter` lines the snapshot is rewritten and the journal emptied.
 */
export class SummaryIndex {
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly paths: StorePaths,
    readonly entries: Map<string, IndexEntry>,
    private seq: number,
    private journalLines: number,
    private readonly compactAfter: number,
    private journal: FileHandle,
  ) {}

  /** Opens the journal for appending; `fresh` writes a new snapshot first (after a rebuild or a torn tail). */
  static async open(
    paths: StorePaths,
    state: { entries: Map<string, IndexEntry>; seq: number; journalLines: number },
    compactAfter: number,
    fresh: boolean,
  ): Promise<SummaryIndex> {
    const journal = await open(paths.journal, 'a');
    const index = new SummaryIndex(paths, state.entries, state.seq, state.journalLines, compactAfter, journal);
    if (fresh) await index.compact();
    else await fsyncDir(paths.dataDir);
    return index;
  }

  /** Records a convention's new summary. */
  async put(entry: IndexEntry): Promise<void> {
    await this.append((s) => ({ s, put: entry }));
    this.entries.set(entry.id, entry);
  }

  /** Forgets a convention. */
  async delete(id: string): Promise<void> {
    await this.append((s) => ({ s, del: id }));
    this.entries.delete(id);
  }

  /** True when the journal is long enough to be folded into the snapshot. */
  get compactionDue(): boolean {
    return this.journalLines >= this.compactAfter;
  }

  /** Rewrites the snapshot when the journal is long enough; called between operations. */
  async maybeCompact(): Promise<void> {
    if (this.compactionDue) await this.compact();
  }

  /**
   * Snapshot first, then the journal is emptied: a crash in between leaves lines whose numbers
   * the snapshot already covers, and loading skips them.
   */
  async compact(): Promise<void> {
    await this.writes;
    const db = new Low<IndexDoc>(new DurableJsonFile<IndexDoc>(this.paths.index), { format: STORE_FORMAT, seq: 0, entries: [] });
    db.data = { format: STORE_FORMAT, seq: this.seq, entries: [...this.entries.values()] };
    await db.write();
    await this.journal.truncate(0);
    await this.journal.sync();
    this.journalLines = 0;
  }

  async close(): Promise<void> {
    await this.writes;
    await this.journal.close();
  }

  /**
   * Appends run one after another even when start-up repairs several records at once: each
   * line gets the next number at call time and is written in that order.
   */
  private append(make: (s: number) => object): Promise<void> {
    this.seq += 1;
    const text = `${sealLine(JSON.stringify(make(this.seq)))}\n`;
    const done = this.writes.then(async () => {
      await this.journal.write(text);
      await this.journal.datasync();
      this.journalLines += 1;
    });
    this.writes = done.catch(() => undefined);
    return done;
  }
}
