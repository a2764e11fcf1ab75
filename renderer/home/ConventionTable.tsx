import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ConventionSummaryDto } from '../../shared/ipc/channels/conventions';
import { formatDate, isValidIsoDate } from '../../shared/rules/format';
import type { Lang, Messages } from '../i18n/messages';
import { ActionsMenu } from './ActionsMenu';
import { homeListMessages, type HomeListMessages } from './home-list-messages';
import { EMPTY_QUERY, displayName, filterChoices, filterConventions, type Facets, type ListQuery } from './list-filter';
import './home-list.css';

const statusSeverity = { draft: 'info', finalized: 'new', signing: 'warning', signed: 'success' } as const;
const enDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The conventions, searchable (short name, full title, parties), filtered (status, party,
 * year) and sorted (last change, name, date); each row has one main action, « Ouvrir », and
 * the others in its « Autres actions » menu.
 */
export function ConventionTable(props: {
  t: Messages;
  lang: Lang;
  conventions: readonly ConventionSummaryDto[];
  facets: ReadonlyMap<string, Facets>;
  busy: boolean;
  onOpen: (id: string) => void;
  onRename: (id: string, shortTitle: string) => void;
  onDuplicate: (id: string) => void;
  onExport: (id: string) => void;
  onExportWord: (id: string) => void;
  onTrash: (item: ConventionSummaryDto) => void;
  onCreateAvenant: (id: string) => void;
}) {
  const { t } = props;
  const m = homeListMessages[props.lang];
  const [renaming, setRenaming] = useState<string | null>(null);
  const [query, setQuery] = useState<ListQuery>(EMPTY_QUERY);
  const rows = useMemo(() => filterConventions(props.conventions, props.facets, query), [props.conventions, props.facets, query]);
  const choices = useMemo(() => filterChoices(props.facets), [props.facets]);
  const dateText = (iso: string | undefined) =>
    iso && isValidIsoDate(iso) ? (props.lang === 'fr' ? formatDate(iso) : enDate.format(new Date(`${iso}T00:00:00Z`))) : m.noDate;
  return (
    <>
      <ListFilters m={m} t={t} query={query} onQuery={setQuery} parties={choices.parties} years={choices.years} />
      <p className="fr-text--sm fr-mb-1w" aria-live="polite" data-testid="list-count">{m.shown(rows.length, props.conventions.length)}</p>
      {rows.length === 0 ? (
        <div className="fr-callout">
          <p className="fr-callout__text">{m.noMatch}</p>
          <Button size="small" priority="secondary" onClick={() => setQuery(EMPTY_QUERY)}>{m.clearFilters}</Button>
        </div>
      ) : (
        <div className="fr-table fr-table--no-caption paraphe-table">
          <table aria-labelledby="conventions-heading">
            <thead>
              <tr>
                <th scope="col">{m.columnName}</th>
                <th scope="col">{m.columnTitle}</th>
                <th scope="col">{t.columnKind}</th>
                <th scope="col">{t.columnStatus}</th>
                <th scope="col">{m.columnDate}</th>
                <th scope="col">{t.columnUpdated}</th>
                <th scope="col">{t.columnActions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const name = displayName(c);
                return (
                  <tr key={c.id} data-convention-id={c.id}>
                    <th scope="row" id={`title-${c.id}`}>
                      {renaming === c.id ? (
                        <RenameForm
                          t={t}
                          current={name}
                          onCancel={() => setRenaming(null)}
                          onSave={(title) => {
                            setRenaming(null);
                            props.onRename(c.id, title);
                          }}
                        />
                      ) : (
                        name
                      )}
                    </th>
                    <td className="paraphe-list-title" lang="fr">{c.title}</td>
                    <td>{t.kind[c.kind]}</td>
                    <td>
                      <Badge small noIcon severity={statusSeverity[c.status]}>{t.status[c.status]}</Badge>
                    </td>
                    <td>{dateText(props.facets.get(c.id)?.date)}</td>
                    <td>
                      <time dateTime={c.updatedAt}>{t.dateTime(new Date(c.updatedAt))}</time>
                    </td>
                    <td>
                      <div className="paraphe-row-actions" role="group" aria-label={t.actionsFor(name)}>
                        <Button size="small" onClick={() => props.onOpen(c.id)}>{t.open}</Button>
                        <ActionsMenu
                          label={m.moreActions}
                          actions={[
                            { label: t.rename, disabled: props.busy, keepsFocus: true, onSelect: () => setRenaming(c.id) },
                            { label: t.duplicate, disabled: props.busy, onSelect: () => props.onDuplicate(c.id) },
                            ...(c.kind === 'convention' ? [{ label: t.createAvenant, disabled: props.busy, onSelect: () => props.onCreateAvenant(c.id) }] : []),
                            { label: t.exportJson, disabled: props.busy, onSelect: () => props.onExport(c.id) },
                            { label: t.exportWord, disabled: props.busy, onSelect: () => props.onExportWord(c.id) },
                            { label: t.trash, disabled: props.busy, danger: true, onSelect: () => props.onTrash(c) },
                          ]}
                        />
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Search, status, party, year and sort, above the list; every change applies at once. */
function ListFilters(props: { m: HomeListMessages; t: Messages; query: ListQuery; onQuery: (q: ListQuery) => void; parties: readonly string[]; years: readonly string[] }) {
  const { m, t, query } = props;
  const id = useId();
  const set = <K extends keyof ListQuery>(key: K, value: ListQuery[K]) => props.onQuery({ ...query, [key]: value });
  return (
    <div role="search" className="paraphe-list-filters" aria-label={m.filtersLegend}>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${id}-q`}>
          {m.search}
          <span className="fr-hint-text">{m.searchHint}</span>
        </label>
        <input id={`${id}-q`} className="fr-input" type="search" value={query.text} autoComplete="off" onChange={(e) => set('text', e.target.value)} />
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={`${id}-status`}>{m.status}</label>
        <select id={`${id}-status`} className="fr-select" value={query.status} onChange={(e) => set('status', e.target.value as ListQuery['status'])}>
          <option value="">{m.all}</option>
          {(['draft', 'finalized', 'signing', 'signed'] as const).map((s) => (
            <option key={s} value={s}>{t.status[s]}</option>
          ))}
        </select>
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={`${id}-party`}>{m.party}</label>
        <select id={`${id}-party`} className="fr-select" value={query.party} onChange={(e) => set('party', e.target.value)}>
          <option value="">{m.all}</option>
          {props.parties.map((p) => (
            <option key={p} value={p} lang="fr">{p}</option>
          ))}
        </select>
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={`${id}-year`}>{m.year}</label>
        <select id={`${id}-year`} className="fr-select" value={query.year} onChange={(e) => set('year', e.target.value)}>
          <option value="">{m.all}</option>
          {props.years.map((y) => (
            <option key={y} value={y}>{y}</option>
          ))}
        </select>
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={`${id}-sort`}>{m.sort}</label>
        <select id={`${id}-sort`} className="fr-select" value={query.sort} onChange={(e) => set('sort', e.target.value as ListQuery['sort'])}>
          <option value="updated">{m.sortUpdated}</option>
          <option value="title">{m.sortTitle}</option>
          <option value="date">{m.sortDate}</option>
        </select>
      </div>
    </div>
  );
}

/** Inline rename of the short name: Enter saves, Escape cancels, focus lands in the field. */
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
