/**
 * The top of the screens that work on a PDF chosen in main's « Ouvrir » dialog (« Vérifier un
 * PDF », « Signer un document reçu »): title and way back, what the screen does, the open
 * button, and main's message when something failed (French, whatever the interface's language).
 */
export function OpenPdfHeader(props: {
  readonly heading: string;
  readonly back: string;
  readonly onBack: () => void;
  readonly intro: string;
  readonly openLabel: string;
  readonly openingLabel: string;
  /** An action is running; `opening` when it is the opening itself (nothing opened yet). */
  readonly busy: boolean;
  readonly opening: boolean;
  readonly onOpen: () => void;
  readonly error?: string;
}) {
  return (
    <>
      <div className="fr-grid-row fr-grid-row--middle fr-mb-3w">
        <h1 className="fr-h2 fr-mb-0 fr-col">{props.heading}</h1>
        <button type="button" className="fr-btn fr-btn--tertiary fr-icon-arrow-left-line fr-btn--icon-left" onClick={props.onBack}>{props.back}</button>
      </div>
      <p>{props.intro}</p>
      <button type="button" className="fr-btn fr-icon-file-pdf-line fr-btn--icon-left fr-mb-3w" disabled={props.busy} onClick={props.onOpen}>
        {props.opening ? props.openingLabel : props.openLabel}
      </button>
      {props.error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert"><p lang="fr">{props.error}</p></div>
      ) : null}
    </>
  );
}
