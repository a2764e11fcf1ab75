import { basename, extname } from 'node:path';
import { isUserError, UserError } from '../../../shared/errors';
import type { HandlersFor } from '../../../shared/ipc/define';
import type { extendChannels } from '../../../shared/ipc/channels/signing';
import type { DialogPort } from '../../ports';
import { readUserFile, TrustStore, writeUserFile } from '../../signing';
import { extendPdf } from '../../signing/ltv/extend';
import { samePath } from '../../signing/service';
import type { VerifyReport } from '../../signing/verify/verify-pdf';
import { loadSettings, NETWORK_TIMEOUT_MS } from '../../settings/index';
import type { TaskRunner } from '../worker/runner';
import { verifyTask } from '../worker/tasks';

/** What « Prolonger la validité » needs: the data folder (settings, trust list), main's dialogs, the opened PDFs. */
export interface ExtendHandlerDeps {
  readonly dataDir: string;
  readonly dialog: DialogPort;
  /** PDFs opened with `pdf-file:open`, by one-time id (the signing handlers' map). */
  readonly openedFiles: Map<string, string>;
  /**
   * Where the files are verified (the app's verification thread) and extended (its rendering
   * and signing thread: extendPdf verifies twice); here, in this thread, when absent.
   */
  readonly tasks?: Partial<Pick<TaskRunner, 'verifyBytes' | 'extendPdf'>>;
  readonly now?: () => Date;
  /** Each exchange with the TSA, an OCSP responder or a CRL server (default: the signatures' own). */
  readonly timeoutMs?: number;
}

const PDF_FILTER = [{ name: 'Document PDF', extensions: ['pdf'] }];

/**
 * Why the app will not extend a file, in French, before anything is asked of the network:
 * a new timestamp would seal a defect (the verifier in `extendPdf` refuses it too, in the
 * CLI's words; these are the app's).
 */
function refusal(report: VerifyReport): string | undefined {
  switch (report.verdict) {
    case 'valid':
      return undefined;
    case 'unsigned':
      return 'Ce PDF ne contient aucune signature : il n’y a rien à prolonger.';
    case 'untrusted':
      return 'Ce PDF ne peut pas être prolongé : une signature ou un horodatage n’est pas garanti par une autorité de votre liste de confiance. Si vous reconnaissez cette autorité, ajoutez son certificat dans « Identités et autorités de confiance », puis recommencez.';
    case 'modified':
      return 'Ce PDF ne peut pas être prolongé : il a été modifié après une signature, et un nouvel horodatage scellerait cette modification. Demandez une copie intacte du document signé.';
    default:
      return 'Ce PDF ne peut pas être prolongé : une signature ou un horodatage est invalide (voir le rapport). Demandez une copie intacte du document signé.';
  }
}

/**
 * The handler of `signature:extend`. The TSA, the proxy and the timeout come from the settings
 * (read at each call); the TSA and the revocation services are asked from here, main, never
 * from the renderer. Nothing is written unless every service answered and the result verifies.
 */
export function createExtendHandlers(deps: ExtendHandlerDeps): HandlersFor<typeof extendChannels> {
  const trust = new TrustStore(deps.dataDir);
  const now = deps.now ?? (() => new Date());
  const verify = async (bytes: Buffer) => (deps.tasks?.verifyBytes ? deps.tasks.verifyBytes(bytes, await trust.anchors()) : verifyTask(bytes, await trust.anchors()));

  return {
    'signature:extend': async ({ fileId }) => {
      const input = deps.openedFiles.get(fileId);
      if (!input) throw new UserError('pdf-file-unknown', 'Ce PDF n’est plus ouvert : ouvrez-le à nouveau avec « Vérifier un PDF ».');
      // A damaged settings file is replaced by the defaults (no TSA) by the read that finds it: said here once.
      const { settings, notice } = await loadSettings(deps.dataDir);
      if (!settings.tsaUrl) {
        throw new UserError('EXTEND_NO_TSA', `${notice ? `${notice} ` : ''}Aucune autorité d’horodatage n’est réglée : indiquez son adresse dans « Réglages de signature » (bouton « Réglages » de l’accueil, ou menu Paraphe), puis recommencez.`);
      }
      const bytes = await readUserFile(input, 'Le PDF');
      const refused = refusal((await verify(bytes)).report);
      if (refused) throw new UserError('EXTEND_REFUSED', refused);

      const output = await deps.dialog.chooseSavePath({
        title: 'Enregistrer le PDF à la validité prolongée',
        defaultName: `${basename(input, extname(input))}-archive.pdf`,
        filters: PDF_FILTER,
      });
      if (output === null) return null;
      if (await samePath(input, output)) {
        throw new UserError('EXTEND_SAME_PATH', 'Le PDF prolongé doit être un nouveau fichier : choisissez un autre nom (par exemple « convention-archive.pdf »), l’original reste tel quel.');
      }
      const http = { timeoutMs: deps.timeoutMs ?? NETWORK_TIMEOUT_MS, ...(settings.proxyUrl ? { proxy: settings.proxyUrl } : {}) };
      let extended;
      try {
        const options = { tsa: { url: settings.tsaUrl, ...http }, validationData: http, trustAnchors: await trust.anchors(), now: now() };
        // `bytes` may be moved to the worker: only the returned chunks are used after this.
        extended = await (deps.tasks?.extendPdf ? deps.tasks.extendPdf(bytes, options) : extendPdf(bytes, options));
      } catch (e) {
        // A service that did not answer (or answered badly): say so, and that nothing was written.
        if (isUserError(e) && e.code !== 'EXTEND_REFUSED') throw new UserError(e.code, `Validité non prolongée, aucun fichier écrit. ${e.message}`);
        throw e;
      }
      await writeUserFile(output, extended.chunks);
      // The id now names the written file: it can be extended again later.
      deps.openedFiles.set(fileId, output);
      const { report, fields } = await verify(Buffer.concat(extended.chunks));
      return {
        fileName: basename(output),
        timestamp: { time: extended.timestamp.time, authority: extended.timestamp.authority },
        report,
        fields,
      };
    },
  };
}
