import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ConventionSummaryDto } from '../../shared/ipc/channels/conventions';
import type { Messages } from '../i18n/messages';

const statusSeverity = { draft: 'info', finalized: 'new', signing: 'warning', signed: 'success' } as const;

/** One row per convention: title, kind, status, last change, and its actions. */
export function ConventionTable(props: {
  t: Messages;
  conventions: readonly ConventionSummaryDto[];
  busy: boolean;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDuplicate: (id: string) => void;
  onExport: (id: string) => void;
  onExportWord: (id: string) => void;
  onTrash: (item: ConventionSummaryDto) => void;
  onCreateAvenant: (id: string) => void;
}) {
  const { t } = props;
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <div className="fr-table fr-table--no-caption paraphe-table">
      <table aria-labelledby="conventions-heading">
        <thead>
          <tr>
            <th scope="col">{t.columnTitle}</th>
            <th scope="col">{t.columnKind}</th>
            <th scope="col">{t.columnStatus}</th>
            <th scope="col">{t.columnUpdated}</th>
            <th scope="col">{t.columnActions}</th>
          </tr>
        </thead>
        <tbody>
          {props.conventions.map((c) => (
            <tr key={c.id} data-convention-id={c.id}>
              <th scope="row" id={`title-${c.id}`}>
                {renaming === c.id ? (
                  <RenameForm
                    t={t}
                    current={c.title}
                    onCancel={() => setRenaming(null)}
                    onSave={(title) => {
                      setRenaming(null);
                      props.onRename(c.id, title);
                    }}
                  />
                ) : (
                  c.title
                )}
              </th>
              <td>{t.kind[c.kind]}</td>
              <td>
                <Badge small noIcon severity={statusSeverity[c.status]}>{t.status[c.status]}</Badge>
              </td>
              <td>
                <time dateTime={c.updatedAt}>{t.dateTime(new Date(c.updatedAt))}</time>
              </td>
              <td>
                <div className="paraphe-actions" role="group" aria-label={t.actionsFor(c.title)}>
                  <Button size="small" onClick={() => props.onOpen(c.id)}>{t.open}</Button>
                  <Button size="small" priority="secondary" disabled={props.busy} onClick={() => setRenaming(c.id)}>{t.rename}</Button>
                  <Button size="small" priority="secondary" disabled={props.busy} onClick={() => props.onDuplicate(c.id)}>{t.duplicate}</Button>
                  {c.kind === 'convention' && (
                    <Button size="small" priority="secondary" disabled={props.busy} onClick={() => props.onCreateAvenant(c.id)}>{t.createAvenant}</Button>
                  )}
                  <Button size="small" priority="secondary" disabled={props.busy} onClick={() => props.onExport(c.id)}>{t.exportJson}</Button>
                  <Button size="small" priority="secondary" disabled={props.busy} onClick={() => props.onExportWord(c.id)}>{t.exportWord}</Button>
                  <Button size="small" priority="tertiary" iconId="fr-icon-delete-line" disabled={props.busy} onClick={() => props.onTrash(c)}>{t.trash}</Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Inline rename: Enter saves, Escape cancels, focus lands in the field. */
function RenameForm(props: { t: Messages; current: string; onSave: (title: string) => void; onCancel: () => void }) {
  const [title, setTitle] = useState(props.current);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) props.onSave(title.trim());
  };
  return (
    <form onSubmit={submit} className="paraphe-actions">
      <label className="fr-label paraphe-visually-hidden" htmlFor="rename-field">{props.t.newTitleLabel(props.current)}</label>
      <input
        id="rename-field"
        ref={field}
        className="fr-input"
        value={title}
        maxLength={500}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onCancel();
        }}
      />
      <Button size="small" type="submit" disabled={!title.trim()}>{props.t.save}</Button>
      <Button size="small" priority="secondary" type="button" onClick={props.onCancel}>{props.t.cancel}</Button>
    </form>
  );
}
