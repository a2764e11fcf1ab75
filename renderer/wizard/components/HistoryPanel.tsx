import { useState } from 'react';
import { useHistory } from '../hooks/use-history';
import type { DiffLine } from '../model/compare';
import { useWizardText } from '../../i18n/use-wizard-text';


interface HistoryPanelProps {
  readonly conventionId: string;
  readonly open: boolean;
  readonly flush: () => Promise<boolean>;
  /** Called after a restore: the wizard reloads the convention from main. */
  readonly onRestored: () => void;
  /** Finalized: no restore (it would change the signed text); reopen first. */
  readonly locked?: boolean;
}

/** Versions (restore one) and the audit log of the convention. */
export function HistoryPanel({ conventionId, open, flush, onRestored, locked = false }: HistoryPanelProps) {
  const { versions, audit, error, restore, compare } = useHistory(conventionId, open, flush);
  const [diff, setDiff] = useState<{ older: number; newer: number; lines: DiffLine[] } | undefined>(undefined);
  const t = useWizardText();
  if (!open) return null;
  const current = versions[0]?.version;
  return (
    <section className="paraphe-box paraphe-history" aria-labelledby="historique-h">
      <h2 id="historique-h" className="fr-h5">{t.history}</h2>
      {error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
          <p lang="fr">{error}</p>
        </div>
      ) : null}
      {diff ? (
        <section className="paraphe-diff" aria-labelledby="diff-h">
          <h3 className="fr-h6" id="diff-h">
            {t.diffHeading(diff.older, diff.newer)}
          </h3>
          {diff.lines.every((l) => l.kind === 'same') ? (
            <p>{t.sameText}</p>
          ) : (
            <ul className="paraphe-diff__lines" tabIndex={0} aria-labelledby="diff-h">
              {diff.lines.map((l, i) =>
                l.kind === 'same' ? null : (
                  <li key={i} className={`paraphe-diff__${l.kind}`}>
                    {l.kind === 'added' ? <ins>+ {l.text}</ins> : <del>− {l.text}</del>}
                  </li>
                ),
              )}
            </ul>
          )}
          <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={() => setDiff(undefined)}>
            {t.closeDiff}
          </button>
        </section>
      ) : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-7">
          <h3 className="fr-h6">{t.versions}</h3>
          <ol className="paraphe-versions">
            {versions.map((v, i) => (
              <li key={v.version}>
                <strong>{t.version(v.version)}</strong> —{' '}
                {v.autosave && v.autosave.saves > 1 ? t.savedSpan(v.autosave.startedAt, v.savedAt, v.autosave.saves) : t.when(v.savedAt)} —{' '}
                <span lang="fr">{v.summary}</span>
                {v.finalized ? <span className="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon fr-ml-1w">{t.finalizedVersion}</span> : null}
                {v.restoredFrom !== undefined ? (
                  <span className="fr-badge fr-badge--sm fr-badge--purple-glycine fr-badge--no-icon fr-ml-1w">{t.restorePoint(v.restoredFrom)}</span>
                ) : null}
                {i > 0 && current !== undefined ? (
                  <button
                    type="button"
                    className="fr-btn fr-btn--tertiary fr-btn--sm fr-ml-1w"
                    onClick={() => void compare(v.version, current).then((lines) => lines && setDiff({ older: v.version, newer: current, lines }))}
                  >
                    {t.compareVersion(v.version)}
                  </button>
                ) : null}
                {i > 0 && locked ? null : i > 0 ? (
                  <button
                    type="button"
                    className="fr-btn fr-btn--tertiary fr-btn--sm fr-ml-1w"
                    onClick={() => void restore(v.version).then((ok) => ok && onRestored())}
                  >
                    {t.restoreVersion(v.version)}
                  </button>
                ) : (
                  <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon fr-ml-1w">{t.currentVersion}</span>
                )}
              </li>
            ))}
          </ol>
        </div>
        <div className="fr-col-12 fr-col-md-5">
          <h3 className="fr-h6" id="journal-h">{t.journal}</h3>
          <ol className="paraphe-versions" tabIndex={0} aria-labelledby="journal-h">
            {audit.map((a, i) => (
              <li key={i}>
                {t.when(a.at)} — {t.actions[a.action] ?? a.action}
                {a.detail ? <>{t.lang === 'fr' ? ' : ' : ': '}<span lang="fr">{a.detail}</span></> : null}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
