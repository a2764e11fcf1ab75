import type { Finding } from '../../../shared/model/migrate';
import { hasErrors } from '../../../shared/rules/validate';
import { FindingsList } from '../components/FindingsList';
import type { FinalizeState } from '../hooks/use-finalize';

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
  if (finalized) {
    return (
      <div>
        <div className="fr-alert fr-alert--success">
          <h3 className="fr-alert__title">Convention finalisée</h3>
          <p>Son contenu est verrouillé. Toute modification créera une nouvelle version, à finaliser de nouveau.</p>
        </div>
        <p className="fr-mt-2w">Empreinte SHA-256 du contenu :</p>
        <p className="paraphe-hash" data-testid="content-sha256">{finalized.contentSha256}</p>
      </div>
    );
  }
  return (
    <div>
      {changedSinceFinalized ? (
        <div className="fr-alert fr-alert--info fr-alert--sm paraphe-spaced">
          <p>La convention a été modifiée depuis sa finalisation : c’est une nouvelle version, à finaliser de nouveau.</p>
        </div>
      ) : null}
      <p>
        Finaliser verrouille le contenu de la convention et enregistre son empreinte (SHA-256). C’est ce contenu qui sera signé.
      </p>
      {blocked ? <FindingsList findings={findings.filter((f) => f.severity === 'error')} onGo={onGo} /> : null}
      {state.status === 'error' ? (
        <div className="fr-alert fr-alert--error fr-alert--sm paraphe-spaced" role="alert">
          <p>{state.message}</p>
        </div>
      ) : null}
      <button type="button" className="fr-btn" disabled={blocked || state.status === 'working'} onClick={onFinalize}>
        {state.status === 'working' ? 'Finalisation…' : 'Finaliser la convention'}
      </button>
      {blocked ? <p className="fr-hint-text fr-mt-1w">Corrigez d’abord les erreurs ci-dessus.</p> : null}
    </div>
  );
}
