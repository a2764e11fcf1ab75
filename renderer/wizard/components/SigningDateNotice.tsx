import { findingText } from '../../../shared/rules/finding-texts';
import { signingDateFinding } from '../../../shared/rules/validate';
import { useConventionRecord } from '../hooks/use-convention-record';
import { useWizardText } from '../../i18n/use-wizard-text';

/** Today on the user's clock, ISO form. */
function today(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/**
 * Shown where the next signatory signs: a warning when today is later than the date the
 * convention prints in « Fait à …, le … » (shared/rules/validate.ts says when).
 */
export function SigningDateNotice({ conventionId, now = new Date() }: { conventionId: string; now?: Date }) {
  const { state } = useConventionRecord(conventionId);
  const t = useWizardText();
  if (state.status !== 'ready') return null;
  const finding = signingDateFinding(state.record.convention.date, today(now));
  if (!finding) return null;
  const said = findingText(finding, t.lang);
  return (
    <div className="fr-alert fr-alert--warning fr-alert--sm paraphe-spaced" data-testid="signing-date-notice">
      <p>
        {t.warningPrefix}
        <span lang={said.lang === 'fr' ? 'fr' : undefined}>{said.text}</span>
      </p>
    </div>
  );
}
