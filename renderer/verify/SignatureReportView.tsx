import type { VerifyReportDto } from '../../shared/ipc/channels/signing';
import { badgeClass, type VerifyMessages } from './verify-messages';

/** The verifier's report: verdict and summary, then each signature with its facts and problems. */
export function SignatureReportView(props: { m: VerifyMessages; report: VerifyReportDto }) {
  const { m, report } = props;
  return (
    <section className="paraphe-verify-box" data-verdict={report.verdict} aria-labelledby="verify-verdict-heading">
      <h2 id="verify-verdict-heading" className="fr-h4">
        {m.verdictHeading} :{' '}
        <span className={`fr-badge fr-badge--no-icon ${badgeClass(report.verdict)}`} data-testid="verdict">{m.verdict[report.verdict]}</span>
      </h2>
      <p>{report.summary}</p>
      <h3 className="fr-h5">{m.signaturesHeading(report.signatures.length)}</h3>
      <ol className="paraphe-report-list">
        {report.signatures.map((s) => (
          <li key={s.index} data-status={s.status} className="fr-mb-3w">
            <h4 className="fr-h6 fr-mb-1w">
              {m.signatureTitle(s.index, s.field)}{' '}
              <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${badgeClass(s.status)}`}>{m.status[s.status]}</span>
            </h4>
            <dl>
              <dt className="fr-text--bold">{m.signer}</dt>
              <dd>
                {s.signer ? s.signer.commonName : m.unknownSigner}
                {s.signer?.organization ? ` (${s.signer.organization})` : ''}
              </dd>
              <dt className="fr-text--bold">{m.signingTime}</dt>
              <dd>{s.signingTime ? m.dateTime(s.signingTime) : m.notGiven}</dd>
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
                  <dd>{s.trustMessage}</dd>
                </>
              ) : null}
            </dl>
            {s.changesDisallowed.length > 0 ? (
              <>
                <p className="fr-text--bold fr-mb-0">{m.disallowed}</p>
                <ul>{s.changesDisallowed.map((c, i) => <li key={i}>{c}</li>)}</ul>
              </>
            ) : null}
            {s.problems.length > 0 ? (
              <>
                <p className="fr-text--bold fr-mb-0">{m.problems}</p>
                <ul>{s.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
