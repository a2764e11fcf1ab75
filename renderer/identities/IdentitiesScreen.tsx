import '../verify/verify.css';
import { useState, type ReactNode } from 'react';
import type { IdentityInfoDto } from '../../shared/ipc/channels/signing';
import { useI18n } from '../i18n/I18nProvider';
import { cardsMessages } from './cards-messages';
import { CardsSection } from './CardsSection';
import { identitiesMessages, type IdentitiesMessages } from './identities-messages';
import { useCards } from './use-cards';
import { useIdentities, type IdentitiesDone, type IdentitiesView, type TrustedCertificateDto } from './use-identities';
import { IdentityForms } from './IdentityForms';

/** The identities screen wired to main: the hooks hold the IPC, the screen only shows. */
export function IdentitiesPage(props: { onBack: () => void }) {
  const { lang } = useI18n();
  const h = useIdentities();
  const cards = useCards();
  const m = identitiesMessages[lang];
  return (
    <IdentitiesScreen
      m={m}
      view={h.view}
      cards={
        <CardsSection
          m={cardsMessages[lang]}
          view={cards.view}
          validFromTo={m.validFromTo}
          onRefresh={() => void cards.refresh()}
          onAddModule={() => void cards.addModule()}
          onRemoveModule={(mod) => void cards.removeModule(mod)}
        />
      }
      onImportP12={h.importP12}
      onCreateTest={h.createTest}
      onRemove={(i) => void h.remove(i)}
      onImportTrust={() => void h.importTrust()}
      onRemoveTrust={(c) => void h.removeTrust(c)}
      onBack={props.onBack}
    />
  );
}

function doneText(m: IdentitiesMessages, done: IdentitiesDone): string {
  switch (done.kind) {
    case 'imported': return m.imported(done.name);
    case 'created': return m.created(done.name);
    case 'removed': return m.removed(done.name);
    case 'trust-added': return m.trustAdded(done.name);
    case 'trust-removed': return m.trustRemoved(done.name);
    case 'cancelled': return m.cancelled;
  }
}

