/**
 * Storage of conventions: one lowdb document per convention plus a journaled index, durable
 * atomic writes, history, finalization, files, audit log, trash and start-up repair.
 *
 * README.md beside this file states what the store guarantees (atomic and durable once
 * acknowledged, one writer, nothing outside its folder, damage confined to one convention) and
 * which test checks each. How it is built:
 * - A save touches only its own convention's folder and appends one line to the index
 *   journal, so its cost does not grow with the number of conventions (a single lowdb file
 *   rewrites everything: ~70–90 ms per save at 1,000 conventions). Listing reads the index,
 *   kept in memory, never the documents. See bench/storage.ts.
 * - Every write is a temp file, fsync, rename, fsync of the folder (durable-file.ts): once a
 *   call resolves, its data survives a crash or a power cut; a crash mid-write leaves the old
 *   content. The previous copy of each record is kept as `.bak`.
 * - Documents and journal lines carry a plain SHA-256, so damage is recognised even when the
 *   bytes still parse (not a deliberate edit: the data folder is the user's own). Damaged files
 *   are moved to `recovered/`, never overwritten; the record is rebuilt from its backup and its
 *   history; `recovery` tells the user in French. Damage stays with its convention.
 * - One process writes: the lock is taken atomically, and a stale one replaced by one process
 *   only (lock.ts).
 * - Ids and paths read from disk are checked like new ones; no read or write follows a link.
 * - The wizard's autosaves of one sitting join one version instead of adding one per save
 *   (autosave.ts); the joined version's file is replaced by the same durable write, before the
 *   record, which stays the commit point.
 * The on-disk layout is described in layout.ts.
 */
export { openStore } from './store';
export { canonicalJson, contentSha256, sha256Hex } from './canonical';
export { summarizeChanges } from './change-summary';
export { AUTOSAVE_PAUSE_MS, AUTOSAVE_SITTING_MS, type SaveOrigin } from './autosave';
export { LOCK_FILE } from './lock';
export type * from './types';
