import type { Lang } from '../i18n/messages';

/*
 * Words of the « Identités et autorités de confiance » screen, French first; English has the
 * same keys, so a missing translation does not compile.
 */
const frDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
const enDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

const fr = {
  heading: 'Identités et autorités de confiance',
  back: 'Retour aux conventions',
  identitiesHeading: 'Identités de signature',
  identitiesCaption: 'Identités de signature importées',
  noIdentity: 'Aucune identité. Importez votre certificat (.p12, .pfx) ou créez une identité de test.',
  holder: 'Titulaire',
  organisation: 'Organisation',
  issuer: 'Émis par',
  validity: 'Validité',
  actions: 'Actions',
  testBadge: 'Identité de test',
  validFromTo: (from: string, to: string) => `du ${formatDate(from, 'fr')} au ${formatDate(to, 'fr')}`,
  remove: 'Supprimer',
  removeLabel: (name: string) => `Supprimer l’identité de ${name}`,
  removeConfirm: (name: string) => `Supprimer l’identité de ${name} ? Son certificat et sa clé privée seront effacés de Paraphe ; les documents déjà signés restent valides.`,
  removeConfirmButton: 'Supprimer définitivement',
  cancel: 'Annuler',
  importHeading: 'Importer un certificat (.p12, .pfx)',
  importPassword: 'Mot de passe du fichier',
  importPasswordHint: 'Celui qui protège le fichier : il chiffrera aussi la clé dans Paraphe.',
  importButton: 'Choisir le fichier et importer…',
  createHeading: 'Créer une identité de test',
  createHint: 'Une identité auto-signée pour essayer Paraphe : ses signatures ne sont reconnues par personne.',
  createName: 'Nom et prénom',
  createOrg: 'Organisation',
  createPassword: 'Mot de passe à choisir',
  createButton: 'Créer l’identité de test',
  trustHeading: 'Autorités de confiance',
  trustCaption: 'Certificats d’autorité reconnus lors des vérifications',
  noTrust: 'Aucune autorité de confiance : les signatures seront déclarées « signataire non reconnu ».',
  authority: 'Autorité',
  fingerprint: 'Empreinte SHA-256',
  addedAt: 'Ajoutée le',
  trustImport: 'Ajouter une autorité (PEM, DER)…',
  trustRemoveLabel: (name: string) => `Retirer l’autorité ${name}`,
  trustRemove: 'Retirer',
  trustRemoveConfirm: (name: string) => `Retirer ${name} des autorités de confiance ? Les signatures qu’elle garantit ne seront plus reconnues.`,
  trustRemoveConfirmButton: 'Retirer',
  busy: 'Traitement…',
  cancelled: 'Aucun fichier choisi.',
  imported: (name: string) => `Identité importée : ${name}.`,
  created: (name: string) => `Identité de test créée : ${name}.`,
  removed: (name: string) => `Identité supprimée : ${name}.`,
  trustAdded: (name: string) => `Autorité ajoutée : ${name}.`,
  trustRemoved: (name: string) => `Autorité retirée : ${name}.`,
  date: (iso: string) => formatDate(iso, 'fr'),
};

/** The shape every language provides. */
export type IdentitiesMessages = typeof fr;

const en: IdentitiesMessages = {
  heading: 'Identities and trusted authorities',
  back: 'Back to agreements',
  identitiesHeading: 'Signing identities',
  identitiesCaption: 'Imported signing identities',
  noIdentity: 'No identity. Import your certificate (.p12, .pfx) or create a test identity.',
  holder: 'Holder',
  organisation: 'Organisation',
  issuer: 'Issued by',
  validity: 'Validity',
  actions: 'Actions',
  testBadge: 'Test identity',
  validFromTo: (from, to) => `from ${formatDate(from, 'en')} to ${formatDate(to, 'en')}`,
  remove: 'Delete',
  removeLabel: (name) => `Delete the identity of ${name}`,
  removeConfirm: (name) => `Delete the identity of ${name}? Its certificate and private key will be erased from Paraphe; documents already signed stay valid.`,
  removeConfirmButton: 'Delete for good',
  cancel: 'Cancel',
  importHeading: 'Import a certificate (.p12, .pfx)',
  importPassword: 'File password',
  importPasswordHint: 'The one protecting the file: it will also encrypt the key inside Paraphe.',
  importButton: 'Choose the file and import…',
  createHeading: 'Create a test identity',
  createHint: 'A self-signed identity to try Paraphe: nobody recognises its signatures.',
  createName: 'Full name',
  createOrg: 'Organisation',
  createPassword: 'Password to choose',
  createButton: 'Create the test identity',
  trustHeading: 'Trusted authorities',
  trustCaption: 'Authority certificates recognised when verifying',
  noTrust: 'No trusted authority: signatures will be reported as “signer not recognised”.',
  authority: 'Authority',
  fingerprint: 'SHA-256 fingerprint',
  addedAt: 'Added on',
  trustImport: 'Add an authority (PEM, DER)…',
  trustRemoveLabel: (name) => `Remove the authority ${name}`,
  trustRemove: 'Remove',
  trustRemoveConfirm: (name) => `Remove ${name} from the trusted authorities? The signatures it vouches for will no longer be recognised.`,
  trustRemoveConfirmButton: 'Remove',
  busy: 'Working…',
  cancelled: 'No file chosen.',
  imported: (name) => `Identity imported: ${name}.`,
  created: (name) => `Test identity created: ${name}.`,
  removed: (name) => `Identity deleted: ${name}.`,
  trustAdded: (name) => `Authority added: ${name}.`,
  trustRemoved: (name) => `Authority removed: ${name}.`,
  date: (iso) => formatDate(iso, 'en'),
};

/** Dictionaries by language. */
export const identitiesMessages: Record<Lang, IdentitiesMessages> = { fr, en };

/** « 1er décembre 2026 » / « 1 December 2026 »; the raw text when it is not a date. */
function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (lang === 'en') return enDate.format(d);
  const text = frDate.format(d);
  return d.getDate() === 1 ? text.replace(/^1 /, '1er ') : text;
}
