import type { Convention, Presentation } from '../../../shared/model/convention';
import { GroupFindings, TextField } from '../components/Fields';
import { fieldId } from '../model/steps';
import { removeAt, updateAt } from '../model/list-ops';
import { usePartiesText } from '../../i18n/parties-messages';
import type { StepProps } from './step-props';

const MAX_MINISTRIES = 6;

/** The presentation with its bloc-marque set, or without it (and without an emptied presentation). */
export function withBlocMarque(c: Convention, blocMarque: Presentation['blocMarque']): Convention {
  const { blocMarque: _old, ...rest } = c.presentation ?? {};
  const presentation: Presentation = blocMarque ? { ...rest, blocMarque } : rest;
  const { presentation: _p, ...others } = c;
  // Turning the bloc-marque on then off gives back the same content (and the same hash).
  return Object.keys(presentation).length > 0 ? { ...others, presentation } : others;
}

/** The parties' entities that name a ministry: what the bloc-marque lists at first. */
function ministriesOf(c: Convention): string[] {
  const names = c.parties.flatMap((p) => p.entities.map((e) => e.name.trim())).filter((n) => /^minist[eè]re/i.test(n));
  return [...new Set(names)].slice(0, MAX_MINISTRIES);
}

/** The State's bloc-marque on page 1: a check box, then the ministries printed under it. */
export function BlocMarqueSection({ convention: c, edit }: StepProps) {
  const tp = usePartiesText();
  const bloc = c.presentation?.blocMarque;
  const ministries = bloc?.ministries ?? [];
  const setMinistries = (list: string[], key?: string) => edit((d) => withBlocMarque(d, { ministries: list }), key);
  const toggleId = fieldId('presentation.blocMarque');
  return (
    <section className="paraphe-box fr-mt-4w" aria-labelledby="bloc-marque-h">
      <h3 id="bloc-marque-h" className="fr-h5">{tp.blocMarque}</h3>
      <div className="fr-checkbox-group">
        <input
          type="checkbox"
          id={toggleId}
          checked={!!bloc}
          aria-describedby={`${toggleId}-hint`}
          onChange={(e) => {
            const on = e.target.checked;
            edit((d) => withBlocMarque(d, on ? { ministries: ministriesOf(d).length > 0 ? ministriesOf(d) : [''] } : undefined));
          }}
        />
        <label className="fr-label" htmlFor={toggleId}>
          {tp.blocMarqueToggle}
          <span className="fr-hint-text" id={`${toggleId}-hint`}>{tp.blocMarqueHint}</span>
        </label>
      </div>
      {bloc ? (
        <fieldset className="fr-fieldset fr-mt-2w">
          <GroupFindings path="presentation.blocMarque.ministries" />
          {ministries.map((m, k) => (
            <div key={k} className="paraphe-row">
              <TextField
                className="paraphe-row__grow"
                path={`presentation.blocMarque.ministries[${k}]`}
                label={tp.ministry(k + 1)}
                hint={tp.ministryHint}
                value={m}
                onChange={(v) => setMinistries(updateAt(ministries, k, () => v), `presentation.blocMarque.ministries[${k}]`)}
              />
              <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-row__action" onClick={() => setMinistries(removeAt(ministries, k))}>
                {tp.removeMinistry(k + 1)}
              </button>
            </div>
          ))}
          {ministries.length < MAX_MINISTRIES ? (
            <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => setMinistries([...ministries, ''])}>
              {tp.addMinistry}
            </button>
          ) : (
            <p className="fr-hint-text">{tp.ministriesMax}</p>
          )}
        </fieldset>
      ) : null}
    </section>
  );
}
