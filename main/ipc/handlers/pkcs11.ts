import { UserError } from '../../../shared/errors';
import type { CallContext, HandlersFor } from '../../../shared/ipc/define';
import type { CardIdentityDto, CardModuleDto, pkcs11Channels } from '../../../shared/ipc/channels/pkcs11';
import type { DialogPort } from '../../ports';
import type { ConventionStore } from '../../storage/types';
import { describeCertificate, IdentityStore, Pkcs11ModuleStore, signBytesWith, TrustStore, type OpenedIdentity } from '../../signing';
import { allowsSigning, validAt, weakKey } from '../../signing/crypto/certificate';
import { conventionSigning, type SigningProgress } from '../../signing/convention-signing';
import { signReceived, type ReceivedDeps } from '../../signing/received';
import { levelOptionsFrom, type LevelOptions } from '../../settings/level';
import { discoverModules, exclusive, listTokens, moduleId as idOfPath, withCardSigner, type CardEntry, type CardSigner, type ModuleLocation } from '../../signing/pkcs11/index';
import type { TaskRunner } from '../worker/runner';

/** What the card handlers need: the data folder, the store, main's dialogs. */
export interface Pkcs11HandlerDeps {
  readonly dataDir: string;
  readonly store: ConventionStore;
  readonly dialog: DialogPort;
  readonly now?: () => Date;
  /** Renders the PDF to sign off main's thread; the card signature itself runs here (see below). */
  readonly tasks?: Pick<TaskRunner, 'renderConvention'>;
  /** Where the known middlewares are looked for (tests: an empty list, then their own module). */
  readonly discover?: (userPaths: readonly string[]) => ModuleLocation[];
  /** PDFs opened in main's dialogs, by one-time id: the same map as the signing handlers' (received:open). */
  readonly openedFiles?: Map<string, string>;
  /** The level the settings ask for (tests: a loopback TSA); read from the data folder's settings by default. */
  readonly levelOptions?: () => Promise<LevelOptions>;
}

/** Why a card entry cannot sign, in French; undefined when it can. */
function problemOf(e: CardEntry, now: Date): string | undefined {
  if (!e.certificate) return 'Clé sans certificat sur la carte : elle ne peut pas signer.';
  if (e.privateKey === 'absent') return 'Certificat sans clé privée sur la carte : il ne peut pas signer.';
  if (!validAt(e.certificate, now)) return `Certificat hors de sa période de validité (${describeCertificate(e.certificate).notAfter.slice(0, 10)}).`;
  const short = weakKey(e.certificate);
  if (short) return `Ne peut pas signer : ${short}.`;
  return undefined;
}

/** The entries shown: certificates without a signing key usage are left out (encryption, authentication). */
function identitiesOf(entries: readonly CardEntry[], now: Date): CardIdentityDto[] {
  return entries
    .filter((e) => !e.certificate || allowsSigning(e.certificate))
    .map((e) => {
      const problem = problemOf(e, now);
      return { keyId: e.keyId, label: e.label, certificate: e.certificate && describeCertificate(e.certificate), privateKey: e.privateKey, canSign: !problem, problem };
    });
}

/**
 * The handlers of the card channels. Card signatures run in main's process, not in the worker
 * thread: the card's session and login live in the process that opened them, pkcs11js is then
 * loaded in main only, and a signature is ~10 ms of work plus the card's own time. The PIN is
 * an argument of one call: it is never stored, logged, put in an error or returned.
 */
