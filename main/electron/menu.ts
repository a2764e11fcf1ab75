import { Menu, dialog, shell, type MenuItemConstructorOptions } from 'electron';

/** What the menu needs to know about the app. */
export interface MenuContext {
  readonly version: string;
  readonly dataDir: string;
  readonly isPackaged: boolean;
  readonly isMac: boolean;
}

/** The French application menu: Fichier, Édition, Affichage, Aide. */
export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const about = async () => {
    await dialog.showMessageBox({
      type: 'info',
      title: 'À propos de Paraphe',
      message: `Paraphe ${ctx.version}`,
      detail: `Rédiger, générer et signer des conventions entre administrations, hors ligne.\n\nDonnées : ${ctx.dataDir}`,
      buttons: ['Fermer'],
    });
  };
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Fichier',
      submenu: [
        { label: 'Ouvrir le dossier des données', click: () => void shell.openPath(ctx.dataDir) },
        { type: 'separator' },
        ctx.isMac ? { role: 'close', label: 'Fermer la fenêtre' } : { role: 'quit', label: 'Quitter' },
      ],
    },
    {
      label: 'Édition',
      submenu: [
        { role: 'undo', label: 'Annuler' },
        { role: 'redo', label: 'Rétablir' },
        { type: 'separator' },
        { role: 'cut', label: 'Couper' },
        { role: 'copy', label: 'Copier' },
        { role: 'paste', label: 'Coller' },
        { role: 'selectAll', label: 'Tout sélectionner' },
      ],
    },
    {
      label: 'Affichage',
      submenu: [
        { role: 'reload', label: 'Recharger' },
        { type: 'separator' },
        { role: 'resetZoom', label: 'Taille réelle' },
        { role: 'zoomIn', label: 'Zoom avant' },
        { role: 'zoomOut', label: 'Zoom arrière' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Plein écran' },
        // Developer tools only while developing: a packaged app keeps them closed.
        ...(ctx.isPackaged ? [] : [{ role: 'toggleDevTools', label: 'Outils de développement' } as const]),
      ],
    },
    {
      label: 'Aide',
      submenu: [{ label: 'À propos de Paraphe', click: () => void about() }],
    },
  ];
  if (ctx.isMac) {
    template.unshift({
      label: 'Paraphe',
      submenu: [
        { label: 'À propos de Paraphe', click: () => void about() },
        { type: 'separator' },
        { role: 'hide', label: 'Masquer Paraphe' },
        { role: 'hideOthers', label: 'Masquer les autres' },
        { role: 'unhide', label: 'Tout afficher' },
        { type: 'separator' },
        { role: 'quit', label: 'Quitter Paraphe' },
      ],
    });
  }
  return template;
}

/** Installs the French menu. */
export function installMenu(ctx: MenuContext): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(ctx)));
}
