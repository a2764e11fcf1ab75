import { displayText } from '../../../shared/rules/display-text';
import { resolve } from 'node:path';
import type { X509Certificate } from 'node:crypto';
import { isUserError } from '../../../shared/errors';
import { parseArgs, passwordFrom, pinFrom } from '../../signing/cli-args';
import { openPkcs12, parseCertificates, readUserFile, signFile, signFileWith, type SignFileResult } from '../../signing';
import { tokenSummary, withCardSigner } from '../../signing/pkcs11/index';
import type { CliIo, Command } from '../command';

const USAGE = `Usage : paraphe sign <entrée.pdf> --p12 <identité.p12> -o <sortie.pdf> [options]
       paraphe sign <entrée.pdf> --pkcs11 <module> [--token <libellé>] (--key-label <libellé> | --key-id <hex>) -o <sortie.pdf> [options]

Signe le PDF d'une convention avec votre certificat (signature PAdES, ajoutée au fichier
sans modifier les signatures déjà présentes). Remplit le champ du signataire suivant, dans
l'ordre prévu ; un PDF fait ailleurs reçoit un nouveau champ visible sur sa dernière page.

Options :
  --p12 <fichier>         votre certificat avec sa clé privée (.p12 ou .pfx)
  --pkcs11 <module>       ou votre carte d'agent / jeton USB : la bibliothèque PKCS#11 de son
                          logiciel (par exemple /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so)
  --token <libellé>       la carte à utiliser (libellé ou numéro de série), si plusieurs sont insérées
  --key-label <libellé>   la clé de signature de la carte, par son libellé…
  --key-id <hex>          … ou par son identifiant (voir « paraphe identity list --pkcs11 »)
  -o, --output <fichier>  le PDF signé à écrire (différent de l'entrée)
  --signatory <N|nom>     le champ à signer : numéro d'ordre (1, 2…) ou nom du signataire
  --trust <ca.pem>        certificat d'autorité de confiance, pour contrôler votre chaîne
  --no-certify            ne pas certifier le document à la première signature
  --certify               certifier le document (première signature seulement)
  --tsa <url>             horodater la signature auprès de cette autorité d'horodatage
                          (RFC 3161) : niveau PAdES B-T, la signature reste vérifiable après
                          l'expiration de votre certificat ; exige --trust avec l'autorité qui
                          a émis le certificat de l'horodatage
  --level <niveau>        B-B (sans horodatage, par défaut sans --tsa), B-T (par défaut
                          avec --tsa), B-LT (avec --tsa : l'état de révocation de votre
                          certificat est demandé avant de signer, par OCSP ou liste de
                          révocation, puis ajouté au PDF pour une vérification hors ligne)
                          ou B-LTA (B-LT puis un horodatage du document, à renouveler avec
                          « paraphe extend » pour l'archivage)
  --proxy <url>           passer par ce proxy HTTP (http://[nom:secret@]hôte:port) pour
                          l'autorité d'horodatage et les services de révocation

Le mot de passe du certificat est lu dans PARAPHE_PASSWORD, sinon demandé ; le code PIN de
la carte dans PARAPHE_PIN, sinon demandé (jamais affiché ni conservé ; aucun avec un lecteur
à clavier). Le fichier de sortie n'est écrit que si tout a réussi.

Avec --tsa, l'autorité d'horodatage est interrogée par le réseau (10 s au plus) : si elle
ne répond pas, ou mal, rien n'est écrit. En B-LT, de même pour les répondeurs OCSP et les
listes de révocation ; un certificat révoqué n'est pas utilisé pour signer.

Codes de sortie : 0 signé ; 1 erreur (mot de passe, certificat, PDF, ordre) ; 2 mauvaise utilisation.

Exemples :
  paraphe sign convention.pdf --p12 brice.huet.p12 --signatory 1 -o convention-signee-1.pdf
  paraphe sign convention.pdf --p12 brice.huet.p12 --trust autorite.pem \\
      --tsa https://horodatage.exemple.gouv.fr/tsa -o convention-signee-1.pdf
  paraphe sign convention-signee-1.pdf --pkcs11 /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so \\
      --key-label "Signature" --signatory 2 -o convention-signee-2.pdf
`;

