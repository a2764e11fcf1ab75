import type { Finding } from '../../../shared/model/migrate';
import { hasErrors } from '../../../shared/rules/validate';
import { FindingsList } from '../components/FindingsList';
import type { FinalizeState } from '../hooks/use-finalize';
import { useWizardText } from '../../i18n/use-wizard-text';

interface FinalizeStepProps {
  readonly findings: readonly Finding[];
  /** Set when the content on screen is the finalized one. */
  readonly finalized?: { readonly contentSha256: string; readonly at?: string };
  /** True when the convention was finalized, then changed (a new version). */
  readonly changedSinceFinalized: boolean;
  readonly state: FinalizeState;
  readonly onFinalize: () => void;
  readonly onGo: (path: string) => void;
}

/** Step 11: lock the content under its SHA-256; later changes start a new version. */
export function FinalizeStep({ findings, finalized, changedSinceFinalized, state, onFinalize, onGo }: FinalizeStepProps) {
  const blocked = hasErrors(findings);
  const t = useWizardText();
  if (finalized) {
    return (
      <div>
        <div className="fr-alert fr-alert--success">
          <h3 className="fr-alert__title">{t.finalized}</h3>
          <p>{t.finalizedText}</p>
        </div>
        <p className="fr-mt-2w">{t.contentHash}</p>
        <p className="paraphe-hash" data-testid="content-sha256">{finalized.contentSha256}</p>
      </div>
    );
  }
  return (
    <div>
      {changedSinceFinalized ? (
        <div className="fr-alert fr-alert--info fr-alert--sm paraphe-spaced">
          <p>{t.changedSinceFinalized}</p>
        </div>
      ) : null}
      <p>{t.finalizeExplain}</p>
      {blocked ? <FindingsList findings={findings.filter((f) => f.severity === 'error')} onGo={onGo} /> : null}
      {state.status === 'error' || state.status === 'not-saved' ? (
        <div className="fr-alert fr-alert--error fr-alert--sm paraphe-spaced" role="alert">
          {state.status === 'error' ? <p lang="fr">{state.message}</p> : <p>{t.finalizeNotSaved}</p>}
        </div>
      ) : null}
      <button type="button" className="fr-btn" disabled={blocked || state.status === 'working'} onClick={onFinalize}>
        {state.status === 'working' ? t.finalizing : t.finalize}
      </button>
      {blocked ? <p className="fr-hint-text fr-mt-1w">{t.fixFirst}</p> : null}
    </div>
  );
}
