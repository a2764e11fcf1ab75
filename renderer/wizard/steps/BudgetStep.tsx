import type { BudgetLine, BudgetRow } from '../../../shared/model/convention';
import { budgetTotals, cellShowsTotal, linesTotal } from '../../../shared/rules/budget';
import { formatAmount } from '../../../shared/rules/format';
import { amountInWords } from '../../../shared/rules/words';
import { GroupFindings, TextField } from '../components/Fields';
import { ReorderableList } from '../components/ReorderableList';
import { move, newId, removeAt, updateAt } from '../model/list-ops';
import { AmountInput } from './AmountInput';
import type { StepProps } from './step-props';

type Column = 'ae' | 'cp';
const COLUMN_LABEL: Record<Column, string> = { ae: 'Autorisations d’engagement (AE)', cp: 'Crédits de paiement (CP)' };

/** « 220 000 EUR (deux cent vingt mille euros) » */
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
  return (
    <div>
      <p className="fr-text--sm">Une ligne par unité opérationnelle (UO). Les totaux sont calculés : ils ne se saisissent pas.</p>
      <GroupFindings path="budget" />
      <ReorderableList
        label="Unités opérationnelles du budget"
        items={rows}
        getKey={(r) => r.id}
        itemLabel={(r, i) => `l’UO ${r.uo.trim() || i + 1}`}
        onMove={(from, to) => editRows((rs) => [...move(rs, from, to)])}
        onRemove={(i) => editRows((rs) => removeAt(rs, i))}
        renderItem={(row, i) => {
          const at = `budget.rows[${i}]`;
          return (
            <section className="paraphe-box" aria-label={`UO ${row.uo || i + 1}`}>
              <TextField path={`${at}.uo`} label={`Code de l’UO ${i + 1}`} hint="ex. 0113-PEBC-ELAB" value={row.uo} onChange={(uo) => editRow(i, (r) => ({ ...r, uo: uo.toUpperCase() }), `${row.id}.uo`)} />
              <GroupFindings path={at} />
              <div className="fr-grid-row fr-grid-row--gutters">
                {(['ae', 'cp'] as const).map((col) => (
                  <div key={col} className="fr-col-12">
                    <fieldset className="fr-fieldset paraphe-budget-cell">
                      <legend className="fr-fieldset__legend fr-text--md">{COLUMN_LABEL[col]}</legend>
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
                        Ajouter une ligne en {col.toUpperCase()} (UO {i + 1})
                      </button>
                      <p className="paraphe-total" aria-live="polite">
                        {cellShowsTotal(row[col]) ? 'Soit un total de : ' : 'Total : '}
                        <strong>{amountWithWords(linesTotal(row[col]))}</strong>
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
        Ajouter une UO
      </button>
      <div className="paraphe-box paraphe-budget-total" role="status" aria-live="polite">
        <p>
          Total des AE : <strong>{amountWithWords(total.ae)}</strong>
        </p>
        <p>
          Total des CP : <strong>{amountWithWords(total.cp)}</strong>
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
  return (
    <div className="paraphe-row paraphe-budget-line">
      <AmountInput path={`${at}.amountCents`} label={`Montant ${C} ligne ${n}`} cents={line.amountCents} onChange={(amountCents) => onChange((l) => ({ ...l, amountCents }), `${line.id}.amount`)} />
      <TextField className="paraphe-row__grow" path={`${at}.label`} label={`Objet ${C} ligne ${n}`} hint="« au titre du financement … »" value={line.label} onChange={(label) => onChange((l) => ({ ...l, label }), `${line.id}.label`)} />
      <TextField path={`${at}.note`} label="Mention" hint="ex. « (à rétablir) »" value={line.note ?? ''} onChange={(note) => onChange((l) => ({ ...l, note: note || undefined }), `${line.id}.note`)} />
      <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-row__action" onClick={onRemove}>
        Retirer la ligne {C} {n}
      </button>
    </div>
  );
}
