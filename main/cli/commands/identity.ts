import { resolve } from 'node:path';
import { isUserError } from '../../../shared/errors';
import { parseArgs, passwordFrom } from '../../signing/cli-args';
import { createTestIdentity, describeCertificate, openPkcs12, readUserFile, writeAtomic } from '../../signing';
import type { CliIo, Command } from '../command';

const USAGE = `Usage : paraphe identity <create|show> …

  paraphe identity create --name "Prénom NOM" --org "Organisation" -o identite.p12
      Crée une identité de test (certificat auto-signé marqué « Identité de test ») pour
      répéter la signature. Elle n'a aucune valeur juridique.
  paraphe identity show <identite.p12>
      Affiche le titulaire, l'émetteur, la validité et l'usage du certificat.

Le mot de passe est lu dans PARAPHE_PASSWORD, sinon demandé.

Codes de sortie : 0 succès ; 1 erreur (mot de passe, fichier) ; 2 mauvaise utilisation.
`;

/** `paraphe identity`: create a test identity, show a PKCS#12. */
export const identityCommand: Command = {
  name: 'identity',
  summary: 'crée une identité de test ou affiche un certificat (.p12)',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = argv;
    let args;
    try {
      args = parseArgs(rest, { '--name': 'name', '--org': 'org', '-o': 'output', '--output': 'output' }, [], 'identity');
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
        await writeAtomic(resolve(io.cwd, output), [p12]);
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
      io.stderr('Sous-commande attendue : create ou show. Voir « paraphe identity --help ».\n');
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
