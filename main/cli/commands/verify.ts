import { basename, resolve } from 'node:path';
import type { X509Certificate } from 'node:crypto';
import { isUserError } from '../../../shared/errors';
import { parseArgs } from '../../signing/cli-args';
// The verifier's own modules, not main/signing's index: verify loads neither node-forge nor the signer.
import { parseCertificates } from '../../signing/crypto/certificate';
import { readUserFile } from '../../signing/files';
import { readHashed } from '../../signing/verify/read-hashed';
import { formatReport } from '../../signing/report-text';
import { verifyPdf, type VerifyOptions, type VerifyReport } from '../../signing/verify/verify-pdf';
import { prefixSha256, signedCopyProblems } from '../../signing/signed-copy';
import type { CliIo, Command } from '../command';

const USAGE = `Usage : paraphe verify <fichier.pdf> [--trust ca.pem …] [--against finalise.pdf] [--json]

Vérifie chaque signature du PDF : signataire, date, intégrité, révision couverte,
modifications faites après (seules les signatures suivantes sont permises), et chaîne de
certificats au regard des autorités de confiance données.

Les révisions sont numérotées comme dans les lecteurs de PDF : la révision 1 est le document
tel qu'il a été enregistré la première fois, chaque signature en ajoute une. Sans horodatage,
la date d'une signature n'est que déclarée : le certificat est vérifié à la date du jour.

Options :
  --trust <fichier>    certificat d'autorité de confiance (PEM ou DER) ; répétable
  --against <fichier>  le PDF finalisé dont le fichier doit être issu : sa première version
                       doit lui être identique à l'octet près, seules des signatures suivent
  --json               rapport au format JSON

Codes de sortie :
  0  toutes les signatures sont valides, de confiance, suivies de modifications permises
  1  sinon (signature invalide, document modifié, certificat non reconnu, aucune signature,
     ou, avec --against, fichier qui n'est pas issu du PDF finalisé donné)
  2  fichier illisible ou qui n'est pas un PDF, ou mauvaise utilisation

Exemples :
  paraphe verify convention-signee.pdf --trust autorite.pem
  paraphe verify convention-signee.pdf --trust autorite.pem --against convention-finalisee.pdf
`;

/** `paraphe verify`: checks every signature of a PDF. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'vérifie les signatures d’un PDF et les modifications faites après chacune',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let args;
    try {
      args = parseArgs(argv, { '--trust': 'trust', '--against': 'against' }, ['--json'], 'verify');
    } catch (e) {
      io.stderr(`${(e as Error).message}\n`);
      return 2;
    }
    const input = args.positionals[0];
    if (!input || args.positionals.length > 1) {
      io.stderr('Indiquez un seul PDF à vérifier. Voir « paraphe verify --help ».\n');
      return 2;
    }
    const againstArgs = args.options.get('against') ?? [];
    if (againstArgs.length > 1) {
      io.stderr('Indiquez un seul PDF finalisé avec --against. Voir « paraphe verify --help ».\n');
      return 2;
    }
    let anchors: X509Certificate[] = [];
    let bytes: Buffer;
    let prefixHash: VerifyOptions['prefixHash'];
    let against: Buffer | undefined;
    try {
      for (const t of args.options.get('trust') ?? []) anchors = anchors.concat(parseCertificates(await readUserFile(resolve(io.cwd, t), 'Le certificat de confiance')));
      ({ bytes, prefixHash } = await readHashed(resolve(io.cwd, input), 'Le PDF'));
      if (againstArgs[0] !== undefined) against = await readUserFile(resolve(io.cwd, againstArgs[0]), 'Le PDF finalisé');
    } catch (e) {
      if (isUserError(e)) {
        io.stderr(`${e.message}\n`);
        return e.code === 'TRUST_BAD_FILE' ? 1 : 2;
      }
      throw e;
    }
    let report: VerifyReport;
    try {
      report = verifyPdf(bytes, { trustAnchors: anchors, prefixHash });
    } catch (e) {
      if (isUserError(e)) {
        if (args.flags.has('--json')) io.stdout(`${JSON.stringify({ verdict: 'unreadable', error: { code: e.code, message: e.message } }, null, 2)}\n`);
        else io.stderr(`${e.message}\n`);
        return 2;
      }
      throw e;
    }
    if (against === undefined) {
      io.stdout(args.flags.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      return report.verdict === 'valid' ? 0 : 1;
    }
    // --against: this file must be the given finalized PDF plus signatures and allowed changes only.
    const name = basename(againstArgs[0]!);
    const problems = signedCopyProblems(bytes, { length: against.length, sha256: prefixSha256(against, against.length) }, report, name);
    if (args.flags.has('--json')) {
      io.stdout(`${JSON.stringify({ ...report, against: { file: name, descends: problems.length === 0, problems } }, null, 2)}\n`);
    } else {
      io.stdout(formatReport(report));
      if (problems.length === 0) io.stdout(`\nIssu de « ${name} » : sa première version est identique à l’octet près ; seules des signatures ont été ajoutées.\n`);
      else io.stderr(`${problems.join('\n')}\n`);
    }
    return problems.length === 0 && report.verdict === 'valid' ? 0 : 1;
  },
};
