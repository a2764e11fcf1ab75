import { useEffect, useState, type DragEvent } from 'react';
import type { SignatureStateDto } from '../../../shared/ipc/channels/signing';
import { useSigning } from '../hooks/use-signing';
import { SigningOutcomeAlert } from '../components/SigningOutcomeAlert';
import { TaskProgress } from '../components/TaskProgress';
import { SigningDocument } from '../review/SigningDocument';
import { SigningDateNotice } from '../components/SigningDateNotice';
import { IdentityPicker, identityChosen, type IdentityChoice } from '../../identities/IdentityPicker';
import { useCardSigning } from '../../identities/use-card-signing';
import { useWizardText } from '../../i18n/use-wizard-text';

type FieldInfo = SignatureStateDto['fields'][number];

interface SignatureStepProps {
  readonly conventionId: string;
  /** Only a finalized convention is signed: its content is locked. */
  readonly finalized: boolean;
  readonly onGoFinalize: () => void;
  readonly onGoExport: () => void;
  /** Told where signing stands after each action (the wizard's banner follows it). */
  readonly onStatus?: (status: 'finalized' | 'signing' | 'signed') => void;
}

const byOrder = (a: FieldInfo, b: FieldInfo) => (a.order ?? 0) - (b.order ?? 0);

/**
 * Step 12: the signatories, in order. The next one signs on this workstation (identity and
 * password), or the PDF is sent to them (« Envoyer pour signature ») and the copy they signed
 * is imported back (« Importer un exemplaire signé », button or drop).
 */
