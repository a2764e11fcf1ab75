import type { BudgetLine, BudgetRow } from '../../../shared/model/convention';
import { budgetTotals, cellShowsTotal, linesTotal } from '../../../shared/rules/budget';
import { formatAmount } from '../../../shared/rules/format';
import { amountInWords } from '../../../shared/rules/words';
import { GroupFindings, TextField } from '../components/Fields';
import { ReorderableList } from '../components/ReorderableList';
import { move, newId, removeAt, updateAt } from '../model/list-ops';
import { AmountInput } from './AmountInput';
import type { StepProps } from './step-props';
import { useWizardText } from '../../i18n/use-wizard-text';

type Column = 'ae' | 'cp';

/** « 220 000 EUR (deux cent vingt mille euros) », as the document prints it in every interface language. */
function amountWithWords(cents: number): string {
  return `${formatAmount(cents)} (${amountInWords(cents)})`;
}

/** Step 6: UO rows with their AE and CP lines; totals and words are computed as one types. */
export function BudgetStep({ convention: c, edit }: StepProps) {
  const rows = c.budget.rows;
  const editRows = (recipe: (rows: BudgetRow[]) => BudgetRow[], key?: string) =>
    edit((d) => ({ ...d, budget: { ...d.budget, rows: recipe(d.budget.rows) } }), key);
  const editRow = (i: number, recipe: (r: BudgetRow) => BudgetRow, key?: string) => editRows((rs) => updateAt(rs, i, recipe), key);
  const total = budgetTotals(c.budget);
  const t = useWizardText();
  return (
    <div>
      <p className="fr-text--sm">{t.budgetHelp}</p>
      {t.budgetPrintNote ? <p className="fr-text--sm">{t.budgetPrintNote}</p> : null}
      <GroupFindings path="budget" />
      <ReorderableList
        label={t.budgetList}
        items={rows}
        getKey={(r) => r.id}
        itemLabel={(r, i) => t.uoItem(r.uo.trim() || String(i + 1))}
        onMove={(from, to) => editRows((rs) => [...move(rs, from, to)])}
        onRemove={(i) => editRows((rs) => removeAt(rs, i))}
        renderItem={(row, i) => {
          const at = `budget.rows[${i}]`;
          return (
            <section className="paraphe-box" aria-label={t.uoRegion(row.uo || String(i + 1))}>
              <TextField path={`${at}.uo`} label={t.uoCode(i + 1)} hint={t.uoHint} value={row.uo} onChange={(uo) => editRow(i, (r) => ({ ...r, uo: uo.toUpperCase() }), `${row.id}.uo`)} />
              <GroupFindings path={at} />
              <div className="fr-grid-row fr-grid-row--gutters">
                {(['ae', 'cp'] as const).map((col) => (
                  <div key={col} className="fr-col-12">
                    <fieldset className="fr-fieldset paraphe-budget-cell">
                      <legend className="fr-fieldset__legend fr-text--md">{t.column[col]}</legend>
                      <GroupFindings path={`${at}.${col}`} />
                      {row[col].map((line, j) => (
                        <LineEditor
                          key={line.id}
                          at={`${at}.${col}[${j}]`}
                          n={j + 1}
                          col={col}
                          line={line}
                          onChange={(recipe, key) => editRow(i, (r) => ({ ...r, [col]: updateAt(r[col], j, recipe) }), key)}
                          onRemove={() => editRow(i, (r) => ({ ...r, [col]: removeAt(r[col], j) }))}
                        />
                      ))}
                      <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => editRow(i, (r) => ({ ...r, [col]: [...r[col], { id: newId('ligne'), amountCents: 0, label: '' }] }))}>
                        {t.addLine(col.toUpperCase(), i + 1)}
                      </button>
                      <p className="paraphe-total" aria-live="polite">
                        {t.cellTotal(cellShowsTotal(row[col]))}
                        <strong lang="fr">{amountWithWords(linesTotal(row[col]))}</strong>
                      </p>
                    </fieldset>
                  </div>
                ))}
              </div>
            </section>
          );
        }}
      />
      <button type="button" className="fr-btn fr-btn--secondary" onClick={() => editRows((rs) => [...rs, { id: newId('uo'), uo: '', ae: [{ id: newId('ligne'), amountCents: 0, label: '' }], cp: [{ id: newId('ligne'), amountCents: 0, label: '' }] }])}>
        {t.addUo}
      </button>
      <div className="paraphe-box paraphe-budget-total" role="status" aria-live="polite">
        <p>
          {t.totalAe}<strong lang="fr">{amountWithWords(total.ae)}</strong>
        </p>
        <p>
          {t.totalCp}<strong lang="fr">{amountWithWords(total.cp)}</strong>
        </p>
      </div>
    </div>
  );
}

interface LineEditorProps {
  readonly at: string;
  readonly n: number;
  readonly col: Column;
  readonly line: BudgetLine;
  readonly onChange: (recipe: (l: BudgetLine) => BudgetLine, key?: string) => void;
  readonly onRemove: () => void;
}

function LineEditor({ at, n, col, line, onChange, onRemove }: LineEditorProps) {
  const C = col.toUpperCase();
  const t = useWizardText();
  return (
    <div className="paraphe-row paraphe-budget-line">
      <AmountInput path={`${at}.amountCents`} label={t.lineAmount(C, n)} cents={line.amountCents} onChange={(amountCents) => onChange((l) => ({ ...l, amountCents }), `${line.id}.amount`)} />
      <TextField className="paraphe-row__grow" path={`${at}.label`} label={t.lineLabel(C, n)} hint={t.lineLabelHint} value={line.label} onChange={(label) => onChange((l) => ({ ...l, label }), `${line.id}.label`)} />
      <TextField path={`${at}.note`} label={t.lineNote} hint={t.lineNoteHint} value={line.note ?? ''} onChange={(note) => onChange((l) => ({ ...l, note: note || undefined }), `${line.id}.note`)} />
      <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-row__action" onClick={onRemove}>
        {t.removeLine(C, n)}
      </button>
    </div>
  );
}
