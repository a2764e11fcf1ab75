import { randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import { UserError } from '../../../shared/errors';
import type { HandlersFor } from '../../../shared/ipc/define';
import type { signingChannels } from '../../../shared/ipc/channels/signing';
import type { DialogPort } from '../../ports';
import type { ConventionStore } from '../../storage/types';
import {
  createTestIdentity,
  IdentityStore,
  readUserFile,
  signFile,
  TrustStore,
  verifyPdf,
} from '../../signing';
import { conventionSigning, fieldStates } from '../../signing/convention-signing';

/** What the signing handlers need: the data folder, the store and main's own file dialogs. */
export interface SigningHandlerDeps {
  readonly dataDir: string;
  readonly store: ConventionStore;
  readonly dialog: DialogPort;
  readonly now?: () => Date;
}

const PDF_FILTER = [{ name: 'Document PDF', extensions: ['pdf'] }];

/**
 * The handlers of the signing channels. Passwords are used once and never kept. Paths never
 * come from the renderer: files outside the data folder are chosen in main's dialogs, and a
 * PDF opened for verification is remembered here under a one-time id for its counter-signature.
 */
export function createSigningHandlers(deps: SigningHandlerDeps): HandlersFor<typeof signingChannels> {
  const identities = new IdentityStore(deps.dataDir);
  const trust = new TrustStore(deps.dataDir);
  const now = deps.now ?? (() => new Date());
  const conventions = conventionSigning({ store: deps.store, identities, trust, now });
  const openedFiles = new Map<string, string>();

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
    'signature:prepare': async ({ conventionId }) => conventions.prepare(conventionId),
    'signature:sign-next': async ({ conventionId, identityId, password }) => conventions.signNext(conventionId, identityId, password),
    'signature:verify': async ({ conventionId }) => conventions.verify(conventionId),
    'signature:export': async ({ conventionId }) =>
      conventions.exportSigned(conventionId, (defaultName) =>
        deps.dialog.chooseSavePath({ title: 'Exporter le PDF signé', defaultName, filters: PDF_FILTER }),
      ),
    'pdf-file:open': async () => {
      const path = await deps.dialog.chooseOpenPath({ title: 'Vérifier un PDF', filters: PDF_FILTER });
      if (path === null) return null;
      const bytes = await readUserFile(path, 'Le PDF');
      const report = verifyPdf(bytes, { trustAnchors: await trust.anchors() });
      const fileId = randomUUID();
      openedFiles.set(fileId, path);
      return { fileId, fileName: basename(path), report, fields: fieldStates(bytes) };
    },
    'pdf-file:countersign': async ({ fileId, identityId, password }) => {
      const input = openedFiles.get(fileId);
      if (!input) throw new UserError('pdf-file-unknown', 'Ce PDF n’est plus ouvert : ouvrez-le à nouveau avec « Vérifier un PDF ».');
      const identity = await identities.open(identityId, password);
      const output = await deps.dialog.chooseSavePath({
        title: 'Enregistrer le PDF contresigné',
        defaultName: `${basename(input, extname(input))}-signe.pdf`,
        filters: PDF_FILTER,
      });
      if (output === null) return null;
      const { output: written, ...signature } = await signFile({ input, output, identity, trustAnchors: await trust.anchors(), now: now() });
      const bytes = await readUserFile(written, 'Le PDF signé');
      openedFiles.set(fileId, written);
      return { fileName: basename(written), signature, report: verifyPdf(bytes, { trustAnchors: await trust.anchors() }) };
    },
  };
}
