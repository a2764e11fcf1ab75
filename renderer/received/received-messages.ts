import { formatFrenchDateTime, type Lang } from '../i18n/messages';

/*
 * The words of « Signer un document reçu », French first; English has the same keys (a missing
 * translation does not compile). Names, file names and main's messages are shown as they are.
 */

const fr = {
  heading: 'Signer un document reçu',
  back: 'Retour aux conventions',
  intro: 'Ouvrez le PDF qu’on vous a envoyé pour signature. Paraphe montre le document, vérifie les signatures déjà apposées et indique à qui c’est le tour. Le document signé est enregistré à côté du fichier reçu, sous le nom « … – signé par {n} {Nom}.pdf » : le fichier reçu n’est jamais modifié.',
  open: 'Ouvrir le PDF reçu…',
  opening: 'Ouverture…',
  cancelled: 'Aucun fichier choisi.',
  file: (name: string) => `Document : ${name}`,
  turnHeading: 'À qui le tour ?',
  turn: (order: number | undefined, name: string) => (order ? `C’est au tour de ${name} (signataire ${order}) de signer.` : `Prochain champ à signer : ${name}.`),
  allSigned: 'Toutes les signatures prévues sur ce document sont apposées : il n’y a plus rien à signer. Renvoyez-le à son rédacteur.',
  notParaphe: 'Ce PDF n’a pas été préparé par Paraphe : ses champs n’ont pas d’ordre de signature. Choisissez le champ où signer.',
  noEmptyField: 'Ce PDF n’a pas de champ de signature vide : un champ sera ajouté sur sa dernière page.',
  fieldLabel: 'Champ à signer',
  fieldHint: 'Le prochain dans l’ordre est choisi ; un champ dont le tour n’est pas venu est refusé.',
  fieldOption: (order: number | undefined, name: string) => (order ? `${order}. ${name}` : name),
  signHeading: 'Signer',
  signButton: 'Signer et enregistrer à côté du fichier reçu',
  signing: 'Signature en cours…',
  signed: (file: string, signer: string, onBehalfOf?: string) => `Signé par ${signer}${onBehalfOf ? ` pour ${onBehalfOf}` : ''} et enregistré à côté du document reçu : ${file}.`,
  sendBack: 'Renvoyez ce fichier signé à la personne qui vous l’a envoyé.',
  level: (level: string) => `Niveau de la signature : ${level}.`,
  verificationHeading: 'Signatures déjà apposées',
  documentHeading: 'Le document',
  zoomOut: 'Réduire',
  zoomIn: 'Agrandir',
  zoomOutTitle: 'Réduire l’affichage des pages',
  zoomInTitle: 'Agrandir l’affichage des pages',
  zoomLevel: (percent: number) => `Zoom : ${percent} %`,
  documentLabel: (name: string) => `Pages du document ${name}`,
  identity: 'Identité de signature',
  chooseIdentity: 'Choisissez une identité',
  noIdentity: 'Aucune identité : importez la vôtre dans « Identités et autorités de confiance »',
  testIdentitySuffix: ' — identité de test',
  identityPassword: 'Mot de passe de l’identité',
  otherHolder: (holder: string, expected: string) =>
    `Ce certificat est au nom de ${holder}, et ce champ est prévu pour ${expected}. Si vous ne signez pas à sa place (intérim, délégation), choisissez votre propre identité ou le champ à votre nom.`,
  sentOn: (iso: string) => formatFrenchDateTime(new Date(iso)),
};

export type ReceivedMessages = typeof fr;

const en: ReceivedMessages = {
  heading: 'Sign a received document',
  back: 'Back to agreements',
  intro: 'Open the PDF you were sent for signature. Paraphe shows the document, verifies the signatures already in it and says whose turn it is. The signed document is saved next to the received file, named « … – signé par {n} {Name}.pdf » (signed by): the received file is never changed.',
  open: 'Open the received PDF…',
  opening: 'Opening…',
  cancelled: 'No file chosen.',
  file: (name) => `Document: ${name}`,
  turnHeading: 'Whose turn is it?',
  turn: (order, name) => (order ? `It is ${name}’s turn to sign (signatory ${order}).` : `Next field to sign: ${name}.`),
  allSigned: 'Every signature planned on this document has been applied: there is nothing left to sign. Send it back to its drafter.',
  notParaphe: 'This PDF was not prepared by Paraphe: its fields have no signing order. Choose the field to sign.',
  noEmptyField: 'This PDF has no empty signature field: one will be added on its last page.',
  fieldLabel: 'Field to sign',
  fieldHint: 'The next one in order is chosen; a field whose turn has not come is refused.',
  fieldOption: (order, name) => (order ? `${order}. ${name}` : name),
  signHeading: 'Sign',
  signButton: 'Sign and save next to the received file',
  signing: 'Signing…',
  signed: (file, signer, onBehalfOf) => `Signed by ${signer}${onBehalfOf ? ` on behalf of ${onBehalfOf}` : ''} and saved next to the received document: ${file}.`,
  sendBack: 'Send this signed file back to the person who sent it to you.',
  level: (level: string) => `Signature level: ${level}.`,
  verificationHeading: 'Signatures already applied',
  documentHeading: 'The document',
  zoomOut: 'Zoom out',
  zoomIn: 'Zoom in',
  zoomOutTitle: 'Show the pages smaller',
  zoomInTitle: 'Show the pages larger',
  zoomLevel: (percent) => `Zoom: ${percent}%`,
  documentLabel: (name) => `Pages of the document ${name}`,
  identity: 'Signing identity',
  chooseIdentity: 'Choose an identity',
  noIdentity: 'No identity: import yours in « Identities and trusted authorities »',
  testIdentitySuffix: ' — test identity',
  identityPassword: 'Identity password',
  otherHolder: (holder: string, expected: string) =>
    `This certificate is in the name of ${holder}, and this field is meant for ${expected}. Unless you sign on their behalf (interim, delegation), choose your own identity or the field in your name.`,
  sentOn: (iso) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso)),
};

export const receivedMessages: Record<Lang, ReceivedMessages> = { fr, en };
