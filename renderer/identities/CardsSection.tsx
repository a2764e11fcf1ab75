import type { CardIdentityDto, CardModuleDto, CardTokenDto } from '../../shared/ipc/channels/pkcs11';
import type { CardsMessages } from './cards-messages';
import type { CardsDone, CardsView } from './use-cards';

function doneText(m: CardsMessages, done: CardsDone): string {
  switch (done.kind) {
    case 'module-added': return m.moduleAddedDone(done.name);
    case 'module-removed': return m.moduleRemovedDone(done.name);
    case 'cancelled': return m.cancelled;
  }
}

/** The token's PIN state as a DSFR badge, when there is something to say. */
function PinBadge({ m, token }: { m: CardsMessages; token: CardTokenDto }) {
  const [text, tone] = token.pin.locked
    ? [m.pinLocked, 'error']
    : token.pin.finalTry
      ? [m.pinFinalTry, 'warning']
      : token.pin.countLow
        ? [m.pinLow, 'warning']
        : token.protectedAuthPath
          ? [m.pinPad, 'info']
          : [undefined, undefined];
  return text ? <span className={`fr-badge fr-badge--sm fr-badge--${tone}`}>{text}</span> : null;
}

function stateOf(m: CardsMessages, i: CardIdentityDto): string {
  if (!i.canSign) return i.problem ?? '';
  return i.privateKey === 'unknown' ? m.keyUnknown : m.canSign;
}

/**
 * « Cartes et jetons »: the card middlewares found on this computer or added by the user, the
 * cards they see now, and each card's signing certificates (those that can only encrypt or
 * authenticate are left out by main). Nothing secret is shown or asked here.
 */
export function CardsSection(props: {
  m: CardsMessages;
  view: CardsView;
  validFromTo: (from: string, to: string) => string;
  onRefresh: () => void;
  onAddModule: () => void;
  onRemoveModule: (module: CardModuleDto) => void;
}) {
  const { m, view } = props;
  return (
    <section aria-labelledby="cartes-heading" className="fr-mb-6w">
      <h2 id="cartes-heading" className="fr-h3">{m.heading}</h2>
      <p>{m.intro}</p>
      {view.error ? <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{view.error}</p></div> : null}
      <div role="status" className={view.done ? 'fr-alert fr-alert--sm fr-alert--success fr-mb-2w' : undefined}>
        {view.done ? <p>{doneText(m, view.done)}</p> : null}
      </div>
      {view.modules === null ? null : view.modules.length === 0 ? <p>{m.noModule}</p> : null}
      {(view.modules ?? []).map((mod) => (
        <div key={mod.id} className="fr-mb-3w">
          <h3 className="fr-h5 fr-mb-1v">
            {mod.name}{' '}
            <span className="fr-badge fr-badge--sm fr-badge--no-icon">{mod.source === 'known' ? m.moduleFound : m.moduleAdded}</span>
          </h3>
          <p className="fr-text--xs fr-mb-1w"><code>{mod.path}</code></p>
          {mod.source === 'user' ? (
            <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left fr-mb-1w" aria-label={m.removeModuleLabel(mod.name)} disabled={view.busy} onClick={() => props.onRemoveModule(mod)}>
              {m.removeModule}
            </button>
          ) : null}
          {mod.error ? (
            <div className="fr-alert fr-alert--warning fr-alert--sm"><p>{mod.error.message}</p></div>
          ) : mod.tokens.length === 0 ? (
            <p className="fr-text--sm">{m.noToken}</p>
          ) : (
            mod.tokens.map((t) => <TokenTable key={t.token} m={m} token={t} validFromTo={props.validFromTo} />)
          )}
        </div>
      ))}
      <div className="fr-btns-group fr-btns-group--inline-md">
        <button type="button" className="fr-btn fr-btn--secondary fr-icon-refresh-line fr-btn--icon-left" disabled={view.busy} onClick={props.onRefresh}>{m.refresh}</button>
        <button type="button" className="fr-btn fr-btn--tertiary fr-icon-add-line fr-btn--icon-left" disabled={view.busy} onClick={props.onAddModule}>{m.addModule}</button>
      </div>
    </section>
  );
}

function TokenTable({ m, token, validFromTo }: { m: CardsMessages; token: CardTokenDto; validFromTo: (from: string, to: string) => string }) {
  return (
    <div className="fr-table fr-table--no-caption-bottom fr-mb-2w">
      <table>
        <caption>
          {m.tokenCaption(token.label)} <span className="fr-hint-text">{[token.manufacturer, token.model, token.serial].filter(Boolean).join(' · ')}</span> <PinBadge m={m} token={token} />
        </caption>
        {token.identities.length === 0 ? null : (
          <thead>
            <tr>
              <th scope="col">{m.holder}</th>
              <th scope="col">{m.issuer}</th>
              <th scope="col">{m.validity}</th>
              <th scope="col">{m.usage}</th>
              <th scope="col">{m.state}</th>
            </tr>
          </thead>
        )}
        <tbody>
          {token.identities.length === 0 ? (
            <tr><td>{m.noCertificate}</td></tr>
          ) : (
            token.identities.map((i) => (
              <tr key={i.keyId}>
                <th scope="row">
                  {i.certificate ? i.certificate.commonName : m.keyWithoutCertificate(i.label ?? i.keyId)}
                  {i.certificate?.organization ? <span className="fr-hint-text">{i.certificate.organization}</span> : null}
                </th>
                <td>{i.certificate?.issuerCommonName ?? ''}</td>
                <td>{i.certificate ? validFromTo(i.certificate.notBefore, i.certificate.notAfter) : ''}</td>
                <td>{i.certificate?.keyUsage.join(', ') ?? ''}</td>
                <td>
                  {i.canSign ? <span className="fr-badge fr-badge--sm fr-badge--success">{stateOf(m, i)}</span> : <span className="fr-text--sm fr-icon-warning-line fr-icon--sm">{' '}{stateOf(m, i)}</span>}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