/** `paraphe sign`: signs the next (or the chosen) signatory's field. */
export const signCommand: Command = {
  name: 'sign',
  summary: 'signe le PDF d’une convention avec un certificat (.p12) ou une carte, dans l’ordre des signataires',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let args;
    try {
      args = parseArgs(argv, {
        '--p12': 'p12', '-o': 'output', '--output': 'output', '--signatory': 'signatory', '--trust': 'trust',
        '--pkcs11': 'pkcs11', '--token': 'token', '--key-label': 'keyLabel', '--key-id': 'keyId',
        '--tsa': 'tsa', '--level': 'level', '--proxy': 'proxy',
      }, ['--no-certify', '--certify'], 'sign');
    } catch (e) {
      io.stderr(`${(e as Error).message}\n`);
      return 2;
    }
    const input = args.positionals[0];
    const p12 = args.options.get('p12')?.[0];
    const output = args.options.get('output')?.[0];
    const card = args.options.get('pkcs11')?.[0];
    const keyLabel = args.options.get('keyLabel')?.[0];
    const keyId = args.options.get('keyId')?.[0];
    const token = args.options.get('token')?.[0];
    if (!input || !output || args.positionals.length > 1 || (p12 === undefined) === (card === undefined)) {
      io.stderr('Indiquez le PDF à signer, -o et soit --p12, soit --pkcs11. Voir « paraphe sign --help ».\n');
      return 2;
    }
    if (card !== undefined && (keyLabel === undefined) === (keyId === undefined)) {
      io.stderr('Avec --pkcs11, indiquez la clé de signature : --key-label <libellé> ou --key-id <hex> (voir « paraphe identity list --pkcs11 <module> »).\n');
      return 2;
    }
    if (card === undefined && (token ?? keyLabel ?? keyId) !== undefined) {
      io.stderr('--token, --key-label et --key-id vont avec --pkcs11. Voir « paraphe sign --help ».\n');
      return 2;
    }
    const tsa = args.options.get('tsa')?.[0];
    const level = args.options.get('level')?.[0] ?? (tsa ? 'B-T' : 'B-B');
    if (level !== 'B-B' && level !== 'B-T' && level !== 'B-LT' && level !== 'B-LTA') {
      io.stderr(`Niveau « ${level} » inconnu : indiquez B-B, B-T, B-LT ou B-LTA. Voir « paraphe sign --help ».\n`);
      return 2;
    }
    if ((level !== 'B-B') !== (tsa !== undefined)) {
      io.stderr(level !== 'B-B' ? `Le niveau ${level} exige une autorité d’horodatage : ajoutez --tsa <url>.\n` : 'Le niveau B-B ne demande pas d’horodatage : retirez --tsa, ou choisissez --level B-T.\n');
      return 2;
    }
    const proxy = args.options.get('proxy')?.[0];
    if (proxy !== undefined && tsa === undefined) {
      io.stderr('--proxy sert à joindre l’autorité d’horodatage : ajoutez --tsa <url>, ou retirez --proxy.\n');
      return 2;
    }
    if (tsa !== undefined && (args.options.get('trust') ?? []).length === 0) {
      io.stderr('Avec --tsa, indiquez avec --trust le certificat de l’autorité qui a émis celui de l’horodatage : Paraphe le contrôle avant de l’inclure.\n');
      return 2;
    }
    try {
      const anchors: X509Certificate[] = [];
      for (const t of args.options.get('trust') ?? []) anchors.push(...parseCertificates(await readUserFile(resolve(io.cwd, t), 'Le certificat de confiance')));
      const s = args.options.get('signatory')?.[0];
      const signatory = s === undefined ? undefined : /^\d+$/.test(s) ? Number(s) : s;
      const certify = args.flags.has('--no-certify') ? false : args.flags.has('--certify') ? true : undefined;
      const files = { input: resolve(io.cwd, input), output: resolve(io.cwd, output), signatory, certify, trustAnchors: anchors, timestamp: tsa ? { url: tsa, ...(proxy ? { proxy } : {}) } : undefined, validationData: level === 'B-LT' || level === 'B-LTA' ? (proxy ? { proxy } : {}) : undefined, archiveTimestamp: level === 'B-LTA' };
      let r: SignFileResult;
      if (card !== undefined) {
        const modulePath = resolve(io.cwd, card);
        const t = tokenSummary(modulePath, token);
        // A reader with its own keypad takes the PIN itself: nothing is asked here.
        const pin = t.loginRequired && !t.protectedAuthPath ? await pinFrom(io, `Code PIN de la carte « ${t.label} » : `) : undefined;
        if (t.protectedAuthPath) io.stderr(`Saisissez le code PIN sur le clavier du lecteur de la carte « ${t.label} ».\n`);
        r = await withCardSigner({ modulePath, token, keyLabel, keyId, pin }, (signer) => signFileWith(signer, files));
      } else {
        const p12Bytes = await readUserFile(resolve(io.cwd, p12!), 'Le certificat');
        const password = await passwordFrom(io, `Mot de passe de ${p12} : `);
        r = await signFile({ ...files, identity: openPkcs12(p12Bytes, password) });
      }
      io.stdout(`Signé par ${r.signerName} : champ « ${r.fieldName} »${r.newField ? ' (ajouté sur la dernière page)' : ''}${r.certified ? ', document certifié (seuls remplissage et signatures restent permis)' : ''}.\n`);
      if (r.timestamp) io.stdout(`Horodatée par « ${r.timestamp.authority} » le ${r.timestamp.time} (PAdES ${r.level}).\n`);
      if (r.level === 'B-LT' || r.level === 'B-LTA') io.stdout('Données de validation (certificats, état de révocation) ajoutées au document : il reste vérifiable hors ligne.\n');
      if (r.documentTimestamp) io.stdout(`Document horodaté par « ${r.documentTimestamp.authority} » le ${r.documentTimestamp.time} : à renouveler avec « paraphe extend » avant l’expiration du certificat de l’autorité.\n`);
      io.stdout(`Fichier écrit : ${output}\n`);
      if (r.onBehalfOf) io.stderr(displayText(`Attention : ce champ est prévu pour ${r.onBehalfOf}, et votre certificat est au nom de ${r.signerName} ; le cachet l’indique (« pour ${r.onBehalfOf} »). Si vous ne signiez pas à sa place, ne transmettez pas ce fichier : signez le champ à votre nom (--signatory).`) + '\n');
      if (anchors.length > 0 && r.trust !== 'trusted') io.stderr(`Attention : ${r.trustMessage}\n`);
      return 0;
    } catch (e) {
      if (isUserError(e)) {
        io.stderr(`${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
