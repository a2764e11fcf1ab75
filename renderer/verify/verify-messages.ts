import type { Lang } from '../i18n/messages';
import { formatFrenchDateTime } from '../i18n/messages';
import { coveredRevisionText } from '../../shared/rules/revision-text';

type SigStatus = 'valid' | 'untrusted' | 'modified' | 'invalid';
type Verdict = SigStatus | 'unsigned';
type Level = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
type TimestampStatus = 'valid' | 'untrusted' | 'invalid';
type RevocationStatus = 'good' | 'revoked' | 'unknown';

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
  expectedSignatory: 'Signataire prévu',
  expectedText: (name: string, title?: string, party?: string) => `${name}${title ? `, ${title}` : ''}${party ? ` (${party})` : ''}`,
  otherName: (holder: string, expected: string) => `Certificat à un autre nom : signé par ${holder} pour ${expected}.`,
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
  signingTimeClaimed: 'Date déclarée par le signataire',
  level: 'Niveau atteint',
  levelText: {
    'B-B': 'B-B : signature de base. Sans horodatage, rien ne prouve quand elle a été faite ; elle n’est plus vérifiable après l’expiration du certificat.',
    'B-T': 'B-T : un horodatage prouve que la signature existait à cette date.',
    'B-LT': 'B-LT : vérifiable hors ligne après l’expiration du certificat (horodatage et données de révocation joints au document).',
    'B-LTA': 'B-LTA : un horodatage du document scelle aussi les données de révocation ; archivable, sa validité peut être prolongée.',
  } as Record<Level, string>,
  timestamp: 'Horodatage de la signature',
  timestampText: (time: string | undefined, authority: string | undefined) => `${time ? formatFrenchDateTime(new Date(time)) : 'date illisible'}, par « ${authority ?? 'autorité inconnue'} »`,
  timestampStatus: { valid: '', untrusted: ' — autorité d’horodatage non reconnue : l’heure n’est pas prouvée', invalid: ' — horodatage invalide : l’heure n’est pas prouvée' } as Record<TimestampStatus, string>,
  noTimestamp: 'aucun',
  revocation: 'Données de révocation',
  revocationText: (source: 'ocsp' | 'crl', status: RevocationStatus, producedAt: string | undefined) =>
    `${source === 'ocsp' ? 'réponse OCSP' : 'liste de révocation (CRL)'} : ${{ good: 'certificat non révoqué', revoked: 'certificat révoqué', unknown: 'statut du certificat inconnu' }[status]}${producedAt ? `, émise le ${formatFrenchDateTime(new Date(producedAt))}` : ''}`,
  noRevocation: 'aucune jointe au document',
  documentTimestampsHeading: (n: number) => (n === 1 ? '1 horodatage du document' : `${n} horodatages du document`),
  documentTimestampsIntro: 'Un horodatage du document prouve que le fichier, avec ses signatures et ses données de validation, existait à cette date.',
  documentTimestampTitle: (i: number, time: string | undefined, authority: string | undefined) =>
    `Horodatage du document ${i} — ${time ? formatFrenchDateTime(new Date(time)) : 'date illisible'}, ${authority ?? 'autorité inconnue'}`,
  authority: 'Autorité d’horodatage',
  timestampStatusLabel: { valid: 'Valide', untrusted: 'Autorité non reconnue', modified: 'Modifié', invalid: 'Invalide' } as Record<SigStatus, string>,
  extendHeading: 'Prolonger la validité',
  extendIntro: 'Ajoute au document l’état de révocation à jour de chaque certificat et un nouvel horodatage du document (niveau B-LTA), pour qu’il reste vérifiable après l’expiration des certificats. L’autorité d’horodatage des « Réglages de signature » est interrogée ; le PDF d’origine n’est pas modifié, le résultat est enregistré dans un nouveau fichier.',
  extendUntrusted: 'Un certificat de ce document n’est pas reconnu : ajoutez d’abord son autorité dans « Identités et autorités de confiance » si vous la reconnaissez.',
  extend: 'Prolonger la validité…',
  extending: 'Prolongation en cours…',
  extended: (file: string, time: string, authority: string) =>
    `Validité prolongée et enregistrée : ${file} (horodatage du document du ${formatFrenchDateTime(new Date(time))}, ${authority}). Le rapport ci-dessus est celui du nouveau fichier.`,
};

