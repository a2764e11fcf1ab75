import { useRef, type KeyboardEvent } from 'react';
import type { Finding } from '../../../shared/model/migrate';
import { STEPS, stepLabel, stepStatus, type StepId } from '../model/steps';
import { useWizardText } from '../../i18n/use-wizard-text';
import type { WizardMessages } from '../../i18n/wizard-messages';

interface StepNavProps {
  readonly current: StepId;
  readonly byStep: ReadonlyMap<StepId, readonly Finding[]>;
  readonly onSelect: (id: StepId) => void;
  /** Steps whose findings the user may already see (typed in, left once, or reviewed). */
  readonly seen: (id: StepId) => boolean;
  /** Steps where nothing has been typed yet. */
  readonly blank: ReadonlySet<StepId>;
}

function statusBadge(t: WizardMessages, status: ReturnType<typeof stepStatus>, findings: readonly Finding[] | undefined) {
  const n = findings?.length ?? 0;
  switch (status) {
    case 'complete':
      return <span className="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">{t.complete}</span>;
    case 'error':
      return <span className="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon">{t.toFix(n)}</span>;
    case 'warning':
      return <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">{t.toCheck(n)}</span>;
    case 'todo':
      return <span className="fr-badge fr-badge--sm fr-badge--no-icon">{t.stepToComplete}</span>;
    default:
      return null;
  }
}

/**
 * The list of steps, each with its state. One tab stop (the current step); ↑/↓, Début/Fin move
 * between steps and Entrée opens one, as in a DSFR side menu.
 */
export function StepNav({ current, byStep, onSelect, seen, blank }: StepNavProps) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const t = useWizardText();
  const onKey = (e: KeyboardEvent, index: number) => {
    let next = index;
    if (e.key === 'ArrowDown') next = Math.min(STEPS.length - 1, index + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = STEPS.length - 1;
    else return;
    e.preventDefault();
    refs.current[next]?.focus();
  };
  return (
    <nav className="fr-sidemenu paraphe-steps" aria-label={t.stepsNav}>
      <ol className="fr-sidemenu__list paraphe-steps__list">
        {STEPS.map((s, i) => {
          const findings = byStep.get(s.id);
          const status = stepStatus(s, findings, seen(s.id), blank.has(s.id));
          const active = s.id === current;
          return (
            <li key={s.id} className={`fr-sidemenu__item${active ? ' fr-sidemenu__item--active' : ''}`}>
              <button
                type="button"
                ref={(el) => {
                  refs.current[i] = el;
                }}
                className="fr-sidemenu__link paraphe-steps__link"
                aria-current={active ? 'step' : undefined}
                tabIndex={active ? 0 : -1}
                onKeyDown={(e) => onKey(e, i)}
                onClick={() => onSelect(s.id)}
                data-step={s.id}
              >
                <span className="paraphe-steps__label">
                  {i + 1}. {stepLabel(s, t.lang)}
                </span>
                {statusBadge(t, status, findings)}
              </button>
            </li>
          );
        })}
      </ol>
      <p className="fr-hint-text paraphe-steps__keys">
        {t.navKeys}
      </p>
    </nav>
  );
}