export function SignatureStep({ conventionId, finalized, onGoFinalize, onGoExport, onStatus }: SignatureStepProps) {
  const { view: state, prepare, createTestIdentity, importIdentity, signNext, signNextWithCard, send, importCopy } = useSigning(conventionId);
  // Card keys beside the imported identities; a card's PIN is asked in its dialog when signing.
  const cardSigning = useCardSigning();
  const t = useWizardText();
  const [choice, setChoice] = useState<IdentityChoice>({ identityId: '', password: '' });
  const [importPassword, setImportPassword] = useState('');
  const [where, setWhere] = useState<'here' | 'send' | undefined>(undefined);
  const prepared = !!state.signature?.file;
  const fields = [...(state.signature?.fields ?? [])].sort(byOrder);
  const next = fields.find((f) => !f.signed);
  const awaiting = state.signature?.awaiting;
  const mode = where ?? (awaiting ? 'send' : 'here');
  const status = state.signature?.status;
  // A new signatory's turn: the choice starts again from where things stand (sent or not).
  useEffect(() => setWhere(undefined), [next?.name]);
  useEffect(() => {
    if (status && status !== 'draft') onStatus?.(status);
  }, [status, onStatus]);

  if (!state.signature && state.busy) return <p aria-busy="true">{t.loading}</p>;
  if (!finalized && !prepared) {
    return (
      <div className="fr-callout">
        <p className="fr-callout__text">{t.signLocked}</p>
        <button type="button" className="fr-btn" onClick={onGoFinalize}>
          {t.goFinalize}
        </button>
      </div>
    );
  }
  const nextName = next ? next.signatoryName ?? t.signatoryOrder(next.order ?? '') : '';
  return (
    <div>
      {cardSigning.modal}
      {state.error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm paraphe-spaced" role="alert">
          <p lang="fr">{state.error}</p>
        </div>
      ) : null}
      <SigningOutcomeAlert outcome={state.outcome} />
      {(state.error || state.outcome?.kind === 'signed') && t.frenchNote ? <p className="fr-hint-text">{t.frenchNote}</p> : null}
      <TaskProgress progress={state.progress} />
      {!prepared ? (
        <>
          <p>{t.prepareExplain}</p>
          <button type="button" className="fr-btn" disabled={state.busy} onClick={() => void prepare()}>
            {state.busy ? t.rendering : t.prepare}
          </button>
        </>
      ) : (
        <>
          <div className="fr-table fr-table--no-caption-bottom paraphe-spaced">
            <table>
              <caption>{t.signaturesCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colOrder}</th>
                  <th scope="col">{t.colSignatory}</th>
                  <th scope="col">{t.colParty}</th>
                  <th scope="col">{t.colState}</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((f) => (
                  <tr key={f.name}>
                    <td>{f.order ?? ''}</td>
                    <th scope="row">
                      {f.signatoryName ?? f.name}
                      {f.signatoryTitle ? <span className="fr-hint-text" lang="fr">{f.signatoryTitle}</span> : null}
                    </th>
                    <td lang="fr">{f.party ?? ''}</td>
                    <td>
                      {f.signed ? (
                        <span className="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">{t.signed}</span>
                      ) : f === next && awaiting ? (
                        <span className="fr-badge fr-badge--sm fr-badge--new fr-badge--no-icon">{t.sentBadge}</span>
                      ) : f === next ? (
                        <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">{t.signNow}</span>
                      ) : (
                        <span className="fr-badge fr-badge--sm fr-badge--no-icon">{t.waiting}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {awaiting ? (
            <div className="fr-notice fr-notice--info paraphe-spaced" data-testid="awaiting">
              <div className="fr-notice__body">
                <p className="fr-notice__title">{t.awaiting(awaiting.name, awaiting.sentAt)}</p>
              </div>
            </div>
          ) : null}
          {next ? (
            <section className="paraphe-box" aria-labelledby="prochaine-signature">
              <h3 id="prochaine-signature" className="fr-h5">{t.signingHeading(next.order ?? '', nextName)}</h3>
              <SigningDateNotice conventionId={conventionId} />
              <fieldset className="fr-fieldset" aria-labelledby="ou-signer">
                <legend className="fr-fieldset__legend fr-text--regular" id="ou-signer">{t.whereSigns(nextName)}</legend>
                {(['here', 'send'] as const).map((m) => (
                  <div className="fr-fieldset__element" key={m}>
                    <div className="fr-radio-group">
                      <input type="radio" id={`ou-signer-${m}`} name="ou-signer" checked={mode === m} onChange={() => setWhere(m)} />
                      <label className="fr-label" htmlFor={`ou-signer-${m}`}>
                        {m === 'here' ? t.signHere : t.sendForSignature}
                        <span className="fr-hint-text">{m === 'here' ? t.signHereHint : t.sendHint(nextName)}</span>
                      </label>
                    </div>
                  </div>
                ))}
              </fieldset>
              {mode === 'here' ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    const card = choice.card;
                    if (card) {
                      void cardSigning.askPin(card).then((pin) => pin !== null && signNextWithCard(card.ref, pin));
                      return;
                    }
                    void signNext(choice.identityId, choice.password).then((ok) => ok && setChoice((c) => ({ ...c, password: '' })));
                  }}
                >
                  <IdentityPicker idPrefix="signature" identities={state.identities} value={choice} onChange={setChoice} texts={t} cards={cardSigning.cards} cardTexts={cardSigning.texts} expectedName={next.signatoryName} />
                  <button type="submit" className="fr-btn" disabled={state.busy || !identityChosen(choice)}>
                    {state.busy ? t.signingBusy : t.signAs(nextName)}
                  </button>
                </form>
              ) : (
                <button type="button" className="fr-btn fr-icon-send-plane-line fr-btn--icon-left" disabled={state.busy} onClick={() => void send()}>
                  {t.sendButton(nextName)}
                </button>
              )}
            </section>
          ) : (
            <div className="fr-alert fr-alert--success paraphe-spaced">
              <h3 className="fr-alert__title">{t.allSigned}</h3>
              <p>
                <button type="button" className="fr-btn fr-btn--secondary fr-mt-1w" onClick={onGoExport}>
                  {t.verifyAndExport}
                </button>
              </p>
            </div>
          )}
          {next ? <ImportCopy busy={state.busy} onImport={(file) => void importCopy(file)} /> : null}
          <div className="fr-callout paraphe-spaced">
            <h3 className="fr-callout__title fr-h6">{t.roundTitle}</h3>
            <p className="fr-callout__text fr-text--sm">{t.roundText}</p>
          </div>
          <SigningDocument conventionId={conventionId} sha256={state.signature?.file?.sha256} />
          {next && mode === 'here' ? (
            <>
          <details className="paraphe-box">
            <summary>{t.importIdentity}</summary>
            <form
              className="fr-mt-1w"
              onSubmit={(e) => {
                e.preventDefault();
                void importIdentity(importPassword).then((id) => {
                  if (id) setChoice({ identityId: id, password: '' });
                  setImportPassword('');
                });
              }}
            >
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="import-id-mdp">
                  {t.filePassword}
                  <span className="fr-hint-text">{t.filePasswordHint}</span>
                </label>
                <input id="import-id-mdp" className="fr-input" type="password" autoComplete="off" value={importPassword} onChange={(e) => setImportPassword(e.target.value)} required />
              </div>
              <button type="submit" className="fr-btn fr-btn--secondary" disabled={state.busy}>
                {t.chooseAndImport}
              </button>
            </form>
          </details>
          <TestIdentityForm busy={state.busy} onCreate={async (n, o, p) => {
            const id = await createTestIdentity(n, o, p);
            if (id) setChoice({ identityId: id, password: '' });
          }} />
            </>
          ) : null}
        </>
      )}
    </div>
  );
}

