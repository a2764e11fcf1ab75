import { randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import { UserError } from '../../../shared/errors';
import type { CallContext, HandlersFor } from '../../../shared/ipc/define';
import type { signingChannels } from '../../../shared/ipc/channels/signing';
import type { DialogPort } from '../../ports';
import type { ConventionStore } from '../../storage/types';
import {
  createTestIdentity,
  IdentityStore,
  readUserFile,
  signBytes,
  TrustStore,
  verifyPdf,
  writeUserFile,
} from '../../signing';
import { conventionSigning, fieldStates, withLevelNote, type SigningProgress } from '../../signing/convention-signing';
import { receivedView, signReceived, type ReceivedDeps } from '../../signing/received';
import { samePath } from '../../signing/service';
import { levelOptionsFrom, type LevelOptions } from '../../settings/level';
import type { TaskRunner } from '../worker/runner';
import { verifyTask } from '../worker/tasks';

/** What the signing handlers need: the data folder, the store and main's own file dialogs. */
export interface SigningHandlerDeps {
  readonly dataDir: string;
  readonly store: ConventionStore;
  readonly dialog: DialogPort;
  readonly now?: () => Date;
  /** Where rendering and signing run: the app's worker thread; here, in this thread, when absent. */
  readonly tasks?: Pick<TaskRunner, 'renderConvention' | 'signBytes'> & Partial<Pick<TaskRunner, 'verifyBytes' | 'openPkcs12'>>;
  /** PDFs opened in main's dialogs, by one-time id; shared with the card handlers (handler-table.ts). */
  readonly openedFiles?: Map<string, string>;
  /** The level every signature is made at (default: the data folder's settings, read at each signature). */
  readonly levelOptions?: () => Promise<LevelOptions>;
}

/** Progress of a call, sent to the window that asked (nothing when a test calls the handler). */
function progressOf(context: CallContext | undefined): ((p: SigningProgress) => void) | undefined {
  return context && ((p) => context.progress(p));
}

const PDF_FILTER = [{ name: 'Document PDF', extensions: ['pdf'] }];

/**
 * The handlers of the signing channels. Passwords are used once and never kept. Paths never
 * come from the renderer: files outside the data folder are chosen in main's dialogs, and a
 * PDF opened for verification is remembered here under a one-time id for its counter-signature.
 */
export function createSigningHandlers(deps: SigningHandlerDeps): HandlersFor<typeof signingChannels> {
  const identities = new IdentityStore(deps.dataDir, deps.tasks?.openPkcs12);
  const trust = new TrustStore(deps.dataDir);
  const now = deps.now ?? (() => new Date());
  const levelOptions = deps.levelOptions ?? levelOptionsFrom(deps.dataDir);
  const conventions = conventionSigning({
    store: deps.store,
    identities,
    trust,
    now,
    levelOptions,
    ...(deps.tasks ? { renderConvention: deps.tasks.renderConvention, signBytes: deps.tasks.signBytes } : {}),
  });
  const sign = deps.tasks ? deps.tasks.signBytes : signBytes;
  const openedFiles = deps.openedFiles ?? new Map<string, string>();
  // A PDF received from elsewhere is verified in the worker's verification thread (memory and time limits).
  const verifyReceived = async (bytes: Buffer) => (deps.tasks?.verifyBytes ? deps.tasks.verifyBytes(bytes, await trust.anchors()) : verifyTask(bytes, await trust.anchors()));
  const received: ReceivedDeps = { openedFiles, trustAnchors: () => trust.anchors(), now, verify: verifyReceived, levelOptions };

  return {
    'identity:list': async () => identities.list(),
    'identity:import-p12': async ({ password }) => {
      const path = await deps.dialog.chooseOpenPath({
        title: 'Importer un certificat de signature',
        filters: [{ name: 'Certificat avec clé privée (PKCS#12)', extensions: ['p12', 'pfx'] }],
      });
      return path === null ? null : identities.import(await readUserFile(path, 'Le certificat'), password, now());
    },
    'identity:create-test': async ({ name, org, password }) => identities.import(createTestIdentity({ name, org, password, now: now() }), password, now()),
    'identity:remove': async ({ id }) => identities.remove(id),
    'trust:list': async () => trust.list(),
    'trust:import': async () => {
      const path = await deps.dialog.chooseOpenPath({
        title: 'Ajouter une autorité de confiance',
        filters: [{ name: 'Certificat (PEM ou DER)', extensions: ['pem', 'crt', 'cer', 'der'] }],
      });
      return path === null ? null : trust.import(await readUserFile(path, 'Le certificat'), now());
    },
    'trust:remove': async ({ id }) => trust.remove(id),
    'signature:state': async ({ conventionId }) => conventions.state(conventionId),
    'signature:prepare': async ({ conventionId }, context) => conventions.prepare(conventionId, progressOf(context)),
    'signature:sign-next': async ({ conventionId, identityId, password }, context) => conventions.signNext(conventionId, identityId, password, progressOf(context)),
    'signature:verify': async ({ conventionId }) => conventions.verify(conventionId),
    'signature:export': async ({ conventionId }) =>
      conventions.exportSigned(conventionId, (defaultName) =>
        deps.dialog.chooseSavePath({ title: 'Exporter le PDF signé', defaultName, filters: PDF_FILTER }),
      ),
    'signature:send': async ({ conventionId }) =>
      conventions.send(conventionId, (defaultName) =>
        deps.dialog.chooseSavePath({ title: 'Envoyer pour signature : enregistrer le PDF à transmettre', defaultName, filters: PDF_FILTER }),
      ),
    'signature:import-copy': async (input) => {
      if (input.dropped) return conventions.importCopy(input.conventionId, Buffer.from(input.dropped.base64, 'base64'), basename(input.dropped.fileName));
      const path = await deps.dialog.chooseOpenPath({ title: 'Importer un exemplaire signé', filters: PDF_FILTER });
      return path === null ? null : conventions.importCopy(input.conventionId, await readUserFile(path, 'Le PDF'), basename(path));
    },
    'received:open': async () => {
      const path = await deps.dialog.chooseOpenPath({ title: 'Signer un document reçu', filters: PDF_FILTER });
      if (path === null) return null;
      const fileId = randomUUID();
      openedFiles.set(fileId, path);
      return receivedView(received, fileId, path, await readUserFile(path, 'Le PDF'));
    },
    // Who may sign is checked before the password is used: out of order is refused with who comes first.
    'received:sign': async ({ fileId, identityId, password, fieldName }, context) =>
      signReceived(received, {
        fileId,
        fieldName,
        progress: progressOf(context),
        signWith: async (bytes, options) => sign(bytes, { ...options, identity: await identities.open(identityId, password) }),
      }),
    'pdf-file:open': async () => {
      const path = await deps.dialog.chooseOpenPath({ title: 'Vérifier un PDF', filters: PDF_FILTER });
      if (path === null) return null;
      const bytes = await readUserFile(path, 'Le PDF');
      const { report, fields } = await verifyReceived(bytes);
      const fileId = randomUUID();
      openedFiles.set(fileId, path);
      return { fileId, fileName: basename(path), report, fields };
    },
    'pdf-file:countersign': async ({ fileId, identityId, password }, context) => {
      const input = openedFiles.get(fileId);
      if (!input) throw new UserError('pdf-file-unknown', 'Ce PDF n’est plus ouvert : ouvrez-le à nouveau avec « Vérifier un PDF ».');
      const identity = await identities.open(identityId, password);
      const output = await deps.dialog.chooseSavePath({
        title: 'Enregistrer le PDF contresigné',
        defaultName: `${basename(input, extname(input))}-signe.pdf`,
        filters: PDF_FILTER,
      });
      if (output === null) return null;
      if (await samePath(input, output)) {
        throw new UserError('SIGN_SAME_PATH', 'Le fichier signé doit être différent du fichier d’origine : choisissez un autre nom de sortie (par exemple « convention-signee.pdf »).');
      }
      const progress = progressOf(context);
      const { levelNote, ...level } = await levelOptions();
      const { chunks, result: signed } = await sign(await readUserFile(input, 'Le PDF'), {
        identity,
        trustAnchors: await trust.anchors(),
        now: now(),
        onProgress: progress && ((p) => progress({ task: 'sign', ...p })),
        ...level,
      });
      const signature = withLevelNote(signed, levelNote);
      progress?.({ task: 'sign', phase: 'write', done: 0, total: 1 });
      await writeUserFile(output, chunks);
      progress?.({ task: 'sign', phase: 'write', done: 1, total: 1 });
      openedFiles.set(fileId, output);
      return { fileName: basename(output), signature, report: (await verifyReceived(Buffer.concat(chunks))).report };
    },
  };
}
