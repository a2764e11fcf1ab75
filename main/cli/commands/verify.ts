import { resolve } from 'node:path';
import type { X509Certificate } from 'node:crypto';
import { isUserError } from '../../../shared/errors';
import { parseArgs } from '../../signing/cli-args';
import { parseCertificates, readUserFile, verifyPdf, type SignatureReport, type VerifyReport } from '../../signing';
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

const STATUS: Record<SignatureReport['status'], string> = {
  valid: 'valide',
  untrusted: 'intacte, mais certificat non reconnu',
  modified: 'document modifié après cette signature',
  invalid: 'INVALIDE',
};

const CERT_LEVEL: Record<number, string> = {
  1: 'aucune modification permise',
  2: 'remplissage des formulaires et signatures permis',
  3: 'formulaires, signatures et annotations permis',
};

/** The human-readable report, in French. */
export function formatReport(r: VerifyReport): string {
  const lines: string[] = [];
  for (const s of r.signatures) {
    lines.push(`Signature ${s.index} — champ « ${s.field} »${s.page ? ` (page ${s.page})` : ''}`);
    if (s.signer) lines.push(`  Signataire : ${s.signer.commonName}${s.signer.organization ? ` (${s.signer.organization})` : ''}, émis par ${s.signer.issuerCommonName}`);
    if (s.signingTime) lines.push(`  Date de signature : ${s.signingTime}`);
    if (s.subFilter) lines.push(`  Format : ${s.subFilter}${s.digestAlgorithm ? `, condensé ${s.digestAlgorithm.toUpperCase()}` : ''}`);
    lines.push(`  Intégrité : ${s.integrity ? 'le contenu signé est intact' : 'NON VÉRIFIÉE'}`);
    if (s.revision) lines.push(`  Révision couverte : ${s.revision} sur ${s.revisions}${s.coversWholeDocument ? ' (tout le document)' : ''}`);
    if (s.certification) lines.push(`  Certification : ${CERT_LEVEL[s.certification] ?? `niveau ${s.certification}`}`);
    if (!s.coversWholeDocument && s.changesDisallowed.length === 0) lines.push('  Modifications ultérieures : signatures suivantes uniquement (permises)');
    for (const c of s.changesDisallowed) lines.push(`  Modification non permise : ${c}`);
    if (s.trustMessage) lines.push(`  Certificat : ${s.trustMessage}`);
    for (const p of s.problems) lines.push(`  Problème : ${p}`);
    lines.push(`  Statut : ${STATUS[s.status]}`);
    lines.push('');
  }
  lines.push(`Verdict : ${r.summary}`);
  return lines.join('\n') + '\n';
}

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
