import type { HandlersFor } from '../../shared/ipc/define';
import { contract } from '../../shared/ipc/contract';
import type { Ports } from '../ports';
import { openStore } from '../storage/index';
import { createConventionHandlers, type ConventionHandlerDeps } from './handlers/conventions';
import { createPdfHandlers } from './handlers/pdf';
import { createSigningHandlers } from './handlers/signing';
import { createPkcs11Handlers } from './handlers/pkcs11';
import { createWordHandlers } from './handlers/word';
import { createSettingsHandlers } from './handlers/settings';
import { createExtendHandlers } from './handlers/extend';
import { createDispatch, type Dispatch, type DispatchOptions } from './register';
import { WARM_UP_AFTER_MS, workerRunner, type TaskRunner, type WorkerRunnerOptions } from './worker/runner';

/** Everything the handlers are built from: the services, the ports, and where long work runs. */
export type Services = ConventionHandlerDeps & {
  /** Rendering and signing off main's event loop (absent: in this thread). */
  readonly tasks?: TaskRunner;
};

/**
 * Opens the services over a data folder, with a worker thread for rendering and signing,
 * started and warmed up a second later (or at the first such task if it comes sooner). The Electron shell and the browser test harness both
 * start here, so the harness runs the same services the app does. `close` stops the worker
 * and releases the store.
 */
export async function openServices(ports: Ports, options: { worker?: WorkerRunnerOptions } = {}): Promise<Services & { close(): Promise<void> }> {
  const store = await openStore(ports.paths.dataDir);
  const tasks = workerRunner({ warmUpAfterMs: WARM_UP_AFTER_MS, ...options.worker });
  return {
    store,
    ports,
    tasks,
    close: async () => {
      await tasks.close();
      await store.close();
    },
  };
}

/** The whole handler table, one function per contract channel. */
export function createHandlerTable(services: Services): HandlersFor<typeof contract> {
  // A PDF opened in main's dialog (« Signer un document reçu ») is signed with a .p12 or a card.
  const openedFiles = new Map<string, string>();
  return {
    ...createConventionHandlers(services),
    ...createPdfHandlers({ store: services.store, tasks: services.tasks }),
    ...createSigningHandlers({ dataDir: services.ports.paths.dataDir, store: services.store, dialog: services.ports.dialog, now: services.now, tasks: services.tasks, openedFiles }),
    ...createPkcs11Handlers({ dataDir: services.ports.paths.dataDir, store: services.store, dialog: services.ports.dialog, now: services.now, tasks: services.tasks, openedFiles }),
    ...createWordHandlers({ store: services.store, dialog: services.ports.dialog, now: services.now, newId: services.newId }),
    ...createSettingsHandlers({ dataDir: services.ports.paths.dataDir }),
    ...createExtendHandlers({ dataDir: services.ports.paths.dataDir, dialog: services.ports.dialog, now: services.now, tasks: services.tasks, openedFiles }),
  };
}

/** The dispatch function over the whole contract: what ipcMain and the harness both call. */
export function createAppDispatch(services: Services, options: DispatchOptions): { dispatch: Dispatch; handlers: HandlersFor<typeof contract> } {
  const handlers = createHandlerTable(services);
  return { dispatch: createDispatch(contract, handlers, options), handlers };
}
