import type { SigningLevel, UrlProblem } from '../../shared/ipc/channels/settings';
import type { Lang } from '../i18n/messages';

/*
 * Words of the « Réglages de signature » screen, French first; English has the same keys, so a
 * missing translation does not compile. Messages from main (a refused address, a TSA that does
 * not answer) are French whatever the language, as everywhere in Paraphe.
 */
const frTime = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Paris' });
const enTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Paris' });

const fr = {
  open: 'Réglages',
  openTitle: 'Réglages de signature : horodatage, proxy, niveau',
  heading: 'Réglages de signature',
  intro: 'Une signature horodatée reste vérifiable après l’expiration de votre certificat. L’horodatage demande le réseau : Paraphe interroge l’autorité au moment de signer, et seulement alors.',
  back: 'Retour aux conventions',
  loading: 'Chargement des réglages…',
  tsaLabel: 'Adresse de l’autorité d’horodatage (TSA)',
  tsaHint: 'Par exemple https://horodatage.exemple.gouv.fr/tsa. Laissez vide pour signer sans horodatage (niveau B-B).',
  proxyLabel: 'Proxy HTTP (facultatif)',
  proxyHint: 'Par exemple http://proxy.exemple.gouv.fr:3128. Un identifiant s’écrit http://identifiant:mot-de-passe@proxy:3128 ; il n’est jamais réaffiché (« *** »).',
  levelLegend: 'Niveau de signature',
  levelHint: 'Les niveaux B-T et au-delà demandent une autorité d’horodatage.',
  levels: {
    'B-B': { label: 'B-B : signature simple', hint: 'La date est celle de l’ordinateur ; la signature ne se vérifie plus une fois le certificat expiré.' },
    'B-T': { label: 'B-T : signature horodatée', hint: 'Une autorité atteste l’heure de la signature.' },
    'B-LT': { label: 'B-LT : horodatage et données de révocation', hint: 'Les réponses OCSP ou listes de révocation sont ajoutées au PDF : vérifiable hors ligne, des années plus tard.' },
    'B-LTA': { label: 'B-LTA : archivage à long terme', hint: 'Un horodatage du document entier s’ajoute à B-LT.' },
  } satisfies Record<SigningLevel, { label: string; hint: string }>,
  notYet: (highest: string) => ` Pas encore disponible dans cette version : la signature sera faite au niveau ${highest}.`,
  offlineLegend: 'Quand l’autorité d’horodatage ne répond pas',
  offlineFallback: 'Signer en B-B avec une mention visible',
  offlineFallbackHint: 'La signature est faite sans horodatage et Paraphe vous le dit.',
  offlineRefuse: 'Refuser de signer',
  offlineRefuseHint: 'Rien n’est signé : réessayez quand le réseau est revenu.',
  save: 'Enregistrer les réglages',
  saving: 'Enregistrement…',
  saved: 'Réglages enregistrés.',
  test: 'Tester l’horodatage',
  testing: 'Interrogation de l’autorité…',
  tested: (time: string, authority: string, ms: number) => `Horodatage reçu : ${formatTime(time, 'fr')}, délivré par « ${authority} » (réponse en ${ms.toLocaleString('fr-FR')} ms).`,
  urlProblems: {
    'not-url': 'Ce n’est pas une adresse web : écrivez-la en entier, par exemple https://horodatage.exemple.gouv.fr/tsa.',
    scheme: 'L’adresse doit commencer par http:// ou https:// (un proxy s’indique en http://).',
    credentials: 'L’adresse de l’autorité ne doit pas contenir d’identifiant ni de mot de passe : retirez la partie « nom:secret@ ».',
    'too-long': 'L’adresse est trop longue (2 000 caractères au plus) : vérifiez ce qui a été collé.',
  } satisfies Record<UrlProblem, string>,
  needsTsa: 'Ce niveau ajoute un horodatage : indiquez l’adresse d’une autorité d’horodatage, ou choisissez le niveau B-B.',
  errorHeading: 'Les réglages n’ont pas été enregistrés',
};

/** The shape every language provides. */
export type SettingsMessages = typeof fr;

const en: SettingsMessages = {
  open: 'Settings',
  openTitle: 'Signing settings: timestamping, proxy, level',
  heading: 'Signing settings',
  intro: 'A timestamped signature can still be verified once your certificate has expired. Timestamping needs the network: Paraphe asks the authority when you sign, and only then.',
  back: 'Back to conventions',
  loading: 'Loading the settings…',
  tsaLabel: 'Time-stamping authority (TSA) address',
  tsaHint: 'For example https://horodatage.exemple.gouv.fr/tsa. Leave empty to sign without a timestamp (level B-B).',
  proxyLabel: 'HTTP proxy (optional)',
  proxyHint: 'For example http://proxy.exemple.gouv.fr:3128. A user name is written http://user:password@proxy:3128; it is never shown again (« *** »).',
  levelLegend: 'Signature level',
  levelHint: 'Levels B-T and above need a time-stamping authority.',
  levels: {
    'B-B': { label: 'B-B: basic signature', hint: 'The date is the computer’s; the signature can no longer be verified once the certificate has expired.' },
    'B-T': { label: 'B-T: timestamped signature', hint: 'An authority vouches for the time of signing.' },
    'B-LT': { label: 'B-LT: timestamp and revocation data', hint: 'OCSP responses or revocation lists are added to the PDF: verifiable offline, years later.' },
    'B-LTA': { label: 'B-LTA: long-term archiving', hint: 'A timestamp of the whole document is added to B-LT.' },
  },
  notYet: (highest: string) => ` Not available in this version yet: the signature will be made at level ${highest}.`,
  offlineLegend: 'When the time-stamping authority does not answer',
  offlineFallback: 'Sign at B-B with a visible note',
  offlineFallbackHint: 'The signature is made without a timestamp and Paraphe tells you so.',
  offlineRefuse: 'Refuse to sign',
  offlineRefuseHint: 'Nothing is signed: try again once the network is back.',
  save: 'Save settings',
  saving: 'Saving…',
  saved: 'Settings saved.',
  test: 'Test timestamping',
  testing: 'Asking the authority…',
  tested: (time: string, authority: string, ms: number) => `Timestamp received: ${formatTime(time, 'en')}, issued by « ${authority} » (answered in ${ms.toLocaleString('en-GB')} ms).`,
  urlProblems: {
    'not-url': 'This is not a web address: write it in full, for example https://horodatage.exemple.gouv.fr/tsa.',
    scheme: 'The address must start with http:// or https:// (a proxy is written http://).',
    credentials: 'The authority’s address must not contain a user name or password: remove the « name:secret@ » part.',
    'too-long': 'The address is too long (2,000 characters at most): check what was pasted.',
  },
  needsTsa: 'This level adds a timestamp: enter the address of a time-stamping authority, or choose level B-B.',
  errorHeading: 'The settings were not saved',
};

export const settingsMessages: Record<Lang, SettingsMessages> = { fr, en };

function formatTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : (lang === 'fr' ? frTime : enTime).format(d);
}
