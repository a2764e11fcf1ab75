import { useState } from 'react';
import type { IdentitiesMessages } from './identities-messages';

/** Import of a .p12 (main's dialog picks the file) and creation of a test identity. */
export function IdentityForms(props: {
  m: IdentitiesMessages;
  busy: boolean;
  onImportP12: (password: string) => Promise<boolean | undefined>;
  onCreateTest: (name: string, org: string, password: string) => Promise<boolean | undefined>;
}) {
  const { m } = props;
  const [importPassword, setImportPassword] = useState('');
  const [name, setName] = useState('');
  const [org, setOrg] = useState('');
  const [password, setPassword] = useState('');
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-mt-2w">
      <form
        className="fr-col-12 fr-col-md-6"
        aria-labelledby="importer-p12-heading"
        onSubmit={(e) => {
          e.preventDefault();
          void props.onImportP12(importPassword).then((ok) => ok && setImportPassword(''));
        }}
      >
        <h3 id="importer-p12-heading" className="fr-h5">{m.importHeading}</h3>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="importer-p12-mot-de-passe">
            {m.importPassword}
            <span className="fr-hint-text">{m.importPasswordHint}</span>
          </label>
          <input id="importer-p12-mot-de-passe" className="fr-input" type="password" autoComplete="off" value={importPassword} onChange={(e) => setImportPassword(e.target.value)} required />
        </div>
        <button type="submit" className="fr-btn fr-icon-upload-line fr-btn--icon-left" disabled={props.busy || !importPassword}>{m.importButton}</button>
      </form>
      <form
        className="fr-col-12 fr-col-md-6"
        aria-labelledby="creer-test-heading"
        onSubmit={(e) => {
          e.preventDefault();
          void props.onCreateTest(name.trim(), org.trim(), password).then((ok) => {
            if (ok) {
              setName('');
              setOrg('');
              setPassword('');
            }
          });
        }}
      >
        <h3 id="creer-test-heading" className="fr-h5">{m.createHeading}</h3>
        <p className="fr-text--sm">{m.createHint}</p>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="creer-test-nom">{m.createName}</label>
          <input id="creer-test-nom" className="fr-input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="creer-test-org">{m.createOrg}</label>
          <input id="creer-test-org" className="fr-input" value={org} maxLength={200} onChange={(e) => setOrg(e.target.value)} required />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="creer-test-mot-de-passe">{m.createPassword}</label>
          <input id="creer-test-mot-de-passe" className="fr-input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary" disabled={props.busy || !name.trim() || !org.trim() || !password}>{m.createButton}</button>
      </form>
    </div>
  );
}
