import { resolve } from 'node:path';
import type { X509Certificate } from 'node:crypto';
import { isUserError } from '../../../shared/errors';
import { parseArgs } from '../../signing/cli-args';
import { formatReport, parseCertificates, readUserFile, verifyPdf, type VerifyReport } from '../../signing';
import type { CliIo, Command } from '../command';

const USAGE = `Usage : paraphe verify <fichier.pdf> [--trust ca.pem …] [--json]

Vérifie chaque signature du PDF : signataire, date, intégrité, révision couverte,
modifications faites après (seules les signatures suivantes sont permises), et chaîne de
certificats au regard des autorités de confiance données.

Options :
  --trust <fichier>  certificat d'autorité de confiance (PEM ou DER) ; répétable
  --json             rapport au format JSON

Codes de sortie :
  0  toutes les signatures sont valides, de confiance, suivies de modifications permises
  1  sinon (signature invalide, document modifié, certificat non reconnu, aucune signature)
  2  fichier illisible ou qui n'est pas un PDF, ou mauvaise utilisation

Exemple :
  paraphe verify convention-signee.pdf --trust autorite.pem
`;

/** `paraphe verify`: checks every signature of a PDF. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'vérifie les signatures d’un PDF et les modifications faites après chacune',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let args;
    try {
      args = parseArgs(argv, { '--trust': 'trust' }, ['--json'], 'verify');
    } catch (e) {
      io.stderr(`${(e as Error).message}\n`);
      return 2;
    }
    const input = args.positionals[0];
    if (!input || args.positionals.length > 1) {
      io.stderr('Indiquez un seul PDF à vérifier. Voir « paraphe verify --help ».\n');
      return 2;
    }
    let anchors: X509Certificate[] = [];
    let bytes: Buffer;
    try {
      for (const t of args.options.get('trust') ?? []) anchors = anchors.concat(parseCertificates(await readUserFile(resolve(io.cwd, t), 'Le certificat de confiance')));
      bytes = await readUserFile(resolve(io.cwd, input), 'Le PDF');
    } catch (e) {
      if (isUserError(e)) {
        io.stderr(`${e.message}\n`);
        return e.code === 'TRUST_BAD_FILE' ? 1 : 2;
      }
      throw e;
    }
    let report: VerifyReport;
    try {
      report = verifyPdf(bytes, { trustAnchors: anchors });
    } catch (e) {
      if (isUserError(e)) {
        if (args.flags.has('--json')) io.stdout(`${JSON.stringify({ verdict: 'unreadable', error: { code: e.code, message: e.message } }, null, 2)}\n`);
        else io.stderr(`${e.message}\n`);
        return 2;
      }
      throw e;
    }
    io.stdout(args.flags.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.verdict === 'valid' ? 0 : 1;
  },
};
