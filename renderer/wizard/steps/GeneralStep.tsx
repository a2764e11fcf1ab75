import { presentationOf, type Convention } from '../../../shared/model/convention';
import { formatDate, isValidIsoDate } from '../../../shared/rules/format';
import { SelectField, TextField, GroupFindings } from '../components/Fields';
import { DateField } from '../components/DateField';
import { fieldId } from '../model/steps';
import { withPresentation } from './presentation';
import { withCurrentReferences } from '../../../shared/rules/numbering';
import type { StepProps } from './step-props';
import { useWizardText } from '../../i18n/use-wizard-text';

type Kind = Convention['kind'];

/** Step 1: kind (and, for an avenant, what it amends), titles, place, date, originals. */
export function GeneralStep({ convention: c, edit }: StepProps) {
  const t = useWizardText();
  const set = <K extends keyof Convention>(key: K, value: Convention[K]) => edit((d) => ({ ...d, [key]: value }), key);
  const setKind = (kind: Kind) =>
    edit((d) => ({
      ...d,
      kind,
      avenant: kind === 'avenant' ? (d.avenant ?? { number: 1, base: { title: '' } }) : undefined,
    }));
  const avenant = c.avenant;
  return (
    <div>
      <SelectField<Kind>
        path="kind"
        label={t.actKind}
        value={c.kind}
        options={[
          { value: 'convention', label: t.kindConvention },
          { value: 'avenant', label: t.kindAvenant },
        ]}
        onChange={setKind}
      />
      {c.kind === 'avenant' ? (
        <fieldset className="fr-fieldset paraphe-box">
          <legend className="fr-fieldset__legend">{t.amendedConvention}</legend>
          <GroupFindings path="avenant" />
          <TextField
            path="avenant.number"
            label={t.avenantNumber}
            type="number"
            min={1}
            value={String(avenant?.number ?? 1)}
            onChange={(v) => {
              const n = Number.parseInt(v, 10);
              if (Number.isInteger(n) && n > 0) edit((d) => ({ ...d, avenant: { base: d.avenant?.base ?? { title: '' }, number: n } }), 'avenant.number');
            }}
          />
          <TextField
            path="avenant.base.title"
            label={t.baseTitle}
            value={avenant?.base.title ?? ''}
            onChange={(v) => edit((d) => ({ ...d, avenant: { number: d.avenant?.number ?? 1, base: { ...d.avenant?.base, title: v } } }), 'avenant.base.title')}
          />
          <DateField
            path="avenant.base.date"
            label={t.baseDate}
            value={avenant?.base.date ?? ''}
            onChange={(v) =>
              edit((d) => ({ ...d, avenant: { number: d.avenant?.number ?? 1, base: { ...(d.avenant?.base ?? { title: '' }), date: v || undefined } } }), 'avenant.base.date')
            }
          />
        </fieldset>
      ) : null}
      <TextField path="title" label={t.title} hint={t.titleHint} value={c.title} multiline onChange={(v) => set('title', v)} />
      <TextField path="shortTitle" label={t.shortTitle} hint={t.shortTitleHint} value={c.shortTitle} onChange={(v) => set('shortTitle', v)} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-5">
          <TextField path="place" label={t.signingPlace} hint={t.signingPlaceHint} value={c.place} onChange={(v) => set('place', v)} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <DateField
            path="date"
            label={t.date}
            hint={isValidIsoDate(c.date) ? t.datePrinted(formatDate(c.date)) : t.chooseDate}
            value={c.date}
            onChange={(v) => set('date', v)}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <TextField
            path="originals"
            label={t.originals}
            type="number"
            min={1}
            max={99}
            value={String(c.originals)}
            onChange={(v) => {
              const n = Number.parseInt(v, 10);
              if (Number.isInteger(n) && n >= 1 && n <= 99) set('originals', n);
            }}
          />
        </div>
      </div>
      <PresentationSection convention={c} edit={edit} />
    </div>
  );
}

/** « Mise en forme »: how the first article is numbered, French hyphenation, amounts in words. */
function PresentationSection({ convention: c, edit }: StepProps) {
  const t = useWizardText().presentation;
  const p = presentationOf(c);
  const firstId = fieldId('presentation.firstArticle');
  const box = (key: 'hyphenation' | 'amountsInWords', label: string, hint: string) => {
    const id = fieldId(`presentation.${key}`);
    return (
      <div className="fr-fieldset__element">
        <div className="fr-checkbox-group">
          <input
            type="checkbox"
            id={id}
            checked={p[key]}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              const on = e.target.checked;
              edit((d) => withPresentation(d, { [key]: on }), `presentation.${key}`);
            }}
          />
          <label className="fr-label" htmlFor={id}>
            {label}
            <span className="fr-hint-text" id={`${id}-hint`}>{hint}</span>
          </label>
        </div>
      </div>
    );
  };
  return (
    <section className="paraphe-box fr-mt-4w" aria-labelledby="presentation-h">
      <h3 id="presentation-h" className="fr-h5">{t.legend}</h3>
      <fieldset className="fr-fieldset" aria-labelledby={`${firstId}-legend`}>
        <legend className="fr-fieldset__legend fr-text--regular" id={`${firstId}-legend`}>{t.firstArticle}</legend>
        {(['1er', '1'] as const).map((v) => (
          <div className="fr-fieldset__element fr-fieldset__element--inline" key={v}>
            <div className="fr-radio-group">
              <input
                type="radio"
                id={`${firstId}-${v}`}
                name={firstId}
                checked={p.firstArticle === v}
                onChange={() => edit((d) => withCurrentReferences(withPresentation(d, { firstArticle: v })), 'presentation.firstArticle')}
              />
              <label className="fr-label" htmlFor={`${firstId}-${v}`}>{v === '1er' ? t.firstArticleEr : t.firstArticleOne}</label>
            </div>
          </div>
        ))}
      </fieldset>
      <div className="fr-fieldset">
        {box('hyphenation', t.hyphenation, t.hyphenationHint)}
        {box('amountsInWords', t.amountsInWords, t.amountsInWordsHint)}
      </div>
    </section>
  );
}
