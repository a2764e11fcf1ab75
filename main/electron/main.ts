import { BrowserWindow, app, dialog, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { UserError } from '../../shared/errors';
import { channelNames } from '../../shared/ipc/channel-names';
import { createAppDispatch, openServices } from '../ipc/handler-table';
import { registerIpc, trustedSender } from '../ipc/register';
import { APP_HOST, APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import { installMenu } from './menu';
import { electronPorts } from './ports';
import { hardenSession, lockDownContents } from './security';

/*
 * The Electron shell, kept thin: one hardened window, the French menu, the IPC handlers
 * registered through main/ipc/register.ts. Everything else lives in services tested in Node.
 */

// While developing, `PARAPHE_DEV_SERVER_URL=http://127.0.0.1:5173 electron .` loads Vite's
// server; a packaged app always loads its own files, on its own scheme (main/electron/app-protocol.ts).
const devServerUrl = !app.isPackaged ? process.env.PARAPHE_DEV_SERVER_URL : undefined;
const rendererDir = join(__dirname, '../renderer');
const rendererUrl = devServerUrl ?? APP_INDEX_URL;
const isOwnPage = trustedSender(devServerUrl ? { origin: devServerUrl } : { app: `${APP_SCHEME}://${APP_HOST}` });
// Before `ready`: a standard, secure scheme behaves like a web origin (modules, workers, fetch).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

// Tests (and a developer) may point the app at a throw-away folder; a packaged app never does.
if (!app.isPackaged && process.env.PARAPHE_USER_DATA_DIR) app.setPath('userData', process.env.PARAPHE_USER_DATA_DIR);

let mainWindow: BrowserWindow | null = null;
let services: Awaited<ReturnType<typeof openServices>> | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Paraphe already holds the data folder: hand over to it and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, isOwnPage));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // Stop the rendering/signing worker thread, finish pending writes and release the data
    // folder before the process ends (services.close does all three).
    const open = services;
    if (!open) return;
    services = null;
    event.preventDefault();
    open.close().catch((e: unknown) => console.error('[paraphe] fermeture du stockage', e)).finally(() => app.quit());
  });
  app.whenReady().then(start).catch(async (e: unknown) => {
    console.error('[paraphe] démarrage impossible', e);
    // A UserError already says, in French, what to do; anything else is unexpected.
    const detail = e instanceof UserError
      ? e.message
      : `Une erreur inattendue s'est produite au démarrage (${e instanceof Error ? e.message : String(e)}). Relancez Paraphe ; si elle se reproduit, signalez-la avec le journal de l'application.`;
    await dialog.showMessageBox({ type: 'error', title: 'Paraphe ne peut pas démarrer', message: 'Paraphe ne peut pas démarrer.', detail, buttons: ['Quitter'] });
    app.exit(1);
  });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, { devServer: devServerUrl !== undefined });
  session.defaultSession.protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
  const ports = electronPorts(() => mainWindow);
  services = await openServices(ports);
  const { store } = services;
  const { dispatch } = createAppDispatch(services, { isTrustedSender: isOwnPage });
  // Progress of long work goes back with event.sender.send: to the window that asked only, tagged with the call's id.
  registerIpc(ipcMain, channelNames, dispatch);
  installMenu({ version: ports.paths.version, dataDir: ports.paths.dataDir, isPackaged: app.isPackaged, isMac: process.platform === 'darwin' });
  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  if (store.recovery) {
    // The home screen shows it too (app:info); a dialog makes sure it is not missed.
    void dialog.showMessageBox(mainWindow, { type: 'warning', title: 'Données réparées au démarrage', message: 'Paraphe a réparé des fichiers endommagés.', detail: store.recovery.message, buttons: ['J’ai compris'] });
  }
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Paraphe',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle-click on a link would otherwise try to open it in a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
  return win;
}
