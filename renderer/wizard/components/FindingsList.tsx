import type { Finding } from '../../../shared/model/migrate';
import { findingText } from '../../../shared/rules/finding-texts';
import { STEPS, describePath, stepLabel, stepOfPath } from '../model/steps';
import { useWizardText } from '../../i18n/use-wizard-text';

interface FindingsListProps {
  readonly findings: readonly Finding[];
  /** Opens the finding's step and focuses its field. */
  readonly onGo: (path: string) => void;
  readonly headingLevel?: 'h2' | 'h3' | 'h4';
}

/** The validator's findings, errors first, each a link to the step and field that fixes it. */
export function FindingsList({ findings, onGo, headingLevel = 'h3' }: FindingsListProps) {
  const H = headingLevel;
  const t = useWizardText();
  if (findings.length === 0) {
    return (
      <div className="fr-alert fr-alert--success fr-alert--sm">
        <p>{t.noFinding}</p>
      </div>
    );
  }
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const list = (items: readonly Finding[]) => (
    <ul className="paraphe-findings">
      {items.map((f, i) => {
        const step = STEPS.find((s) => s.id === stepOfPath(f.path));
        const where = describePath(f.path, t.place);
        const said = findingText(f, t.lang);
        return (
          <li key={`${f.path}-${i}`}>
            <a
              href={`#${f.path}`}
              className="fr-link"
              onClick={(e) => {
                e.preventDefault();
                onGo(f.path);
              }}
            >
              {step ? `${stepLabel(step, t.lang)}${where ? ` (${where})` : ''} — ` : ''}
              {/* Marked French only when it is: a finding without English text keeps its French message. */}
              <span lang={said.lang === 'fr' ? 'fr' : undefined}>{said.text}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
  return (
    <div className="paraphe-findings-panel">
      {errors.length ? (
        <>
          <H className="fr-h6 paraphe-error-title">{t.errorsHeading(errors.length)}</H>
          {list(errors)}
        </>
      ) : null}
      {warnings.length ? (
        <>
          <H className="fr-h6">{t.warningsHeading(warnings.length)}</H>
          {list(warnings)}
        </>
      ) : null}
    </div>
  );
}
