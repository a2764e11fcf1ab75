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
  const { state } = useSigning(conventionId);
  const allSigned = state.fields.length > 0 && state.fields.every((f) => f.signed);
  const { report, error } = useVerification(allSigned ? state.pdfPath : undefined);
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
      {error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
          <p>{error}</p>
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
      <p className="fr-mt-2w">Le PDF signé est conservé dans le dossier de données de Paraphe :</p>
      <p className="paraphe-hash" data-testid="signed-pdf-path">{state.pdfPath}</p>
      <div className="fr-callout">
        <p className="fr-callout__text">« Enregistrer sous… » (choisir un autre dossier pour le PDF signé et son rapport) sera bientôt disponible.</p>
      </div>
    </div>
  );
}
