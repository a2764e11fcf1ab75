import { useState } from 'react';
import { useHistory } from '../hooks/use-history';
import type { DiffLine } from '../model/compare';

const ACTIONS: Record<string, string> = {
  created: 'Création',
  imported: 'Import',
  duplicated: 'Copie',
  edited: 'Modification',
  renamed: 'Renommage',
  'restored-version': 'Version restaurée',
  finalized: 'Finalisation',
  rendered: 'PDF généré',
  signed: 'Signature',
  exported: 'Export',
  trashed: 'Mise à la corbeille',
  'restored-from-trash': 'Sortie de la corbeille',
};

const when = (iso: string) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' }).replace(':', ' h ');

interface HistoryPanelProps {
  readonly conventionId: string;
  readonly open: boolean;
  readonly flush: () => Promise<boolean>;
  /** Called after a restore: the wizard reloads the convention from main. */
  readonly onRestored: () => void;
}

/** Versions (restore one) and the audit log of the convention. */
export function HistoryPanel({ conventionId, open, flush, onRestored }: HistoryPanelProps) {
  const { versions, audit, error, restore, compare } = useHistory(conventionId, open, flush);
  const [diff, setDiff] = useState<{ older: number; newer: number; lines: DiffLine[] } | undefined>(undefined);
  if (!open) return null;
  const current = versions[0]?.version;
  return (
    <section className="paraphe-box paraphe-history" aria-labelledby="historique-h">
      <h2 id="historique-h" className="fr-h5">Historique</h2>
      {error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {diff ? (
        <section className="paraphe-diff" aria-labelledby="diff-h">
          <h3 className="fr-h6" id="diff-h">
            Différences entre la version {diff.older} et la version {diff.newer}
          </h3>
          {diff.lines.every((l) => l.kind === 'same') ? (
            <p>Le texte est identique.</p>
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
            Fermer la comparaison
          </button>
        </section>
      ) : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-7">
          <h3 className="fr-h6">Versions</h3>
          <ol className="paraphe-versions">
            {versions.map((v, i) => (
              <li key={v.version}>
                <strong>Version {v.version}</strong> — {when(v.savedAt)} — {v.summary}
                {i > 0 && current !== undefined ? (
                  <button
                    type="button"
                    className="fr-btn fr-btn--tertiary fr-btn--sm fr-ml-1w"
                    onClick={() => void compare(v.version, current).then((lines) => lines && setDiff({ older: v.version, newer: current, lines }))}
                  >
                    Comparer la version {v.version} à l’actuelle
                  </button>
                ) : null}
                {i > 0 ? (
                  <button
                    type="button"
                    className="fr-btn fr-btn--tertiary fr-btn--sm fr-ml-1w"
                    onClick={() => void restore(v.version).then((ok) => ok && onRestored())}
                  >
                    Restaurer la version {v.version}
                  </button>
                ) : (
                  <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon fr-ml-1w">Actuelle</span>
                )}
              </li>
            ))}
          </ol>
        </div>
        <div className="fr-col-12 fr-col-md-5">
          <h3 className="fr-h6" id="journal-h">Journal</h3>
          <ol className="paraphe-versions" tabIndex={0} aria-labelledby="journal-h">
            {audit.map((a, i) => (
              <li key={i}>
                {when(a.at)} — {ACTIONS[a.action] ?? a.action}
                {a.detail ? ` : ${a.detail}` : ''}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
