import type { Convention } from '../../../shared/model/convention';
import type { Finding } from '../../../shared/model/migrate';
import { FindingsList } from '../components/FindingsList';
import { usePdfPreview } from '../hooks/use-pdf-preview';
import { lazy, Suspense } from 'react';

// pdf.js is large: it loads with the Relecture step, not with the wizard.
const PdfViewer = lazy(() => import('../review/PdfViewer').then((m) => ({ default: m.PdfViewer })));

interface ReviewStepProps {
  readonly conventionId: string;
  readonly convention: Convention;
  readonly findings: readonly Finding[];
  readonly onGo: (path: string) => void;
  readonly flush: () => Promise<boolean>;
}

/** Step 10: the PDF as it will be printed, beside what remains to fix or check. */
export function ReviewStep({ conventionId, convention, findings, onGo, flush }: ReviewStepProps) {
  const { state, refresh } = usePdfPreview(conventionId, flush);
  return (
    <div className="paraphe-review">
      <div className="paraphe-review__pdf">
        <div className="paraphe-box__head">
          <h3 className="fr-h5">Aperçu du PDF</h3>
          {state.status !== 'unavailable' ? (
            <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => void refresh()} disabled={state.status === 'rendering'}>
              Actualiser l’aperçu
            </button>
          ) : null}
        </div>
        {state.status === 'unavailable' ? (
          <div className="fr-callout">
            <p className="fr-callout__text">L’aperçu du PDF sera bientôt disponible dans cette version de Paraphe. Vérifiez en attendant les points ci-contre.</p>
          </div>
        ) : state.status === 'rendering' ? (
          <p aria-busy="true">Génération du PDF…</p>
        ) : state.status === 'error' ? (
          <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
            <p>{state.message}</p>
          </div>
        ) : (
          <Suspense fallback={<p aria-busy="true">Ouverture du PDF…</p>}>
            {state.warnings.length ? (
              <div className="fr-alert fr-alert--warning fr-alert--sm paraphe-spaced">
                {state.warnings.map((w, i) => (
                  <p key={i}>{w}</p>
                ))}
              </div>
            ) : null}
            <PdfViewer bytes={state.bytes} label={`Aperçu du PDF : ${convention.shortTitle || convention.title}`} />
          </Suspense>
        )}
      </div>
      <div className="paraphe-review__findings">
        <h3 className="fr-h5">Points à reprendre</h3>
        <FindingsList findings={findings} onGo={onGo} headingLevel="h4" />
      </div>
    </div>
  );
}
