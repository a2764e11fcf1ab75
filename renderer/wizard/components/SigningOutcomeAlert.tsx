import type { SigningOutcome } from '../hooks/use-signing';
import { useWizardText } from '../../i18n/use-wizard-text';

/**
 * The last signing action's success line in the interface language. Names and file names are
 * shown as they are; main's sentence about the certificate's trust stays French (lang="fr").
 */
export function SigningOutcomeAlert({ outcome }: { readonly outcome?: SigningOutcome }) {
  const t = useWizardText();
  if (!outcome) return null;
  return (
    <div className={`fr-alert fr-alert--sm paraphe-spaced ${outcome.kind === 'already-imported' ? 'fr-alert--info' : outcome.kind === 'signed' && outcome.notice ? 'fr-alert--warning' : 'fr-alert--success'}`} role="status">
      <p>
        {outcome.kind === 'signed' ? (
          <>
            {t.signedBy(outcome.signerName, outcome.onBehalfOf)} <span lang="fr">{outcome.trustMessage}</span>
            {outcome.level ? (
              <>
                <br />
                {t.signedLevel(outcome.level, outcome.timestamp)}
              </>
            ) : null}
            {/* The settings' level could not be reached (no TSA answer): said with the outcome. */}
            {outcome.notice ? (
              <>
                <br />
                <strong lang="fr">{outcome.notice}</strong>
              </>
            ) : null}
          </>
        ) : outcome.kind === 'identity-imported' ? (
          t.identityImported(outcome.commonName)
        ) : outcome.kind === 'sent' ? (
          t.sentTo(outcome.fileName, outcome.signatoryName)
        ) : outcome.kind === 'imported' ? (
          t.copyImported(outcome.names, outcome.complete)
        ) : outcome.kind === 'already-imported' ? (
          t.copyAlreadyImported
        ) : (
          outcome.partial ? t.savedPartial(outcome.fileName, outcome.reportFileName) : t.savedSigned(outcome.fileName, outcome.reportFileName)
        )}
      </p>
    </div>
  );
}