/** « 3 December 2026, 14:05 »: the English screen's dates. */
function enDateTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

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
  expectedSignatory: 'Expected signatory',
  expectedText: (name, title, party) => `${name}${title ? `, ${title}` : ''}${party ? ` (${party})` : ''}`,
  otherName: (holder, expected) => `Certificate in another name: signed by ${holder} for ${expected}.`,
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
  dateTime: enDateTime,
  signingTimeClaimed: 'Time claimed by the signer',
  level: 'Level reached',
  levelText: {
    'B-B': 'B-B: basic signature. Without a timestamp nothing proves when it was made; it can no longer be checked once the certificate expires.',
    'B-T': 'B-T: a timestamp proves the signature existed at that time.',
    'B-LT': 'B-LT: can be checked offline after the certificate expires (timestamp and revocation data inside the document).',
    'B-LTA': 'B-LTA: a document timestamp also seals the revocation data; fit for archiving, its validity can be extended.',
  },
  timestamp: 'Signature timestamp',
  timestampText: (time, authority) => `${time ? enDateTime(time) : 'unreadable time'}, by “${authority ?? 'unknown authority'}”`,
  timestampStatus: { valid: '', untrusted: ' — time-stamping authority not recognised: the time is not proven', invalid: ' — invalid timestamp: the time is not proven' },
  noTimestamp: 'none',
  revocation: 'Revocation data',
  revocationText: (source, status, producedAt) =>
    `${source === 'ocsp' ? 'OCSP response' : 'revocation list (CRL)'}: ${{ good: 'certificate not revoked', revoked: 'certificate revoked', unknown: 'certificate status unknown' }[status]}${producedAt ? `, issued ${enDateTime(producedAt)}` : ''}`,
  noRevocation: 'none in the document',
  documentTimestampsHeading: (n) => (n === 1 ? '1 document timestamp' : `${n} document timestamps`),
  documentTimestampsIntro: 'A document timestamp proves that the file, with its signatures and validation data, existed at that time.',
  documentTimestampTitle: (i, time, authority) => `Document timestamp ${i} — ${time ? enDateTime(time) : 'unreadable time'}, ${authority ?? 'unknown authority'}`,
  authority: 'Time-stamping authority',
  timestampStatusLabel: { valid: 'Valid', untrusted: 'Authority not recognised', modified: 'Changed', invalid: 'Invalid' },
  extendHeading: 'Extend validity',
  extendIntro: 'Adds the current revocation status of each certificate and a new document timestamp (level B-LTA), so that the document can still be checked after its certificates expire. The time-stamping authority of the “Signing settings” is asked; the original PDF is not changed, the result is saved as a new file.',
  extendUntrusted: 'A certificate of this document is not recognised: first add its authority in “Identities and trusted authorities” if you recognise it.',
  extend: 'Extend validity…',
  extending: 'Extending…',
  extended: (file, time, authority) => `Validity extended and saved: ${file} (document timestamp of ${enDateTime(time)}, ${authority}). The report above is the new file’s.`,
};

/** Dictionaries by language. */
export const verifyMessages: Record<Lang, VerifyMessages> = { fr, en };

/** DSFR badge colour of a status or verdict. */
export function badgeClass(status: Verdict): string {
  return status === 'valid' ? 'fr-badge--success' : status === 'untrusted' ? 'fr-badge--warning' : status === 'unsigned' ? 'fr-badge--info' : 'fr-badge--error';
}
