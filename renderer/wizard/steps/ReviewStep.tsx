import type { Convention } from '../../../shared/model/convention';
import type { Finding } from '../../../shared/model/migrate';
import { FindingsList } from '../components/FindingsList';
import { usePdfPreview } from '../hooks/use-pdf-preview';
import { TaskProgress } from '../components/TaskProgress';
import { lazy, Suspense } from 'react';
import { useWizardText } from '../../i18n/use-wizard-text';

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
  const t = useWizardText();
  return (
    <div className="paraphe-review">
      <div className="paraphe-review__pdf">
        <div className="paraphe-box__head">
          <h3 className="fr-h5">{t.pdfPreview}</h3>
          {state.status !== 'unavailable' ? (
            <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => void refresh()} disabled={state.status === 'rendering'}>
              {t.refreshPreview}
            </button>
          ) : null}
        </div>
        <TaskProgress progress={state.status === 'rendering' ? state.progress : undefined} />
        {state.status === 'unavailable' ? (
          <div className="fr-callout">
            <p className="fr-callout__text">{t.previewUnavailable}</p>
          </div>
        ) : state.status === 'rendering' ? (
          <p aria-busy="true">{t.rendering}</p>
        ) : state.status === 'error' ? (
          <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
            <p lang="fr">{state.message}</p>
          </div>
        ) : (
          <Suspense fallback={<p aria-busy="true">{t.openingPdf}</p>}>
            {state.warnings.length ? (
              <div className="fr-alert fr-alert--warning fr-alert--sm paraphe-spaced">
                {state.warnings.map((w, i) => (
                  <p key={i} lang="fr">{w}</p>
                ))}
              </div>
            ) : null}
            <PdfViewer bytes={state.bytes} label={t.previewLabel(convention.shortTitle || convention.title)} />
          </Suspense>
        )}
      </div>
      <div className="paraphe-review__findings">
        <h3 className="fr-h5">{t.toReview}</h3>
        <FindingsList findings={findings} onGo={onGo} headingLevel="h4" />
      </div>
    </div>
  );
}
