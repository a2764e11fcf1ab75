import { useEffect, useId, useRef, useState } from 'react';
import type { PinRequest } from './card-choices';
import type { CardsMessages } from './cards-messages';

export type { PinRequest } from './card-choices';

/**
 * The DSFR modal that asks a card's PIN at the moment of signing. The PIN lives in this
 * component's state only: it is handed to `onSubmit` once, then cleared (also on cancel and
 * when the dialog closes). A native <dialog> opened with showModal() keeps the focus inside
 * and closes on Escape.
 */
export function PinModal(props: {
  readonly request: PinRequest | null;
  readonly m: CardsMessages;
  readonly busy?: boolean;
  readonly onSubmit: (pin: string | undefined) => void;
  readonly onCancel: () => void;
}) {
  const { request, m } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const [pin, setPin] = useState('');
  const titleId = useId();
  const inputId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (request && !dialog.open) dialog.showModal?.();
    if (!request && dialog.open) dialog.close();
    setPin('');
  }, [request]);
  const cancel = () => {
    setPin('');
    props.onCancel();
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={request ? 'fr-modal fr-modal--opened' : 'fr-modal'}
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      {request ? (
        <div className="fr-container fr-container--fluid fr-container-md">
          <div className="fr-grid-row fr-grid-row--center">
            <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
              <form
                className="fr-modal__body"
                onSubmit={(e) => {
                  e.preventDefault();
                  const typed = request.protectedAuthPath ? undefined : pin;
                  setPin('');
                  props.onSubmit(typed);
                }}
              >
                <div className="fr-modal__header">
                  <button type="button" className="fr-btn--close fr-btn" title={m.pinClose} onClick={cancel}>{m.pinClose}</button>
                </div>
                <div className="fr-modal__content">
                  <h1 id={titleId} className="fr-modal__title">
                    <span className="fr-icon-lock-line fr-icon--lg" aria-hidden="true" /> {m.pinTitle}
                  </h1>
                  {request.pin.finalTry || request.pin.countLow ? (
                    <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w"><p>{request.pin.finalTry ? m.pinWarnFinal : m.pinWarnLow}</p></div>
                  ) : null}
                  {request.protectedAuthPath ? (
                    <p>{m.pinPadIntro(request.holder, request.tokenLabel)}</p>
                  ) : (
                    <>
                      <p>{m.pinIntro(request.holder, request.tokenLabel)}</p>
                      <div className="fr-input-group">
                        <label className="fr-label" htmlFor={inputId}>
                          {m.pinLabel}
                          <span className="fr-hint-text">{m.pinHint}</span>
                        </label>
                        <input id={inputId} className="fr-input" type="password" inputMode="numeric" autoComplete="off" autoFocus maxLength={128} value={pin} onChange={(e) => setPin(e.target.value)} required />
                      </div>
                    </>
                  )}
                </div>
                <div className="fr-modal__footer">
                  <div className="fr-btns-group fr-btns-group--right fr-btns-group--inline-lg">
                    <button type="submit" className="fr-btn" disabled={props.busy || (!request.protectedAuthPath && pin === '')}>{m.pinSign}</button>
                    <button type="button" className="fr-btn fr-btn--secondary" onClick={cancel}>{m.pinCancel}</button>
                  </div>
                </div>
              </form>
            </div>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
