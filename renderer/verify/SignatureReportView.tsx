import type { VerifyReportDto } from '../../shared/ipc/channels/signing';
import { badgeClass, type VerifyMessages } from './verify-messages';
import { displayText } from '../../shared/rules/display-text';

/**
 * The verifier's report: verdict and summary, then each signature with its facts (level reached,
 * timestamp, revocation data) and problems, then the document timestamps (B-LTA).
 */
export function SignatureReportView(props: { m: VerifyMessages; report: VerifyReportDto }) {
  const { m, report } = props;
  return (
    <section className="paraphe-verify-box" data-verdict={report.verdict} aria-labelledby="verify-verdict-heading">
      <h2 id="verify-verdict-heading" className="fr-h4">
        {m.verdictHeading} :{' '}
        <span className={`fr-badge fr-badge--no-icon ${badgeClass(report.verdict)}`} data-testid="verdict">{m.verdict[report.verdict]}</span>
      </h2>
      <p lang="fr">{report.summary}</p>
      <h3 className="fr-h5">{m.signaturesHeading(report.signatures.length)}</h3>
      <ol className="paraphe-report-list">
        {report.signatures.map((s) => (
          <li key={s.index} data-status={s.status} className="fr-mb-3w">
            <h4 className="fr-h6 fr-mb-1w">
              {m.signatureTitle(s.index, displayText(s.field))}{' '}
              <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${badgeClass(s.status)}`}>{m.status[s.status]}</span>
            </h4>
            <dl>
              <dt className="fr-text--bold">{m.signer}</dt>
              <dd>
                {s.signer ? displayText(s.signer.commonName) : m.unknownSigner}
                {s.signer?.organization ? ` (${displayText(s.signer.organization)})` : ''}
              </dd>
              {s.expectedSignatory ? (
                <>
                  <dt className="fr-text--bold">{m.expectedSignatory}</dt>
                  <dd data-testid="expected-signatory">
                    {displayText(m.expectedText(s.expectedSignatory.name, s.expectedSignatory.title, s.expectedSignatory.party))}
                    {s.otherName && s.signer ? (
                      <p className="fr-message fr-message--warning fr-mb-0" data-testid="other-name">{displayText(m.otherName(s.signer.commonName, s.expectedSignatory.name))}</p>
                    ) : null}
                  </dd>
                </>
              ) : null}
              <dt className="fr-text--bold">{s.timestamp ? m.signingTimeClaimed : m.signingTime}</dt>
              <dd>{s.signingTime ? m.dateTime(s.signingTime) : m.notGiven}</dd>
              {s.level ? (
                <>
                  <dt className="fr-text--bold">{m.level}</dt>
                  <dd data-testid="level">
                    <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--blue-ecume fr-mr-1w">{s.level}</span>
                    {m.levelText[s.level]}
                  </dd>
                </>
              ) : null}
              <dt className="fr-text--bold">{m.timestamp}</dt>
              <dd data-testid="timestamp">{s.timestamp ? `${m.timestampText(s.timestamp.time, s.timestamp.authority)}${m.timestampStatus[s.timestamp.status]}` : m.noTimestamp}</dd>
              <dt className="fr-text--bold">{m.revocation}</dt>
              <dd data-testid="revocation">{s.revocation ? m.revocationText(s.revocation.source, s.revocation.status, s.revocation.producedAt) : m.noRevocation}</dd>
              {s.revision !== undefined ? (
                <>
                  <dt className="fr-text--bold">{m.revision}</dt>
                  <dd data-testid="revision">{m.revisionText(s.revision, s.revisions, s.coversWholeDocument)}</dd>
                </>
              ) : null}
              <dt className="fr-text--bold">{m.integrity}</dt>
              <dd>{s.integrity ? m.integrityOk : m.integrityKo}</dd>
              {s.trustMessage ? (
                <>
                  <dt className="fr-text--bold">{m.trust}</dt>
                  <dd lang="fr">{s.trustMessage}</dd>
                </>
              ) : null}
            </dl>
            <Findings m={m} disallowed={s.changesDisallowed} problems={s.problems} />
          </li>
        ))}
      </ol>
      <DocumentTimestamps m={m} stamps={report.documentTimestamps} />
    </section>
  );
}

/** « Horodatage du document N »: the document timestamps, apart from the people's signatures. */
function DocumentTimestamps(props: { m: VerifyMessages; stamps: VerifyReportDto['documentTimestamps'] }) {
  const { m, stamps } = props;
  if (stamps.length === 0) return null;
  return (
    <>
      <h3 className="fr-h5">{m.documentTimestampsHeading(stamps.length)}</h3>
      <p>{m.documentTimestampsIntro}</p>
      <ol className="paraphe-report-list" data-testid="document-timestamps">
        {stamps.map((t) => (
          <li key={t.index} data-timestamp-status={t.status} className="fr-mb-3w">
            <h4 className="fr-h6 fr-mb-1w">
              {m.documentTimestampTitle(t.index, t.time, t.authority)}{' '}
              <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${badgeClass(t.status)}`}>{m.timestampStatusLabel[t.status]}</span>
            </h4>
            <dl>
              <dt className="fr-text--bold">{m.authority}</dt>
              <dd>{t.authority ?? m.unknownSigner}</dd>
              {t.revision !== undefined ? (
                <>
                  <dt className="fr-text--bold">{m.revision}</dt>
                  <dd>{m.revisionText(t.revision, t.revisions, t.coversWholeDocument)}</dd>
                </>
              ) : null}
            </dl>
            <Findings m={m} disallowed={t.changesDisallowed} problems={t.problems} />
          </li>
        ))}
      </ol>
    </>
  );
}

/** The changes not allowed after an item and the problems found, when there are any (main words them in French). */
function Findings(props: { m: VerifyMessages; disallowed: readonly string[]; problems: readonly string[] }) {
  const { m } = props;
  return (
    <>
      {props.disallowed.length > 0 ? (
        <>
          <p className="fr-text--bold fr-mb-0">{m.disallowed}</p>
          <ul lang="fr">{props.disallowed.map((c, i) => <li key={i}>{c}</li>)}</ul>
        </>
      ) : null}
      {props.problems.length > 0 ? (
        <>
          <p className="fr-text--bold fr-mb-0">{m.problems}</p>
          <ul lang="fr">{props.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
        </>
      ) : null}
    </>
  );
}
