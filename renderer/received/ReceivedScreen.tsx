import '../verify/verify.css';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { CardKeyRefDto } from '../../shared/ipc/channels/pkcs11';
import { IdentityPicker, identityChosen, type IdentityChoice } from '../identities/IdentityPicker';
import { useCardSigning, type CardSigning } from '../identities/use-card-signing';
import { SignatureReportView } from '../verify/SignatureReportView';
import { verifyMessages } from '../verify/verify-messages';
import { PdfViewer } from '../wizard/review/PdfViewer';
import { receivedMessages, type ReceivedMessages } from './received-messages';
import { useReceived, type ReceivedView } from './use-received';
import { OpenPdfHeader } from '../common/OpenPdfHeader';

const ZOOMS = [0.6, 0.8, 1, 1.3, 1.6, 2] as const;

/** « Signer un document reçu », wired to main: the hook holds the IPC, the screen only shows. */
export function ReceivedPage(props: { onBack: () => void }) {
  const { lang } = useI18n();
  const { view, open, sign, signWithCard } = useReceived();
  // Card keys beside the imported identities; a card's PIN is asked in its dialog when signing.
  const cards = useCardSigning();
  return <ReceivedScreen m={receivedMessages[lang]} lang={lang} view={view} onOpen={() => void open()} onSign={sign} onSignWithCard={signWithCard} cards={cards} onBack={props.onBack} />;
}

/**
 * A PDF received for signature, on any workstation with Paraphe (no convention needed): the
 * document (pdf.js, every page, zoom), the signatures already in it, whose turn it is, and the
 * form to sign the next field; the result is saved beside the received file, never over it.
 */
export function ReceivedScreen(props: {
  m: ReceivedMessages;
  lang: 'fr' | 'en';
  view: ReceivedView;
  onOpen: () => void;
  onSign: (identityId: string, password: string, fieldName?: string) => Promise<boolean | undefined>;
  /** Signing with a card key (the PIN asked in `cards`' dialog); absent: imported identities only. */
  onSignWithCard?: (card: CardKeyRefDto, pin: string | undefined, fieldName?: string) => Promise<boolean | undefined>;
  cards?: CardSigning;
  onBack: () => void;
}) {
  const { m, view } = props;
  const doc = view.opened;
  const [choice, setChoice] = useState<IdentityChoice>({ identityId: '', password: '' });
  const [field, setField] = useState('');
  const [zoom, setZoom] = useState(3); // 130 %, as the wizard's preview
  // A new document (or the one just signed): the next field in order is chosen again.
  useEffect(() => setField(doc?.next?.name ?? ''), [doc?.fileId, doc?.fileName, doc?.next?.name]);
  const nothingLeft = !!doc && !doc.next && doc.ordered;
  return (
    <>
      {props.cards?.modal}
      <OpenPdfHeader heading={m.heading} back={m.back} onBack={props.onBack} intro={m.intro} openLabel={m.open} openingLabel={m.opening}
        busy={view.busy} opening={view.busy && !doc} onOpen={props.onOpen} error={view.error} />
      <div role="status" className={view.done ? `fr-alert fr-alert--sm fr-mb-3w ${view.done.kind === 'signed' ? (view.done.notice ? 'fr-alert--warning' : 'fr-alert--success') : 'fr-alert--info'}` : undefined}>
        {view.done?.kind === 'signed' ? (
          <>
            <p>{m.signed(view.done.fileName, view.done.signer, view.done.onBehalfOf)} {m.sendBack}</p>
            <p className="fr-text--sm" lang="fr">{view.done.trustMessage}</p>
            {view.done.level ? <p className="fr-text--sm">{m.level(view.done.level)}</p> : null}
            {/* The settings' level could not be reached (no TSA answer): said where the outcome is. */}
            {view.done.notice ? <p className="fr-text--sm fr-text--bold" lang="fr">{view.done.notice}</p> : null}
          </>
        ) : view.done ? (
          <p>{m.cancelled}</p>
        ) : null}
      </div>
      {doc ? (
        <>
          <p className="fr-text--lead" data-testid="received-file">{m.file(doc.fileName)}</p>
          <section className="paraphe-verify-box" aria-labelledby="received-turn">
            <h2 id="received-turn" className="fr-h4">{m.turnHeading}</h2>
            {nothingLeft ? (
              <p data-testid="turn">{m.allSigned}</p>
            ) : (
              <>
                {doc.next ? <p className="fr-text--bold" data-testid="turn">{m.turn(doc.next.order, doc.next.signatoryName ?? doc.next.name)}</p> : null}
                {doc.next?.signatoryTitle ? <p className="fr-hint-text" lang="fr">{doc.next.signatoryTitle}{doc.next.party ? `, ${doc.next.party}` : ''}</p> : null}
                {!doc.ordered ? <p>{doc.choices.length ? m.notParaphe : m.noEmptyField}</p> : null}
                <form
                  aria-labelledby="received-sign"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const card = choice.card;
                    if (card && props.cards && props.onSignWithCard) {
                      const signWithCard = props.onSignWithCard;
                      void props.cards.askPin(card).then((pin) => pin !== null && signWithCard(card.ref, pin, field || undefined));
                      return;
                    }
                    void props.onSign(choice.identityId, choice.password, field || undefined).then((ok) => ok && setChoice((c) => ({ ...c, password: '' })));
                  }}
                >
                  <h3 id="received-sign" className="fr-h5">{m.signHeading}</h3>
                  {doc.choices.length > 1 ? (
                    <div className="fr-select-group">
                      <label className="fr-label" htmlFor="received-field">
                        {m.fieldLabel}
                        <span className="fr-hint-text">{m.fieldHint}</span>
                      </label>
                      <select id="received-field" className="fr-select" value={field} onChange={(e) => setField(e.target.value)}>
                        {doc.choices.map((f) => (
                          <option key={f.name} value={f.name}>{m.fieldOption(f.order, f.signatoryName ?? f.name)}</option>
                        ))}
                      </select>
                    </div>
                  ) : null}
                  <IdentityPicker idPrefix="received" identities={view.identities} value={choice} onChange={setChoice} texts={m} cards={props.cards?.cards} cardTexts={props.cards?.texts} expectedName={(doc.choices.find((f) => f.name === field) ?? doc.next)?.signatoryName} />
                  <button type="submit" className="fr-btn" disabled={view.busy || !identityChosen(choice)}>
                    {view.busy ? m.signing : m.signButton}
                  </button>
                </form>
              </>
            )}
          </section>
          <h2 className="fr-h4 fr-mt-4w">{m.verificationHeading}</h2>
          <SignatureReportView m={verifyMessages[props.lang]} report={doc.report} />
          <section aria-labelledby="received-document" className="fr-mt-4w">
            <div className="fr-grid-row fr-grid-row--middle">
              <h2 id="received-document" className="fr-h4 fr-mb-0 fr-col">{m.documentHeading}</h2>
              <div className="paraphe-actions">
                <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" title={m.zoomOutTitle} disabled={zoom === 0} onClick={() => setZoom((z) => Math.max(0, z - 1))}>{m.zoomOut}</button>
                <span className="fr-text--sm fr-mb-0" aria-live="polite">{m.zoomLevel(Math.round(ZOOMS[zoom]! * 100))}</span>
                <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" title={m.zoomInTitle} disabled={zoom === ZOOMS.length - 1} onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))}>{m.zoomIn}</button>
              </div>
            </div>
            <PdfViewer bytes={doc.bytes} label={m.documentLabel(doc.fileName)} scale={ZOOMS[zoom]} />
          </section>
        </>
      ) : null}
    </>
  );
}
