import type { HandlersFor } from '../../shared/ipc/define';
import { contract } from '../../shared/ipc/contract';
import type { Ports } from '../ports';
import { openStore } from '../storage/index';
import { createConventionHandlers, type ConventionHandlerDeps } from './handlers/conventions';
import { createPdfHandlers } from './handlers/pdf';
import { createSigningHandlers } from './handlers/signing';
import { createDispatch, type Dispatch, type DispatchOptions } from './register';

/** Everything the handlers are built from: the services and the ports. */
export type Services = ConventionHandlerDeps;

/**
 * Opens the services over a data folder. The Electron shell and the browser test harness both
 * start here, so the harness runs the same services the app does.
 */
export async function openServices(ports: Ports): Promise<Services & { close(): Promise<void> }> {
  const store = await openStore(ports.paths.dataDir);
  return { store, ports, close: () => store.close() };
}

/** The whole handler table, one function per contract channel. */
export function createHandlerTable(services: Services): HandlersFor<typeof contract> {
  return {
    ...createConventionHandlers(services),
    ...createPdfHandlers({ store: services.store }),
    ...createSigningHandlers({ dataDir: services.ports.paths.dataDir, store: services.store, dialog: services.ports.dialog, now: services.now }),
  };
}

/** The dispatch function over the whole contract: what ipcMain and the harness both call. */
export function createAppDispatch(services: Services, options: DispatchOptions): { dispatch: Dispatch; handlers: HandlersFor<typeof contract> } {
  const handlers = createHandlerTable(services);
  return { dispatch: createDispatch(contract, handlers, options), handlers };
}
