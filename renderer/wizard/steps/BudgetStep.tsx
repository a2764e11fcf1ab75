import { memo, useCallback, useContext, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Budget, BudgetRow } from '../../../shared/model/convention';
import { budgetBreakdown, cellShowsTotal, linesTotal } from '../../../shared/rules/budget';
import { formatAmount } from '../../../shared/rules/format';
import { amountInWords } from '../../../shared/rules/words';
import { GroupFindings } from '../components/Fields';
import { FindingsContext } from '../components/findings-context';
import { EditingContext } from '../components/editing-context';
import type { Finding } from '../../../shared/model/migrate';
import { RemovalContext } from '../components/removal-context';
import { move, newId, removeAt, updateAt } from '../model/list-ops';
import { fieldId } from '../model/steps';
import { AmountInput, GridInput } from './AmountInput';
import {
  addYear, columnGroups, FIELDS, groupLines, linePath, moveFrom, nextYear, removeYear, rowStarts, uoHeight, withNewLine,
  type BudgetColumn, type CellPos, type ColumnGroup, type GridKey, type LineField,
} from './budget-grid';
import type { StepProps } from './step-props';
import { useWizardText } from '../../i18n/use-wizard-text';
import type { WizardMessages } from '../../i18n/wizard-messages';
import './budget-grid.css';

/** « 220 000 EUR (deux cent vingt mille euros) », as the document prints it in every interface language. */
function amountWithWords(cents: number): string {
  return `${formatAmount(cents)} (${amountInWords(cents)})`;
}

/** Column widths of the grid, in rem: a UO code, an amount, a purpose and a note each on one line. */
const UO_REM = 11;
const FIELD_REM: Record<LineField, number> = { amount: 8.5, label: 14, note: 7 };
const GROUP_REM = FIELD_REM.amount + FIELD_REM.label + FIELD_REM.note;

const blankLine = () => ({ id: newId('ligne'), amountCents: 0, label: '' });
/** « AE » or « AE 2021 »: how a group is named in labels. */
const groupName = (g: ColumnGroup) => `${g.col.toUpperCase()}${g.year === undefined ? '' : ` ${g.year}`}`;

type EditRow = (i: number, recipe: (r: BudgetRow) => BudgetRow, key?: string) => void;

/**
 * Step 6: the budget edited as the grid that gets printed. One UO per block of rows, its AE and
 * CP lines side by side (per year in a budget over several years), each line's amount, purpose
 * and note in cells; totals computed as one types. Arrows, Enter and Tab move between cells;
 * Ctrl+Enter adds a line (an aria grid: the cells are the inputs).
 */
