import { BrowserWindow, Menu, dialog, shell } from 'electron';
import { NAVIGATE_CHANNEL } from '../../shared/ipc/push';
import { menuTemplate } from './menu-template';

/** Installs the French menu (main/electron/menu-template.ts) with its real actions. */
export function installMenu(ctx: { version: string; dataDir: string; isPackaged: boolean; isMac: boolean }): void {
  const about = () => {
    void dialog.showMessageBox({
      type: 'info',
      title: 'À propos de Paraphe',
      message: `Paraphe ${ctx.version}`,
      detail: `Rédiger, générer et signer des conventions entre administrations, hors ligne.\n\nDonnées : ${ctx.dataDir}`,
      buttons: ['Fermer'],
    });
  };
  const openDataDir = () => {
    void shell.openPath(ctx.dataDir);
  };
  // The window shows the screen itself (renderer/App.tsx listens with onNavigate).
  const openSettings = () => {
    const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    win?.webContents.send(NAVIGATE_CHANNEL, { to: 'settings' });
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isPackaged: ctx.isPackaged, isMac: ctx.isMac, about, openDataDir, openSettings })));
}
