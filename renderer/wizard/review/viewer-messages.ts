import type { Lang } from '../../i18n/messages';

/* Words of the PDF viewer's toolbar and thumbnails, French first; English has the same keys. */
const fr = {
  toolbar: 'Affichage du document',
  zoomOut: 'Zoom arrière',
  zoomIn: 'Zoom avant',
  zoomLevel: (percent: number) => `Zoom : ${percent} %`,
  fitWidth: 'Ajuster à la largeur',
  thumbnails: 'Miniatures des pages',
  showThumbnails: 'Afficher les miniatures',
  hideThumbnails: 'Masquer les miniatures',
  goToPage: (n: number, count: number) => `Aller à la page ${n} sur ${count}`,
  signingDocument: 'Le document à signer',
  signedDocument: 'Le document signé',
  signingDocumentHint: 'Tel qu’il est signé : chaque signature s’ajoute à ce PDF sans en changer le contenu.',
  signingDocumentLabel: (label: string) => `Document en signature : ${label}`,
  loadingDocument: 'Chargement du document…',
};

/** The shape every language provides. */
export type ViewerMessages = typeof fr;

const en: ViewerMessages = {
  toolbar: 'Document view',
  zoomOut: 'Zoom out',
  zoomIn: 'Zoom in',
  zoomLevel: (percent) => `Zoom: ${percent}%`,
  fitWidth: 'Fit to width',
  thumbnails: 'Page thumbnails',
  showThumbnails: 'Show thumbnails',
  hideThumbnails: 'Hide thumbnails',
  goToPage: (n, count) => `Go to page ${n} of ${count}`,
  signingDocument: 'The document to sign',
  signedDocument: 'The signed document',
  signingDocumentHint: 'As it is signed: each signature is added to this PDF without changing its content.',
  signingDocumentLabel: (label) => `Document being signed: ${label}`,
  loadingDocument: 'Loading the document…',
};

/** Dictionaries by language. */
export const viewerMessages: Record<Lang, ViewerMessages> = { fr, en };