/** « Importer un exemplaire signé »: a button (main's dialog) and a zone to drop the PDF on. */
function ImportCopy({ busy, onImport }: { busy: boolean; onImport: (file?: File) => void }) {
  const t = useWizardText();
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = [...e.dataTransfer.files].find((f) => f.name.toLowerCase().endsWith('.pdf') || f.type === 'application/pdf');
    if (file && !busy) onImport(file);
  };
  return (
    <section
      className={`paraphe-box paraphe-dropzone${over ? ' paraphe-dropzone--over' : ''}`}
      aria-labelledby="importer-exemplaire"
      data-testid="import-copy"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h3 id="importer-exemplaire" className="fr-h5">{t.importCopyTitle}</h3>
      <p className="fr-text--sm">{t.importCopyText}</p>
      <button type="button" className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" disabled={busy} onClick={() => onImport()}>
        {t.importCopyButton}
      </button>
      <p className="fr-hint-text fr-mt-1w">{t.importCopyDrop}</p>
    </section>
  );
}

/** Makes a self-signed identity for trying Paraphe (never for a real signature). */
function TestIdentityForm({ busy, onCreate }: { busy: boolean; onCreate: (name: string, org: string, password: string) => Promise<void> }) {
  const [name, setName] = useState('');
  const [org, setOrg] = useState('');
  const [password, setPassword] = useState('');
  const t = useWizardText();
  return (
    <details className="paraphe-box">
      <summary>{t.createTestIdentity}</summary>
      <p className="fr-text--sm fr-mt-1w">{t.testIdentityWarning}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void onCreate(name, org, password).then(() => {
            setName('');
            setOrg('');
            setPassword('');
          });
        }}
      >
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="test-id-nom">{t.holderName}</label>
          <input id="test-id-nom" className="fr-input" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="test-id-org">{t.organisation}</label>
          <input id="test-id-org" className="fr-input" value={org} onChange={(e) => setOrg(e.target.value)} required />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="test-id-mdp">
            {t.password}
            <span className="fr-hint-text">{t.passwordHint}</span>
          </label>
          <input id="test-id-mdp" className="fr-input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary" disabled={busy}>
          {t.createTestIdentityButton}
        </button>
      </form>
    </details>
  );
}
