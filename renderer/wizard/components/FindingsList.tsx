import type { Finding } from '../../../shared/model/migrate';
import { STEPS, describePath, stepOfPath } from '../model/steps';

interface FindingsListProps {
  readonly findings: readonly Finding[];
  /** Opens the finding's step and focuses its field. */
  readonly onGo: (path: string) => void;
  readonly headingLevel?: 'h2' | 'h3' | 'h4';
}

/** The validator's findings, errors first, each a link to the step and field that fixes it. */
export function FindingsList({ findings, onGo, headingLevel = 'h3' }: FindingsListProps) {
  const H = headingLevel;
  if (findings.length === 0) {
    return (
      <div className="fr-alert fr-alert--success fr-alert--sm">
        <p>Aucun problème détecté : la convention est complète.</p>
      </div>
    );
  }
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const list = (items: readonly Finding[]) => (
    <ul className="paraphe-findings">
      {items.map((f, i) => {
        const step = STEPS.find((s) => s.id === stepOfPath(f.path));
        const where = describePath(f.path);
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
              {step ? `${step.label}${where ? ` (${where})` : ''} — ` : ''}
              {f.message}
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
          <H className="fr-h6 paraphe-error-title">{errors.length} erreur{errors.length > 1 ? 's' : ''} à corriger avant de finaliser</H>
          {list(errors)}
        </>
      ) : null}
      {warnings.length ? (
        <>
          <H className="fr-h6">{warnings.length} point{warnings.length > 1 ? 's' : ''} à vérifier</H>
          {list(warnings)}
        </>
      ) : null}
    </div>
  );
}