export function BudgetStep({ convention: c, edit }: StepProps) {
  const t = useWizardText();
  // An amount being typed: shown (with its totals) at once, in the draft a moment after typing
  // stops or on leaving the cell, as the article bodies do: a keystroke never waits for the whole wizard.
  const [typed, setTyped] = useState<TypedAmount | null>(null);
  const budget = useMemo(() => withTyped(c.budget, typed), [c.budget, typed]);
  const rows = budget.rows;
  const removal = useContext(RemovalContext);
  const removalRef = useRef(removal);
  removalRef.current = removal;
  const announceRemoval = useCallback((text: string) => removalRef.current(text), []);
  const uoFindings = useUoFindings(useContext(FindingsContext));
  // The latest `edit`, so that the callbacks the UO rows receive never change (rows re-render only when theirs does).
  const editRef = useRef(edit);
  editRef.current = edit;
  const editBudget = useCallback((recipe: (b: Budget) => Budget, key?: string) => editRef.current((d) => ({ ...d, budget: recipe(d.budget) }), key), []);
  const editRows = useCallback((recipe: (rows: BudgetRow[]) => BudgetRow[], key?: string) => editBudget((b) => ({ ...b, rows: recipe(b.rows) }), key), [editBudget]);
  const editRow: EditRow = useCallback((i, recipe, key) => editRows((rs) => updateAt(rs, i, recipe), key), [editRows]);

  const yearsKey = (budget.years ?? []).join(',');
  // The groups change only with the years: the same array otherwise, so the UO rows stay memoized.
  const groups = useMemo(() => columnGroups({ years: yearsKey ? yearsKey.split(',').map(Number) : [] }), [yearsKey]);
  const { starts, count } = rowStarts(rows, groups);
  const columnCount = 1 + groups.length * FIELDS.length;

  // Focus wanted after the next render (a new line's amount, a new UO's code): set by the keys and buttons.
  const pendingFocus = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const el = document.getElementById(id);
    if (el) {
      pendingFocus.current = null;
      el.focus();
    }
  });

  const addUo = (after?: number) => {
    const at = after === undefined ? rows.length : after + 1;
    const row: BudgetRow = { id: newId('uo'), uo: '', ae: [], cp: [] };
    const filled = groups.reduce((r, g) => withNewLine(r, g, blankLine()), row);
    pendingFocus.current = fieldId(`budget.rows[${at}].uo`);
    editRows((rs) => [...rs.slice(0, at), filled, ...rs.slice(at)]);
  };

  /** Adds a line to a group of UO `i`, after line `after` of `row[col]` (or at the end), and focuses its amount. */
  const addLine = useCallback((i: number, g: ColumnGroup, after?: number) => {
    const row = rowsRef.current[i];
    if (!row) return;
    const at = after === undefined ? row[g.col].length : after + 1;
    pendingFocus.current = fieldId(linePath(i, g.col, at, 'amount'));
    editRow(i, (r) => withNewLine(r, g, blankLine(), after));
  }, [editRow]);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const editing = useContext(EditingContext);
  const editingRef = useRef(editing);
  editingRef.current = editing;
  const typedRef = useRef<TypedAmount | null>(null);
  const syncTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Puts the amount being typed into the draft (one undo step per line, as before). */
  const syncAmount = useCallback(() => {
    clearTimeout(syncTimer.current);
    const p = typedRef.current;
    if (!p) return;
    typedRef.current = null;
    const i = rowsRef.current.findIndex((r) => r.id === p.rowId);
    if (i >= 0) editRow(i, (r) => ({ ...r, [p.col]: r[p.col].map((l) => (l.id === p.lineId ? { ...l, amountCents: p.cents } : l)) }), `${p.lineId}.amount`);
    setTyped(null);
    editingRef.current.typing(false);
  }, [editRow]);
  const typeAmount = useCallback((p: TypedAmount) => {
    if (typedRef.current && typedRef.current.lineId !== p.lineId) syncAmount();
    if (!typedRef.current) editingRef.current.typing(true);
    typedRef.current = p;
    setTyped(p);
    clearTimeout(syncTimer.current);
    syncTimer.current = setTimeout(syncAmount, AMOUNT_SYNC_MS);
  }, [syncAmount]);
  // Leaving the step keeps the amount typed in the last moment.
  useEffect(() => () => syncAmount(), [syncAmount]);

  const gridRef = useRef<HTMLTableElement>(null);
  const focusCell = (pos: CellPos) => {
    const cell = gridRef.current?.querySelector<HTMLElement>(`[data-r="${pos.r}"][data-c="${pos.c}"]`);
    if (!cell) return;
    const input = cell.querySelector<HTMLInputElement>('input');
    if (input) {
      input.focus();
      input.select();
    } else cell.focus();
  };

  const onGridKey = (e: KeyboardEvent<HTMLTableElement>) => {
    const target = e.target as HTMLElement;
    const cell = target.closest<HTMLElement>('[data-r]');
    if (!cell || !gridRef.current?.contains(cell) || e.altKey || e.metaKey) return;
    // Buttons keep their own keys (Enter presses them).
    if (target.tagName === 'BUTTON') return;
    const pos: CellPos = { r: Number(cell.dataset.r), c: Number(cell.dataset.c) };
    if (e.key === 'Enter' && e.ctrlKey) {
      e.preventDefault();
      if (pos.c === 0) return addUo(Number(cell.dataset.uo));
      const g = groups[Math.floor((pos.c - 1) / FIELDS.length)]!;
      const i = Number(cell.dataset.uo);
      const j = cell.dataset.line === undefined ? undefined : Number(cell.dataset.line);
      addLine(i, g, j);
      return;
    }
    if (e.ctrlKey) return;
    let key: GridKey | null = null;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') key = e.key;
    else if (e.key === 'Enter') key = e.shiftKey ? 'ShiftEnter' : 'Enter';
    else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !e.shiftKey) {
      // In a text, ← and → move the caret; at its edge (or with the whole text selected), the cell.
      if (target instanceof HTMLInputElement) {
        const { selectionStart: s, selectionEnd: end, value } = target;
        const all = s === 0 && end === value.length;
        const atEdge = e.key === 'ArrowLeft' ? end === 0 : s === value.length;
        if (!all && !atEdge) return;
      }
      key = e.key;
    }
    if (!key) return;
    const to = moveFrom(pos, key, starts, count, columnCount);
    e.preventDefault();
    if (to) focusCell(to);
  };

  const breakdown = budgetBreakdown(budget);
  const years = budget.years ?? [];
  const captionId = useId();
  const keysId = useId();

  return (
    <div>
      <p className="fr-text--sm">{t.budgetHelp}</p>
      {t.budgetPrintNote ? <p className="fr-text--sm">{t.budgetPrintNote}</p> : null}
      <GroupFindings path="budget" />
      <YearsEditor budget={budget} editBudget={editBudget} onRemoved={(y) => announceRemoval(t.yearRemoved(y))} />
      <p className="fr-text--sm" id={keysId}>{t.budgetKeys} {t.amountHint}.</p>
      <div className="paraphe-budget-scroll">
        <table ref={gridRef} role="grid" className="paraphe-budget-grid" style={{ width: `max(100%, ${UO_REM + groups.length * GROUP_REM}rem)` }} aria-labelledby={captionId} aria-describedby={keysId} onKeyDown={onGridKey} onBlur={syncAmount}>
          <caption id={captionId} className="fr-sr-only">{t.budgetGrid}</caption>
          {/* Fixed widths: typing in one cell never makes the browser lay out the whole table again. */}
          <colgroup>
            <col style={{ width: `${UO_REM}rem` }} />
            {groups.flatMap((g) => FIELDS.map((f) => <col key={`${groupName(g)}-${f}`} style={{ width: `${FIELD_REM[f]}rem` }} />))}
          </colgroup>
          <thead>
            <tr role="row">
              <th role="columnheader" scope="col" rowSpan={2}>{t.uoHead}</th>
              {groups.map((g) => (
                <th role="columnheader" scope="colgroup" colSpan={FIELDS.length} key={groupName(g)} className={`paraphe-budget-group--${g.col}`}>
                  {t.groupHead(g.col, g.year)}
                </th>
              ))}
            </tr>
            <tr role="row">
              {groups.flatMap((g) => FIELDS.map((f) => (
                <th role="columnheader" scope="col" key={`${groupName(g)}-${f}`} className={`paraphe-budget-head--${f}`}>{t.fieldHead[f]}</th>
              )))}
            </tr>
          </thead>
          {rows.map((row, i) => (
            <UoRows
              key={row.id}
              row={row}
              i={i}
              count={rows.length}
              start={starts[i]!}
              groups={groups}
              t={t}
              editRow={editRow}
              editRows={editRows}
              addLine={addLine}
              typeAmount={typeAmount}
              announceRemoval={announceRemoval}
              findings={uoFindings[i] ?? NO_FINDINGS}
            />
          ))}
          <tfoot>
            <tr role="row" className="paraphe-budget-grand-total">
              <th role="rowheader" scope="row">{t.grandTotalHead}</th>
              {groups.map((g, k) => {
                const cents = years.length === 0 ? breakdown.total[g.col] : breakdown.byYear[Math.floor(k / 2)]![g.col];
                return (
                  <td role="gridcell" colSpan={FIELDS.length} key={groupName(g)}>
                    <strong lang="fr">{formatAmount(cents)}</strong>
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
      <button type="button" className="fr-btn fr-btn--secondary paraphe-budget-add-uo" onClick={() => addUo()}>
        {t.addUo}
      </button>
      <div className="paraphe-box paraphe-budget-total" role="status" aria-live="polite">
        {years.map((y, k) => (
          <p key={y}>
            {t.totalYear(y)}
            <span lang="fr">AE <strong>{formatAmount(breakdown.byYear[k]!.ae)}</strong>, CP <strong>{formatAmount(breakdown.byYear[k]!.cp)}</strong></span>
          </p>
        ))}
        <p>
          {t.totalAe}<strong lang="fr">{amountWithWords(breakdown.total.ae)}</strong>
        </p>
        <p>
          {t.totalCp}<strong lang="fr">{amountWithWords(breakdown.total.cp)}</strong>
        </p>
      </div>
    </div>
  );
}

/** How long after the last keystroke an amount goes into the draft (the article bodies wait as long). */
const AMOUNT_SYNC_MS = 150;

/** An amount typed but not yet in the draft. */
interface TypedAmount {
  readonly rowId: string;
  readonly col: BudgetColumn;
  readonly lineId: string;
  readonly cents: number;
}

/** The budget as shown: the draft's, with the amount being typed (only its UO row is a new object). */
function withTyped(budget: Budget, typed: TypedAmount | null): Budget {
  if (!typed) return budget;
  return {
    ...budget,
    rows: budget.rows.map((r) => (r.id !== typed.rowId ? r : { ...r, [typed.col]: r[typed.col].map((l) => (l.id === typed.lineId ? { ...l, amountCents: typed.cents } : l)) })),
  };
}

const NO_FINDINGS: ReadonlyMap<string, readonly Finding[]> = new Map();

/**
 * The findings of each UO (paths under `budget.rows[i]`), as maps that keep their identity while
 * that UO's findings stay the same: each UO gives its cells its own findings context, so a
 * change of findings elsewhere (every keystroke revalidates) re-renders no cell of the others.
 */
function useUoFindings(byPath: ReadonlyMap<string, readonly Finding[]>): ReadonlyArray<ReadonlyMap<string, readonly Finding[]>> {
  const cache = useRef<Array<{ key: string; map: ReadonlyMap<string, readonly Finding[]> }>>([]);
  return useMemo(() => {
    const grouped: Array<Map<string, readonly Finding[]>> = [];
    for (const [path, list] of byPath) {
      const m = /^budget\.rows\[(\d+)\]/.exec(path);
      if (m) (grouped[Number(m[1])] ??= new Map()).set(path, list);
    }
    const out = Array.from({ length: Math.max(grouped.length, cache.current.length) }, (_, i) => {
      const map = grouped[i] ?? NO_FINDINGS;
      const key = [...map].map(([p, l]) => `${p}\u0000${l.map((f) => `${f.severity}${f.code ?? ''}${f.message}`).join('\u0001')}`).join('\u0002');
      const before = cache.current[i];
      return before && before.key === key ? before : { key, map };
    });
    cache.current = out;
    return out.map((x) => x.map);
  }, [byPath]);
}

interface UoRowsProps {
  readonly row: BudgetRow;
  readonly i: number;
  readonly count: number;
  /** The grid row (over all UOs) of this UO's first line. */
  readonly start: number;
  readonly groups: readonly ColumnGroup[];
  readonly t: WizardMessages;
  readonly editRow: EditRow;
  readonly editRows: (recipe: (rows: BudgetRow[]) => BudgetRow[], key?: string) => void;
  readonly addLine: (i: number, g: ColumnGroup, after?: number) => void;
  readonly typeAmount: (p: TypedAmount) => void;
  readonly announceRemoval: (text: string) => void;
  /** This UO's findings, by path (the same map while they do not change). */
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
}

/** One UO: its code cell spanning its lines, the lines side by side, then its totals. Re-rendered only when the UO changes. */
const UoRows = memo(function UoRows({ row, i, count, start, groups, t, editRow, editRows, addLine, typeAmount, announceRemoval, findings }: UoRowsProps) {
  const at = `budget.rows[${i}]`;
  const name = row.uo.trim() || String(i + 1);
  const height = uoHeight(row, groups);
  const lines = groups.map((g) => groupLines(row, g));
  return (
    <FindingsContext.Provider value={findings}>
    <tbody className="paraphe-budget-uo">
      {Array.from({ length: height }, (_, r) => (
        <tr role="row" key={r}>
          {r === 0 ? (
            <th role="rowheader" scope="rowgroup" rowSpan={height + 1} data-r={start} data-c={0} data-uo={i} className="paraphe-budget-uo-cell">
              <GridInput path={`${at}.uo`} label={t.uoCode(i + 1)} value={row.uo} className="paraphe-uo-input" onChange={(uo) => editRow(i, (x) => ({ ...x, uo: uo.toUpperCase() }), `${row.id}.uo`)} />
              <GroupFindings path={at} />
              {/* Amounts the grid cannot place (no year, or a year not in the budget's): their findings say what to do. */}
              {(['ae', 'cp'] as const).flatMap((col) => row[col].map((l, j) => (
                groups.some((g) => g.col === col && g.year === l.year) ? null : <GroupFindings key={`${col}-${j}`} path={`${at}.${col}[${j}].year`} />
              )))}
              <div className="paraphe-budget-uo-actions">
                <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" disabled={i === 0} aria-label={t.uoMoveUp(name)} title={t.uoMoveUp(name)} onClick={() => editRows((rs) => [...move(rs, i, i - 1)])}>↑</button>
                <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" disabled={i === count - 1} aria-label={t.uoMoveDown(name)} title={t.uoMoveDown(name)} onClick={() => editRows((rs) => [...move(rs, i, i + 1)])}>↓</button>
                <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" aria-label={t.uoRemove(name)} title={t.uoRemove(name)} onClick={() => { editRows((rs) => removeAt(rs, i)); announceRemoval(t.removedF(t.uoRegion(name))); }}>✕</button>
              </div>
            </th>
          ) : null}
          {groups.flatMap((g, k) => {
            const j = lines[k]![r];
            const base = 1 + k * FIELDS.length;
            const C = groupName(g);
            if (j === undefined) {
              return FIELDS.map((f, m) => (
                <td role="gridcell" key={`${C}-${f}`} tabIndex={-1} data-r={start + r} data-c={base + m} data-uo={i} aria-label={m === 0 ? t.emptyCell(C, name) : undefined} className="paraphe-budget-empty" />
              ));
            }
            const line = row[g.col][j]!;
            const n = r + 1;
            const onLine = (recipe: (l: typeof line) => typeof line, key: string) => editRow(i, (x) => ({ ...x, [g.col]: updateAt(x[g.col], j, recipe) }), key);
            const cell = (f: LineField, m: number, content: ReactNode) => (
              <td role="gridcell" key={`${C}-${f}`} data-r={start + r} data-c={base + m} data-uo={i} data-line={j} className={`paraphe-budget-cell--${f}`}>{content}</td>
            );
            return [
              cell('amount', 0, <AmountInput path={linePath(i, g.col, j, 'amount')} label={t.cellName('amount', C, n, name)} cents={line.amountCents} onChange={(cents) => typeAmount({ rowId: row.id, col: g.col, lineId: line.id, cents })} />),
              cell('label', 1, <GridInput path={linePath(i, g.col, j, 'label')} label={t.cellName('label', C, n, name)} value={line.label} onChange={(label) => onLine((l) => ({ ...l, label }), `${line.id}.label`)} />),
              cell('note', 2, (
                <div className="paraphe-budget-note">
                  <GridInput path={linePath(i, g.col, j, 'note')} label={t.cellName('note', C, n, name)} value={line.note ?? ''} onChange={(note) => onLine((l) => ({ ...l, note: note || undefined }), `${line.id}.note`)} />
                  <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" aria-label={t.removeLineOf(C, n, name)} title={t.removeLineOf(C, n, name)} onClick={() => { editRow(i, (x) => ({ ...x, [g.col]: removeAt(x[g.col], j) })); announceRemoval(t.removedF(t.lineItem(C, n))); }}>✕</button>
                </div>
              )),
            ];
          })}
        </tr>
      ))}
      <tr role="row" className="paraphe-budget-uo-total">
        {groups.map((g, k) => {
          const cell = lines[k]!.map((j) => row[g.col][j]!);
          const C = groupName(g);
          return (
            <td role="gridcell" colSpan={FIELDS.length} key={C}>
              {/* The column's own findings (CP above AE) under its first group. */}
              {groups.findIndex((x) => x.col === g.col) === k ? <GroupFindings path={`${at}.${g.col}`} /> : null}
              <p className="paraphe-total">
                {t.cellTotal(cellShowsTotal(cell))}
                <strong lang="fr">{amountWithWords(linesTotal(cell))}</strong>
              </p>
              <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={() => addLine(i, g)}>
                {t.addLineIn(C, i + 1)}
              </button>
            </td>
          );
        })}
      </tr>
    </tbody>
    </FindingsContext.Provider>
  );
});

interface YearsEditorProps {
  readonly budget: Budget;
  readonly editBudget: (recipe: (b: Budget) => Budget, key?: string) => void;
  readonly onRemoved: (year: number) => void;
}

/** The budget's years (add, remove) and, over several years, how it prints. */
function YearsEditor({ budget, editBudget, onRemoved }: YearsEditorProps) {
  const t = useWizardText();
  const years = budget.years ?? [];
  const [text, setText] = useState(() => String(nextYear(budget, new Date())));
  const [bad, setBad] = useState(false);
  const uid = useId();
  const add = () => {
    const y = Number(text.trim());
    if (!/^\d{4}$/.test(text.trim()) || y < 1900 || y > 2200 || years.includes(y)) {
      setBad(true);
      return;
    }
    setBad(false);
    editBudget((b) => addYear(b, y));
    setText(String(Math.max(y, ...years) + 1));
  };
  const layout = budget.layout ?? 'columns';
  return (
    <fieldset className="fr-fieldset paraphe-budget-years" aria-labelledby={`${uid}-legend`}>
      <legend className="fr-fieldset__legend fr-text--md" id={`${uid}-legend`}>{t.yearsLegend}</legend>
      <div className="fr-fieldset__element">
        <GroupFindings path="budget.years" />
        {years.length === 0 ? (
          <p className="fr-text--sm">{t.yearsNone}</p>
        ) : (
          <ul className="paraphe-budget-year-list">
            {years.map((y, k) => (
              <li key={`${y}-${k}`}>
                <GroupFindings path={`budget.years[${k}]`} />
                <span lang="fr">{y}</span>{' '}
                <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={() => { editBudget((b) => removeYear(b, y)); if (years.length > 1) onRemoved(y); }}>
                  {t.removeYear(y)}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className={`fr-input-group paraphe-budget-year-add${bad ? ' fr-input-group--error' : ''}`}>
          <label className="fr-label" htmlFor={`${uid}-year`}>{t.yearToAdd}</label>
          <div className="paraphe-row">
            <input
              id={`${uid}-year`}
              className={`fr-input${bad ? ' fr-input--error' : ''}`}
              inputMode="numeric"
              autoComplete="off"
              value={text}
              aria-invalid={bad || undefined}
              aria-describedby={bad ? `${uid}-bad` : undefined}
              onChange={(e) => { setText(e.target.value); setBad(false); }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" className="fr-btn fr-btn--secondary" onClick={add}>{t.addYear}</button>
          </div>
          {bad ? <p className="fr-error-text" id={`${uid}-bad`}>{t.yearBad}</p> : null}
        </div>
      </div>
      {years.length > 0 ? (
        <fieldset className="fr-fieldset fr-fieldset--inline" aria-labelledby={`${uid}-layout`}>
          <legend className="fr-fieldset__legend fr-text--sm" id={`${uid}-layout`}>{t.layoutLegend}</legend>
          {(['columns', 'tables'] as const).map((v) => (
            <div className="fr-fieldset__element fr-fieldset__element--inline" key={v}>
              <div className="fr-radio-group">
                <input type="radio" id={`${uid}-${v}`} name={`${uid}-layout`} checked={layout === v} onChange={() => editBudget((b) => ({ ...b, layout: v }))} />
                <label className="fr-label" htmlFor={`${uid}-${v}`}>{v === 'columns' ? t.layoutColumns : t.layoutTables}</label>
              </div>
            </div>
          ))}
        </fieldset>
      ) : null}
    </fieldset>
  );
}