/** Lists identities and trusted authorities; import, test identity, removal after confirmation. */
export function IdentitiesScreen(props: {
  m: IdentitiesMessages;
  view: IdentitiesView;
  onImportP12: (password: string) => Promise<boolean | undefined>;
  onCreateTest: (name: string, org: string, password: string) => Promise<boolean | undefined>;
  onRemove: (identity: IdentityInfoDto) => void;
  onImportTrust: () => void;
  onRemoveTrust: (cert: TrustedCertificateDto) => void;
  onBack: () => void;
  /** The « Cartes et jetons » section, shown after the imported identities. */
  cards?: ReactNode;
}) {
  const { m, view } = props;
  // Which row asks « are you sure? »: `id:` for an identity, `ca:` for an authority.
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <>
      <div className="fr-grid-row fr-grid-row--middle fr-mb-3w">
        <h1 className="fr-h2 fr-mb-0 fr-col">{m.heading}</h1>
        <button type="button" className="fr-btn fr-btn--tertiary fr-icon-arrow-left-line fr-btn--icon-left" onClick={props.onBack}>{m.back}</button>
      </div>
      {view.error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert"><p>{view.error}</p></div>
      ) : null}
      <div role="status" className={view.done ? 'fr-alert fr-alert--sm fr-alert--success fr-mb-3w' : undefined}>
        {view.done ? <p>{doneText(m, view.done)}</p> : null}
      </div>

      <section aria-labelledby="identites-heading" className="fr-mb-6w">
        <h2 id="identites-heading" className="fr-h3">{m.identitiesHeading}</h2>
        {view.identities === null ? null : view.identities.length === 0 ? (
          <p>{m.noIdentity}</p>
        ) : (
          <div className="fr-table fr-table--no-caption-bottom">
            <table>
              <caption>{m.identitiesCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.holder}</th>
                  <th scope="col">{m.organisation}</th>
                  <th scope="col">{m.issuer}</th>
                  <th scope="col">{m.validity}</th>
                  <th scope="col">{m.actions}</th>
                </tr>
              </thead>
              <tbody>
                {view.identities.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      {i.certificate.commonName}
                      {i.isTest ? <> <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">{m.testBadge}</span></> : null}
                    </th>
                    <td>{i.certificate.organization ?? ''}</td>
                    <td>{i.certificate.issuerCommonName}</td>
                    <td>{m.validFromTo(i.certificate.notBefore, i.certificate.notAfter)}</td>
                    <td>
                      <RemoveWithConfirmation
                        id={i.id}
                        confirming={confirming === `id:${i.id}`}
                        onAsk={(ask) => setConfirming(ask ? `id:${i.id}` : null)}
                        onConfirm={() => props.onRemove(i)}
                        busy={view.busy}
                        texts={{ question: m.removeConfirm(i.certificate.commonName), confirm: m.removeConfirmButton, cancel: m.cancel, label: m.removeLabel(i.certificate.commonName), button: m.remove }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <IdentityForms m={m} busy={view.busy} onImportP12={props.onImportP12} onCreateTest={props.onCreateTest} />
      </section>

      {props.cards}

      <section aria-labelledby="confiance-heading">
        <h2 id="confiance-heading" className="fr-h3">{m.trustHeading}</h2>
        {view.trusted === null ? null : view.trusted.length === 0 ? (
          <p>{m.noTrust}</p>
        ) : (
          <div className="fr-table fr-table--no-caption-bottom">
            <table>
              <caption>{m.trustCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.authority}</th>
                  <th scope="col">{m.validity}</th>
                  <th scope="col">{m.fingerprint}</th>
                  <th scope="col">{m.actions}</th>
                </tr>
              </thead>
              <tbody>
                {view.trusted.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.certificate.commonName}
                      {c.certificate.organization ? <span className="fr-hint-text">{c.certificate.organization}</span> : null}
                    </th>
                    <td>{m.validFromTo(c.certificate.notBefore, c.certificate.notAfter)}</td>
                    <td><code className="paraphe-fingerprint">{c.certificate.sha256Fingerprint.slice(0, 23)}…</code></td>
                    <td>
                      <RemoveWithConfirmation
                        id={c.id}
                        confirming={confirming === `ca:${c.id}`}
                        onAsk={(ask) => setConfirming(ask ? `ca:${c.id}` : null)}
                        onConfirm={() => props.onRemoveTrust(c)}
                        busy={view.busy}
                        texts={{ question: m.trustRemoveConfirm(c.certificate.commonName), confirm: m.trustRemoveConfirmButton, cancel: m.cancel, label: m.trustRemoveLabel(c.certificate.commonName), button: m.trustRemove }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <button type="button" className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left" disabled={view.busy} onClick={props.onImportTrust}>{m.trustImport}</button>
      </section>
    </>
  );
}

interface RemoveWithConfirmationProps {
  readonly id: string;
  readonly confirming: boolean;
  /** true: show the question; false: back to the button. */
  readonly onAsk: (ask: boolean) => void;
  readonly onConfirm: () => void;
  readonly busy: boolean;
  readonly texts: { readonly question: string; readonly confirm: string; readonly cancel: string; readonly label: string; readonly button: string };
}

/** A removal that asks first, in place: the question takes the button's cell, « Annuler » has the focus. */
function RemoveWithConfirmation({ id, confirming, onAsk, onConfirm, busy, texts }: RemoveWithConfirmationProps) {
  if (!confirming) {
    return (
      <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left" aria-label={texts.label} disabled={busy} onClick={() => onAsk(true)}>
        {texts.button}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby={`confirm-${id}`}>
      <p id={`confirm-${id}`} className="fr-text--sm">{texts.question}</p>
      <div className="paraphe-actions">
        <button type="button" className="fr-btn fr-btn--sm" disabled={busy} onClick={() => { onAsk(false); onConfirm(); }}>{texts.confirm}</button>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" autoFocus onClick={() => onAsk(false)}>{texts.cancel}</button>
      </div>
    </div>
  );
}
