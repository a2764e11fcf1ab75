import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../../shared/errors';
import type { Convention } from '../../shared/model/convention';
import { parseConvention } from '../../shared/model/migrate';
import { hasErrors, validateConvention } from '../../shared/rules/validate';
import { writeAttachment } from './attachments';
import { autosaveAuditDetail, openAutosaveVersion, versionPrefix } from './autosave';
import { contentSha256 } from './canonical';
import { contentSummary } from './content-summary';
import { summarizeChanges } from './change-summary';
import { MAX_DOCUMENT_BYTES, fsyncDir, isFileFault } from './durable-file';
import { closedError, inTrash, linkRefused, notFound, writeFailed } from './errors';
import { acquireLock, type DataLock } from './lock';
import { SAFE_ID, storePaths, storedFilePath, type FileEntry, type RecordDoc, type StorePaths } from './layout';
import {
  DamagedFileError, assertRealDir, ensureDir, exists, prepareRecordWrite, readRecordFile, readVersionFile, readVersionInfo, versionFileMatches, writeVersionFile,
} from './records';
import { RecoveryLog, repairRecord } from './recovery';
import { checkSizes, entryOf, openIndex } from './startup';
import type { SummaryIndex } from './summary-index';
import type {
  AttachFileInput, AuditAction, AuditEntry, ConventionRecord, ConventionStore, ConventionSummary, OpenStoreOptions,
  RecoveryReport, SaveOptions, SignatureInput, StoredFile, StoredVersion, VersionInfo, VersionOrigin,
} from './types';

const MAX_SUMMARY = 300;
/** Records size-checked per queued slice after start-up (a few milliseconds each). */
const SIZE_CHECK_SLICE = 500;
/** One collator for every sort: `localeCompare` builds one per call (slow over 10,000 titles). */
const byTitle = new Intl.Collator('fr');
/** Contents of the version before an open autosave version, kept for a few conventions (see `baseOf`). */
const BASES_KEPT = 8;
/** What `newVersion` appends to the audit line of the first version after a finalized one. */
const LOCKED_SUFFIX = / ; la version finalisée \d+ reste dans l'historique$/;

/** Opens (and locks) the conventions of a data folder; see layout.ts for what is on disk. */
export async function openStore(dataDir: string, options: OpenStoreOptions = {}): Promise<ConventionStore> {
  const now = options.now ?? (() => new Date());
  // Absolute, so that the paths of stored files given to other services are absolute too.
  const paths = storePaths(resolve(dataDir));
  let lock: DataLock;
  try {
    await ensureDir(paths.dataDir);
    lock = await acquireLock(paths.dataDir);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(
      'store-unavailable',
      `Impossible d'ouvrir le dossier de données « ${dataDir} » (${(e as NodeJS.ErrnoException).code ?? 'erreur inconnue'}). Vérifiez que ce dossier existe et que vous avez le droit d'y écrire, puis relancez Paraphe.`,
    );
  }
  try {
    const log = new RecoveryLog(paths, now);
    const { index, deferred } = await openIndex(paths, log, now, {
      compactAfter: options.compactAfter ?? 500,
      fullCheckUpTo: options.fullCheckUpTo ?? 200,
    });
    const store = new Store(paths, index, lock, log, now);
    store.queueSizeChecks(deferred);
    return store;
  } catch (e) {
    await lock.release();
    if (e instanceof UserError) throw e;
    // Damage to one convention never gets here (startup.ts confines it): this is the folder
    // itself (the index cannot be written, the disk is full…).
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      'store-unavailable',
      `Paraphe n'a pas pu ouvrir son dossier de données « ${paths.dataDir} »${code ? ` (${code})` : ''}. ` +
        `Vérifiez que le disque n'est pas plein et que vous avez le droit de lire et d'écrire dans ce dossier, puis relancez Paraphe.`,
      { code: code ?? null },
    );
  }
}

