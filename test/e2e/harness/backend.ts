import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandlersFor } from '../../../shared/ipc/define';
import type { contract } from '../../../shared/ipc/contract';
import { createAppDispatch, openServices, type Services } from '../../../main/ipc/handler-table';
import { trustedSender, type Dispatch, type Push } from '../../../main/ipc/register';
import type { DialogPort, Ports } from '../../../main/ports';

/**
 * Scripted answers for main's file dialogs. By default « Enregistrer sous » answers a path
 * in `exportsDir` named as the app suggests, and « Ouvrir » answers « cancelled ».
 */
export class ScriptedDialogs implements DialogPort {
  private readonly saves: Array<string | null> = [];
  private readonly opens: Array<string | null> = [];
  /** Every dialog the app asked for, in order (title and suggested name). */
  readonly asked: Array<{ kind: 'save' | 'open'; title: string; defaultName?: string }> = [];

  constructor(private readonly exportsDir: string) {}

  /** The next « Enregistrer sous » answers `path` (null: the user cancels). */
  nextSavePath(path: string | null): void {
    this.saves.push(path);
  }

  /** The next « Ouvrir » answers `path` (null: the user cancels). */
  nextOpenPath(path: string | null): void {
    this.opens.push(path);
  }

  async chooseSavePath(options: { title: string; defaultName: string }): Promise<string | null> {
    this.asked.push({ kind: 'save', title: options.title, defaultName: options.defaultName });
    if (this.saves.length > 0) return this.saves.shift() ?? null;
    return join(this.exportsDir, options.defaultName);
  }

  async chooseOpenPath(options: { title: string }): Promise<string | null> {
    this.asked.push({ kind: 'open', title: options.title });
    return this.opens.length > 0 ? (this.opens.shift() ?? null) : null;
  }
}

/** One line of {@link Backend.ipc}: a call as dispatch received it, or a message dispatch pushed back. */
export type IpcRecord =
  | { readonly kind: 'call'; readonly channel: string; readonly callId: unknown }
  | { readonly kind: 'push'; readonly channel: string; readonly payload: unknown };

/** The real main-process side of the app, over a temp data folder. */
export interface Backend {
  /** Temp root holding `data/` and `exports/`. */
  readonly root: string;
  readonly dataDir: string;
  readonly exportsDir: string;
  readonly dialogs: ScriptedDialogs;
  /** Files the app asked the OS to open. */
  readonly opened: string[];
  readonly services: Services;
  /** The handler table ipcMain would register (call it directly to set up state). */
  readonly handlers: HandlersFor<typeof contract>;
  /** The same dispatch ipcMain runs: sender check, zod parse, handler, Result. */
  readonly dispatch: Dispatch;
  /** What went through `dispatch`, in order: each call (with the call id the page sent) and each push. */
  readonly ipc: IpcRecord[];
  close(options?: { keep?: boolean }): Promise<void>;
}

/** Opens the services as the Electron shell does, trusting only `origin` as sender. */
export async function startBackend(options: { origin: string; root?: string; version?: string }): Promise<Backend> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'paraphe-e2e-')));
  const dataDir = join(root, 'data');
  const exportsDir = join(root, 'exports');
  await mkdir(exportsDir, { recursive: true });
  const dialogs = new ScriptedDialogs(exportsDir);
  const opened: string[] = [];
  const ports: Ports = {
    dialog: dialogs,
    paths: { dataDir, appName: 'Paraphe', version: options.version ?? '0.0.0-test' },
    shell: {
      openPath: async (path) => {
        opened.push(path);
      },
      showItemInFolder: (path) => {
        opened.push(path);
      },
    },
  };
  const services = await openServices(ports);
  const errors: unknown[] = [];
  const app = createAppDispatch(services, {
    isTrustedSender: trustedSender({ origin: options.origin }),
    log: (message, error) => errors.push({ message, error }),
  });
  const { handlers } = app;
  const ipc: IpcRecord[] = [];
  // Only watches: every argument reaches the app's dispatch unchanged.
  const dispatch: Dispatch = (channel, payload, frameUrl, push, callId) => {
    ipc.push({ kind: 'call', channel, callId });
    const watched: Push | undefined = push && ((name, message) => {
      ipc.push({ kind: 'push', channel: name, payload: message });
      push(name, message);
    });
    return app.dispatch(channel, payload, frameUrl, watched, callId);
  };
  return {
    root,
    dataDir,
    exportsDir,
    dialogs,
    opened,
    services,
    handlers,
    dispatch,
    ipc,
    close: async (closeOptions) => {
      await services.close();
      if (!closeOptions?.keep && options.root === undefined) await rm(root, { recursive: true, force: true });
    },
  };
}
