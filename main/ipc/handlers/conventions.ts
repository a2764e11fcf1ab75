import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from '../../../shared/errors';
import type { HandlersFor } from '../../../shared/ipc/define';
import type { conventionChannels, VersionInfoDto } from '../../../shared/ipc/channels/conventions';
import type { Convention } from '../../../shared/model/convention';
import { parseConvention } from '../../../shared/model/migrate';
import { hasErrors, validateConvention } from '../../../shared/rules/validate';
import { createAvenant, instantiateTemplate, listTemplates } from '../../../shared/templates/index';
import type { Ports } from '../../ports';
import { currentFile, fieldStates } from '../../signing/convention-signing';
import { writeFileDurable } from '../../storage/durable-file';
import { versionPrefix } from '../../storage/autosave';
import type { AuditEntry, ConventionStore, VersionInfo } from '../../storage/types';
import { facetsReader, signingDocument } from './convention-views';

/** What the convention handlers need: the store and the outside world. */
export interface ConventionHandlerDeps {
  readonly store: ConventionStore;
  readonly ports: Ports;
  /** Fresh ids for new conventions and their parts (tests may pass a counter). */
  readonly newId?: () => string;
  /** Today, for the date of a convention made from a template. */
  readonly now?: () => Date;
}

/** The handlers of the convention channels, over a store and the ports. */
export function createConventionHandlers(deps: ConventionHandlerDeps): HandlersFor<typeof conventionChannels> {
  const { store, ports } = deps;
  const facets = facetsReader(store);
  const newId = deps.newId ?? (() => randomUUID());
  const now = deps.now ?? (() => new Date());

  return {
    'app:info': async () => ({
      name: ports.paths.appName,
      version: ports.paths.version,
      dataDir: store.dataDir,
      recovery: store.recovery,
    }),
    'template:list': async () => listTemplates(),

    'convention:list': async () => store.list(),
    'convention:get': async ({ id }) => store.get(id),
    'convention:create': async ({ templateId, title, shortTitle }) => {
      const convention = instantiateTemplate(templateId, { newId, date: isoDay(now()) });
      if (title !== undefined) convention.title = title;
      if (shortTitle !== undefined) convention.shortTitle = shortTitle;
      return (await store.create(convention, 'created')).summary;
    },
    // The signed content stays locked: main refuses to change it, whatever the window shows.
    'convention:save': async ({ convention, summary, origin }) => {
      await refuseWhenLocked(store, convention.id);
      return (await store.save(convention, { summary, origin })).summary;
    },
    'convention:rename': async ({ id, title, field }) => {
      await refuseWhenLocked(store, id);
      return (await store.rename(id, title, field)).summary;
    },
    'convention:facets': async () => facets(),
    'convention:signing-document': async ({ id }) => signingDocument(store, id),
    'convention:duplicate': async ({ id }) => (await store.duplicate(id)).summary,
    'convention:trash': async ({ id }) => (await store.trash(id)).summary,
    'convention:restore-from-trash': async ({ id }) => (await store.restoreFromTrash(id)).summary,
    'trash:list': async () => store.list({ trash: true }),
    'trash:empty': async () => ({ removed: await store.emptyTrash() }),

    'convention:versions': async ({ id }) => versionRows(await store.versions(id), await store.audit(id)),
    'convention:get-version': async ({ id, version }) => (await store.getVersion(id, version)).convention,
    'convention:restore-version': async ({ id, version }) => {
      await refuseWhenLocked(store, id);
      return (await store.restoreVersion(id, version)).summary;
    },
    'convention:reopen': async ({ id }) => {
      const record = await store.get(id);
      const lost = await signaturesOn(record);
      const kept = lost > 0
        ? `${lost} signature${lost > 1 ? 's' : ''} apposée${lost > 1 ? 's' : ''} ne vau${lost > 1 ? 'lent' : 't'} plus pour le nouveau texte ; le PDF finalisé et les exemplaires signés restent dans les fichiers`
        : 'le PDF finalisé reste dans les fichiers';
      const reopened = await store.reopen(id, record.summary.status === 'draft' ? undefined : kept);
      return { summary: reopened.summary, signaturesLost: record.summary.status === 'draft' ? 0 : lost };
    },
    'convention:finalize': async ({ id }) => {
      const record = await store.finalize(id);
      if (!record.finalized) throw new Error('finalize returned a record without its lock');
      return { summary: record.summary, contentSha256: record.finalized.contentSha256 };
    },
    'convention:audit': async ({ id }) => store.audit(id),
    'convention:validate': async (input) => {
      if ('id' in input) {
        const findings = validateConvention((await store.get(input.id)).convention);
        return { valid: !hasErrors(findings), findings };
      }
      const parsed = parseConvention(input.convention);
      if (!parsed.ok) {
        const findings = parsed.findings.length > 0 ? parsed.findings : [{ severity: 'error' as const, path: '', message: parsed.message }];
        return { valid: false, findings };
      }
      const findings = validateConvention(parsed.convention);
      return { valid: !hasErrors(findings), findings };
    },

    'convention:create-avenant': async ({ baseId }) => {
      const base = (await store.get(baseId)).convention;
      const avenant = createAvenant(base, { number: (await highestAvenantNumber(store, baseId)) + 1, newId, date: isoDay(now()) });
      return (await store.create(avenant, 'created')).summary;
    },

    'convention:import': async ({ text, fileName }) => {
      const convention = parseImported(text, fileName);
      return (await store.create(convention, 'imported')).summary;
    },
    'convention:export': async ({ id }) => {
      const record = await store.get(id);
      const path = await ports.dialog.chooseSavePath({
        title: 'Exporter la convention',
        defaultName: `${fileSlug(record.summary.shortTitle || record.summary.title)}.json`,
        filters: [{ name: 'Convention Paraphe (JSON)', extensions: ['json'] }],
      });
      if (path === null) return { saved: false as const };
      try {
        await writeFileDurable(path, `${JSON.stringify(record.convention, null, 2)}\n`);
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code ?? 'erreur inconnue';
        throw new UserError('export-failed', `Impossible d'écrire « ${path} » (${reason}). Choisissez un autre dossier, où vous avez le droit d'écrire, puis réessayez.`);
      }
      await store.appendAudit(id, 'exported', basename(path));
      return { saved: true as const, path };
    },
  };
}

