import { useSigning, useVerification } from '../hooks/use-signing';

const VERDICT: Record<string, string> = {
  valid: 'valide',
  untrusted: 'intègre, mais le certificat n’est pas reconnu comme de confiance',
  modified: 'modifiée après signature',
  invalid: 'invalide',
  unsigned: 'aucune signature',
};

/** Step 13: the signed PDF, its verification report, and where it is. */
export function ExportStep({ conventionId, onGoSign }: { conventionId: string; onGoSign: () => void }) {
  const { view, exportSigned } = useSigning(conventionId);
  const fields = view.signature?.fields ?? [];
  const allSigned = fields.length > 0 && fields.every((f) => f.signed);
  const { report, error } = useVerification(conventionId, allSigned);
  if (!view.signature && view.busy) return <p aria-busy="true">Chargement…</p>;
  if (!allSigned) {
    return (
      <div className="fr-callout">
        <p className="fr-callout__text">L’export vient quand chaque signataire a signé.</p>
        <button type="button" className="fr-btn" onClick={onGoSign}>
          Aller à la signature
        </button>
      </div>
    );
  }
  return (
    <div>
      {error || view.error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm paraphe-spaced" role="alert">
          <p>{error ?? view.error}</p>
        </div>
      ) : null}
      {view.message ? (
        <div className="fr-alert fr-alert--success fr-alert--sm paraphe-spaced" role="status">
          <p>{view.message}</p>
        </div>
      ) : null}
      {report ? (
        <section aria-labelledby="verif-h" data-verdict={report.verdict}>
          <h3 id="verif-h" className="fr-h5">Rapport de vérification</h3>
          <p>{report.summary}</p>
          <ol>
            {report.signatures.map((s) => (
              <li key={s.index} data-status={s.status}>
                <strong>{s.signer?.commonName ?? s.field}</strong> — {VERDICT[s.status] ?? s.status}
                {s.signingTime ? `, le ${new Date(s.signingTime).toLocaleString('fr-FR')}` : ''}
                {s.trustMessage ? <span className="fr-hint-text">{s.trustMessage}</span> : null}
                {s.problems.length ? (
                  <ul>
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
        <p aria-busy="true">Vérification des signatures…</p>
      )}
      {view.signature?.file ? (
        <p className="fr-text--sm fr-mt-2w">
          PDF signé conservé par Paraphe : {view.signature.file.label}, empreinte SHA-256 <span className="paraphe-hash-inline">{view.signature.file.sha256}</span>
        </p>
      ) : null}
      <button type="button" className="fr-btn" disabled={view.busy} onClick={() => void exportSigned()}>
        Enregistrer le PDF signé et son rapport…
      </button>
    </div>
  );
}
