import { useEffect, useId, useState } from 'react';
import { formatNumberCents, parseAmount } from '../../../shared/rules/format';
import { FindingMessages } from '../components/Fields';
import { useFieldFindings } from '../components/findings-context';
import { fieldId } from '../model/steps';
import { useWizardText } from '../../i18n/use-wizard-text';

interface GridInputProps {
  /** Model path edited (`budget.rows[0].ae[1].label`): gives the input's id and its findings. */
  readonly path: string;
  /** The input's accessible name: the grid's headers say the rest visually. */
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onBlur?: () => void;
  readonly inputMode?: 'text' | 'decimal';
  readonly className?: string;
  /** A message of the field itself (an amount that cannot be read). */
  readonly localError?: string;
}

/** An input of the budget grid: no visible label (the column header is one), its findings under it. */
export function GridInput(props: GridInputProps) {
  const findings = useFieldFindings(props.path);
  const msgId = `${useId()}-msg`;
  const hasError = !!props.localError || findings.some((f) => f.severity === 'error');
  const hasWarning = !hasError && findings.length > 0;
  return (
    <div className={`paraphe-grid-input${hasError ? ' fr-input-group--error' : ''}${hasWarning ? ' paraphe-field--warning' : ''}`}>
      <input
        id={fieldId(props.path)}
        className={`fr-input${hasError ? ' fr-input--error' : ''} ${props.className ?? ''}`}
        aria-label={props.label}
        aria-invalid={hasError || undefined}
        aria-describedby={findings.length || props.localError ? msgId : undefined}
        autoComplete="off"
        inputMode={props.inputMode}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
      {props.localError || findings.length ? (
        <div id={msgId}>
          {props.localError ? <p className="fr-error-text">{props.localError}</p> : null}
          <FindingMessages findings={findings} id={`${msgId}-f`} />
        </div>
      ) : null}
    </div>
  );
}

interface AmountInputProps {
  readonly path: string;
  readonly label: string;
  readonly cents: number;
  readonly onChange: (cents: number) => void;
}

const shown = (cents: number) => (cents === 0 ? '' : formatNumberCents(cents));

/**
 * An amount typed the French way (« 140 000 », « 1 234,50 », « 80000 € »). What is typed stays
 * as typed while the field has focus; the model only receives amounts that parse, and the
 * field says plainly when the text is not an amount. On leaving, it shows the amount as printed.
 */
export function AmountInput({ path, label, cents, onChange }: AmountInputProps) {
  const [text, setText] = useState(() => shown(cents));
  const [bad, setBad] = useState(false);
  const t = useWizardText();
  // Undo or redo changed the amount: show the model's value.
  useEffect(() => {
    setText((t) => (parseAmount(t) === cents || (t.trim() === '' && cents === 0) ? t : shown(cents)));
    setBad(false);
  }, [cents]);
  return (
    <GridInput
      path={path}
      label={label}
      inputMode="decimal"
      className="paraphe-amount"
      value={text}
      localError={bad ? t.amountBad : undefined}
      onChange={(v) => {
        setText(v);
        const parsed = v.trim() === '' ? 0 : parseAmount(v);
        setBad(parsed === null);
        if (parsed !== null && parsed !== cents) onChange(parsed);
      }}
      onBlur={() => {
        if (!bad) setText(shown(cents));
      }}
    />
  );
}
