import { resolve } from 'node:path';
import { isUserError } from '../../../shared/errors';
import { parseArgs, passwordFrom, pinFrom } from '../../signing/cli-args';
import { createTestIdentity, describeCertificate, openPkcs12, readUserFile, writeUserFile } from '../../signing';
import { allowsSigning, weakKey } from '../../signing/crypto/certificate';
import { listTokens, tokenSummary, type TokenListing } from '../../signing/pkcs11/index';
import type { CliIo, Command } from '../command';

const USAGE = `Usage : paraphe identity <create|show|list> …

  paraphe identity create --name "Prénom NOM" --org "Organisation" -o identite.p12
      Crée une identité de test (certificat auto-signé marqué « Identité de test ») pour
      répéter la signature. Elle n'a aucune valeur juridique.
  paraphe identity show <identite.p12>
      Affiche le titulaire, l'émetteur, la validité et l'usage du certificat.
  paraphe identity list --pkcs11 <module> [--token <libellé>]
      Liste les cartes et jetons vus par la bibliothèque PKCS#11 de votre carte (par exemple
      /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so), et pour chacun les certificats de
      signature avec leur clé (identifiant et libellé à donner à « paraphe sign --pkcs11 »).

Le mot de passe est lu dans PARAPHE_PASSWORD, sinon demandé. Le code PIN d'une carte qui le
demande pour montrer ses clés est lu dans PARAPHE_PIN, sinon demandé.

Codes de sortie : 0 succès ; 1 erreur (mot de passe, fichier) ; 2 mauvaise utilisation.
`;

/** `paraphe identity`: create a test identity, show a PKCS#12. */
export const identityCommand: Command = {
  name: 'identity',
  summary: 'crée une identité de test, affiche un certificat (.p12) ou liste les clés d’une carte',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = argv;
    let args;
    try {
      args = parseArgs(rest, { '--name': 'name', '--org': 'org', '-o': 'output', '--output': 'output', '--pkcs11': 'pkcs11', '--token': 'token' }, [], 'identity');
    } catch (e) {
      io.stderr(`${(e as Error).message}\n`);
      return 2;
    }
    try {
      if (sub === 'create') {
        const name = args.options.get('name')?.[0];
        const org = args.options.get('org')?.[0];
        const output = args.options.get('output')?.[0];
        if (!name || !org || !output) {
          io.stderr('Indiquez --name, --org et -o. Voir « paraphe identity --help ».\n');
          return 2;
        }
        const password = await passwordFrom(io, 'Mot de passe de la nouvelle identité : ');
        const p12 = createTestIdentity({ name, org, password });
        await writeUserFile(resolve(io.cwd, output), [p12], { private: true });
        const d = describeCertificate(openPkcs12(p12, password).certificate);
        io.stdout(`Identité de test créée : ${d.commonName} (${d.organization ?? org}), valable jusqu’au ${d.notAfter.slice(0, 10)}.\nFichier : ${output}\nEmpreinte SHA-256 : ${d.sha256Fingerprint}\n`);
        return 0;
      }
      if (sub === 'show') {
        const file = args.positionals[0];
        if (!file) {
          io.stderr('Indiquez le fichier .p12 à afficher.\n');
          return 2;
        }
        const bytes = await readUserFile(resolve(io.cwd, file), 'Le certificat');
        const id = openPkcs12(bytes, await passwordFrom(io, `Mot de passe de ${file} : `));
        const d = describeCertificate(id.certificate);
        io.stdout([
          `Titulaire : ${d.subject}`,
          `Émetteur : ${d.issuer}${d.selfSigned ? ' (auto-signé)' : ''}`,
          `Validité : du ${d.notBefore} au ${d.notAfter}`,
          `Usage de la clé : ${d.keyUsage.join(', ') || 'non précisé'}`,
          `Clé : ${d.keyType}`,
          `Empreinte SHA-256 : ${d.sha256Fingerprint}`,
          `Chaîne incluse : ${id.chain.length} certificat(s)`,
        ].join('\n') + '\n');
        return 0;
      }
      if (sub === 'list') {
        const card = args.options.get('pkcs11')?.[0];
        if (!card) {
          io.stderr('Indiquez la bibliothèque PKCS#11 de votre carte : --pkcs11 <module>. Voir « paraphe identity --help ».\n');
          return 2;
        }
        const modulePath = resolve(io.cwd, card);
        const token = args.options.get('token')?.[0];
        let listings: TokenListing[];
        try {
          // Private keys are usually hidden until the PIN is given: ask it only when the token needs one.
          const t = tokenSummary(modulePath, token);
          const pin = t.loginRequired && !t.protectedAuthPath ? await pinFrom(io, `Code PIN de la carte « ${t.label} » (pour voir ses clés) : `) : undefined;
          listings = listTokens(modulePath, { pin, token: token ?? (t.serial || t.label) });
        } catch (e) {
          // Several cards and none chosen: list them all without a PIN; --token shows one's keys.
          if ((e as { code?: unknown }).code !== 'PKCS11_TOKEN_AMBIGUOUS') throw e;
          listings = listTokens(modulePath);
          io.stderr('Plusieurs cartes sont présentes : leurs clés privées ne sont vérifiées qu’avec --token <libellé>.\n');
        }
        io.stdout(`Module : ${modulePath}\n${listings.map(formatToken).join('\n')}`);
        return 0;
      }
      io.stderr('Sous-commande attendue : create, show ou list. Voir « paraphe identity --help ».\n');
      return 2;
    } catch (e) {
      if (isUserError(e)) {
        io.stderr(`${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};

/** One token and its signing certificates, as `identity list --pkcs11` prints them. */
function formatToken(t: TokenListing): string {
  const lines = [`Carte « ${t.label} » — ${t.manufacturer} ${t.model}, n° ${t.serial}${t.pin.locked ? ' — BLOQUÉE' : t.pin.finalTry ? ' — dernier essai de code PIN' : t.pin.countLow ? ' — peu d’essais de code PIN restants' : ''}`];
  let hidden = 0;
  for (const e of t.entries) {
    if (e.certificate && !allowsSigning(e.certificate)) {
      hidden++;
      continue;
    }
    const head = `  --key-id ${e.keyId || '(vide)'}${e.label ? `  --key-label "${e.label}"` : ''}`;
    if (!e.certificate) {
      lines.push(`${head}\n      clé sans certificat sur la carte : ne peut pas signer`);
      continue;
    }
    const d = describeCertificate(e.certificate);
    const key = e.privateKey === 'found' ? 'clé privée présente' : e.privateKey === 'unknown' ? 'clé privée non vérifiée (code PIN non donné)' : 'certificat sans clé privée : ne peut pas signer';
    const short = weakKey(e.certificate);
    lines.push(`${head}\n      ${d.commonName}${d.organization ? ` (${d.organization})` : ''}, émis par ${d.issuerCommonName}\n      valable du ${d.notBefore.slice(0, 10)} au ${d.notAfter.slice(0, 10)} ; usage : ${d.keyUsage.join(', ') || 'non précisé'} ; clé ${d.keyType} ; ${key}${short ? ` ; ne peut pas signer : ${short}` : ''}`);
  }
  if (t.entries.length === hidden) lines.push('  aucun certificat de signature sur cette carte');
  if (hidden > 0) lines.push(`  (${hidden} certificat(s) sans usage de signature non affiché(s))`);
  return `${lines.join('\n')}\n`;
}
