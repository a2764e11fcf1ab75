import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../../main/electron/menu-template';

const labels = (items: ReturnType<typeof menuTemplate>) => items.map((i) => i.label);

describe('menuTemplate', () => {
  it('is French: Fichier, Édition, Affichage, Aide', () => {
    const menu = menuTemplate({ isPackaged: true, isMac: false, about: () => undefined, openDataDir: () => undefined });
    expect(labels(menu)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
    const all = JSON.stringify(menu);
    for (const english of ['"File"', '"Edit"', '"View"', '"Help"', '"Quit"', '"Undo"']) expect(all).not.toContain(english);
  });

  it('keeps developer tools out of a packaged app', () => {
    const roles = (packaged: boolean) => JSON.stringify(menuTemplate({ isPackaged: packaged, isMac: false, about: () => undefined, openDataDir: () => undefined }));
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('adds the application menu first on macOS, and wires its own items', () => {
    const about = vi.fn();
    const openDataDir = vi.fn();
    const menu = menuTemplate({ isPackaged: true, isMac: true, about, openDataDir });
    expect(labels(menu)).toEqual(['Paraphe', 'Fichier', 'Édition', 'Affichage', 'Aide']);
    const items = menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    const click = (label: string) => (items.find((i) => i.label === label)!.click as () => void)();
    click('Ouvrir le dossier des données');
    click('À propos de Paraphe');
    expect(openDataDir).toHaveBeenCalledOnce();
    // « Réglages de signature… » only when the app gives it its action.
    expect(items.some((i) => i.label === 'Réglages de signature…')).toBe(false);
    const openSettings = vi.fn();
    const withSettings = menuTemplate({ isPackaged: true, isMac: false, about, openDataDir, openSettings }).flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    const item = withSettings.find((i) => i.label === 'Réglages de signature…')!;
    expect(item.accelerator).toBe('CmdOrCtrl+,');
    (item.click as () => void)();
    expect(openSettings).toHaveBeenCalledOnce();
    expect(about).toHaveBeenCalledOnce();
  });
});
