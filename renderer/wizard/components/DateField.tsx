import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { fieldId } from '../model/steps';
import { useFieldFindings } from './findings-context';
import { FindingMessages } from './Fields';
import { useWizardText } from '../../i18n/use-wizard-text';
import { dateFieldMessages, type DateFieldMessages } from './date-field-messages';
import { daysInMonth, frenchDateText, isoOf, moveDate, readFrenchDate, todayIso, weekdayOf } from './date-text';
import './date-field.css';

interface DateFieldProps {
  /** Model path edited by this field: gives its id and findings. */
  readonly path: string;
  readonly label: string;
  readonly hint?: ReactNode;
  /** ISO date (« 2026-04-15 ») or '' when none. */
  readonly value: string;
  /** Called with an ISO date, or '' when the field is emptied; never with an impossible date. */
  readonly onChange: (iso: string) => void;
}

/**
 * A date typed the French way (JJ/MM/AAAA, with or without slashes) whatever the browser's
 * locale, with a calendar usable by keyboard (the ARIA date picker dialog pattern). An
 * impossible or incomplete date is refused with a message and never reaches the model.
 */
export function DateField(props: DateFieldProps) {
  const t = useWizardText();
  const m = dateFieldMessages[t.lang];
  const id = fieldId(props.path);
  const findings = useFieldFindings(props.path);
  const uid = useId();
  const [text, setText] = useState(() => frenchDateText(props.value));
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  // A change from elsewhere (undo, another version) shows; what is being typed stays.
  useEffect(() => {
    setText((current) => {
      const r = readFrenchDate(current);
      const shown = r.kind === 'date' ? r.iso : r.kind === 'empty' ? '' : null;
      return shown === props.value ? current : frenchDateText(props.value);
    });
  }, [props.value]);

  const type = (raw: string) => {
    setText(raw);
    const r = readFrenchDate(raw);
    if (r.kind === 'date') {
      setError(null);
      if (r.iso !== props.value) props.onChange(r.iso);
    } else if (r.kind === 'empty') {
      setError(null);
      if (props.value) props.onChange('');
    } else if (r.kind === 'impossible') {
      setError(m.impossible(r.day, r.month, r.year));
    } else {
      // Still typing: the message for an incomplete date waits for the field to be left.
      setError(null);
    }
  };
  const leave = () => {
    const r = readFrenchDate(text);
    if (r.kind === 'date') setText(frenchDateText(r.iso));
    else if (r.kind === 'incomplete') setError(m.incomplete);
  };

  const hasError = !!error || findings.some((f) => f.severity === 'error');
  const hasWarning = !hasError && findings.length > 0;
  const hintId = `${uid}-hint`;
  const msgId = `${uid}-msg`;
  const describedBy = [hintId, props.hint ? `${hintId}-more` : '', error || findings.length ? msgId : ''].filter(Boolean).join(' ');
  return (
    <div className={`fr-input-group paraphe-date${hasError ? ' fr-input-group--error' : ''}${hasWarning ? ' paraphe-field--warning' : ''}`}>
      <label className="fr-label" htmlFor={id}>
        {props.label}
        <span className="fr-hint-text" id={hintId}>{m.format}</span>
        {props.hint ? <span className="fr-hint-text fr-mt-0" id={`${hintId}-more`}>{props.hint}</span> : null}
      </label>
      <div className="paraphe-date__row">
        <input
          id={id}
          className={`fr-input${hasError ? ' fr-input--error' : ''}`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          maxLength={14}
          value={text}
          aria-describedby={describedBy}
          aria-invalid={hasError || undefined}
          onChange={(e) => type(e.target.value)}
          onBlur={leave}
        />
        <button
          ref={button}
          type="button"
          className="fr-btn fr-btn--tertiary fr-icon-calendar-line paraphe-date__open"
          title={m.openCalendar(props.label)}
          aria-haspopup="dialog"
          aria-expanded={open}
          // Its own click toggles the calendar: not an « outside » click that closes it first.
          onMouseDown={(e) => open && e.stopPropagation()}
          onClick={() => setOpen((o) => !o)}
        >
          {m.openCalendar(props.label)}
        </button>
      </div>
      {open ? (
        <Calendar
          m={m}
          label={props.label}
          value={readFrenchDate(text).kind === 'date' ? (readFrenchDate(text) as { iso: string }).iso : props.value}
          onChoose={(iso) => {
            setOpen(false);
            setError(null);
            setText(frenchDateText(iso));
            if (iso !== props.value) props.onChange(iso);
            button.current?.focus();
          }}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      ) : null}
      {error || findings.length ? (
        <div id={msgId}>
          {error ? <p className="fr-error-text" role="alert">{error}</p> : null}
          <FindingMessages findings={findings} id={`${msgId}-f`} />
        </div>
      ) : null}
    </div>
  );
}

/** The month grid in a dialog: the day with focus moves with the keys, Enter chooses it. */
function Calendar(props: { m: DateFieldMessages; label: string; value: string; onChoose: (iso: string) => void; onClose: () => void }) {
  const { m } = props;
  const today = todayIso();
  const [focus, setFocus] = useState(() => (readFrenchDate(frenchDateText(props.value)).kind === 'date' ? props.value : today));
  // Set by the keys and on opening: the focused day takes the keyboard focus (not after a click on « Mois suivant »).
  const takeFocus = useRef(true);
  const grid = useRef<HTMLTableElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const helpId = useId();
  const [y, mo] = focus.split('-').map(Number) as [number, number, number];

  // A click outside closes it, as Échap does.
  const { onClose } = props;
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!dialog.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [onClose]);
  useEffect(() => {
    if (!takeFocus.current) return;
    takeFocus.current = false;
    grid.current?.querySelector<HTMLElement>(`[data-date="${focus}"]`)?.focus();
  }, [focus]);

  const monthName = useMemo(() => new Intl.DateTimeFormat(m.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }), [m.locale]);
  const dayName = useMemo(() => new Intl.DateTimeFormat(m.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }), [m.locale]);
  const weekdays = useMemo(() => {
    const long = new Intl.DateTimeFormat(m.locale, { weekday: 'long', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(m.locale, { weekday: 'short', timeZone: 'UTC' });
    // 5 January 2026 is a Monday.
    return Array.from({ length: 7 }, (_, i) => {
      const d = new Date(Date.UTC(2026, 0, 5 + i));
      return { long: long.format(d), short: short.format(d).replace('.', '') };
    });
  }, [m.locale]);
  const utc = (iso: string) => {
    const [a, b, c] = iso.split('-').map(Number) as [number, number, number];
    const d = new Date(0);
    d.setUTCFullYear(a, b - 1, c);
    return d;
  };

  const move = (next: string) => {
    takeFocus.current = true;
    setFocus(next);
  };
  const onGridKey = (e: KeyboardEvent) => {
    const wd = weekdayOf(y, mo, Number(focus.slice(8)));
    const moves: Record<string, () => string> = {
      ArrowLeft: () => moveDate(focus, { days: -1 }),
      ArrowRight: () => moveDate(focus, { days: 1 }),
      ArrowUp: () => moveDate(focus, { days: -7 }),
      ArrowDown: () => moveDate(focus, { days: 7 }),
      Home: () => moveDate(focus, { days: -wd }),
      End: () => moveDate(focus, { days: 6 - wd }),
      PageUp: () => moveDate(focus, { months: e.shiftKey ? -12 : -1 }),
      PageDown: () => moveDate(focus, { months: e.shiftKey ? 12 : 1 }),
    };
    const go = moves[e.key];
    if (go) {
      e.preventDefault();
      move(go());
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onChoose(focus);
    }
  };
  const onDialogKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      props.onClose();
    } else if (e.key === 'Tab') {
      // The dialog keeps the focus while open (modal): Tab goes round its controls.
      const stops = Array.from(dialog.current?.querySelectorAll<HTMLElement>('button, [tabindex="0"]') ?? []);
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : at === stops.length - 1 ? 0 : at + 1;
      e.preventDefault();
      stops[next]?.focus();
    }
  };

  const first = weekdayOf(y, mo, 1);
  const count = daysInMonth(y, mo);
  const cells: Array<number | null> = [...Array.from({ length: first }, () => null), ...Array.from({ length: count }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));

  return (
    <div
      ref={dialog}
      className="paraphe-date__dialog"
      role="dialog"
      aria-modal="true"
      aria-label={m.calendar(props.label)}
      aria-describedby={helpId}
      onKeyDown={onDialogKey}
    >
      <div className="paraphe-date__head">
        <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-arrow-left-s-line" title={m.previousMonth} onClick={() => setFocus(moveDate(focus, { months: -1 }))}>
          {m.previousMonth}
        </button>
        <h2 id={headingId} className="paraphe-date__month" aria-live="polite">{monthName.format(utc(isoOf(y, mo, 1)))}</h2>
        <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-arrow-right-s-line" title={m.nextMonth} onClick={() => setFocus(moveDate(focus, { months: 1 }))}>
          {m.nextMonth}
        </button>
      </div>
      <table ref={grid} role="grid" aria-labelledby={headingId} className="paraphe-date__grid" onKeyDown={onGridKey}>
        <thead>
          <tr>
            {weekdays.map((w) => (
              <th key={w.long} scope="col" abbr={w.long}>{w.short}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, i) => (
            <tr key={i}>
              {week.map((day, j) => {
                if (day === null) return <td key={j} />;
                const iso = isoOf(y, mo, day);
                return (
                  <td
                    key={j}
                    data-date={iso}
                    tabIndex={iso === focus ? 0 : -1}
                    aria-selected={iso === props.value}
                    aria-current={iso === today ? 'date' : undefined}
                    aria-label={`${dayName.format(utc(iso))}${iso === today ? `, ${m.today}` : ''}`}
                    className={iso === props.value ? 'paraphe-date__day--chosen' : undefined}
                    onClick={() => props.onChoose(iso)}
                  >
                    {day}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p id={helpId} className="fr-hint-text paraphe-date__help">{m.keysHelp}</p>
      <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={props.onClose}>{m.close}</button>
    </div>
  );
}
