/** The verifier's report as French text, for the CLI and the report saved beside an exported PDF. */
import { coveredRevisionText } from '../../shared/rules/revision-text';
import type { SignatureReport, VerifyReport } from './verify/verify-pdf';
import { digestLabel } from './crypto/certificate';
import { displayText } from '../../shared/rules/display-text';

const STATUS: Record<SignatureReport['status'], string> = {
  valid: 'valide',
  untrusted: 'intacte, mais certificat non reconnu',
  modified: 'document modifié après cette signature',
  invalid: 'INVALIDE',
};

const TIMESTAMP_STATUS: Record<NonNullable<SignatureReport['timestamp']>['status'], string> = {
  valid: 'valide : le certificat est vérifié à cette date',
  untrusted: 'autorité d’horodatage non reconnue : non prise en compte',
  invalid: 'INVALIDE',
};

const REVOCATION_STATUS: Record<NonNullable<SignatureReport['revocation']>['status'], string> = {
  good: 'certificat non révoqué',
  revoked: 'certificat RÉVOQUÉ',
  unknown: 'certificat inconnu du répondeur',
};

const CERT_LEVEL: Record<number, string> = {
  1: 'aucune modification permise',
  2: 'remplissage des formulaires et signatures permis',
  3: 'formulaires, signatures et annotations permis',
};

/** « 3 décembre 2026 à 18:02:41 (UTC+01:00) »: the local time of this machine, with its offset. */
function frenchDateTime(iso: string): string {
  const d = new Date(iso);
  const off = -d.getTimezoneOffset();
  const hhmm = `${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')}`;
  const date = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
  return `${date} (UTC${off >= 0 ? '+' : '-'}${hhmm})`;
}

/** The human-readable report, in French. */
export function formatReport(r: VerifyReport): string {
  const lines: string[] = [];
  for (const s of r.signatures) {
    lines.push(`Signature ${s.index} — champ « ${s.field} »${s.page ? ` (page ${s.page})` : ''}`);
    if (s.signer) lines.push(`  Signataire : ${s.signer.commonName}${s.signer.organization ? ` (${s.signer.organization})` : ''}, émis par ${s.signer.issuerCommonName}`);
    if (s.expectedSignatory) {
      const e = s.expectedSignatory;
      const other = s.otherName && s.signer ? ` — certificat à un autre nom : signé par ${s.signer.commonName} pour ${e.name}` : '';
      lines.push(`  Signataire prévu : ${e.name}${e.title ? `, ${e.title}` : ''}${e.party ? ` (${e.party})` : ''}${other}`);
    }
    const proven = s.timestamp?.status === 'valid' && s.timestamp.time ? s.timestamp : undefined;
    if (s.signingTime) lines.push(`  Date de signature : ${frenchDateTime(s.signingTime)} (déclarée par le signataire${proven ? '' : ', sans horodatage'})`);
    if (s.timestamp) {
      const when = s.timestamp.time ? frenchDateTime(s.timestamp.time) : 'date illisible';
      lines.push(`  Horodatage : ${when}${s.timestamp.authority ? `, par « ${s.timestamp.authority} »` : ''} (${TIMESTAMP_STATUS[s.timestamp.status]})`);
    }
    if (s.revocation) {
      const source = s.revocation.source === 'ocsp' ? 'réponse OCSP' : 'liste de révocation (CRL)';
      lines.push(`  Révocation : ${REVOCATION_STATUS[s.revocation.status]} (${source}${s.revocation.producedAt ? ` du ${frenchDateTime(s.revocation.producedAt)}` : ''}, lue dans le document)`);
    }
    if (s.level) lines.push(`  Niveau PAdES : ${s.level}`);
    if (s.subFilter) lines.push(`  Format : ${s.subFilter}${s.digestAlgorithm ? `, condensé ${digestLabel(s.digestAlgorithm)}` : ''}`);
    lines.push(`  Intégrité : ${s.integrity ? 'le contenu signé est intact' : 'NON VÉRIFIÉE'}`);
    if (s.revision) lines.push(`  Révision couverte : ${coveredRevisionText(s.revision, s.revisions, s.coversWholeDocument)}`);
    if (s.certification) lines.push(`  Certification : ${CERT_LEVEL[s.certification] ?? `niveau ${s.certification}`}`);
    if (!s.coversWholeDocument && s.changesDisallowed.length === 0) {
      const later = [s.index < r.signatures.length ? 'signatures suivantes' : '', r.endsWithValidationData ? 'données de validation et horodatages du document' : ''].filter(Boolean);
      lines.push(`  Modifications ultérieures : ${later.length > 0 ? `${later.join(' et ')} uniquement (permises)` : 'changements permis uniquement'}`);
    }
    for (const c of s.changesDisallowed) lines.push(`  Modification non permise : ${c}`);
    if (s.trustMessage) lines.push(`  Certificat : ${s.trustMessage}`);
    for (const p of s.problems) lines.push(`  Problème : ${p}`);
    lines.push(`  Statut : ${STATUS[s.status]}`);
    lines.push('');
  }
  for (const t of r.documentTimestamps ?? []) {
    lines.push(`Horodatage du document ${t.index} — champ « ${t.field} »`);
    lines.push(`  Date : ${t.time ? frenchDateTime(t.time) : 'illisible'}${t.authority ? `, par « ${t.authority} »` : ''}`);
    if (t.revision) lines.push(`  Révision couverte : ${coveredRevisionText(t.revision, t.revisions, t.coversWholeDocument)}`);
    for (const c of t.changesDisallowed) lines.push(`  Modification non permise : ${c}`);
    for (const p of t.problems) lines.push(`  Problème : ${p}`);
    lines.push(`  Statut : ${t.status === 'untrusted' ? 'intact, mais autorité d’horodatage non reconnue' : STATUS[t.status]}`);
    lines.push('');
  }
  lines.push(`Verdict : ${r.summary}`);
  // Names and messages come from the file: none may break a line or reorder the text.
  return lines.map(displayText).join('\n') + '\n';
}
