import type { RecordDoc } from './layout';
import type { VersionInfo } from './types';

/*
 * Autosaves of one editing session make one version, not hundreds.
 *
 * The wizard saves 700 ms after each pause in typing; each save used to add a ~30 KB version,
 * so an hour of drafting filled the history panel with hundreds of lines nobody can tell apart.
 * A French legal officer expects the history of a word processor (« historique des versions »
 * of an online office suite): one line per sitting, not per sentence. So an autosave replaces
 * the latest version instead of adding one while that version is still « open »:
 *
 * - it was itself made by autosaves (never version 1, a rename, a restore point, an import or
 *   an explicit save: those are steps the user chose, kept as they are);
 * - it is not finalized and the convention is a draft (finalization and signatures refer to a
 *   version by its SHA-256: that content never changes);
 * - nothing happened to the convention since it was last saved (the last audit line is its
 *   own, and no file — a rendered PDF — was made from it): an export or a PDF refers to what
 *   the version held at that moment;
 * - the previous save is less than AUTOSAVE_PAUSE_MS old: a real break (a meeting, a phone
 *   call, lunch) starts a new version, re-reading a page or looking up a décret does not;
 * - the version was started less than AUTOSAVE_SITTING_MS ago: a long sitting is still cut
 *   into half-hours, so that going back to « what I had at 10 h » stays possible.
 */

/** A pause in saving longer than this starts a new version (10 minutes). */
export const AUTOSAVE_PAUSE_MS = 10 * 60_000;
/** A version made by autosaves covers at most this much time from its first save (30 minutes). */
export const AUTOSAVE_SITTING_MS = 30 * 60_000;

/** Who asked for a save: the wizard's timer, or a person or program that means « keep this version ». */
export type SaveOrigin = 'autosave' | 'explicit';

/**
 * The latest version when an autosave at `now` may replace it (see the rules above), else
 * undefined: the save then makes a new version.
 */
export function openAutosaveVersion(doc: RecordDoc, now: Date): VersionInfo | undefined {
  const last = doc.versions[doc.versions.length - 1];
  if (!last?.autosave || last.finalized || last.version <= 1) return undefined;
  if (doc.summary.status !== 'draft' || doc.summary.version !== last.version) return undefined;
  if (doc.finalized?.version === last.version) return undefined;
  if (doc.files.some((f) => f.version === last.version)) return undefined;
  const lastAudit = doc.audit[doc.audit.length - 1];
  if (!lastAudit || lastAudit.action !== 'edited' || !lastAudit.detail?.startsWith(versionPrefix(last.version))) return undefined;
  const t = now.getTime();
  const sincePrevious = t - Date.parse(last.savedAt);
  const sinceStart = t - Date.parse(last.autosave.startedAt);
  // A clock set back (or an unreadable date) gives NaN or a negative span: start a new version.
  if (!(sincePrevious >= 0 && sincePrevious < AUTOSAVE_PAUSE_MS)) return undefined;
  if (!(sinceStart >= 0 && sinceStart < AUTOSAVE_SITTING_MS)) return undefined;
  return last;
}

/** How the audit line of a version begins: « Version 7 : ». */
export const versionPrefix = (version: number): string => `Version ${version} : `;

/** The audit detail of a version made by autosaves, rewritten as later saves join it. */
export function autosaveAuditDetail(version: number, summary: string, saves: number): string {
  return `${versionPrefix(version)}${summary}${saves > 1 ? ` (${saves} enregistrements automatiques)` : ''}`;
}