/**
 * Refuses a change to the content of a finalized (being signed, signed) convention: its text is
 * the one signed. « Rouvrir pour modification » (`convention:reopen`) unlocks it explicitly.
 */
async function refuseWhenLocked(store: ConventionStore, id: string): Promise<void> {
  let status: string;
  try {
    status = (await store.get(id)).summary.status;
  } catch {
    return; // unknown id: the store's own call says so, in its words
  }
  if (status === 'draft') return;
  const what = status === 'signed' ? 'signée' : status === 'signing' ? 'en cours de signature' : 'finalisée';
  throw new UserError(
    'convention-locked',
    `Cette convention est ${what} : son contenu est verrouillé et n'a pas été modifié. Pour le changer, choisissez « Rouvrir pour modification » : une nouvelle version sera créée, la version finalisée et les exemplaires signés restent dans l'historique.`,
  );
}

/** Signatures already on the PDF being signed (0 before the PDF is prepared). */
async function signaturesOn(record: Awaited<ReturnType<ConventionStore['get']>>): Promise<number> {
  const file = currentFile(record);
  if (!file) return 0;
  try {
    return fieldStates(await readFile(file.path)).filter((f) => f.signed).length;
  } catch {
    return 0;
  }
}

/**
 * The history panel's rows: the store's versions with only the contract's fields (the record
 * may grow private ones), each restore point marked with the version it brought back, as the
 * store recorded it (`origin`, `restoredFrom`). Versions written before the store kept their
 * origin are told by the audit instead (see `legacyRestoredFrom`).
 */
export function versionRows(versions: readonly VersionInfo[], audit: readonly AuditEntry[]): VersionInfoDto[] {
  const restoreLines = versions.some((v) => v.origin === undefined)
    ? audit.filter((a) => a.action === 'restored-version').map((a) => a.detail ?? '')
    : [];
  return versions.map((v) => {
    const from = v.origin === undefined ? legacyRestoredFrom(v, restoreLines) : v.origin === 'restored' ? v.restoredFrom : undefined;
    return {
      version: v.version,
      savedAt: v.savedAt,
      summary: v.summary,
      contentSha256: v.contentSha256,
      ...(v.finalized ? { finalized: true } : {}),
      ...(v.autosave ? { autosave: { startedAt: v.autosave.startedAt, saves: v.autosave.saves } } : {}),
      ...(from !== undefined ? { restoredFrom: from } : {}),
    };
  });
}

/**
 * For a version without `origin` (records saved by earlier Paraphe, still on users' disks): a
 * restore point is a version whose own audit line (« Version 5 : … ») is a 'restored-version'
 * one, and the store worded its summary « Version 2 restaurée ».
 */
function legacyRestoredFrom(v: VersionInfo, restoreLines: readonly string[]): number | undefined {
  if (!restoreLines.some((d) => d.startsWith(versionPrefix(v.version)))) return undefined;
  const from = Number(/^Version (\d+) restaurée/.exec(v.summary)?.[1]);
  return from > 0 ? from : undefined;
}

/** The highest avenant number already made from `baseId` (in the list or the trash), 0 if none. */
async function highestAvenantNumber(store: ConventionStore, baseId: string): Promise<number> {
  const summaries = [...(await store.list()), ...(await store.list({ trash: true }))].filter((s) => s.kind === 'avenant');
  let highest = 0;
  for (const s of summaries) {
    const avenant = (await store.get(s.id)).convention.avenant;
    if (avenant?.base.conventionId === baseId) highest = Math.max(highest, avenant.number);
  }
  return highest;
}

/** JSON text → a valid convention, or a French UserError that says what is wrong. */
export function parseImported(text: string, fileName?: string): Convention {
  const name = fileName ? `« ${basename(fileName)} »` : 'Ce fichier';
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UserError('invalid-json', `${name} n'est pas un fichier JSON lisible. Choisissez un fichier exporté depuis Paraphe (extension .json).`);
  }
  const parsed = parseConvention(raw);
  if (!parsed.ok) {
    throw new UserError('invalid-convention', `${name} n'a pas été importé : ${lowerFirst(parsed.message)} Rien n'a été enregistré ; corrigez le fichier ou exportez-le à nouveau depuis Paraphe.`, { findings: parsed.findings });
  }
  return parsed.convention;
}

/** « Convention DINUM / MTES 2020 » → « Convention-DINUM-MTES-2020 », safe on every OS. */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80)
    .replace(/[.-]+$/, '');
  return slug || 'convention';
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Local calendar day as « AAAA-MM-JJ ». */
function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
