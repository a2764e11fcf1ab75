import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import type { ConventionSummaryDto } from '../../shared/ipc/channels/conventions';
import type { Messages } from '../i18n/messages';
import { displayName } from '../home/list-filter';

/** The trash: restore one convention, or empty it after an explicit confirmation. */
export function TrashView(props: {
  t: Messages;
  items: readonly ConventionSummaryDto[];
  busy: boolean;
  onRestore: (id: string) => void;
  onEmpty: () => void;
  onBack: () => void;
}) {
  const { t, items } = props;
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="trash-heading">
      <Button priority="tertiary" iconId="fr-icon-arrow-left-line" onClick={props.onBack} className="fr-mb-2w">{t.backToList}</Button>
      <h1 id="trash-heading" className="fr-h2">{t.trashHeading}</h1>
      {items.length === 0 ? (
        <p>{t.emptyTrash}</p>
      ) : (
        <>
          <div className="fr-table fr-table--no-caption paraphe-table">
            <table aria-labelledby="trash-heading">
              <thead>
                <tr>
                  <th scope="col">{t.columnTitle}</th>
                  <th scope="col">{t.columnKind}</th>
                  <th scope="col">{t.columnUpdated}</th>
                  <th scope="col">{t.columnActions}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} data-convention-id={c.id}>
                    <th scope="row">{displayName(c)}</th>
                    <td>{t.kind[c.kind]}</td>
                    <td><time dateTime={c.updatedAt}>{t.dateTime(new Date(c.updatedAt))}</time></td>
                    <td>
                      <Button size="small" priority="secondary" iconId="fr-icon-refresh-line" disabled={props.busy} onClick={() => props.onRestore(c.id)}>{t.restore}</Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {confirming ? (
            <div className="fr-callout" role="alertdialog" aria-labelledby="empty-confirm">
              <p id="empty-confirm" className="fr-callout__text">{t.emptyTrashConfirm(items.length)}</p>
              <div className="paraphe-actions fr-mt-2w">
                <Button
                  iconId="fr-icon-delete-bin-line"
                  disabled={props.busy}
                  onClick={() => {
                    setConfirming(false);
                    props.onEmpty();
                  }}
                >
                  {t.emptyTrashConfirmButton}
                </Button>
                <Button priority="secondary" nativeButtonProps={{ autoFocus: true }} onClick={() => setConfirming(false)}>{t.cancel}</Button>
              </div>
            </div>
          ) : (
            <Button priority="secondary" iconId="fr-icon-delete-bin-line" disabled={props.busy} onClick={() => setConfirming(true)}>{t.emptyTrashButton}</Button>
          )}
        </>
      )}
    </section>
  );
}
