import type { MenuItemConstructorOptions } from 'electron';

/** What the menu needs to know about the app, and what its own items do. */
export interface MenuContext {
  readonly isPackaged: boolean;
  readonly isMac: boolean;
  readonly about: () => void;
  readonly openDataDir: () => void;
  /** Shows the settings screen (« Réglages de signature… »). */
  readonly openSettings?: () => void;
}

/**
 * The French application menu: Fichier, Édition, Affichage, Aide (and the app menu on macOS).
 * Pure data, so it is tested without Electron; main/electron/menu.ts installs it.
 */
export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Fichier',
      submenu: [
        { label: 'Ouvrir le dossier des données', click: ctx.openDataDir },
        ...(ctx.openSettings ? [{ label: 'Réglages de signature…', accelerator: 'CmdOrCtrl+,', click: ctx.openSettings }] : []),
        { type: 'separator' },
        ctx.isMac ? { role: 'close', label: 'Fermer la fenêtre' } : { role: 'quit', label: 'Quitter', accelerator: 'CmdOrCtrl+Q' },
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
      submenu: [{ label: 'À propos de Paraphe', click: ctx.about }],
    },
  ];
  if (ctx.isMac) {
    template.unshift({
      label: 'Paraphe',
      submenu: [
        { label: 'À propos de Paraphe', click: ctx.about },
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
