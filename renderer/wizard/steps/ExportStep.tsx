import { SigningOutcomeAlert } from '../components/SigningOutcomeAlert';
import { useSigning, useVerification } from '../hooks/use-signing';
import { useWizardText } from '../../i18n/use-wizard-text';
import { WordExportPanel } from '../components/WordExportPanel';

/** Step 13: a Word copy for review at any stage, then the signed PDF. */
export function ExportStep({ conventionId, flush, onGoSign }: { conventionId: string; flush: () => Promise<unknown>; onGoSign: () => void }) {
  const t = useWizardText();
  return (
    <>
      <WordExportPanel conventionId={conventionId} flush={flush} />
      <h3 className="fr-h5">{t.signedPdfHeading}</h3>
      <SignedPdfExport conventionId={conventionId} onGoSign={onGoSign} />
    </>
  );
}

/**
 * The PDF as signed so far, its verification report, and where it is. A partly signed
 * copy can be saved at any time, labelled as such (its name and this screen say so).
 */
function SignedPdfExport({ conventionId, onGoSign }: { conventionId: string; onGoSign: () => void }) {
  const { view, exportSigned } = useSigning(conventionId);
  const fields = view.signature?.fields ?? [];
  const signedCount = fields.filter((f) => f.signed).length;
  const allSigned = fields.length > 0 && signedCount === fields.length;
  const { report, error } = useVerification(conventionId, signedCount > 0, view.signature?.file?.sha256);
  const t = useWizardText();
  if (!view.signature && view.busy) return <p aria-busy="true">{t.loading}</p>;
  if (signedCount === 0) {
    return (
      <div className="fr-callout">
        <p className="fr-callout__text">{t.exportWaits}</p>
        <button type="button" className="fr-btn" onClick={onGoSign}>
          {t.goSign}
        </button>
      </div>
    );
  }
  return (
    <div>
      {error || view.error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm paraphe-spaced" role="alert">
          <p lang="fr">{error ?? view.error}</p>
        </div>
      ) : null}
      <SigningOutcomeAlert outcome={view.outcome} />
      {allSigned ? null : (
        <div className="fr-alert fr-alert--warning fr-alert--sm paraphe-spaced" data-testid="partial">
          <p>{t.partialCopy(signedCount, fields.length)}</p>
        </div>
      )}
      {report ? (
        <section aria-labelledby="verif-h" data-verdict={report.verdict}>
          <h3 id="verif-h" className="fr-h5">{t.verificationReport}</h3>
          {t.frenchNote ? <p className="fr-hint-text">{t.frenchNote}</p> : null}
          <p lang="fr">{report.summary}</p>
          <ol>
            {report.signatures.map((s) => (
              <li key={s.index} data-status={s.status}>
                <strong>{s.signer?.commonName ?? s.field}</strong> — {t.verdict[s.status] ?? s.status}
                {s.signingTime ? t.signedOn(s.signingTime) : ''}
                {s.trustMessage ? <span className="fr-hint-text" lang="fr">{s.trustMessage}</span> : null}
                {s.problems.length ? (
                  <ul lang="fr">
                    {s.problems.map((p, i) => (
                      <li key={i}>{p}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p aria-busy="true">{t.verifying}</p>
      )}
      {view.signature?.file ? (
        <p className="fr-text--sm fr-mt-2w">
          {t.keptFile}<span lang="fr">{view.signature.file.label}</span>{t.keptHash}<span className="paraphe-hash-inline">{view.signature.file.sha256}</span>
        </p>
      ) : null}
      <button type="button" className={allSigned ? 'fr-btn' : 'fr-btn fr-btn--secondary'} disabled={view.busy} onClick={() => void exportSigned(!allSigned)}>
        {allSigned ? t.saveSigned : t.savePartial}
      </button>
      {allSigned ? null : (
        <button type="button" className="fr-btn fr-btn--tertiary fr-ml-2w" onClick={onGoSign}>
          {t.goSign}
        </button>
      )}
    </div>
  );
}
