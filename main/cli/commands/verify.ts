import { basename, resolve } from 'node:path';
import type { X509Certificate } from 'node:crypto';
import { isUserError } from '../../../shared/errors';
import { parseArgs } from '../../signing/cli-args';
// The verifier's own modules, not main/signing's index: verify loads neither node-forge nor the signer.
import { parseCertificates } from '../../signing/crypto/certificate';
import { readUserFile } from '../../signing/files';
import { readHashed } from '../../signing/verify/read-hashed';
import { formatReport } from '../../signing/report-text';
import { displayText } from '../../../shared/rules/display-text';
import { verifyPdf, type VerifyOptions, type VerifyReport } from '../../signing/verify/verify-pdf';
import { prefixSha256, signedCopyProblems } from '../../signing/signed-copy';
import type { CliIo, Command } from '../command';

const USAGE = `Usage : paraphe verify <fichier.pdf> [--trust ca.pem …] [--against finalise.pdf] [--json]
       paraphe verify <fichier.pdf> <fichier.pdf> … [--trust ca.pem …] [--json]

Vérifie chaque signature du PDF : signataire, date, intégrité, révision couverte,
modifications faites après (seules les signatures suivantes sont permises), et chaîne de
certificats au regard des autorités de confiance données.

Les révisions sont numérotées comme dans les lecteurs de PDF : la révision 1 est le document
tel qu'il a été enregistré la première fois, chaque signature en ajoute une. Sans horodatage,
la date d'une signature n'est que déclarée : le certificat est vérifié à la date du jour.

Plusieurs fichiers (un dossier entier : paraphe verify dossier/*.pdf) : une ligne par
fichier avec son verdict, puis le compte ; --json donne la liste des rapports.

Options :
  --trust <fichier>    certificat d'autorité de confiance (PEM ou DER) ; répétable
  --against <fichier>  le PDF finalisé dont le fichier doit être issu : sa première version
                       doit lui être identique à l'octet près, seules des signatures suivent
  --json               rapport au format JSON

Codes de sortie :
  0  toutes les signatures sont valides, de confiance, suivies de modifications permises
  1  sinon (signature invalide, document modifié, certificat non reconnu, aucune signature,
     ou, avec --against, fichier qui n'est pas issu du PDF finalisé donné)
  2  fichier illisible ou qui n'est pas un PDF (l'un d'eux, pour plusieurs), ou mauvaise utilisation

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
    if (!input) {
      io.stderr('Indiquez le PDF à vérifier (ou plusieurs). Voir « paraphe verify --help ».\n');
      return 2;
    }
    const againstArgs = args.options.get('against') ?? [];
    if (againstArgs.length > 1) {
      io.stderr('Indiquez un seul PDF finalisé avec --against. Voir « paraphe verify --help ».\n');
      return 2;
    }
    if (againstArgs.length > 0 && args.positionals.length > 1) {
      io.stderr('--against compare un seul PDF signé à son PDF finalisé : vérifiez les fichiers un par un. Voir « paraphe verify --help ».\n');
      return 2;
    }
    let anchors: X509Certificate[] = [];
    try {
      for (const t of args.options.get('trust') ?? []) anchors = anchors.concat(parseCertificates(await readUserFile(resolve(io.cwd, t), 'Le certificat de confiance')));
    } catch (e) {
      if (isUserError(e)) {
        io.stderr(`${e.message}\n`);
        return e.code === 'TRUST_BAD_FILE' ? 1 : 2;
      }
      throw e;
    }
    if (args.positionals.length > 1) return verifyMany(args.positionals, anchors, args.flags.has('--json'), io);
    let bytes: Buffer;
    let prefixHash: VerifyOptions['prefixHash'];
    let against: Buffer | undefined;
    try {
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

/** What one file of several gave: its report, or why it could not be read. */
type Outcome = { readonly file: string; readonly report: VerifyReport } | { readonly file: string; readonly error: { readonly code: string; readonly message: string } };

/** Short words for a verdict, on the one line a file gets among several. */
const VERDICT_WORDS: Record<VerifyReport['verdict'], string> = {
  valid: 'valide',
  untrusted: 'intact, certificat non reconnu',
  modified: 'modifié après signature',
  invalid: 'signature invalide',
  unsigned: 'aucune signature',
};

/**
 * Several files in one process (a folder checked by a script): one line each, in the order
 * given, then the count; the worst exit code wins (2 unreadable, 1 not valid, 0 all valid).
 */
async function verifyMany(files: readonly string[], anchors: X509Certificate[], json: boolean, io: CliIo): Promise<number> {
  const outcomes: Outcome[] = [];
  for (const file of files) {
    try {
      const { bytes, prefixHash } = await readHashed(resolve(io.cwd, file), 'Le PDF');
      outcomes.push({ file, report: verifyPdf(bytes, { trustAnchors: anchors, prefixHash }) });
    } catch (e) {
      if (!isUserError(e)) throw e;
      outcomes.push({ file, error: { code: e.code, message: e.message } });
    }
  }
  if (json) {
    io.stdout(`${JSON.stringify(outcomes.map((o) => ('report' in o ? { file: o.file, ...o.report } : { file: o.file, verdict: 'unreadable', error: o.error })), null, 2)}\n`);
  } else {
    for (const o of outcomes) {
      if ('report' in o) {
        const n = o.report.signatures.length;
        io.stdout(`${displayText(o.file)} : ${VERDICT_WORDS[o.report.verdict]}${n > 0 ? ` (${n} signature${n > 1 ? 's' : ''})` : ''}\n`);
      } else io.stdout(`${displayText(o.file)} : illisible — ${displayText(o.error.message)}\n`);
    }
    const valid = outcomes.filter((o) => 'report' in o && o.report.verdict === 'valid').length;
    const rest = outcomes.length - valid;
    io.stdout(`\n${outcomes.length} fichiers : ${valid} valide${valid > 1 ? 's' : ''}${rest > 0 ? `, ${rest} à examiner (« paraphe verify <fichier> » en donne le détail)` : ''}.\n`);
  }
  if (outcomes.some((o) => 'error' in o)) return 2;
  return outcomes.every((o) => 'report' in o && o.report.verdict === 'valid') ? 0 : 1;
}
