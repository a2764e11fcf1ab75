import { join } from 'node:path';

/**
 * A stand-in for the `electron` module, recording what the built main process asks of it.
 * The one place where Electron is imitated: test/unit/build/build.test.ts loads the bundle with it.
 */
export function fakeElectron(userData: string) {
  const events = new Map<string, Array<(...args: unknown[]) => unknown>>();
  // The listeners as ipcMain.handle gets them: (event, ...what ipcRenderer.invoke sent after the channel).
  const handlers = new Map<string, (event: unknown, payload: unknown, ...rest: unknown[]) => Promise<unknown>>();
  const windows: Array<{ options: { webPreferences: Record<string, unknown> }; url?: string }> = [];
  const session = {
    permissionRequest: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    permissionCheck: undefined as undefined | (() => boolean),
    headers: undefined as undefined | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
  };
  let menu: unknown;
  const schemes: Array<{ scheme: string; privileges: Record<string, boolean> }> = [];
  const protocols = new Map<string, (request: { url: string; method?: string }) => Promise<Response>>();
  const electron = {
    protocol: {
      registerSchemesAsPrivileged: (list: typeof schemes) => { schemes.push(...list); },
    },
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      on: (name: string, cb: (...args: unknown[]) => unknown) => {
        events.set(name, [...(events.get(name) ?? []), cb]);
      },
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => join(userData, name === 'userData' ? '' : name),
      setPath: () => undefined,
      getVersion: () => '0.1.0',
      quit: () => undefined,
      exit: () => undefined,
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof session.permissionRequest) => { session.permissionRequest = fn; },
        setPermissionCheckHandler: (fn: typeof session.permissionCheck) => { session.permissionCheck = fn; },
        webRequest: { onHeadersReceived: (fn: typeof session.headers) => { session.headers = fn; } },
        protocol: { handle: (scheme: string, fn: (request: { url: string; method?: string }) => Promise<Response>) => { protocols.set(scheme, fn); } },
      },
    },
    ipcMain: { handle: (channel: string, fn: (event: unknown, payload: unknown, ...rest: unknown[]) => Promise<unknown>) => { handlers.set(channel, fn); } },
    BrowserWindow: class {
      record: { options: { webPreferences: Record<string, unknown> }; url?: string };
      constructor(options: { webPreferences: Record<string, unknown> }) {
        this.record = { options };
        windows.push(this.record);
      }
      once() {}
      on() {}
      isMinimized() { return false; }
      focus() {}
      async loadURL(url: string) { this.record.url = url; }
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (m: unknown) => { menu = m; },
    },
    dialog: {
      showMessageBox: async () => ({ response: 0 }),
      showSaveDialog: async () => ({ canceled: true }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    shell: { openPath: async () => '', showItemInFolder: () => undefined },
  };
  return { electron, events, handlers, windows, session, schemes, protocols, menu: () => menu };
}

/** Loads a built main bundle with `electron` answered by `fake`, and waits for its window. */
export async function startBundledMain(bundle: string, fake: ReturnType<typeof fakeElectron>): Promise<void> {
  const { default: Module, createRequire } = await import('node:module');
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  // Only `electron` is intercepted; everything else resolves as it would in the app.
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? fake.electron : original.call(this, request, ...rest);
  };
  try {
    createRequire(import.meta.url)(bundle);
  } finally {
    loader._load = original;
  }
  for (let i = 0; i < 250 && fake.windows.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
}

/** Runs the app's `will-quit` listeners (closing the store releases its lock). */
export async function quitBundledMain(fake: ReturnType<typeof fakeElectron>): Promise<void> {
  let prevented = false;
  for (const cb of fake.events.get('will-quit') ?? []) cb({ preventDefault: () => { prevented = true; } });
  if (!prevented) throw new Error('will-quit did not wait for the store to close');
  await new Promise((r) => setTimeout(r, 200));
}
