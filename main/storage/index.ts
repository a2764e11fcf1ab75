/**
 * Storage of conventions: one lowdb document per convention plus a journaled index, durable
 * atomic writes, history, finalization, files, audit log, trash and start-up repair.
 */
export { openStore } from './store';
export { canonicalJson, contentSha256, sha256Hex } from './canonical';
export { summarizeChanges } from './change-summary';
export { LOCK_FILE } from './lock';
export type * from './types';
