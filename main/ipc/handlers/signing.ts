import type { HandlersFor } from '../../../shared/ipc/define';
import type { signingChannels } from '../../../shared/ipc/channels/signing';
import {
  createTestIdentity,
  findSignatureFields,
  IdentityStore,
  readUserFile,
  signFile,
  TrustStore,
  verifyPdf,
} from '../../signing';
import { PdfFile } from '../../signing/pdf/file';

/** What the signing handlers need: the app data folder (identities and trust list live there). */
export interface SigningHandlerDeps {
  readonly dataDir: string;
  readonly now?: () => Date;
}

/** The handlers of the signing channels. Passwords are used once and never kept. */
export function createSigningHandlers(deps: SigningHandlerDeps): HandlersFor<typeof signingChannels> {
  const identities = new IdentityStore(deps.dataDir);
  const trust = new TrustStore(deps.dataDir);
  const now = deps.now ?? (() => new Date());
  return {
    'identity:list': async () => identities.list(),
    'identity:import-p12': async ({ path, password }) => identities.import(await readUserFile(path, 'Le certificat'), password, now()),
    'identity:create-test': async ({ name, org, password }) => identities.import(createTestIdentity({ name, org, password, now: now() }), password, now()),
    'identity:remove': async ({ id }) => identities.remove(id),
    'trust:list': async () => trust.list(),
    'trust:import': async ({ path }) => trust.import(await readUserFile(path, 'Le certificat'), now()),
    'trust:remove': async ({ id }) => trust.remove(id),
    'signing:fields': async ({ pdfPath }) => {
      const file = PdfFile.open(await readUserFile(pdfPath, 'Le PDF'));
      return findSignatureFields(file).map((f) => ({
        name: f.name,
        order: f.order,
        label: f.label,
        signatoryName: f.signatory?.name,
        signatoryTitle: f.signatory?.title,
        party: f.signatory?.party,
        signed: f.value !== undefined,
        page: f.page,
      }));
    },
    'signing:sign-next-field': async (input) => {
      const identity = await identities.open(input.identityId, input.password);
      return signFile({
        input: input.pdfPath,
        output: input.outputPath,
        identity,
        signatory: input.signatory,
        certify: input.certify,
        trustAnchors: await trust.anchors(),
        now: now(),
      });
    },
    'signing:verify-pdf': async ({ pdfPath }) => verifyPdf(await readUserFile(pdfPath, 'Le PDF'), { trustAnchors: await trust.anchors() }),
  };
}
