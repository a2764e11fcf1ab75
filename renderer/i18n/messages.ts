/*
 * Every word the home screen shows, French first. English follows the same keys, so a missing
 * translation is a compile error. Parameterised texts are functions.
 */

const fr = {
  appName: 'Paraphe',
  tagline: 'Rédiger, générer et signer des conventions entre administrations',
  brandTop: 'République\nFrançaise',
  homeTitle: 'Accueil — Paraphe',
  switchLanguage: 'English',
  switchLanguageTitle: 'Switch to English',
  conventionsHeading: 'Conventions',
  trashHeading: 'Corbeille',
  loading: 'Chargement…',
  emptyList: 'Aucune convention pour le moment. Créez-en une à partir d’un modèle ou importez un fichier JSON.',
  emptyTrash: 'La corbeille est vide.',
  columnTitle: 'Titre',
  columnKind: 'Type',
  columnStatus: 'État',
  columnUpdated: 'Dernière modification',
  columnActions: 'Actions',
  kind: { convention: 'Convention', avenant: 'Avenant' } as Record<'convention' | 'avenant', string>,
  status: { draft: 'Brouillon', finalized: 'Finalisée', signing: 'En signature', signed: 'Signée' } as Record<'draft' | 'finalized' | 'signing' | 'signed', string>,
  createHeading: 'Nouvelle convention',
  templateLabel: 'Modèle',
  titleLabel: 'Titre (facultatif)',
  titleHint: 'Laissez vide pour garder le titre du modèle ; vous pourrez le changer ensuite.',
  create: 'Créer',
  creating: 'Création…',
  importLabel: 'Importer un fichier JSON',
  importing: 'Import…',
  open: 'Ouvrir',
  rename: 'Renommer',
  duplicate: 'Dupliquer',
  exportJson: 'Exporter',
  trash: 'Mettre à la corbeille',
  restore: 'Restaurer',
  undo: 'Annuler',
  save: 'Enregistrer',
  cancel: 'Annuler',
  newTitleLabel: (title: string) => `Nouveau titre de « ${title} »`,
  actionsFor: (title: string) => `Actions pour « ${title} »`,
  showTrash: (n: number) => (n > 0 ? `Corbeille (${n})` : 'Corbeille'),
  backToList: 'Retour aux conventions',
  emptyTrashButton: 'Vider la corbeille',
  emptyTrashConfirm: (n: number) => `Supprimer définitivement ${n} convention${n > 1 ? 's' : ''}, avec leur historique et leurs fichiers ? Cette action est irréversible.`,
  emptyTrashConfirmButton: 'Supprimer définitivement',
  created: (title: string) => `« ${title} » a été créée.`,
  renamed: (title: string) => `Convention renommée en « ${title} ».`,
  duplicated: (title: string) => `« ${title} » a été créée.`,
  trashed: (title: string) => `« ${title} » a été placée dans la corbeille.`,
  restored: (title: string) => `« ${title} » a été restaurée.`,
  imported: (title: string) => `« ${title} » a été importée.`,
  exported: (path: string) => `Convention exportée dans ${path}.`,
  exportCancelled: 'Export annulé : aucun fichier n’a été écrit.',
  trashEmptied: (n: number) => `${n} convention${n > 1 ? 's' : ''} supprimée${n > 1 ? 's' : ''} définitivement.`,
  recoveryTitle: 'Des fichiers endommagés ont été réparés au démarrage',
  errorTitle: 'L’action n’a pas abouti',
  close: 'Fermer',
  dataDir: (dir: string) => `Données : ${dir}`,
  version: (v: string) => `Version ${v}`,
  dateTime: (d: Date) => formatFrenchDateTime(d),
};

/** The shape every language provides. */
export type Messages = typeof fr;

const en: Messages = {
  appName: 'Paraphe',
  tagline: 'Draft, generate and sign agreements between administrations',
  brandTop: 'République\nFrançaise',
  homeTitle: 'Home — Paraphe',
  switchLanguage: 'Français',
  switchLanguageTitle: 'Passer en français',
  conventionsHeading: 'Agreements',
  trashHeading: 'Trash',
  loading: 'Loading…',
  emptyList: 'No agreement yet. Create one from a template or import a JSON file.',
  emptyTrash: 'The trash is empty.',
  columnTitle: 'Title',
  columnKind: 'Kind',
  columnStatus: 'Status',
  columnUpdated: 'Last change',
  columnActions: 'Actions',
  kind: { convention: 'Agreement', avenant: 'Amendment' },
  status: { draft: 'Draft', finalized: 'Finalised', signing: 'Being signed', signed: 'Signed' },
  createHeading: 'New agreement',
  templateLabel: 'Template',
  titleLabel: 'Title (optional)',
  titleHint: 'Leave empty to keep the template’s title; you can change it later.',
  create: 'Create',
  creating: 'Creating…',
  importLabel: 'Import a JSON file',
  importing: 'Importing…',
  open: 'Open',
  rename: 'Rename',
  duplicate: 'Duplicate',
  exportJson: 'Export',
  trash: 'Move to trash',
  restore: 'Restore',
  undo: 'Undo',
  save: 'Save',
  cancel: 'Cancel',
  newTitleLabel: (title) => `New title of “${title}”`,
  actionsFor: (title) => `Actions for “${title}”`,
  showTrash: (n) => (n > 0 ? `Trash (${n})` : 'Trash'),
  backToList: 'Back to agreements',
  emptyTrashButton: 'Empty the trash',
  emptyTrashConfirm: (n) => `Delete ${n} agreement${n > 1 ? 's' : ''} for good, with their history and files? This cannot be undone.`,
  emptyTrashConfirmButton: 'Delete for good',
  created: (title) => `“${title}” was created.`,
  renamed: (title) => `Agreement renamed to “${title}”.`,
  duplicated: (title) => `“${title}” was created.`,
  trashed: (title) => `“${title}” was moved to the trash.`,
  restored: (title) => `“${title}” was restored.`,
  imported: (title) => `“${title}” was imported.`,
  exported: (path) => `Agreement exported to ${path}.`,
  exportCancelled: 'Export cancelled: no file was written.',
  trashEmptied: (n) => `${n} agreement${n > 1 ? 's' : ''} deleted for good.`,
  recoveryTitle: 'Damaged files were repaired at start-up',
  errorTitle: 'The action did not complete',
  close: 'Close',
  dataDir: (dir) => `Data: ${dir}`,
  version: (v) => `Version ${v}`,
  dateTime: (d) =>
    new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d),
};

/** The languages of the interface. */
export type Lang = 'fr' | 'en';

/** Dictionaries by language. */
export const messages: Record<Lang, Messages> = { fr, en };

const frDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

/** « 28 novembre 2026 à 14 h 32 », « 1er décembre 2026 à 9 h 05 » (local time). */
export function formatFrenchDateTime(d: Date): string {
  const day = d.getDate() === 1 ? frDate.format(d).replace(/^1 /, '1er ') : frDate.format(d);
  return `${day} à ${d.getHours()} h ${String(d.getMinutes()).padStart(2, '0')}`;
}
