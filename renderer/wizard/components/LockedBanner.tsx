import { useEffect, useRef } from 'react';
import type { ConventionStatusDto } from '../../../shared/ipc/channels/conventions';
import { useReopen } from '../hooks/use-reopen';
import { useWizardText } from '../../i18n/use-wizard-text';

/**
 * Shown on every step of a finalized convention: why the fields are read-only, and the one way
 * to change the text, « Rouvrir pour modification », which says what will be lost and asks first.
 */
export function LockedBanner({ conventionId, status, onReopened }: { conventionId: string; status: Exclude<ConventionStatusDto, 'draft'>; onReopened: () => void }) {
  const t = useWizardText();
  const { state, ask, cancel, confirm } = useReopen(conventionId, onReopened);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const confirming = state.status === 'confirming';
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
  }, [confirming]);
  return (
    <div className="fr-alert fr-alert--info paraphe-spaced" data-testid="locked-banner">
      <h2 className="fr-alert__title">{t.lockedTitle[status]}</h2>
      <p>{t.lockedText}</p>
      {state.status === 'error' ? (
        <p className="fr-error-text" role="alert" lang="fr">{state.message}</p>
      ) : null}
      {confirming || state.status === 'working' ? (
        <div role="alertdialog" aria-labelledby="reouvrir-question" aria-describedby="reouvrir-consequences" className="paraphe-box fr-mt-2w">
          <p id="reouvrir-question" className="fr-text--bold fr-mb-1w">{t.reopenQuestion}</p>
          <div id="reouvrir-consequences">
            {confirming && state.signed === undefined ? (
              <p aria-busy="true">{t.loading}</p>
            ) : (
              <p>{t.reopenLoss(confirming ? state.signed ?? 0 : 0)}</p>
            )}
            <p>{t.reopenKept}</p>
          </div>
          <div className="paraphe-actions">
            <button type="button" className="fr-btn fr-btn--sm" disabled={!confirming || state.signed === undefined} onClick={() => void confirm()}>
              {state.status === 'working' ? t.reopening : t.reopenConfirm}
            </button>
            <button
              ref={cancelButton}
              type="button"
              className="fr-btn fr-btn--sm fr-btn--secondary"
              disabled={!confirming}
              onClick={() => {
                cancel();
                requestAnimationFrame(() => opener.current?.focus());
              }}
            >
              {t.cancel}
            </button>
          </div>
        </div>
      ) : (
        <button ref={opener} type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" onClick={() => void ask()}>
          {t.reopen}
        </button>
      )}
    </div>
  );
}