class Store implements ConventionStore {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private compactionQueued = false;
  /**
   * Per convention, the content of the version an open autosave version started from: each
   * autosave describes its changes against it, and reading it back (~30 KB) at every save
   * would double the cost of a save. Checked by version number and SHA-256 before use.
   */
  private readonly bases = new Map<string, { version: number; contentSha256: string; convention: Convention }>();

  constructor(
    private readonly paths: StorePaths,
    private readonly index: SummaryIndex,
    private readonly lock: DataLock,
    private readonly log: RecoveryLog,
    private readonly now: () => Date,
  ) {}

  get dataDir(): string {
    return this.paths.dataDir;
  }

  get recovery(): RecoveryReport | null {
    return this.log.report();
  }

  // Not queued: the list is read from memory, so it shows at once even while start-up checks
  // or a long write are under way.
  list(options: { trash?: boolean } = {}): Promise<ConventionSummary[]> {
    return Promise.resolve().then(() => {
      if (this.closed) throw closedError();
      const wanted = options.trash ?? false;
      const out: ConventionSummary[] = [];
      for (const { bytes: _bytes, ...summary } of this.index.entries.values()) {
        if (summary.inTrash === wanted) out.push(summary);
      }
      return out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : byTitle.compare(a.title, b.title)));
    });
  }

  /** Queues the start-up size checks in slices, so that other calls interleave with them. */
  queueSizeChecks(ids: readonly string[]): void {
    for (let i = 0; i < ids.length; i += SIZE_CHECK_SLICE) {
      const slice = ids.slice(i, i + SIZE_CHECK_SLICE);
      // An unexpected failure here (a folder made unreadable…) shows again, as a French error,
      // when that convention is read.
      this.run(() => checkSizes(this.paths, this.index, slice, this.log, this.now)).catch(() => undefined);
    }
  }

  /** Resolves once the checks queued so far (start-up's included) are done. */
  settled(): Promise<void> {
    return this.run(async () => undefined);
  }

  get(id: string): Promise<ConventionRecord> {
    return this.run(async () => this.toRecord(await this.load(id)));
  }

  create(convention: Convention, action: 'created' | 'imported' | 'duplicated' = 'created'): Promise<ConventionRecord> {
    return this.run(async () => {
      const summaryText = action === 'imported' ? 'Import' : action === 'duplicated' ? 'Copie' : 'Création';
      return this.toRecord(await this.insert(checked(convention), action, summaryText));
    });
  }

  save(convention: Convention, options: SaveOptions = {}): Promise<ConventionRecord> {
    return this.run(async () => {
      const next = checked(convention);
      const doc = await this.load(next.id);
      if (doc.summary.inTrash) throw inTrash();
      const given = options.summary?.trim();
      const autosave = options.origin === 'autosave';
      if (autosave) {
        const at = this.now();
        const open = openAutosaveVersion(doc, at);
        if (open) return this.toRecord(await this.joinVersion(doc, open, next, given, at.toISOString()));
      }
      const text = given || summarizeChanges(doc.convention, next);
      return this.toRecord(await this.newVersion(doc, next, text, 'edited', autosave));
    });
  }

  rename(id: string, title: string, field: 'title' | 'shortTitle' = 'title'): Promise<ConventionRecord> {
    return this.run(async () => {
      const clean = title.replace(/\s+/g, ' ').trim();
      if (!clean) throw new UserError('title-empty', field === 'title' ? 'Le titre ne peut pas être vide : saisissez un titre.' : 'Le nom court ne peut pas être vide : saisissez un nom.');
      const doc = await this.load(id);
      if (doc.summary.inTrash) throw inTrash();
      const text = field === 'title' ? `Titre modifié : « ${clean} »` : `Nom court modifié : « ${clean} »`;
      return this.toRecord(await this.newVersion(doc, { ...doc.convention, [field]: clean }, text, 'renamed'));
    });
  }

  duplicate(id: string): Promise<ConventionRecord> {
    return this.run(async () => {
      const doc = await this.load(id);
      const { title, shortTitle } = doc.convention;
      // The short name too: the home list shows it, and two rows of one name would be told apart by nothing.
      const copy: Convention = { ...structuredClone(doc.convention), id: randomUUID(), title: `Copie de ${title}`, shortTitle: shortTitle.trim() ? `Copie de ${shortTitle}`.slice(0, 500) : '' };
      const made = await this.insert(copy, 'duplicated', `Copie de « ${doc.convention.title} » (version ${doc.summary.version})`);
      return this.toRecord(made);
    });
  }

  versions(id: string): Promise<VersionInfo[]> {
    return this.run(async () => [...(await this.load(id)).versions].reverse());
  }

  getVersion(id: string, version: number): Promise<StoredVersion> {
    return this.run(async () => this.readVersion(await this.load(id), version));
  }

  restoreVersion(id: string, version: number): Promise<ConventionRecord> {
    return this.run(async () => {
      const doc = await this.load(id);
      if (doc.summary.inTrash) throw inTrash();
      const old = await this.readVersion(doc, version);
      return this.toRecord(await this.newVersion(doc, { ...old.convention, id: doc.summary.id }, `Version ${version} restaurée`, 'restored-version', false, version));
    });
  }

  finalize(id: string): Promise<ConventionRecord> {
    return this.run(async () => {
      const doc = await this.load(id);
      if (doc.summary.inTrash) throw inTrash();
      if (doc.summary.status !== 'draft') return this.toRecord(doc);
      const findings = validateConvention(doc.convention);
      if (hasErrors(findings)) {
        const n = findings.filter((f) => f.severity === 'error').length;
        throw new UserError(
          'convention-invalid',
          `La convention ne peut pas être finalisée : ${n} erreur${n > 1 ? 's' : ''} à corriger. Corrigez les points signalés puis finalisez de nouveau.`,
          findings,
        );
      }
      // Signatures will refer to this version by its SHA-256: its file must hold that content.
      await this.settleVersionFile(doc);
      const at = this.stamp();
      const hash = contentSha256(doc.convention);
      const version = doc.summary.version;
      doc.finalized = { at, version, contentSha256: hash };
      doc.versions = doc.versions.map((v) => (v.version === version ? { ...v, finalized: true, finalizedAt: at } : v));
      doc.summary = { ...doc.summary, status: 'finalized', updatedAt: at };
      doc.audit.push({ at, action: 'finalized', detail: `Version ${version} verrouillée — empreinte SHA-256 ${hash}` });
      await this.commit(doc);
      await this.markVersionFileFinalized(doc);
      return this.toRecord(doc);
    });
  }

  reopen(id: string, detail?: string): Promise<ConventionRecord> {
    return this.run(async () => {
      const doc = await this.load(id);
      if (doc.summary.inTrash) throw inTrash();
      if (doc.summary.status === 'draft') return this.toRecord(doc);
      // The finalized version must hold, on disk, its content and its flag before a newer one follows.
      await this.settleVersionFile(doc);
      const at = this.stamp();
      const version = doc.summary.version + 1;
      const previous = doc.versions[doc.versions.length - 1]!;
      const text = 'Rouverte pour modification';
      doc.versions.push({ version, savedAt: at, summary: text, contentSha256: previous.contentSha256, origin: 'reopened' });
      doc.summary = { ...doc.summary, status: 'draft', updatedAt: at, version };
      const kept = doc.finalized ? ` ; la version finalisée ${doc.finalized.version} reste dans l'historique` : '';
      doc.audit.push({ at, action: 'reopened', detail: clip(`${versionPrefix(version)}${text}${kept}${detail ? ` ; ${detail}` : ''}`) });
      return this.toRecord(await this.commit(doc, doc.convention));
    });
  }

  attachFile(id: string, file: AttachFileInput): Promise<StoredFile> {
    return this.run(async () => {
      const doc = await this.load(id);
      const entry = await writeAttachment(this.paths, doc, file, this.stamp());
      if (file.kind === 'pdf') doc.audit.push({ at: entry.createdAt, action: 'rendered', detail: `${file.label} (version ${entry.version})` });
      await this.commit(doc);
      return this.storedFile(entry, id);
    });
  }

  recordSignature(id: string, signature: SignatureInput): Promise<ConventionRecord> {
    return this.run(async () => {
      const doc = await this.load(id);
      if (doc.summary.inTrash) throw inTrash();
      if (doc.summary.status !== 'finalized' && doc.summary.status !== 'signing') {
        throw new UserError(
          'not-finalized',
          doc.summary.status === 'signed'
            ? 'Cette convention est déjà entièrement signée. Pour la modifier, enregistrez une nouvelle version puis finalisez-la.'
            : 'Finalisez la convention avant de la faire signer.',
        );
      }
      const entry = await writeAttachment(this.paths, doc, {
        kind: 'signed-pdf',
        label: signature.label ?? `PDF signé par ${signature.signer}`,
        bytes: signature.bytes,
      }, this.stamp());
      doc.summary = { ...doc.summary, status: signature.complete ? 'signed' : 'signing', updatedAt: entry.createdAt };
      doc.audit.push({
        at: entry.createdAt,
        action: 'signed',
        detail: `${signature.auditDetail ?? `Signature de ${signature.signer}`}${signature.complete ? ' — toutes les signatures sont recueillies' : ''}`,
      });
      return this.toRecord(await this.commit(doc));
    });
  }

  audit(id: string): Promise<AuditEntry[]> {
    return this.run(async () => [...(await this.load(id)).audit]);
  }

  appendAudit(id: string, action: AuditAction, detail?: string): Promise<void> {
    return this.run(async () => {
      const doc = await this.load(id);
      doc.audit.push({ at: this.stamp(), action, ...(detail !== undefined ? { detail } : {}) });
      await this.commit(doc);
    });
  }

  trash(id: string): Promise<ConventionRecord> {
    return this.run(async () => this.toRecord(await this.setTrash(await this.load(id), true)));
  }

  restoreFromTrash(id: string): Promise<ConventionRecord> {
    return this.run(async () => this.toRecord(await this.setTrash(await this.load(id), false)));
  }

  emptyTrash(): Promise<number> {
    return this.run(async () => {
      const ids = [...this.index.entries.values()].filter((e) => e.inTrash).map((e) => e.id);
      for (const id of ids) {
        // The rename is the deletion's commit point: a crash after it is finished at the next
        // start (startup.ts, finishDeletions), before it nothing happened. Never a listed
        // half-deleted convention, nor an unlisted one that start-up would adopt back.
        const gone = join(this.paths.conventions, `.deleted-${id}`);
        await rm(gone, { recursive: true, force: true });
        try {
          await rename(this.paths.conventionDir(id), gone);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
        await fsyncDir(this.paths.conventions);
        await this.index.delete(id);
        await rm(this.paths.filesDir(id), { recursive: true, force: true });
        await rm(gone, { recursive: true, force: true });
      }
      if (ids.length) {
        await fsyncDir(this.paths.conventions);
        if (await exists(this.paths.files)) await fsyncDir(this.paths.files);
        this.scheduleCompaction();
      }
      return ids.length;
    });
  }

  close(): Promise<void> {
    return this.run(async () => {
      this.closed = true;
      await this.index.close();
      await this.lock.release();
    });
  }

  // ---- internals -------------------------------------------------------------------------

  /** One operation at a time: the journal's order is the order of the writes. */
  private run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => {
      if (this.closed) throw closedError();
      return fn();
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Rewrites the index snapshot as an operation of its own, queued after the current one, so
   * the save that filled the journal is acknowledged without waiting for it (at 10,000
   * conventions the snapshot is ~3 MB). A failure leaves the journal longer; the next try wins.
   */
  private scheduleCompaction(): void {
    if (this.compactionQueued || !this.index.compactionDue) return;
    this.compactionQueued = true;
    this.run(async () => {
      this.compactionQueued = false;
      await this.index.maybeCompact();
    }).catch(() => {
      this.compactionQueued = false;
    });
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  /**
   * Reads a record; a damaged one is repaired here (and reported) when start-up did not read
   * it. Whatever else goes wrong reading it (no permission on its folder…) is this
   * convention's trouble only, told in French.
   */
  private async load(id: string): Promise<RecordDoc> {
    const entry = SAFE_ID.test(id) ? this.index.entries.get(id) : undefined;
    if (!entry) throw notFound();
    try {
      return await this.loadOrRepair(id, entry.title);
    } catch (e) {
      if (e instanceof UserError || !isFileFault(e)) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new UserError(
        'convention-unreadable',
        `La convention « ${entry.title} » ne peut pas être lue${code ? ` (${code})` : ''}. Vérifiez que vous avez le droit de lire le dossier « ${this.paths.conventionDir(id)} » et ce qu'il contient, puis réessayez ; les autres conventions ne sont pas concernées.`,
        { code: code ?? null },
      );
    }
  }

  private async loadOrRepair(id: string, title: string): Promise<RecordDoc> {
    try {
      await assertRealDir(this.paths.conventionDir(id));
      return await readRecordFile(this.paths, id);
    } catch (e) {
      if (!(e instanceof DamagedFileError)) throw e;
    }
    const entry = { title };
    const doc = await repairRecord(this.paths, id, this.log, this.now, entry.title);
    if (!doc) {
      await this.index.delete(id);
      throw new UserError(
        'convention-damaged',
        `La convention « ${entry.title} » est endommagée et aucune copie saine n'a été trouvée. Les fichiers endommagés sont conservés dans « ${this.paths.recovered} ».`,
      );
    }
    await this.index.put(entryOf(doc, prepareRecordWrite(this.paths, doc).bytes));
    return doc;
  }

  /**
   * Writes a record: version content first (when there is a new one), then the index line
   * naming the new state, then the record itself (the commit point). Start-up compares the
   * last journal line with its record, so a crash between the last two is seen and mended.
   */
  private async commit(doc: RecordDoc, newVersion?: Convention): Promise<RecordDoc> {
    const id = doc.summary.id;
    const previous = this.index.entries.get(id);
    const record = prepareRecordWrite(this.paths, doc);
    if (record.bytes > MAX_DOCUMENT_BYTES) throw tooLarge(doc.summary.title, record.bytes);
    try {
      // Never through a link put in place of the convention's folder or its history.
      for (const dir of [this.paths.conventions, this.paths.conventionDir(id), this.paths.versionsDir(id)]) await assertRealDir(dir);
      if (newVersion) await writeVersionFile(this.paths, id, doc.versions[doc.versions.length - 1]!, newVersion);
      await this.index.put(entryOf(doc, record.bytes));
      try {
        await record.write();
      } catch (e) {
        if (previous) await this.index.put(previous).catch(() => undefined);
        else await this.index.delete(id).catch(() => undefined);
        throw e;
      }
    } catch (e) {
      if (e instanceof UserError) throw e;
      if (e instanceof DamagedFileError) throw linkRefused(e.file);
      throw writeFailed(e);
    }
    this.scheduleCompaction();
    return doc;
  }

  private async insert(convention: Convention, action: 'created' | 'imported' | 'duplicated', summaryText: string): Promise<RecordDoc> {
    let id = convention.id;
    if (!SAFE_ID.test(id) || this.index.entries.has(id) || (await exists(this.paths.conventionDir(id)))) id = randomUUID();
    const content: Convention = { ...convention, id };
    const at = this.stamp();
    const info: VersionInfo = { version: 1, savedAt: at, summary: summaryText, contentSha256: contentSha256(content), origin: action };
    const doc: RecordDoc = {
      format: 1,
      summary: {
        id, ...contentSummary(content),
        status: 'draft', createdAt: at, updatedAt: at, version: 1, inTrash: false,
      },
      convention: content,
      files: [],
      versions: [info],
      audit: [{ at, action, ...(action === 'created' ? {} : { detail: summaryText }) }],
    };
    try {
      await ensureDir(this.paths.versionsDir(id));
    } catch (e) {
      throw writeFailed(e);
    }
    return this.commit(doc, content);
  }

  /**
   * A new version of the content; a locked (finalized, signing, signed) convention becomes a
   * draft again. `autosave` marks it as one that later autosaves may join (autosave.ts);
   * `restoredFrom` is the version a restore brought back.
   */
  private async newVersion(
    doc: RecordDoc,
    next: Convention,
    summaryText: string,
    action: 'edited' | 'renamed' | 'restored-version',
    autosave = false,
    restoredFrom?: number,
  ): Promise<RecordDoc> {
    const hash = contentSha256(next);
    const previous = doc.versions[doc.versions.length - 1]!;
    if (hash === previous.contentSha256) return doc; // nothing changed
    // The version being left behind must hold, on disk, the content its record names.
    await this.settleVersionFile(doc);
    const at = this.stamp();
    const version = doc.summary.version + 1;
    const text = clip(summaryText);
    const wasLocked = doc.summary.status !== 'draft';
    if (autosave) this.keepBase(doc.summary.id, previous, doc.convention);
    doc.convention = next;
    const origin: VersionOrigin = action === 'restored-version' ? 'restored' : action === 'renamed' ? 'renamed' : autosave ? 'autosave' : 'edited';
    doc.versions.push({
      version, savedAt: at, summary: text, contentSha256: hash, origin,
      ...(autosave ? { autosave: { startedAt: at, saves: 1 } } : {}),
      ...(restoredFrom !== undefined ? { restoredFrom } : {}),
    });
    doc.summary = {
      ...doc.summary,
      ...contentSummary(next),
      status: 'draft', updatedAt: at, version,
    };
    const locked = wasLocked && doc.finalized ? ` ; la version finalisée ${doc.finalized.version} reste dans l'historique` : '';
    doc.audit.push({ at, action, detail: `${versionPrefix(version)}${text}${locked}` });
    return this.commit(doc, next);
  }

  /**
   * An autosave joins the open autosave version `open` (the latest): its content, SHA-256,
   * time and summary are replaced in place, no version is added and no audit line either (the
   * version's own line, written when it started, is updated). The summary still compares with
   * the version before it, not with the previous autosave. The file is replaced by the same
   * durable write as any other (commit), before the record that names its new SHA-256.
   */
  private async joinVersion(doc: RecordDoc, open: VersionInfo, next: Convention, given: string | undefined, at: string): Promise<RecordDoc> {
    const hash = contentSha256(next);
    if (hash === open.contentSha256) return doc; // nothing changed
    const started = open.autosave!;
    let text = given;
    if (!text) {
      const base = await this.baseOf(doc);
      // Without the earlier version (damaged, reported by readVersion) the summary so far stays.
      text = base ? summarizeChanges(base, next) : open.summary;
    }
    text = clip(text);
    const saves = started.saves + 1;
    doc.convention = next;
    doc.versions[doc.versions.length - 1] = { ...open, origin: 'autosave', savedAt: at, summary: text, contentSha256: hash, autosave: { startedAt: started.startedAt, saves } };
    doc.summary = { ...doc.summary, ...contentSummary(next), updatedAt: at };
    const line = doc.audit[doc.audit.length - 1]!; // the version's own line: checked by openAutosaveVersion
    const locked = LOCKED_SUFFIX.exec(line.detail ?? '')?.[0] ?? '';
    doc.audit[doc.audit.length - 1] = { ...line, detail: `${autosaveAuditDetail(open.version, text, saves)}${locked}` };
    return this.commit(doc, next);
  }

  /** Remembers the content an autosave version starts from (the few most recent conventions only). */
  private keepBase(id: string, info: VersionInfo, convention: Convention): void {
    this.bases.delete(id);
    this.bases.set(id, { version: info.version, contentSha256: info.contentSha256, convention });
    if (this.bases.size > BASES_KEPT) this.bases.delete(this.bases.keys().next().value!);
  }

  /** The content of the version before the latest, from memory when it is the one kept, else from its file. */
  private async baseOf(doc: RecordDoc): Promise<Convention | undefined> {
    const before = doc.versions[doc.versions.length - 2];
    if (!before) return undefined;
    const id = doc.summary.id;
    const kept = this.bases.get(id);
    if (kept && kept.version === before.version && kept.contentSha256 === before.contentSha256) return kept.convention;
    try {
      const { convention } = await this.readVersion(doc, before.version);
      this.keepBase(id, before, convention);
      return convention;
    } catch (e) {
      if (e instanceof UserError) return undefined;
      throw e;
    }
  }

  /**
   * Makes sure the file of the latest version holds the content and finalization the record
   * names, when they may differ: autosaves replace the file before the record, so a crash
   * between the two leaves it one (never acknowledged) save ahead; finalize flags the file
   * after the record (see markVersionFileFinalized), so a crash between the two leaves the
   * flag missing. Such a file is rewritten from the record without a report, as start-up
   * deletes a half-written temp file; a damaged one is set aside first.
   */
  private async settleVersionFile(doc: RecordDoc): Promise<void> {
    const last = doc.versions[doc.versions.length - 1]!;
    if (!last.autosave && !last.finalized) return;
    const id = doc.summary.id;
    const file = this.paths.version(id, last.version);
    try {
      if (versionFileMatches(await readVersionInfo(file), last)) return;
    } catch (e) {
      if (!(e instanceof DamagedFileError)) throw e;
      const movedTo = e.reason === 'unreadable' ? await this.log.moveAside(file) : undefined;
      this.log.note(
        `La version ${last.version} de « ${doc.summary.title} » (la version actuelle) ${movedTo ? 'était endommagée' : 'manquait'} dans l'historique : elle a été réécrite depuis la convention.`,
        movedTo ? { file, movedTo, restoredFrom: this.paths.record(id) } : undefined,
      );
    }
    try {
      await writeVersionFile(this.paths, id, last, doc.convention);
    } catch (e) {
      throw writeFailed(e);
    }
  }

  /**
   * Writes the finalized flag into the latest version's file, after the record that commits the
   * finalization: a flag in a version file then always names a finalization the record
   * committed, so a record rebuilt from history can trust it (recovery.ts). A crash (or a
   * failed write) between the two leaves the flag missing, never wrong: start-up's check and
   * the next settleVersionFile fill it in from the record. The finalization itself is
   * committed at this point, so a failure here is not the user's error to see.
   */
  private async markVersionFileFinalized(doc: RecordDoc): Promise<void> {
    const last = doc.versions[doc.versions.length - 1]!;
    await writeVersionFile(this.paths, doc.summary.id, last, doc.convention).catch(() => undefined);
  }

  private async readVersion(doc: RecordDoc, version: number): Promise<StoredVersion> {
    const info = doc.versions.find((v) => v.version === version);
    if (!info) {
      throw new UserError('version-not-found', `La version ${version} n'existe pas : cette convention a ${doc.summary.version} version${doc.summary.version > 1 ? 's' : ''}.`);
    }
    const file = this.paths.version(doc.summary.id, version);
    try {
      const v = await readVersionFile(file);
      if (v.info.contentSha256 === info.contentSha256) return { info, convention: v.convention };
      if (info.autosave && version === doc.summary.version && v.info.version === version) {
        // A sound file one autosave ahead of its record: that save was cut short by a crash
        // and never acknowledged; the record is the commit point (see settleVersionFile).
        await writeVersionFile(this.paths, doc.summary.id, info, doc.convention);
        return { info, convention: doc.convention };
      }
      throw new DamagedFileError(file, 'unreadable');
    } catch (e) {
      if (!(e instanceof DamagedFileError)) throw e;
    }
    const movedTo = (await exists(file)) ? await this.log.moveAside(file) : undefined;
    if (version === doc.summary.version) {
      await writeVersionFile(this.paths, doc.summary.id, info, doc.convention);
      this.log.note(
        `La version ${version} de « ${doc.summary.title} » (la version actuelle) était endommagée dans l'historique : elle a été réécrite depuis la convention.`,
        movedTo ? { file, movedTo, restoredFrom: this.paths.record(doc.summary.id) } : undefined,
      );
      return { info, convention: doc.convention };
    }
    this.log.note(
      `La version ${version} de « ${doc.summary.title} » était endommagée : elle ne peut plus être consultée.`,
      movedTo ? { file, movedTo } : undefined,
    );
    throw new UserError(
      'version-damaged',
      `La version ${version} de cette convention est endommagée et ne peut pas être relue. Le fichier a été mis de côté dans « ${this.paths.recovered} » ; les autres versions sont intactes.`,
    );
  }

  private async setTrash(doc: RecordDoc, trashed: boolean): Promise<RecordDoc> {
    if (doc.summary.inTrash === trashed) return doc;
    doc.summary = { ...doc.summary, inTrash: trashed };
    doc.audit.push({ at: this.stamp(), action: trashed ? 'trashed' : 'restored-from-trash' });
    return this.commit(doc);
  }

  private storedFile(f: FileEntry, id: string): StoredFile {
    // Checked when the record was read (readRecordFile): a path is never built from anything else.
    const path = storedFilePath(this.paths.dataDir, id, f.relPath);
    if (!path) throw new Error(`file path outside its folder refused: ${f.relPath}`);
    return { kind: f.kind, path, sha256: f.sha256, createdAt: f.createdAt, label: f.label, version: f.version };
  }

  private toRecord(doc: RecordDoc): ConventionRecord {
    return {
      summary: { ...doc.summary },
      convention: doc.convention,
      ...(doc.finalized ? { finalized: { ...doc.finalized } } : {}),
      files: doc.files.map((f) => this.storedFile(f, doc.summary.id)),
    };
  }
}

/** A record larger than the store reads back (MAX_DOCUMENT_BYTES) is refused before it is written. */
function tooLarge(title: string, bytes: number): UserError {
  const mb = (n: number) => `${Math.ceil(n / (1024 * 1024))} Mo`;
  return new UserError(
    'convention-too-large',
    `La convention « ${title.slice(0, 80)} » est trop volumineuse pour être enregistrée (${mb(bytes)} avec son historique et son journal, au plus ${mb(MAX_DOCUMENT_BYTES)}). Raccourcissez les textes ou les tableaux les plus longs, ou mettez une partie en annexe dans une nouvelle convention, puis réessayez ; la dernière version enregistrée est intacte.`,
    { bytes, max: MAX_DOCUMENT_BYTES },
  );
}

/** A summary short enough for one line of the history panel. */
function clip(text: string): string {
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

/** Main never trusts what it is handed: the content is parsed again with the model's schema. */
function checked(convention: Convention): Convention {
  const parsed = parseConvention(convention);
  if (!parsed.ok) throw new UserError('convention-invalid-format', parsed.message, parsed.findings);
  return parsed.convention;
}
