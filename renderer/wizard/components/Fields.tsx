import { useId, type ReactNode } from 'react';
import type { Finding } from '../../../shared/model/migrate';
import { findingText } from '../../../shared/rules/finding-texts';
import { fieldId } from '../model/steps';
import { useFieldFindings } from './findings-context';
import { useWizardText } from '../../i18n/use-wizard-text';

/** The messages of the findings on one field, as DSFR error / warning texts. */
export function FindingMessages({ findings, id }: { findings: readonly Finding[]; id: string }) {
  const t = useWizardText();
  if (findings.length === 0) return null;
  return (
    <div id={id} aria-live="polite">
      {findings.map((f, i) => {
        const said = findingText(f, t.lang);
        return (
          <p key={i} className={f.severity === 'error' ? 'fr-error-text' : 'fr-message fr-message--warning'}>
            {/* One flex item (DSFR messages are flex rows, which would swallow the prefix's space). In
                the interface language by the finding's code; marked French only when it stays French. */}
            <span>
              {f.severity === 'error' ? '' : t.warningPrefix}
              <span lang={said.lang === 'fr' ? 'fr' : undefined}>{said.text}</span>
            </span>
          </p>
        );
      })}
    </div>
  );
}

interface TextFieldProps {
  /** Model path edited by this field (`parties[0].entities[1].name`): gives its id and findings. */
  readonly path: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly multiline?: boolean;
  /** Dates have their own field (DateField): the native date input follows the OS locale. */
  readonly type?: 'text' | 'number';
  readonly min?: number;
  readonly max?: number;
  readonly required?: boolean;
  readonly autoComplete?: string;
  readonly className?: string;
  readonly inputMode?: 'text' | 'decimal' | 'numeric';
  readonly onBlur?: () => void;
  /** Extra message shown under the field (e.g. an amount that cannot be read). */
  readonly localError?: string;
}

/** A DSFR text input (or textarea) bound to one model path, showing that path's findings. */
export function TextField(props: TextFieldProps) {
  const id = fieldId(props.path);
  const findings = useFieldFindings(props.path);
  const uid = useId();
  const hintId = `${uid}-hint`;
  const msgId = `${uid}-msg`;
  const hasError = !!props.localError || findings.some((f) => f.severity === 'error');
  const hasWarning = !hasError && findings.length > 0;
  const describedBy = [props.hint ? hintId : '', findings.length || props.localError ? msgId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    className: `fr-input${hasError ? ' fr-input--error' : ''}`,
    value: props.value,
    'aria-describedby': describedBy,
    'aria-invalid': hasError || undefined,
    required: props.required,
    onBlur: props.onBlur,
  };
  return (
    <div className={`fr-input-group${hasError ? ' fr-input-group--error' : ''}${hasWarning ? ' paraphe-field--warning' : ''} ${props.className ?? ''}`}>
      <label className="fr-label" htmlFor={id}>
        {props.label}
        {props.hint ? <span className="fr-hint-text" id={hintId}>{props.hint}</span> : null}
      </label>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          min={props.min}
          max={props.max}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete ?? 'off'}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      {props.localError || findings.length ? (
        <div id={msgId}>
          {props.localError ? <p className="fr-error-text">{props.localError}</p> : null}
          <FindingMessages findings={findings} id={`${msgId}-f`} />
        </div>
      ) : null}
    </div>
  );
}

interface SelectFieldProps<V extends string> {
  readonly path: string;
  readonly label: ReactNode;
  readonly value: V;
  readonly options: ReadonlyArray<{ readonly value: V; readonly label: string }>;
  readonly onChange: (value: V) => void;
  readonly placeholder?: string;
}

/** A DSFR select bound to one model path. */
export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const id = fieldId(props.path);
  const findings = useFieldFindings(props.path);
  const uid = useId();
  const hasError = findings.some((f) => f.severity === 'error');
  return (
    <div className={`fr-select-group${hasError ? ' fr-select-group--error' : ''}`}>
      <label className="fr-label" htmlFor={id}>{props.label}</label>
      <select
        id={id}
        className={`fr-select${hasError ? ' fr-select--error' : ''}`}
        value={props.value}
        aria-describedby={findings.length ? `${uid}-msg` : undefined}
        aria-invalid={hasError || undefined}
        onChange={(e) => props.onChange(e.target.value as V)}
      >
        {props.placeholder !== undefined ? <option value="" disabled>{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      <FindingMessages findings={findings} id={`${uid}-msg`} />
    </div>
  );
}

/** The findings attached to a whole list or group (e.g. `parties`, `budget.rows[0]`), not a single input. */
export function GroupFindings({ path }: { path: string }) {
  const findings = useFieldFindings(path);
  const uid = useId();
  if (findings.length === 0) return null;
  return (
    <div id={`${fieldId(path)}-constats`} tabIndex={-1} className="paraphe-group-findings">
      <FindingMessages findings={findings} id={uid} />
    </div>
  );
}
