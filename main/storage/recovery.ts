import { readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { sha256Hex } from './canonical';
import { contentSummary } from './content-summary';
import { backupPath, fsyncDir, isFileFault, readBytesOrNull, renameRetrying } from './durable-file';
import { FILE_NAME, SAFE_ID, fileRelPath, isInside, type FileEntry, type RecordDoc, type StorePaths, type VersionDoc } from './layout';
import { DamagedFileError, assertRealDir, ensureDir, exists, listVersionNumbers, prepareRecordWrite, readRecordFile, readVersionFile } from './records';
import type { AuditEntry, RecoveryReport, VersionInfo } from './types';

/** What was found damaged and done about it, in the user's words, gathered for the report. */
export class RecoveryLog {
  readonly items: Array<{ file: string; movedTo: string; restoredFrom?: string }> = [];
  readonly sentences: string[] = [];

  constructor(
    private readonly paths: StorePaths,
    private readonly now: () => Date,
  ) {}

  /**
   * Moves a damaged file into `recovered/` under a time-stamped name: the user's bytes are
   * never overwritten or deleted, so a technician can still look at them.
   */
  async moveAside(file: string): Promise<string> {
    // Only what lies in the data folder is ever moved, and never through a link: when a folder
    // on the way is a symbolic link, that link is what is damaged, and what is moved (a rename
    // moves a link itself, never its target).
    if (!isInside(this.paths.dataDir, file) || file === this.paths.dataDir) throw new Error(`refused to move a file outside the data folder: ${file}`);
    const parts = relative(this.paths.dataDir, file).split(/[\\/]/);
    for (let i = 1; i < parts.length; i += 1) {
      const dir = join(this.paths.dataDir, ...parts.slice(0, i));
      try {
        await assertRealDir(dir);
      } catch (e) {
        if (!(e instanceof DamagedFileError)) throw e;
        file = dir;
        break;
      }
    }
    await assertRealDir(this.paths.recovered); // start-up set a link aside (startup.ts, checkTopLevel)
    await ensureDir(this.paths.recovered);
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const flat = relative(this.paths.dataDir, file).replace(/[\\/]/g, '_');
    let target = join(this.paths.recovered, `${stamp}-${flat}`);
    for (let k = 2; await exists(target); k += 1) target = join(this.paths.recovered, `${stamp}-${k}-${flat}`);
    await renameRetrying(file, target);
    await fsyncDir(this.paths.recovered);
    await fsyncDir(join(file, '..'));
    return target;
  }

  note(sentence: string, item?: { file: string; movedTo: string; restoredFrom?: string }): void {
    this.sentences.push(sentence);
    if (item) this.items.push(item);
  }

  /** The report shown to the user, or null when nothing was found. */
  report(): RecoveryReport | null {
    if (this.sentences.length === 0) return null;
    const kept = this.items.length
      ? ` Les fichiers endommagés ont été conservés dans « ${this.paths.recovered} » : rien n'a été effacé.`
      : '';
    return {
      items: [...this.items],
      message: `Paraphe a trouvé des fichiers endommagés dans son dossier de données. ${this.sentences.join(' ')}${kept}`,
    };
  }
}

const quoted = (doc: { summary: { title: string } } | undefined, id: string) => `« ${doc?.summary.title || id} »`;

/**
 * Rebuilds the record of convention `id` after record.json was found damaged or missing: the
 * damaged file is moved aside, then the previous good copy (record.json.bak) is taken and
 * completed with any newer versions from the history folder; without a good copy, the record
 * is rebuilt from the history alone. Returns null when nothing could be recovered.
 */
export async function repairRecord(paths: StorePaths, id: string, log: RecoveryLog, now: () => Date, knownTitle?: string): Promise<RecordDoc | null> {
  const file = paths.record(id);
  const movedTo = (await exists(file)) ? await log.moveAside(file) : undefined;
  const bak = backupPath(file);
  let base: RecordDoc | null = null;
  if (await exists(bak)) {
    try {
      base = await readRecordFile(paths, id, { file: bak });
    } catch (e) {
      if (!(e instanceof DamagedFileError)) throw e;
      const bakMoved = await log.moveAside(bak);
      log.note(`La copie de secours de ${quoted(undefined, knownTitle ?? id)} était aussi endommagée.`, { file: bak, movedTo: bakMoved });
    }
  }
  const history = await readHistory(paths, id, log, knownTitle ?? base?.summary.title ?? id);
  const newer = history.filter((v) => v.info.version > (base?.summary.version ?? 0));
  let doc: RecordDoc | null = base;
  let restoredFrom: string | undefined = base ? bak : undefined;
  let adopted = 0;
  if (doc) {
    // Autosaves replace the latest version's file before the record: when that file holds
    // other content than the backup names, it is the newer one (see autosave.ts).
    const last = doc.versions[doc.versions.length - 1]!;
    const same = history.find((v) => v.info.version === last.version);
    if (same && last.autosave && !last.finalized && same.info.contentSha256 !== last.contentSha256) replaceLatest(doc, same);
    // A finalization made after the backup was taken flagged its version's file.
    adopted = adoptFinalizations(doc, history);
    // Versions saved after the backup was taken were acknowledged: keep them.
    for (const v of consecutive(newer, doc.summary.version + 1)) applyVersion(doc, v, 'edited');
  } else if (history.length > 0) {
    const first = history[0]!;
    const created: AuditEntry = { at: first.info.savedAt, action: 'created', detail: 'Reconstitué depuis l\u2019historique après une réparation' };
    doc = {
      format: 1,
      summary: {
        id,
        ...contentSummary(first.convention),
        status: 'draft',
        createdAt: first.info.savedAt,
        updatedAt: first.info.savedAt,
        version: first.info.version,
        inTrash: false,
      },
      convention: { ...first.convention, id },
      files: [],
      versions: [first.info],
      audit: [created],
    };
    if (first.info.finalized) markFinalized(doc, first.info);
    for (const v of history.slice(1)) applyVersion(doc, v, 'edited');
    restoredFrom = paths.versionsDir(id);
  }
  const place = movedTo ?? file;
  if (!doc) {
    log.note(
      `La convention ${quoted(undefined, knownTitle ?? id)} était endommagée et aucune copie saine n'a été trouvée : elle n'apparaît plus dans la liste.`,
      movedTo ? { file, movedTo } : undefined,
    );
    return null;
  }
  await adoptOrphanFiles(paths, doc, now);
  const { write } = prepareRecordWrite(paths, doc, false);
  await write();
  const what = movedTo ? 'était endommagée' : 'avait perdu son fichier principal';
  const source = base
    ? `sa copie de secours${newer.length || adopted ? ` complétée par l'historique` : ''}`
    : `son historique (le journal des actions antérieures n'a pas pu être récupéré)`;
  log.note(
    `La convention ${quoted(doc, id)} ${what} : elle a été rétablie depuis ${source}, à la version ${doc.summary.version}.`,
    movedTo ? { file, movedTo: place, ...(restoredFrom ? { restoredFrom } : {}) } : undefined,
  );
  return doc;
}

function consecutive(versions: VersionDoc[], from: number): VersionDoc[] {
  const out: VersionDoc[] = [];
  for (const v of versions) {
    if (v.info.version !== from + out.length) break;
    out.push(v);
  }
  return out;
}

function applyVersion(doc: RecordDoc, v: VersionDoc, action: 'edited'): void {
  doc.convention = { ...v.convention, id: doc.summary.id };
  doc.versions.push(v.info);
  doc.summary = {
    ...doc.summary,
    ...contentSummary(v.convention),
    status: 'draft', // a new version is a draft; markFinalized below when its file says it was locked
    updatedAt: v.info.savedAt,
    version: v.info.version,
  };
  doc.audit.push({ at: v.info.savedAt, action, detail: `Version ${v.info.version} : ${v.info.summary} (reconstituée)` });
  if (v.info.finalized) markFinalized(doc, v.info);
}

/**
 * A finalized version found in history: finalize writes the flag into the version's file only
 * after the record that commits it (store.ts), so the flag always names a finalization that
 * happened. The latest one is the lock signatures refer to (by this SHA-256); while it is the
 * current version, the convention is finalized again.
 */
function markFinalized(doc: RecordDoc, info: VersionInfo): void {
  const at = info.finalizedAt ?? info.savedAt;
  if (!doc.finalized || doc.finalized.version < info.version) {
    doc.finalized = { at, version: info.version, contentSha256: info.contentSha256 };
  }
  if (info.version === doc.summary.version && doc.summary.status === 'draft') {
    doc.summary = { ...doc.summary, status: 'finalized', updatedAt: at > doc.summary.updatedAt ? at : doc.summary.updatedAt };
  }
  doc.audit.push({ at, action: 'finalized', detail: `Version ${info.version} verrouillée — empreinte SHA-256 ${info.contentSha256} (reconstituée)` });
}

/**
 * Flags the backup's versions that their files say were finalized since (same content only):
 * the backup is the record before the last write, which may be the finalization itself.
 * Returns how many were adopted.
 */
function adoptFinalizations(doc: RecordDoc, history: readonly VersionDoc[]): number {
  const files = new Map(history.map((v) => [v.info.version, v.info]));
  let adopted = 0;
  doc.versions = doc.versions.map((v) => {
    const f = files.get(v.version);
    if (v.finalized || !f?.finalized || f.contentSha256 !== v.contentSha256) return v;
    adopted += 1;
    const flagged: VersionInfo = { ...v, finalized: true, ...(f.finalizedAt ? { finalizedAt: f.finalizedAt } : {}) };
    markFinalized(doc, flagged);
    return flagged;
  });
  return adopted;
}

/** Takes the content of the latest version from its file, which autosaves replaced after the backup was made. */
function replaceLatest(doc: RecordDoc, v: VersionDoc): void {
  doc.convention = { ...v.convention, id: doc.summary.id };
  doc.versions[doc.versions.length - 1] = v.info;
  doc.summary = {
    ...doc.summary,
    ...contentSummary(v.convention),
    updatedAt: v.info.savedAt,
  };
}

/** Every readable version of a convention, ascending; unreadable ones are moved aside. */
async function readHistory(paths: StorePaths, id: string, log: RecoveryLog, title: string): Promise<VersionDoc[]> {
  const out: VersionDoc[] = [];
  const dir = paths.versionsDir(id);
  try {
    await assertRealDir(dir);
  } catch (e) {
    if (!(e instanceof DamagedFileError)) throw e;
    const movedTo = await log.moveAside(dir);
    log.note(`L'historique de « ${title} » était remplacé par un lien ou un fichier : Paraphe ne lit rien hors de son dossier de données.`, { file: dir, movedTo });
    return out;
  }
  for (const n of await listVersionNumbers(paths, id)) {
    const file = paths.version(id, n);
    try {
      out.push(await readVersionFile(file));
    } catch (e) {
      if (!(e instanceof DamagedFileError)) throw e;
      const movedTo = await log.moveAside(file);
      log.note(`La version ${n} de « ${title} » était endommagée : elle ne peut plus être consultée.`, { file, movedTo });
    }
  }
  return out;
}

/** Files written for a convention after its last good record: found again by their names (regular files only). */
async function adoptOrphanFiles(paths: StorePaths, doc: RecordDoc, now: () => Date): Promise<void> {
  const id = doc.summary.id;
  let names: string[];
  try {
    await assertRealDir(paths.filesDir(id));
    names = (await readdir(paths.filesDir(id), { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name);
  } catch {
    return;
  }
  const known = new Set(doc.files.map((f) => basename(f.relPath.replace(/\\/g, '/'))));
  for (const name of names.sort()) {
    const m = FILE_NAME.exec(name);
    if (!m || known.has(name)) continue;
    let bytes: Buffer | null;
    try {
      bytes = await readBytesOrNull(join(paths.filesDir(id), name), MAX_ATTACHMENT_BYTES);
    } catch (e) {
      if (isFileFault(e)) continue; // not ours to adopt; left where it is
      throw e;
    }
    if (!bytes) continue;
    const entry: FileEntry = {
      kind: m[1] as FileEntry['kind'],
      relPath: fileRelPath(id, name),
      sha256: sha256Hex(bytes),
      size: bytes.length,
      createdAt: now().toISOString(),
      label: 'Fichier retrouvé lors de la réparation',
      version: Number(m[2]),
    };
    doc.files.push(entry);
  }
}

/** The largest generated file the store reads back (a signed PDF of a long convention is a few tens of MB). */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024 * 1024;

/** What the conventions/ folder holds, by kind of entry (one readdir; the types come with it). */
export interface ConventionFolders {
  /** Real folders named like a convention id. */
  readonly ids: string[];
  /** Entries named like an id that are not real folders: symbolic links, files. Damage: set aside. */
  readonly links: string[];
  /** Folders whose name is not an id (e.g. « abc (1) », a synced copy in conflict). */
  readonly strays: string[];
  /** `.deleted-<id>`: a convention whose deletion a crash cut short (store.ts, emptyTrash). */
  readonly deleted: string[];
}

/** Lists conventions/ (dot-entries other than `.deleted-*` are temp files, handled elsewhere). */
export async function scanConventionFolders(paths: StorePaths): Promise<ConventionFolders> {
  const out: ConventionFolders = { ids: [], links: [], strays: [], deleted: [] };
  let entries;
  try {
    entries = await readdir(paths.conventions, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const d of entries) {
    const deleted = /^\.deleted-(.+)$/.exec(d.name)?.[1];
    if (deleted !== undefined) {
      if (SAFE_ID.test(deleted)) out.deleted.push(deleted);
    } else if (SAFE_ID.test(d.name)) {
      (d.isDirectory() ? out.ids : out.links).push(d.name);
    } else if (!d.name.startsWith('.') && d.isDirectory()) {
      out.strays.push(d.name);
    }
  }
  return out;
}

/** Ids of every convention folder (real folders only; dot-folders and odd names are not conventions). */
export async function listConventionIds(paths: StorePaths): Promise<string[]> {
  return (await scanConventionFolders(paths)).ids;
}
