import type { Lang } from '../i18n/messages';
import { formatFrenchDateTime } from '../i18n/messages';
import { coveredRevisionText } from '../../shared/rules/revision-text';

type SigStatus = 'valid' | 'untrusted' | 'modified' | 'invalid';
type Verdict = SigStatus | 'unsigned';

/*
 * Words of the « Vérifier un PDF » screen, French first; English has the same keys, so a
 * missing translation does not compile.
 */
const fr = {
  heading: 'Vérifier un PDF',
  intro: 'Choisissez un PDF signé : Paraphe vérifie chaque signature (intégrité, certificat, modifications après signature) avec les autorités de confiance que vous avez ajoutées.',
  choose: 'Choisir un PDF…',
  opening: 'Ouverture…',
  back: 'Retour aux conventions',
  cancelled: 'Aucun fichier choisi.',
  file: (name: string) => `Fichier : ${name}`,
  verdictHeading: 'Verdict',
  verdict: { valid: 'Valide', untrusted: 'Valide, signataire non reconnu', modified: 'Modifié après signature', invalid: 'Invalide', unsigned: 'Non signé' } as Record<Verdict, string>,
  status: { valid: 'Valide', untrusted: 'Signataire non reconnu', modified: 'Modifié', invalid: 'Invalide' } as Record<SigStatus, string>,
  signaturesHeading: (n: number) => (n === 0 ? 'Aucune signature' : n === 1 ? '1 signature' : `${n} signatures`),
  signatureTitle: (i: number, field: string) => `Signature ${i} — champ « ${field} »`,
  signer: 'Signataire',
  unknownSigner: 'inconnu',
  signingTime: 'Date de signature (déclarée par le signataire, sans horodatage)',
  revision: 'Révision couverte',
  revisionText: (revision: number, revisions: number, whole: boolean) => coveredRevisionText(revision, revisions, whole, 'fr'),
  notGiven: 'non indiquée',
  integrity: 'Intégrité',
  integrityOk: 'Le contenu signé n’a pas été altéré.',
  integrityKo: 'Le contenu signé a été altéré.',
  trust: 'Confiance',
  disallowed: 'Modifications non autorisées après cette signature',
  problems: 'Problèmes relevés',
  fieldsCaption: 'Champs de signature',
  fieldOrder: 'Ordre',
  fieldName: 'Champ',
  fieldSignatory: 'Signataire prévu',
  fieldState: 'État',
  signed: 'Signé',
  toSign: 'À signer',
  noFields: 'Ce PDF n’a aucun champ de signature : une contresignature en ajoute un.',
  countersignHeading: 'Contresigner',
  identity: 'Identité de signature',
  chooseIdentity: 'Choisissez une identité',
  noIdentity: 'Aucune identité : ajoutez-en une dans « Identités et autorités de confiance »',
  testIdentity: ' — identité de test',
  password: 'Mot de passe de l’identité',
  countersign: 'Contresigner et enregistrer…',
  countersigning: 'Signature en cours…',
  countersigned: (file: string, signer: string) => `Signé par ${signer} et enregistré : ${file}. Le rapport ci-dessus est celui du nouveau fichier.`,
  signedAtLevel: (level: string) => `Niveau de la signature : ${level}.`,
  dateTime: (iso: string) => formatFrenchDateTime(new Date(iso)),
};

/** The shape every language provides. */
export type VerifyMessages = typeof fr;

const en: VerifyMessages = {
  heading: 'Verify a PDF',
  intro: 'Choose a signed PDF: Paraphe checks each signature (integrity, certificate, changes after signing) against the trusted authorities you added.',
  choose: 'Choose a PDF…',
  opening: 'Opening…',
  back: 'Back to agreements',
  cancelled: 'No file chosen.',
  file: (name) => `File: ${name}`,
  verdictHeading: 'Verdict',
  verdict: { valid: 'Valid', untrusted: 'Valid, signer not recognised', modified: 'Changed after signing', invalid: 'Invalid', unsigned: 'Not signed' },
  status: { valid: 'Valid', untrusted: 'Signer not recognised', modified: 'Changed', invalid: 'Invalid' },
  signaturesHeading: (n) => (n === 0 ? 'No signature' : n === 1 ? '1 signature' : `${n} signatures`),
  signatureTitle: (i, field) => `Signature ${i} — field “${field}”`,
  signer: 'Signer',
  unknownSigner: 'unknown',
  signingTime: 'Signing time (claimed by the signer, no timestamp)',
  revision: 'Revision covered',
  revisionText: (revision, revisions, whole) => coveredRevisionText(revision, revisions, whole, 'en'),
  notGiven: 'not given',
  integrity: 'Integrity',
  integrityOk: 'The signed content was not altered.',
  integrityKo: 'The signed content was altered.',
  trust: 'Trust',
  disallowed: 'Changes not allowed after this signature',
  problems: 'Problems found',
  fieldsCaption: 'Signature fields',
  fieldOrder: 'Order',
  fieldName: 'Field',
  fieldSignatory: 'Expected signer',
  fieldState: 'State',
  signed: 'Signed',
  toSign: 'To sign',
  noFields: 'This PDF has no signature field: counter-signing adds one.',
  countersignHeading: 'Counter-sign',
  identity: 'Signing identity',
  chooseIdentity: 'Choose an identity',
  noIdentity: 'No identity: add one in “Identities and trusted authorities”',
  testIdentity: ' — test identity',
  password: 'Identity password',
  countersign: 'Counter-sign and save…',
  countersigning: 'Signing…',
  countersigned: (file, signer) => `Signed by ${signer} and saved: ${file}. The report above is the new file’s.`,
  signedAtLevel: (level) => `Signature level: ${level}.`,
  dateTime: (iso) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
};

/** Dictionaries by language. */
export const verifyMessages: Record<Lang, VerifyMessages> = { fr, en };

/** DSFR badge colour of a status or verdict. */
export function badgeClass(status: Verdict): string {
  return status === 'valid' ? 'fr-badge--success' : status === 'untrusted' ? 'fr-badge--warning' : status === 'unsigned' ? 'fr-badge--info' : 'fr-badge--error';
}
