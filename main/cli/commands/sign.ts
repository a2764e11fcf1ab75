import { resolve } from 'node:path';
import { isUserError } from '../../../shared/errors';
import { parseArgs, passwordFrom } from '../../signing/cli-args';
import { openPkcs12, parseCertificates, readUserFile, signFile } from '../../signing';
import type { CliIo, Command } from '../command';

const USAGE = `Usage : paraphe sign <entrée.pdf> --p12 <identité.p12> -o <sortie.pdf> [options]

Signe le PDF d'une convention avec votre certificat (signature PAdES, ajoutée au fichier
sans modifier les signatures déjà présentes). Remplit le champ du signataire suivant, dans
l'ordre prévu ; un PDF fait ailleurs reçoit un nouveau champ visible sur sa dernière page.

Options :
  --p12 <fichier>         votre certificat avec sa clé privée (.p12 ou .pfx)
  -o, --output <fichier>  le PDF signé à écrire (différent de l'entrée)
  --signatory <N|nom>     le champ à signer : numéro d'ordre (1, 2…) ou nom du signataire
  --trust <ca.pem>        certificat d'autorité de confiance, pour contrôler votre chaîne
  --no-certify            ne pas certifier le document à la première signature
  --certify               certifier le document (première signature seulement)

Le mot de passe du certificat est lu dans PARAPHE_PASSWORD, sinon demandé.
Le fichier de sortie n'est écrit que si tout a réussi.

Codes de sortie : 0 signé ; 1 erreur (mot de passe, certificat, PDF, ordre) ; 2 mauvaise utilisation.

Exemple :
  paraphe sign convention.pdf --p12 brice.huet.p12 --signatory 1 -o convention-signee-1.pdf
`;

/** `paraphe sign`: signs the next (or the chosen) signatory's field. */
export const signCommand: Command = {
  name: 'sign',
  summary: 'signe le PDF d’une convention avec un certificat (.p12), dans l’ordre des signataires',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let args;
    try {
      args = parseArgs(argv, { '--p12': 'p12', '-o': 'output', '--output': 'output', '--signatory': 'signatory', '--trust': 'trust' }, ['--no-certify', '--certify'], 'sign');
    } catch (e) {
      io.stderr(`${(e as Error).message}\n`);
      return 2;
    }
    const input = args.positionals[0];
    const p12 = args.options.get('p12')?.[0];
    const output = args.options.get('output')?.[0];
    if (!input || !p12 || !output || args.positionals.length > 1) {
      io.stderr('Indiquez le PDF à signer, --p12 et -o. Voir « paraphe sign --help ».\n');
      return 2;
    }
    try {
      const p12Bytes = await readUserFile(resolve(io.cwd, p12), 'Le certificat');
      const anchors = [];
      for (const t of args.options.get('trust') ?? []) anchors.push(...parseCertificates(await readUserFile(resolve(io.cwd, t), 'Le certificat de confiance')));
      const password = await passwordFrom(io, `Mot de passe de ${p12} : `);
      const identity = openPkcs12(p12Bytes, password);
      const s = args.options.get('signatory')?.[0];
      const signatory = s === undefined ? undefined : /^\d+$/.test(s) ? Number(s) : s;
      const certify = args.flags.has('--no-certify') ? false : args.flags.has('--certify') ? true : undefined;
      const r = await signFile({ input: resolve(io.cwd, input), output: resolve(io.cwd, output), identity, signatory, certify, trustAnchors: anchors });
      io.stdout(`Signé par ${r.signerName} : champ « ${r.fieldName} »${r.newField ? ' (ajouté sur la dernière page)' : ''}${r.certified ? ', document certifié (seuls remplissage et signatures restent permis)' : ''}.\n`);
      io.stdout(`Fichier écrit : ${output}\n`);
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
