import { useEffect, useState } from 'react';
import { formatNumberCents, parseAmount } from '../../../shared/rules/format';
import { TextField } from '../components/Fields';
import { useWizardText } from '../../i18n/use-wizard-text';

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
 * field says plainly when the text is not an amount.
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
    <TextField
      path={path}
      label={label}
      hint={t.amountHint}
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
