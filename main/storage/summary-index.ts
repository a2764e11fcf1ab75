import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Low } from 'lowdb';
import { DurableJsonFile, MAX_INDEX_BYTES, fsyncDir, isFileFault, openEnvelope, openLine, readTextOrNull, sealLine } from './durable-file';
import { JournalLineSchema, SAFE_ID, STORE_FORMAT, type IndexDoc, type IndexEntry, type StorePaths } from './layout';

/** The journal is opened for appending, never through a symbolic link. */
const JOURNAL_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

/** Reads the snapshot or the journal: 'fault' when it cannot be read (a link, too large, no permission…). */
async function readIndexFile(file: string): Promise<string | null | 'fault'> {
  try {
    return await readTextOrNull(file, MAX_INDEX_BYTES);
  } catch (e) {
    if (isFileFault(e)) return 'fault';
    throw e;
  }
}

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
  const snapshotText = await readIndexFile(paths.index);
  const journalText = await readIndexFile(paths.journal);
  if (snapshotText === null && journalText === null) return { state: 'missing' };
  if (journalText === 'fault') return { state: 'damaged', files: snapshotText === null ? ['journal'] : ['index', 'journal'], reason: 'journal' };

  let doc: IndexDoc = { format: STORE_FORMAT, seq: 0, entries: [] };
  if (snapshotText !== null) {
    try {
      if (snapshotText === 'fault') throw new Error('unreadable');
      // The SHA-256 shows the bytes are as written; a light check of the shape suffices (the
      // full schema check cost more than the rest of loading at 10,000 conventions). The ids
      // are checked all the same: they become paths, and the seal proves no intent.
      const raw = openEnvelope(snapshotText) as Partial<IndexDoc>;
      if (raw.format !== STORE_FORMAT || typeof raw.seq !== 'number' || !Array.isArray(raw.entries)) throw new Error('shape');
      for (const e of raw.entries) if (typeof e?.id !== 'string' || !SAFE_ID.test(e.id)) throw new Error('id');
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
  /** A failed append could not be cut back off the journal yet. */
  private tornTail = false;

  private constructor(
    private readonly paths: StorePaths,
    readonly entries: Map<string, IndexEntry>,
    private seq: number,
    private journalLines: number,
    private readonly compactAfter: number,
    private journal: FileHandle,
    /** Bytes of the journal that hold whole, acknowledged lines: a failed append is cut back to it. */
    private journalBytes: number,
  ) {}

  /** Opens the journal for appending; `fresh` writes a new snapshot first (after a rebuild or a torn tail). */
  static async open(
    paths: StorePaths,
    state: { entries: Map<string, IndexEntry>; seq: number; journalLines: number },
    compactAfter: number,
    fresh: boolean,
  ): Promise<SummaryIndex> {
    const journal = await open(paths.journal, JOURNAL_FLAGS);
    try {
      const index = new SummaryIndex(paths, state.entries, state.seq, state.journalLines, compactAfter, journal, (await journal.stat()).size);
      if (fresh) await index.compact();
      else await fsyncDir(paths.dataDir);
      return index;
    } catch (e) {
      await journal.close();
      throw e;
    }
  }

  /**
   * Takes a convention out of this session's list without writing anything: its folder could
   * not be read (startup.ts, confined), and the next start looks at it again.
   */
  hide(id: string): void {
    this.entries.delete(id);
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
    this.journalBytes = 0;
    this.tornTail = false;
  }

  async close(): Promise<void> {
    await this.writes;
    await this.journal.close();
  }

  /**
   * Appends run one after another even when start-up repairs several records at once. A line
   * takes its number when its turn comes, and keeps it only once written and flushed: a
   * failed append (a full disk) is cut back off the journal and uses up no number, so the
   * next line follows the last written one and the next start sees no gap.
   */
  private append(make: (s: number) => object): Promise<void> {
    const done = this.writes.then(async () => {
      if (this.tornTail) {
        await this.journal.truncate(this.journalBytes);
        this.tornTail = false;
      }
      const s = this.seq + 1;
      const bytes = Buffer.from(`${sealLine(JSON.stringify(make(s)))}\n`);
      try {
        const { bytesWritten } = await this.journal.write(bytes);
        if (bytesWritten !== bytes.length) throw Object.assign(new Error('short write to the index journal'), { code: 'EIO' });
        await this.journal.datasync();
      } catch (e) {
        // Whatever part of the line reached the file goes; the journal ends with the last
        // whole line again (a write with O_APPEND lands at the end, whatever the offset).
        await this.journal.truncate(this.journalBytes).catch(() => {
          this.tornTail = true; // cut back before the next line, or that line fails too
        });
        throw e;
      }
      this.seq = s;
      this.journalBytes += bytes.length;
      this.journalLines += 1;
    });
    this.writes = done.catch(() => undefined);
    return done;
  }
}
