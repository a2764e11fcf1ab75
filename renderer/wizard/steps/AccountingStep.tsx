import type { AccountingReference } from '../../../shared/model/convention';
import { GroupFindings, TextField } from '../components/Fields';
import { newId, removeAt, updateAt } from '../model/list-ops';
import type { StepProps } from './step-props';
import { useWizardText } from '../../i18n/use-wizard-text';

type RefField = 'axeMinisteriel' | 'domaineFonctionnel' | 'sousAction' | 'centreFinancier' | 'activite' | 'centreCout';
// Labels come from the dictionary (t.accountingFields); the examples are Chorus codes, the same in every language.
const FIELDS: ReadonlyArray<{ key: RefField; example: string }> = [
  { key: 'axeMinisteriel', example: '0113' },
  { key: 'domaineFonctionnel', example: '0113-01-02' },
  { key: 'sousAction', example: '' },
  { key: 'centreFinancier', example: '0113-PEBC-ELAB' },
  { key: 'activite', example: '011301DGA101' },
  { key: 'centreCout', example: 'DGALN01075' },
];

const emptyRef = (uo: string): AccountingReference => ({ id: newId('chorus'), uo, extra: [] });

/** Step 7: the Chorus references of each UO of the budget. */
export function AccountingStep({ convention: c, edit }: StepProps) {
  const t = useWizardText();
  const refs = c.accounting;
  const missing = [...new Set(c.budget.rows.map((r) => r.uo.trim()).filter(Boolean))].filter((uo) => !refs.some((r) => r.uo.trim() === uo));
  const editRef = (i: number, recipe: (r: AccountingReference) => AccountingReference, key?: string) =>
    edit((d) => ({ ...d, accounting: updateAt(d.accounting, i, recipe) }), key);
  return (
    <div>
      <GroupFindings path="accounting" />
      {missing.length ? (
        <div className="fr-alert fr-alert--info fr-alert--sm paraphe-spaced">
          <p>
            {t.uosWithoutRefs(missing.join(', '))}{' '}
            <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => edit((d) => ({ ...d, accounting: [...d.accounting, ...missing.map(emptyRef)] }))}>
              {t.prepareRefs(missing.length)}
            </button>
          </p>
        </div>
      ) : null}
      {refs.map((ref, i) => {
        const at = `accounting[${i}]`;
        return (
          <section key={ref.id} className="paraphe-box" aria-labelledby={`${ref.id}-h`}>
            <div className="paraphe-box__head">
              <h3 className="fr-h5" id={`${ref.id}-h`}>{t.refsHeading(ref.uo || String(i + 1))}</h3>
              <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-danger" onClick={() => edit((d) => ({ ...d, accounting: removeAt(d.accounting, i) }))}>
                {t.removeRefs(i + 1)}
              </button>
            </div>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-4">
                <TextField path={`${at}.uo`} label={t.refsUo(i + 1)} value={ref.uo} onChange={(uo) => editRef(i, (r) => ({ ...r, uo: uo.toUpperCase() }), `${ref.id}.uo`)} />
              </div>
              {FIELDS.map((f) => (
                <div key={f.key} className="fr-col-12 fr-col-md-4">
                  <TextField path={`${at}.${f.key}`} label={t.accountingFields[f.key]} hint={f.example ? t.example(f.example) : undefined} value={ref[f.key] ?? ''} onChange={(v) => editRef(i, (r) => ({ ...r, [f.key]: v || undefined }), `${ref.id}.${f.key}`)} />
                </div>
              ))}
            </div>
            {ref.extra.map((x, j) => (
              <div key={j} className="paraphe-row">
                <TextField path={`${at}.extra[${j}].label`} label={t.extraLabel(j + 1)} value={x.label} onChange={(label) => editRef(i, (r) => ({ ...r, extra: updateAt(r.extra, j, (e) => ({ ...e, label })) }), `${ref.id}.x${j}.l`)} />
                <TextField className="paraphe-row__grow" path={`${at}.extra[${j}].value`} label={t.extraValue} value={x.value} onChange={(value) => editRef(i, (r) => ({ ...r, extra: updateAt(r.extra, j, (e) => ({ ...e, value })) }), `${ref.id}.x${j}.v`)} />
                <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-row__action" onClick={() => editRef(i, (r) => ({ ...r, extra: removeAt(r.extra, j) }))}>
                  {t.removeExtra(j + 1)}
                </button>
              </div>
            ))}
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={() => editRef(i, (r) => ({ ...r, extra: [...r.extra, { label: '', value: '' }] }))}>
              {t.addExtra(i + 1)}
            </button>
          </section>
        );
      })}
      <button type="button" className="fr-btn fr-btn--secondary" onClick={() => edit((d) => ({ ...d, accounting: [...d.accounting, emptyRef('')] }))}>
        {t.addRefs}
      </button>
    </div>
  );
}
