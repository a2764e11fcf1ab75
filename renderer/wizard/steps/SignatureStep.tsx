import { useEffect, useState } from 'react';
import type { SignatureStateDto } from '../../../shared/ipc/channels/signing';
import { useSigning } from '../hooks/use-signing';
import { SigningOutcomeAlert } from '../components/SigningOutcomeAlert';
import { TaskProgress } from '../components/TaskProgress';
import { useWizardText } from '../../i18n/use-wizard-text';

type FieldInfo = SignatureStateDto['fields'][number];

interface SignatureStepProps {
  readonly conventionId: string;
  /** Only a finalized convention is signed: its content is locked. */
  readonly finalized: boolean;
  readonly onGoFinalize: () => void;
  readonly onGoExport: () => void;
}

const byOrder = (a: FieldInfo, b: FieldInfo) => (a.order ?? 0) - (b.order ?? 0);

/** Step 12: each signatory, in order, chooses an identity, types its password and signs. */
export function SignatureStep({ conventionId, finalized, onGoFinalize, onGoExport }: SignatureStepProps) {
  const { view: state, prepare, createTestIdentity, importIdentity, signNext } = useSigning(conventionId);
  const t = useWizardText();
  const [identityId, setIdentityId] = useState('');
  const [password, setPassword] = useState('');
  const [importPassword, setImportPassword] = useState('');
  const prepared = !!state.signature?.file;
  const fields = [...(state.signature?.fields ?? [])].sort(byOrder);
  const next = fields.find((f) => !f.signed);
  useEffect(() => {
    if (!identityId && state.identities[0]) setIdentityId(state.identities[0].id);
  }, [state.identities, identityId]);

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
  return (
    <div>
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
          {next ? (
            <form
              className="paraphe-box"
              onSubmit={(e) => {
                e.preventDefault();
                void signNext(identityId, password).then((ok) => ok && setPassword(''));
              }}
            >
              <h3 className="fr-h5">{t.signingHeading(next.order ?? '', next.signatoryName ?? '')}</h3>
              <div className="fr-select-group">
                <label className="fr-label" htmlFor="signature-identite">{t.identity}</label>
                <select id="signature-identite" className="fr-select" value={identityId} onChange={(e) => setIdentityId(e.target.value)} required>
                  <option value="" disabled>
                    {state.identities.length ? t.chooseIdentity : t.noIdentity}
                  </option>
                  {state.identities.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.certificate.commonName}
                      {i.certificate.organization ? ` (${i.certificate.organization})` : ''}
                      {i.isTest ? t.testIdentitySuffix : ''}
                    </option>
                  ))}
                </select>
              </div>
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="signature-mot-de-passe">{t.identityPassword}</label>
                <input id="signature-mot-de-passe" className="fr-input" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} required />
              </div>
              <button type="submit" className="fr-btn" disabled={state.busy || !identityId || !password}>
                {state.busy ? t.signingBusy : t.signAs(next.signatoryName ?? t.signatoryOrder(next.order ?? ''))}
              </button>
            </form>
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
          {next ? (
            <>
          <details className="paraphe-box">
            <summary>{t.importIdentity}</summary>
            <form
              className="fr-mt-1w"
              onSubmit={(e) => {
                e.preventDefault();
                void importIdentity(importPassword).then((id) => {
                  if (id) setIdentityId(id);
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
            if (id) setIdentityId(id);
          }} />
            </>
          ) : null}
        </>
      )}
    </div>
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