export function createPkcs11Handlers(deps: Pkcs11HandlerDeps): HandlersFor<typeof pkcs11Channels> {
  const modules = new Pkcs11ModuleStore(deps.dataDir);
  const trust = new TrustStore(deps.dataDir);
  const now = deps.now ?? (() => new Date());
  const discover = deps.discover ?? ((paths: readonly string[]) => discoverModules(paths));
  // Cards sign at the level the settings ask (timestamp, validation data), like stored identities.
  const levelOptions = deps.levelOptions ?? levelOptionsFrom(deps.dataDir);
  const received: ReceivedDeps = { openedFiles: deps.openedFiles ?? new Map(), trustAnchors: () => trust.anchors(), now, levelOptions };

  const locations = async () => discover((await modules.list()).map((m) => m.path));

  /** One module with the tokens it sees now; a module that fails is listed with its error. */
  const describe = (m: ModuleLocation): CardModuleDto => {
    try {
      const tokens = listTokens(m.path).map((t) => ({
        token: t.serial || t.label,
        label: t.label,
        serial: t.serial,
        manufacturer: t.manufacturer,
        model: t.model,
        loginRequired: t.loginRequired,
        protectedAuthPath: t.protectedAuthPath,
        pin: { ...t.pin },
        identities: identitiesOf(t.entries, now()),
      }));
      return { id: m.id, path: m.path, name: m.name, source: m.source, tokens };
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      return { id: m.id, path: m.path, name: m.name, source: m.source, tokens: [], error: { code: e.code, message: e.message } };
    }
  };
  const listAll = async () => {
    const found = await locations();
    return exclusive(() => found.map(describe));
  };

  const locate = async (moduleId: string): Promise<ModuleLocation> => {
    const m = (await locations()).find((l) => l.id === moduleId);
    if (!m) throw new UserError('PKCS11_MODULE_UNKNOWN', 'Ce logiciel de carte n’est plus disponible sur cet ordinateur : rouvrez « Identités » pour voir les cartes présentes, ou ajoutez sa bibliothèque PKCS#11.');
    return m;
  };

  return {
    'pkcs11:list': async () => listAll(),
    'pkcs11:add-module': async () => {
      const path = await deps.dialog.chooseOpenPath({
        title: 'Ajouter le logiciel d’une carte (bibliothèque PKCS#11)',
        filters: [{ name: 'Bibliothèque PKCS#11', extensions: ['so', 'dll', 'dylib'] }],
      });
      if (path === null) return null;
      // Loaded before it is remembered: a file that is not a PKCS#11 library is refused here.
      await exclusive(() => listTokens(path));
      await modules.add(path, now());
      return listAll();
    },
    'pkcs11:remove-module': async ({ moduleId }) => {
      const entry = (await modules.list()).find((m) => idOfPath(m.path) === moduleId);
      if (!entry) throw new UserError('PKCS11_MODULE_UNKNOWN', 'Ce logiciel de carte n’a pas été ajouté dans Paraphe (ceux trouvés sur l’ordinateur ne se retirent pas) : rouvrez « Identités » pour voir la liste à jour.');
      await modules.remove(entry.path);
      return listAll();
    },
    'pkcs11:sign-next': async ({ conventionId, card, pin }, context) => {
      const m = await locate(card.moduleId);
      const progress = progressOf(context);
      return withCardSigner({ modulePath: m.path, token: card.token, keyId: card.keyId, pin }, (signer) =>
        conventionSigning({
          store: deps.store,
          identities: new CardIdentity(deps.dataDir, signer),
          trust,
          now,
          levelOptions,
          ...(deps.tasks ? { renderConvention: deps.tasks.renderConvention } : {}),
          signBytes: (pdf, { identity: _sameCard, ...options }) => signBytesWith(pdf, signer, options),
        }).signNext(conventionId, CARD, '', progress),
      );
    },
    // The card is opened once the field's turn is checked: no PIN is used for a refused signature.
    'pkcs11:sign-received': async ({ fileId, card, pin, fieldName }, context) => {
      const m = await locate(card.moduleId);
      return signReceived(received, {
        fileId,
        fieldName,
        progress: progressOf(context),
        signWith: (bytes, options) => withCardSigner({ modulePath: m.path, token: card.token, keyId: card.keyId, pin }, (signer) => signBytesWith(bytes, signer, options)),
      });
    },
  };
}

/** Progress of a call, sent to the window that asked (nothing when a test calls the handler). */
function progressOf(context: CallContext | undefined): ((p: SigningProgress) => void) | undefined {
  return context && ((p) => context.progress(p));
}

/** The identity id `signNext` is given for a card (it only hands it back to {@link CardIdentity}). */
const CARD = 'card';

/**
 * Hands `conventionSigning().signNext` the card instead of a stored .p12: its `open` returns
 * the card signer, which the `signBytes` above signs with. signNext only passes the identity
 * through to signBytes; it never reads a private key.
 */
class CardIdentity extends IdentityStore {
  constructor(dataDir: string, private readonly signer: CardSigner) {
    super(dataDir);
  }
  override async open(): Promise<OpenedIdentity> {
    return this.signer as unknown as OpenedIdentity;
  }
}
