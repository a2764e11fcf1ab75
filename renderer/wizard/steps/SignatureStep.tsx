import { useEffect, useState } from 'react';
import type { SignatureStateDto } from '../../../shared/ipc/channels/signing';
import { useSigning } from '../hooks/use-signing';

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
  const [identityId, setIdentityId] = useState('');
  const [password, setPassword] = useState('');
  const [importPassword, setImportPassword] = useState('');
  const prepared = !!state.signature?.file;
  const fields = [...(state.signature?.fields ?? [])].sort(byOrder);
  const next = fields.find((f) => !f.signed);
  useEffect(() => {
    if (!identityId && state.identities[0]) setIdentityId(state.identities[0].id);
  }, [state.identities, identityId]);

  if (!state.signature && state.busy) return <p aria-busy="true">Chargement…</p>;
  if (!finalized && !prepared) {
    return (
      <div className="fr-callout">
        <p className="fr-callout__text">On signe le contenu verrouillé : finalisez d’abord la convention.</p>
        <button type="button" className="fr-btn" onClick={onGoFinalize}>
          Aller à la finalisation
        </button>
      </div>
    );
  }
  return (
    <div>
      {state.error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm paraphe-spaced" role="alert">
          <p>{state.error}</p>
        </div>
      ) : null}
      {state.message ? (
        <div className="fr-alert fr-alert--success fr-alert--sm paraphe-spaced" role="status">
          <p>{state.message}</p>
        </div>
      ) : null}
      {!prepared ? (
        <>
          <p>Paraphe génère le PDF de la convention finalisée, avec un champ de signature par signataire, dans l’ordre.</p>
          <button type="button" className="fr-btn" disabled={state.busy} onClick={() => void prepare()}>
            {state.busy ? 'Génération du PDF…' : 'Préparer le PDF à signer'}
          </button>
        </>
      ) : (
        <>
          <div className="fr-table fr-table--no-caption-bottom paraphe-spaced">
            <table>
              <caption>Signatures, dans l’ordre</caption>
              <thead>
                <tr>
                  <th scope="col">Ordre</th>
                  <th scope="col">Signataire</th>
                  <th scope="col">Partie</th>
                  <th scope="col">État</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((f) => (
                  <tr key={f.name}>
                    <td>{f.order ?? ''}</td>
                    <th scope="row">
                      {f.signatoryName ?? f.name}
                      {f.signatoryTitle ? <span className="fr-hint-text">{f.signatoryTitle}</span> : null}
                    </th>
                    <td>{f.party ?? ''}</td>
                    <td>
                      {f.signed ? (
                        <span className="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">Signé</span>
                      ) : f === next ? (
                        <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">À signer maintenant</span>
                      ) : (
                        <span className="fr-badge fr-badge--sm fr-badge--no-icon">En attente</span>
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
              <h3 className="fr-h5">Signature {next.order} : {next.signatoryName}</h3>
              <div className="fr-select-group">
                <label className="fr-label" htmlFor="signature-identite">Identité de signature</label>
                <select id="signature-identite" className="fr-select" value={identityId} onChange={(e) => setIdentityId(e.target.value)} required>
                  <option value="" disabled>
                    {state.identities.length ? 'Choisissez une identité' : 'Aucune identité : créez-en une ci-dessous'}
                  </option>
                  {state.identities.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.certificate.commonName}
                      {i.certificate.organization ? ` (${i.certificate.organization})` : ''}
                      {i.isTest ? ' — identité de test' : ''}
                    </option>
                  ))}
                </select>
              </div>
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="signature-mot-de-passe">Mot de passe de l’identité</label>
                <input id="signature-mot-de-passe" className="fr-input" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} required />
              </div>
              <button type="submit" className="fr-btn" disabled={state.busy || !identityId || !password}>
                {state.busy ? 'Signature en cours…' : `Signer en tant que ${next.signatoryName ?? `signataire ${next.order}`}`}
              </button>
            </form>
          ) : (
            <div className="fr-alert fr-alert--success paraphe-spaced">
              <h3 className="fr-alert__title">Toutes les signatures sont apposées</h3>
              <p>
                <button type="button" className="fr-btn fr-btn--secondary fr-mt-1w" onClick={onGoExport}>
                  Vérifier et exporter
                </button>
              </p>
            </div>
          )}
          {next ? (
            <>
          <details className="paraphe-box">
            <summary>Importer une identité (.p12, .pfx)</summary>
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
                  Mot de passe du fichier
                  <span className="fr-hint-text">Paraphe vous demandera ensuite de choisir le fichier.</span>
                </label>
                <input id="import-id-mdp" className="fr-input" type="password" autoComplete="off" value={importPassword} onChange={(e) => setImportPassword(e.target.value)} required />
              </div>
              <button type="submit" className="fr-btn fr-btn--secondary" disabled={state.busy}>
                Choisir le fichier et importer
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
  return (
    <details className="paraphe-box">
      <summary>Créer une identité de test</summary>
      <p className="fr-text--sm fr-mt-1w">Une identité de test n’a aucune valeur juridique : elle sert à essayer la signature.</p>
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
          <label className="fr-label" htmlFor="test-id-nom">Nom du titulaire</label>
          <input id="test-id-nom" className="fr-input" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="test-id-org">Organisation</label>
          <input id="test-id-org" className="fr-input" value={org} onChange={(e) => setOrg(e.target.value)} required />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="test-id-mdp">
            Mot de passe
            <span className="fr-hint-text">Au moins 4 caractères ; il protège la clé de cette identité.</span>
          </label>
          <input id="test-id-mdp" className="fr-input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary" disabled={busy}>
          Créer l’identité de test
        </button>
      </form>
    </details>
  );
}
