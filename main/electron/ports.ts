import { app, dialog, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { Ports } from '../ports';

/** The real ports: Electron's dialogs, the user-data folder, the OS shell. */
export function electronPorts(getWindow: () => BrowserWindow | null): Ports {
  return {
    dialog: {
      async chooseSavePath({ title, defaultName, filters }) {
        const options = { title, defaultPath: join(app.getPath('documents'), defaultName), filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
        const win = getWindow();
        const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      async chooseOpenPath({ title, filters }) {
        const options = { title, properties: ['openFile' as const], filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
        const win = getWindow();
        const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
    },
    paths: {
      dataDir: join(app.getPath('userData'), 'data'),
      appName: 'Paraphe',
      version: app.getVersion(),
    },
    shell: {
      async openPath(path) {
        const error = await shell.openPath(path);
        if (error) throw new Error(error);
      },
      showItemInFolder(path) {
        shell.showItemInFolder(path);
      },
    },
  };
}
