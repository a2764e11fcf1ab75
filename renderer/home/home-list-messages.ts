import type { Lang } from '../i18n/messages';

/*
 * Words of the home list's search, filters, sort, row menu and « À propos » panel, French
 * first; English has the same keys, so a missing translation does not compile.
 */
const fr = {
  columnName: 'Nom court',
  columnTitle: 'Intitulé',
  columnDate: 'Date',
  noDate: 'Non datée',
  search: 'Rechercher',
  searchHint: 'Dans le nom court, l’intitulé et les parties.',
  status: 'État',
  party: 'Partie',
  year: 'Année',
  all: 'Toutes',
  sort: 'Trier par',
  sortUpdated: 'Dernière modification',
  sortTitle: 'Nom court (A → Z)',
  sortDate: 'Date de la convention (récente d’abord)',
  filtersLegend: 'Rechercher et filtrer les conventions',
  shown: (n: number, total: number) => (n === total ? `${total} convention${total > 1 ? 's' : ''}` : `${n} convention${n > 1 ? 's' : ''} sur ${total}`),
  noMatch: 'Aucune convention ne correspond à la recherche ou aux filtres : modifiez-les ou effacez-les.',
  clearFilters: 'Effacer la recherche et les filtres',
  moreActions: 'Autres actions',
  moreActionsFor: (name: string) => `Autres actions pour « ${name} »`,
  openFor: (name: string) => `Ouvrir « ${name} »`,
  about: 'À propos',
  aboutHeading: 'À propos de Paraphe',
  version: 'Version',
  dataFolder: 'Dossier des données',
  dataFolderHint: 'Les conventions, leur historique et les PDF signés y sont enregistrés. Sauvegardez ce dossier pour ne rien perdre.',
  closeAbout: 'Fermer « À propos »',
};

/** The shape every language provides. */
export type HomeListMessages = typeof fr;

const en: HomeListMessages = {
  columnName: 'Short name',
  columnTitle: 'Full title',
  columnDate: 'Date',
  noDate: 'Undated',
  search: 'Search',
  searchHint: 'In the short name, the full title and the parties.',
  status: 'Status',
  party: 'Party',
  year: 'Year',
  all: 'All',
  sort: 'Sort by',
  sortUpdated: 'Last change',
  sortTitle: 'Short name (A → Z)',
  sortDate: 'Agreement date (newest first)',
  filtersLegend: 'Search and filter the agreements',
  shown: (n, total) => (n === total ? `${total} agreement${total > 1 ? 's' : ''}` : `${n} of ${total} agreement${total > 1 ? 's' : ''}`),
  noMatch: 'No agreement matches the search or the filters: change or clear them.',
  clearFilters: 'Clear the search and the filters',
  moreActions: 'More actions',
  moreActionsFor: (name) => `More actions for “${name}”`,
  openFor: (name) => `Open “${name}”`,
  about: 'About',
  aboutHeading: 'About Paraphe',
  version: 'Version',
  dataFolder: 'Data folder',
  dataFolderHint: 'The agreements, their history and the signed PDFs are stored there. Back this folder up to lose nothing.',
  closeAbout: 'Close “About”',
};

/** Dictionaries by language. */
export const homeListMessages: Record<Lang, HomeListMessages> = { fr, en };
